import { useConsole } from '../console-context.ts';
import { clock, customerName, range, secondsSince, teamName } from '../lib/format.ts';
import type { ConversationView } from '../lib/types.ts';

/**
 * Everyone waiting, longest first: how long they have waited, their place, and the range they are promised for the
 * rest of the wait (or why no honest range can be given).
 */
export function WaitsAgainstPromises({ waiting, now }: { waiting: ConversationView[]; now: number }) {
  const { teamNames, openConversation } = useConsole();
  const rows = waiting
    .map((c) => ({ c, waited: secondsSince(c.state.waitingSince ?? c.state.queuedAt, now) }))
    .sort((a, b) => b.waited - a.waited);
  return (
    <section className="card wide" data-testid="supervisor-waits" aria-labelledby="sv-waits">
      <h2 id="sv-waits">Waits against promises</h2>
      {rows.length === 0 ? (
        <p className="muted">Nobody is waiting.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Customer</th>
              <th scope="col">Team</th>
              <th scope="col">Priority</th>
              <th scope="col">Waited</th>
              <th scope="col">Place</th>
              <th scope="col">Promised for the rest</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ c, waited }) => {
              const queue = c.state.queue;
              return (
                <tr key={c.id} data-conversation-id={c.id} className={c.state.slaBreachedAt ? 'attention' : ''}>
                  <th scope="row">
                    <button type="button" className="link" onClick={() => openConversation(c.id)}>
                      {customerName(c.customer)}
                    </button>
                  </th>
                  <td>{teamName(teamNames, c.state.team)}</td>
                  <td>
                    <span className={`priority priority-${c.state.priority ?? 'normal'}`}>{c.state.priority ?? 'normal'}</span>
                  </td>
                  <td>{clock(waited)}</td>
                  <td>{queue ? `#${queue.position}` : '—'}</td>
                  <td>{queue ? (queue.eta ? range(queue.eta.lowSeconds, queue.eta.highSeconds) : <span className="muted">no range: {queue.etaUnknownReason ?? 'unknown'}</span>) : <span className="muted">not known yet</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
