import { useEffect, useMemo, useState } from 'react';
import { useConsole } from '../console-context.ts';
import { parseMetrics, type MetricsSummary } from '../lib/metrics.ts';
import type { ConversationView, Owner } from '../lib/types.ts';
import { useStoreSnapshot } from '../lib/use-store.ts';

const OWNERS: Owner[] = ['queue', 'human', 'ai', 'closed'];
/** How often the lists of every owner (for handovers by reason and breaches) are read again. */
const LISTS_EVERY_MS = 30_000;
/** How often teams and agents are read again without anything happening on the stream. */
const DIRECTORY_EVERY_MS = 5_000;

export interface SupervisorData {
  /** Every conversation listed (each owner up to 500, the most recently updated), merged with the live ones. */
  conversations: ConversationView[];
  metrics: MetricsSummary | null;
  listedAt: number | null;
}

/**
 * What the supervisor view reads: teams and agents (the console reads them again on every change the stream brings;
 * here also every few seconds), every owner's conversations (every 30 s, with the live store's newer states on top), and /metrics.
 */
export function useSupervisorData(): SupervisorData {
  const { api, store, refreshDirectory } = useConsole();
  const { conversations: live } = useStoreSnapshot(store);
  const [listed, setListed] = useState<Map<string, ConversationView>>(new Map());
  const [listedAt, setListedAt] = useState<number | null>(null);
  const [metrics, setMetrics] = useState<MetricsSummary | null>(null);

  useEffect(() => {
    let cancelled = false;
    const load = async () => {
      try {
        const lists = await Promise.all(OWNERS.map((owner) => api.conversations(owner, 500)));
        if (cancelled) return;
        setListed(new Map(lists.flat().map((c) => [c.id, c])));
        setListedAt(Date.now());
      } catch {
        // shown from the live store alone until the next try
      }
      try {
        const text = await api.metrics();
        if (!cancelled) setMetrics(parseMetrics(text));
      } catch {
        // /metrics may be closed to browsers: the view does without
      }
    };
    void load();
    const timer = setInterval(load, LISTS_EVERY_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [api]);

  useEffect(() => {
    const timer = setInterval(() => void refreshDirectory().catch(() => {}), DIRECTORY_EVERY_MS);
    return () => clearInterval(timer);
  }, [refreshDirectory]);

  const conversations = useMemo(() => {
    const merged = new Map(listed);
    for (const [id, view] of live) {
      const older = merged.get(id);
      if (!older || older.state.lastSeq <= view.state.lastSeq) merged.set(id, { ...older, ...view, customer: view.customer ?? older?.customer });
    }
    return [...merged.values()];
  }, [listed, live]);

  return { conversations, metrics, listedAt };
}
