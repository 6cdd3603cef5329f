import { clock, secondsSince, timeOfDay } from '../lib/format.ts';
import type { HandoverPacket, StateView } from '../lib/types.ts';
import { useNow } from '../lib/use-now.ts';

type ClockState = 'none' | 'running' | 'due-soon' | 'overdue' | 'met' | 'missed';

/** The first-response clock: counting down to firstResponseDueAt, then how it went. */
export function SlaClock({ timing, state }: { timing: HandoverPacket['timing'] | null; state: StateView | null }) {
  const now = useNow();
  const dueAt = timing?.firstResponseDueAt ?? null;
  const respondedAt = state?.firstResponseAt ?? timing?.firstResponseAt ?? null;
  const breachedAt = state?.slaBreachedAt ?? timing?.slaBreachedAt ?? null;

  let status: ClockState = 'none';
  let text = 'No first-response target';
  let detail = '';
  if (dueAt) {
    const left = -secondsSince(dueAt, now);
    if (respondedAt) {
      const took = (Date.parse(respondedAt) - Date.parse(timing?.handedOverAt ?? respondedAt)) / 1000;
      status = breachedAt || Date.parse(respondedAt) > Date.parse(dueAt) ? 'missed' : 'met';
      text = `First response in ${clock(took)}`;
      detail = status === 'met' ? 'within target' : 'after the target';
    } else if (left > 0) {
      status = left <= 60 ? 'due-soon' : 'running';
      text = `First response due in ${clock(left)}`;
      detail = `by ${timeOfDay(dueAt)}`;
    } else {
      status = 'overdue';
      text = `First response overdue by ${clock(-left)}`;
      detail = breachedAt ? `breached at ${timeOfDay(breachedAt)}` : `was due ${timeOfDay(dueAt)}`;
    }
  }

  return (
    <div className={`sla-clock sla-${status}`} data-testid="sla-clock" data-state={status} {...(dueAt ? { 'data-due-at': dueAt } : {})} role="timer" aria-live="off">
      <span className="sla-label">SLA</span>
      <strong>{text}</strong>
      {detail && <span className="muted small">{detail}</span>}
    </div>
  );
}
