import { useConsole } from '../console-context.ts';
import { customerName, dateTime, teamName } from '../lib/format.ts';
import type { MetricsSummary } from '../lib/metrics.ts';
import type { ConversationView } from '../lib/types.ts';

/** Conversations whose first response came too late (state.slaBreachedAt), newest first, and where they are now. */
export function SlaBreaches({ conversations, metrics }: { conversations: ConversationView[]; metrics: MetricsSummary | null }) {
  const { teamNames, openConversation } = useConsole();
  const breached = conversations
    .filter((c) => c.state.slaBreachedAt)
    .sort((a, b) => Date.parse(b.state.slaBreachedAt!) - Date.parse(a.state.slaBreachedAt!));
  return (
    <section className="card" data-testid="supervisor-breaches" aria-labelledby="sv-breaches">
      <h2 id="sv-breaches">SLA breaches</h2>
      <p className="muted small">
        {breached.length} in the conversations listed
        {metrics ? ` · ${metrics.firstResponseBreaches} since the server started · ${metrics.abandoned} abandoned` : ''}
      </p>
      {breached.length > 0 && (
        <ul className="plain breaches">
          {breached.map((c) => (
            <li key={c.id} data-conversation-id={c.id}>
              <button type="button" className="link" onClick={() => openConversation(c.id)}>
                {customerName(c.customer)}
              </button>{' '}
              <span className="small">
                · {teamName(teamNames, c.state.team)} · missed {dateTime(c.state.slaBreachedAt!)} ·{' '}
                {c.state.owner === 'human' ? `with ${c.state.agent?.name ?? 'an agent'}` : c.state.owner === 'queue' ? 'still waiting' : c.state.owner === 'closed' ? 'closed' : 'with the AI'}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
