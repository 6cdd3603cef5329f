import { clock, dateTime, secondsSince } from '../lib/format.ts';
import type { ConversationView, Team } from '../lib/types.ts';

/** Each team's queue now: how many wait and for how long, agents online, capacity and free places, open or not. */
export function SupervisorQueues({ teams, waiting, now }: { teams: Team[]; waiting: ConversationView[]; now: number }) {
  return (
    <section className="card wide" data-testid="supervisor-queues" aria-labelledby="sv-queues">
      <h2 id="sv-queues">Queues</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Team</th>
            <th scope="col">Waiting</th>
            <th scope="col">Longest wait</th>
            <th scope="col">Agents online</th>
            <th scope="col">Capacity</th>
            <th scope="col">Free</th>
            <th scope="col">Hours</th>
          </tr>
        </thead>
        <tbody>
          {teams.map((team) => {
            const longest = Math.max(0, ...waiting.filter((c) => c.state.team === team.id).map((c) => secondsSince(c.state.waitingSince ?? c.state.queuedAt, now)));
            const starved = team.queue.waiting > 0 && team.queue.freeCapacity === 0;
            return (
              <tr key={team.id} data-team={team.id} className={starved ? 'attention' : ''}>
                <th scope="row">{team.name}</th>
                <td data-label="waiting">{team.queue.waiting}</td>
                <td>{team.queue.waiting > 0 && longest > 0 ? clock(longest) : '—'}</td>
                <td data-label="online">{team.queue.agentsOnline}</td>
                <td>{team.queue.capacity}</td>
                <td data-label="free">{team.queue.freeCapacity}</td>
                <td>{team.queue.open ? 'Open' : `Closed${team.queue.opensAt ? `, opens ${dateTime(team.queue.opensAt)}` : ''}`}</td>
              </tr>
            );
          })}
          {teams.length === 0 && (
            <tr>
              <td colSpan={7} className="muted">
                Loading…
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
