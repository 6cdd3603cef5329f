import type { Understanding } from '../brain/brain.ts';
import type { ConversationState } from '../domain/conversation-state.ts';
import type { HandoverReason, Priority } from '../domain/events.ts';

export interface EscalationInput {
  /** The conversation as it stood when the customer message being answered arrived. */
  state: ConversationState;
  understanding: Understanding;
}

/** Whether the AI steps aside on this turn, and why. Reasons list every signal that fired, handover or not. */
export interface EscalationDecision {
  handover: boolean;
  reasons: HandoverReason[];
  topics: string[];
  priority: Priority;
  /** A team the policy asks for; the router has the last word. */
  team?: string;
  /** Names of the policy rules that fired. */
  rules: string[];
}

export interface EscalationPolicy {
  /** Asynchronous: rules engines are (json-rules-engine runs its rules as promises). */
  decide(input: EscalationInput): Promise<EscalationDecision>;
}

/** The decision for the "talk to a person" button: always a handover, whatever else the conversation holds. */
export function buttonDecision(): EscalationDecision {
  return {
    handover: true,
    reasons: [{ code: 'human_requested', score: 1, evidence: ['pressed "Talk to a person"'] }],
    topics: [],
    priority: 'normal',
    rules: ['human_requested_button'],
  };
}

/** The decision when the brain itself failed: the customer is never left without an answer. */
export function aiErrorDecision(detail: string): EscalationDecision {
  return {
    handover: true,
    reasons: [{ code: 'ai_error', score: 1, evidence: [detail] }],
    topics: [],
    priority: 'normal',
    rules: ['ai_error'],
  };
}

/** The reason codes of the evaluation vocabulary; a brain asking for a person with anything else counts as `cannot_resolve`. */
export const REASON_CODES = new Set([
  'human_requested',
  'cannot_resolve',
  'repeated_failure',
  'frustration',
  'sensitive_topic',
  'vip',
  'sales_opportunity',
  'high_priority',
  'keyword',
  'rule',
  'ai_error',
]);

/**
 * The decision when the brain itself asks for a person (an LLM's `handover_to_human` tool call), on top of the
 * signals the policy saw on the turn.
 */
export function brainHandoverDecision(request: { reason: string; summary: string }, signals: EscalationDecision): EscalationDecision {
  const code = REASON_CODES.has(request.reason) ? request.reason : 'cannot_resolve';
  const reasons = [{ code, score: 1, evidence: [request.reason, request.summary].filter((s) => s.length > 0) }];
  for (const reason of signals.reasons) if (reason.code !== code) reasons.push(reason);
  return { ...signals, handover: true, reasons, rules: [...signals.rules, 'brain_requested_handover'] };
}
