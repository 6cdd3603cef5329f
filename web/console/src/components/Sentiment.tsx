import type { HandoverPacket } from '../lib/types.ts';

const TREND = { improving: '↗ improving', steady: '→ steady', worsening: '↘ worsening' } as const;

/** How the customer feels now (their latest message), its trend, and a bar per message, oldest first. */
export function Sentiment({ sentiment }: { sentiment: HandoverPacket['sentiment'] }) {
  return (
    <div className="sentiment">
      <p>
        <span className={`mood mood-${sentiment.label}`}>{sentiment.label}</span>{' '}
        <span className="muted small">
          ({sentiment.current.toFixed(2)}) · {TREND[sentiment.trend]}
        </span>
      </p>
      {sentiment.history.length > 1 && (
        <div className="sparkline" role="img" aria-label={`Sentiment per customer message: ${sentiment.history.map((h) => h.score.toFixed(2)).join(', ')}`}>
          {sentiment.history.map((h) => (
            <span
              key={h.seq}
              className={h.score < -0.05 ? 'neg' : h.score > 0.05 ? 'pos' : 'neu'}
              style={{ height: `${Math.max(8, Math.abs(h.score) * 100)}%` }}
              title={h.score.toFixed(2)}
            />
          ))}
        </div>
      )}
    </div>
  );
}
