import { useConsole } from '../console-context.ts';
import { customerName, teamName } from '../lib/format.ts';
import type { Agent, ConversationView } from '../lib/types.ts';

const PRESENCE_ORDER = { online: 0, away: 1, offline: 2 } as const;

/** Every agent: presence, teams, and their load (conversations held against capacity) with whom they hold. */
export function SupervisorAgents({ agents, conversations }: { agents: Agent[]; conversations: ConversationView[] }) {
  const { teamNames, openConversation } = useConsole();
  const sorted = [...agents].sort((a, b) => PRESENCE_ORDER[a.presence] - PRESENCE_ORDER[b.presence] || a.name.localeCompare(b.name));
  return (
    <section className="card wide" data-testid="supervisor-agents" aria-labelledby="sv-agents">
      <h2 id="sv-agents">Agents</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Agent</th>
            <th scope="col">Presence</th>
            <th scope="col">Teams</th>
            <th scope="col">Load</th>
            <th scope="col">Holding</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((agent) => {
            const load = agent.activeConversations ?? 0;
            const share = agent.capacity > 0 ? Math.min(1, load / agent.capacity) : 0;
            const holding = conversations.filter((c) => c.state.owner === 'human' && c.state.agentId === agent.id);
            return (
              <tr key={agent.id} data-agent-id={agent.id} data-presence={agent.presence}>
                <th scope="row">
                  {agent.name}
                  <span className="muted small"> · {agent.role}</span>
                </th>
                <td>
                  <span className={`presence-dot presence-${agent.presence}`} aria-hidden="true" /> {agent.presence}
                </td>
                <td className="small">{agent.teams.map((t) => teamName(teamNames, t)).join(', ')}</td>
                <td>
                  <span className="load" title={`${load} of ${agent.capacity}`}>
                    <span className="load-bar" aria-hidden="true">
                      <span style={{ width: `${share * 100}%` }} className={share >= 1 ? 'full' : ''} />
                    </span>
                    {load}/{agent.capacity}
                  </span>
                </td>
                <td className="small">
                  {holding.length === 0
                    ? '—'
                    : holding.map((c, i) => (
                        <span key={c.id}>
                          {i > 0 && ', '}
                          <button type="button" className="link" onClick={() => openConversation(c.id)}>
                            {customerName(c.customer)}
                          </button>
                        </span>
                      ))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
