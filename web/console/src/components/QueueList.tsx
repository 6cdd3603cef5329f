import { useConsole } from '../console-context.ts';
import { PRIORITY_RANK, teamName } from '../lib/format.ts';
import { useNow } from '../lib/use-now.ts';
import { useRecentlyTaken } from '../lib/use-recently-taken.ts';
import { useStoreSnapshot } from '../lib/use-store.ts';
import type { ConversationView } from '../lib/types.ts';
import { QueueItem } from './QueueItem.tsx';

/** The queues of the agent's teams (supervisors: every team), each waiting conversation with a Claim button. */
export function QueueList() {
  const { store, me, teams, teamNames } = useConsole();
  const { conversations, loaded } = useStoreSnapshot(store);
  const now = useNow();
  const { taken, keep } = useRecentlyTaken(conversations, me.id);

  const byTeam = new Map<string, ConversationView[]>();
  const add = (c: ConversationView) => {
    const team = c.state.team ?? 'general';
    byTeam.set(team, [...(byTeam.get(team) ?? []), c]);
  };
  for (const c of conversations.values()) if (c.state.owner === 'queue') add(c);
  // Just taken by someone else: shown a moment longer, saying who has it.
  const lingering = [...taken.values()].filter((t) => t.until > now);
  for (const t of lingering) add(t.view);
  // The agent's own teams always show, empty or not; others only while something waits there.
  const teamIds = [...new Set([...(me.role === 'agent' ? me.teams : teams.map((t) => t.id)), ...byTeam.keys()])];
  const total = [...byTeam.values()].reduce((n, list) => n + list.length, 0) - lingering.length;

  return (
    <section className="panel" data-testid="queue" aria-labelledby="queue-title">
      <h2 id="queue-title">
        Queues <span className="count">{total}</span>
      </h2>
      {!loaded && <p className="muted small">Loading…</p>}
      {teamIds.map((teamId) => {
        const waiting = (byTeam.get(teamId) ?? []).sort(inLineOrder);
        const count = waiting.filter((c) => !taken.has(c.id) || conversations.get(c.id)?.state.owner === 'queue').length;
        const status = teams.find((t) => t.id === teamId)?.queue;
        return (
          <div key={teamId} className="queue-team" data-team={teamId}>
            <h3>
              <span>{teamName(teamNames, teamId)}</span>
              <span className="muted small">
                {count} waiting
                {status ? ` · ${status.agentsOnline} online` : ''}
              </span>
            </h3>
            {waiting.length === 0 ? (
              loaded && <p className="muted small empty">Nobody waiting.</p>
            ) : (
              <ul className="queue-items">
                {waiting.map((c) => (
                  <QueueItem key={c.id} conversation={c} now={now} takenBy={conversations.get(c.id)?.state.owner === 'queue' ? undefined : taken.get(c.id)?.takenBy} onRefused={() => keep(c.id)} />
                ))}
              </ul>
            )}
          </div>
        );
      })}
    </section>
  );
}

/** The server's order as far as the console knows it: the place in line when known, else priority, then who waited longest. */
function inLineOrder(a: ConversationView, b: ConversationView): number {
  const pa = a.state.queue?.position;
  const pb = b.state.queue?.position;
  if (pa !== undefined && pb !== undefined && pa !== pb) return pa - pb;
  const rank = PRIORITY_RANK[a.state.priority ?? 'normal'] - PRIORITY_RANK[b.state.priority ?? 'normal'];
  if (rank !== 0) return rank;
  return Date.parse(a.state.waitingSince ?? a.state.queuedAt ?? '') - Date.parse(b.state.waitingSince ?? b.state.queuedAt ?? '');
}
