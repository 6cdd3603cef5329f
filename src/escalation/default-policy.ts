import { UNKNOWN_INTENT } from '../brain/brain.ts';
import type { StoredEvent } from '../domain/events.ts';
import type { EscalationDecision, EscalationInput, EscalationPolicy } from './policy.ts';
import { detectHumanRequest } from './signals/human-requested.ts';

/**
 * The first escalation policy: a request for a person hands over at once, and the AI never loops: after
 * `maxUnresolved` turns in a row that it could not understand, a person takes over.
 */
export class DefaultEscalationPolicy implements EscalationPolicy {
  constructor(private readonly maxUnresolved = 2) {}

  decide({ understanding, history }: EscalationInput): EscalationDecision {
    const reasons: EscalationDecision['reasons'] = [];
    const rules: string[] = [];
    const human = detectHumanRequest(understanding.text);
    if (human.score > 0) {
      reasons.push({ code: 'human_requested', score: human.score, evidence: human.evidence });
      rules.push('human_requested');
    }
    // Asking for a person is understood: the brain knowing no answer to it is no failure to resolve.
    if (understanding.intent === UNKNOWN_INTENT && human.score === 0) {
      reasons.push({ code: 'cannot_resolve', score: 1 - understanding.confidence, evidence: [understanding.text] });
      const unresolved = 1 + trailingUnresolvedTurns(history);
      if (unresolved >= this.maxUnresolved) {
        reasons.push({ code: 'repeated_failure', score: 1, evidence: [`${unresolved} turns in a row not understood`] });
        rules.push('repeated_failure');
      }
    }
    return { handover: rules.length > 0, reasons, topics: [], priority: 'normal', rules };
  }
}

/** AI replies since the last understood one that said they did not understand. */
function trailingUnresolvedTurns(history: readonly StoredEvent[]): number {
  let count = 0;
  for (let i = history.length - 1; i >= 0; i--) {
    const event = history[i]!;
    if (event.type !== 'message.created' || event.data.role === 'customer') continue;
    if (event.data.role !== 'ai' || event.data.intent !== UNKNOWN_INTENT) break;
    count++;
  }
  return count;
}
