import { humanize, timeOfDay } from '../lib/format.ts';
import type { HandoverPacket } from '../lib/types.ts';

/** What the AI did for the customer (looked up an order, checked a refund, opened a ticket): inputs, outcome, result. */
export function PacketActions({ actions }: { actions: HandoverPacket['actions'] }) {
  if (actions.length === 0) return <p className="muted small">The AI took no action.</p>;
  return (
    <ul className="actions-taken">
      {actions.map((action) => (
        <li key={action.seq} className={action.ok ? 'ok' : 'failed'}>
          <div className="row">
            <strong>{humanize(action.name)}</strong>
            <span className={`outcome ${action.ok ? 'ok' : 'failed'}`}>{action.ok ? 'done' : 'failed'}</span>
            <span className="muted small">{timeOfDay(action.at)}</span>
          </div>
          {Object.keys(action.inputs).length > 0 && (
            <p className="small muted">
              {Object.entries(action.inputs)
                .map(([key, value]) => `${humanize(key)}: ${short(value)}`)
                .join(' · ')}
            </p>
          )}
          {action.result !== undefined && action.result !== null && (
            <details>
              <summary className="small">Result</summary>
              <pre className="result">{JSON.stringify(action.result, null, 2)}</pre>
            </details>
          )}
        </li>
      ))}
    </ul>
  );
}

function short(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
