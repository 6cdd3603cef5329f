import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConversationView } from './types.ts';

export interface TakenItem {
  /** The conversation as it last waited. */
  view: ConversationView;
  takenBy: string;
  until: number;
}

/** How long a conversation someone else took stays in the queue, saying who took it. */
const LINGER_MS = 3000;
/** How long it stays once the agent tried to claim it anyway (so they can read the answer). */
const KEEP_MS = 10_000;

/**
 * Waiting conversations another agent just took: they stay a moment in the queue saying who has them, rather than
 * vanishing under the agent's pointer (a Claim clicked then is answered 409 with the same news).
 */
export function useRecentlyTaken(conversations: ReadonlyMap<string, ConversationView>, myId: string): { taken: ReadonlyMap<string, TakenItem>; keep: (id: string) => void } {
  const [taken, setTaken] = useState<ReadonlyMap<string, TakenItem>>(new Map());
  const waiting = useRef(new Map<string, ConversationView>());

  useEffect(() => {
    const now = Date.now();
    const next = new Map<string, ConversationView>();
    for (const c of conversations.values()) if (c.state.owner === 'queue') next.set(c.id, c);
    const added: [string, TakenItem][] = [];
    for (const [id, view] of waiting.current) {
      if (next.has(id)) continue;
      const current = conversations.get(id);
      if (current?.state.owner === 'human' && current.state.agentId !== myId) {
        added.push([id, { view, takenBy: current.state.agent?.name ?? 'Another agent', until: now + LINGER_MS }]);
      }
    }
    waiting.current = next;
    setTaken((old) => {
      const kept = [...old].filter(([id, item]) => item.until > now && !next.has(id));
      if (added.length === 0 && kept.length === old.size) return old;
      return new Map([...kept, ...added]);
    });
  }, [conversations, myId]);

  const keep = useCallback((id: string) => {
    setTaken((old) => {
      const item = old.get(id);
      if (!item) return old;
      return new Map(old).set(id, { ...item, until: Date.now() + KEEP_MS });
    });
  }, []);

  return { taken, keep };
}
