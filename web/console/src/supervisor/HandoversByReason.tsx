import { reasonDescription, timeOfDay } from '../lib/format.ts';
import type { MetricsSummary } from '../lib/metrics.ts';
import type { ConversationView } from '../lib/types.ts';

/**
 * Why conversations reached people: each handover reason counted over the conversations listed (their latest
 * handover; one conversation may have several reasons), beside the server's counters since it started.
 */
export function HandoversByReason({ conversations, metrics, listedAt }: { conversations: ConversationView[]; metrics: MetricsSummary | null; listedAt: number | null }) {
  const counts = new Map<string, number>();
  let handedOver = 0;
  for (const c of conversations) {
    const reasons = c.state.handover?.reasons ?? [];
    if (reasons.length === 0) continue;
    handedOver += 1;
    for (const r of reasons) counts.set(r.code, (counts.get(r.code) ?? 0) + 1);
  }
  const codes = [...new Set([...counts.keys(), ...(metrics?.handoversByReason.keys() ?? [])])].sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || a.localeCompare(b));
  const max = Math.max(1, ...counts.values());

  return (
    <section className="card" data-testid="supervisor-reasons" aria-labelledby="sv-reasons">
      <h2 id="sv-reasons">Handovers by reason</h2>
      <p className="muted small">
        {handedOver} of {conversations.length} conversations listed were handed over{listedAt ? ` (read ${timeOfDay(new Date(listedAt).toISOString())})` : ''}.
      </p>
      {codes.length === 0 ? (
        <p className="muted">No handovers yet.</p>
      ) : (
        <table className="bars">
          <thead>
            <tr>
              <th scope="col">Reason</th>
              <th scope="col">Conversations</th>
              {metrics && <th scope="col">Since start</th>}
            </tr>
          </thead>
          <tbody>
            {codes.map((code) => (
              <tr key={code} data-reason={code}>
                <th scope="row" title={reasonDescription(code)}>
                  <span className="chip">{code}</span>
                </th>
                <td>
                  <span className="bar" aria-hidden="true">
                    <span style={{ width: `${((counts.get(code) ?? 0) / max) * 100}%` }} />
                  </span>
                  <span className="bar-value">{counts.get(code) ?? 0}</span>
                </td>
                {metrics && <td>{metrics.handoversByReason.get(code) ?? 0}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
