/** One detector's verdict: how strongly it fired (0 = not at all) and the customer's words that made it fire. */
export interface SignalResult {
  score: number;
  evidence: string[];
}

export const NO_SIGNAL: SignalResult = { score: 0, evidence: [] };

/** What a conversation is about, in the evaluation vocabulary (../shared/spec/evaluation.md). */
export type Topic =
  | 'order'
  | 'shipping'
  | 'refund'
  | 'billing'
  | 'payment_dispute'
  | 'fraud_security'
  | 'account'
  | 'legal'
  | 'complaint'
  | 'cancellation'
  | 'technical'
  | 'sales'
  | 'other';

/** A detector's verdict on one topic. */
export interface TopicSignal extends SignalResult {
  topic: Topic;
}

/**
 * What detectors read: the customer's messages in the conversation so far, oldest first, the one being answered last.
 * Detectors weigh the whole conversation, not only the last message.
 */
export type CustomerTurns = readonly string[];
