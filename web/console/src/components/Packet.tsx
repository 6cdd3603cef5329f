import type { ReactNode } from 'react';
import { customerName, humanize, reasonDescription, timeOfDay } from '../lib/format.ts';
import type { CustomerProfile, HandoverPacket, StateView } from '../lib/types.ts';
import type { PacketState } from '../lib/use-packet.ts';
import { PacketAccount } from './PacketAccount.tsx';
import { PacketActions } from './PacketActions.tsx';
import { Sentiment } from './Sentiment.tsx';
import { SlaClock } from './SlaClock.tsx';

/**
 * The handover packet: why the AI stepped aside (with the customer's own words), the summary, every detail collected,
 * what the AI did, the account, how the customer feels and the first-response clock, so nobody asks twice.
 */
export function Packet({ packet: loaded, state, customer }: { packet: PacketState; state: StateView | null; customer: CustomerProfile | undefined }) {
  const packet = loaded.packet;
  return (
    <aside className="packet" data-testid="packet" aria-label="Handover packet">
      <SlaClock timing={packet?.timing ?? null} state={state} />
      {loaded.none && !packet && (
        <p className="muted">
          Not handed over: {customerName(customer)} is with the AI. Writing a reply takes the conversation over.
        </p>
      )}
      {loaded.error && (
        <p className="error small" role="alert">
          The packet could not be read: {loaded.error}
        </p>
      )}
      {!packet && !loaded.none && !loaded.error && <p className="muted">Loading the handover packet…</p>}
      {packet && <PacketBody packet={packet} />}
    </aside>
  );
}

function PacketBody({ packet }: { packet: HandoverPacket }) {
  return (
    <>
      <Section title="Why" testId="packet-reasons">
        {packet.reasons.length === 0 ? (
          <p className="muted small">No reason recorded.</p>
        ) : (
          <ul className="reasons">
            {packet.reasons.map((reason) => (
              <li key={reason.code} className="reason" data-reason={reason.code}>
                <div className="row">
                  <span className="chip" title={reasonDescription(reason.code)}>
                    {reason.code}
                  </span>
                  <span className="muted small">{Math.round(reason.score * 100)}%</span>
                </div>
                <p className="small">{reasonDescription(reason.code)}</p>
                {reason.evidence.map((quote, i) => (
                  <blockquote key={i} className="evidence">
                    {quote}
                  </blockquote>
                ))}
              </li>
            ))}
          </ul>
        )}
        <p className="muted small">
          {packet.trigger === 'button' ? 'The customer pressed "Talk to a person"' : packet.trigger === 'agent' ? 'An agent took it over' : 'The escalation policy handed it over'}
          {packet.requestedAt ? ` at ${timeOfDay(packet.requestedAt)}` : ''}
          {packet.rules.length > 0 ? ` · rules: ${packet.rules.join(', ')}` : ''}
        </p>
        {packet.topics.length > 0 && (
          <ul className="chips" aria-label="Topics">
            {packet.topics.map((topic) => (
              <li key={topic} className="chip topic">
                {topic}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title="Summary" testId="packet-summary">
        <p className="summary">{packet.summary.text}</p>
        <p className="muted small">{packet.summary.source === 'llm' ? 'Written by the model' : 'Drawn from the conversation'}</p>
      </Section>

      <Section title="Collected" testId="packet-collected">
        {Object.keys(packet.collected).length === 0 ? (
          <p className="muted small">Nothing collected yet.</p>
        ) : (
          <dl className="pairs">
            {Object.entries(packet.collected).map(([slot, value]) => (
              <div key={slot}>
                <dt>{humanize(slot)}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        )}
        {packet.askedAgain.length > 0 && (
          <p className="warn small">
            Asked again after the handover: {packet.askedAgain.map((a) => `${humanize(a.slot)} (${a.value})`).join(', ')}
          </p>
        )}
      </Section>

      <Section title="Actions taken" testId="packet-actions">
        <PacketActions actions={packet.actions} />
      </Section>

      {packet.promises.length > 0 && (
        <Section title="Promised" testId="packet-promises">
          <ul className="plain">
            {packet.promises.map((p) => (
              <li key={`${p.seq}-${p.kind}`}>
                <span className="chip">{p.kind}</span> <span className="small">{p.text}</span>
              </li>
            ))}
          </ul>
        </Section>
      )}

      {packet.attempts.length > 0 && (
        <Section title="What the AI could not answer" testId="packet-attempts">
          <ul className="plain">
            {packet.attempts.map((a) => (
              <li key={a.seq} className="attempt">
                <q>{a.customer}</q>
                <span className="muted small"> — {a.why === 'not_understood' ? 'not understood' : 'not resolved'}</span>
              </li>
            ))}
          </ul>
        </Section>
      )}

      <Section title="Account" testId="packet-account">
        <PacketAccount account={packet.account} customer={packet.customer} />
      </Section>

      <Section title="Sentiment" testId="packet-sentiment">
        <Sentiment sentiment={packet.sentiment} />
      </Section>
    </>
  );
}

function Section({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  const headingId = `${testId}-title`;
  return (
    <section className="packet-section" data-testid={testId} aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      {children}
    </section>
  );
}
