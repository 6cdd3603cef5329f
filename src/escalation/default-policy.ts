import { UNKNOWN_INTENT } from '../brain/brain.ts';
import type { EscalationDecision, EscalationInput, EscalationPolicy } from './policy.ts';
import { detectHumanRequest } from './signals/human-requested.ts';

/**
 * The first escalation policy: a request for a person hands over at once, and the AI never loops: after
 * `maxUnresolved` turns in a row that it could not understand, a person takes over.
 */
export class DefaultEscalationPolicy implements EscalationPolicy {
  constructor(private readonly maxUnresolved = 2) {}

  decide({ understanding, state }: EscalationInput): EscalationDecision {
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
      const unresolved = 1 + state.misunderstoodStreak;
      if (unresolved >= this.maxUnresolved) {
        reasons.push({ code: 'repeated_failure', score: 1, evidence: [`${unresolved} turns in a row not understood`] });
        rules.push('repeated_failure');
      }
    }
    return { handover: rules.length > 0, reasons, topics: [], priority: 'normal', rules };
  }
}
