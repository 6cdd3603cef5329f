import { UNKNOWN_INTENT, type Understanding } from '../brain/brain.ts';
import { RECENT_TEXT_CHARS, type ConversationState } from '../domain/conversation-state.ts';
import type { HandoverReason } from '../domain/events.ts';
import type { PolicyFile } from './policy-file.ts';
import { detectHumanRequest } from './signals/human-requested.ts';
import { detectKeywords } from './signals/keyword.ts';
import { NO_SIGNAL, type SignalResult, type Topic, type TopicSignal } from './signals/signal.ts';
import { detectRepetition } from './signals/repetition.ts';
import { detectVip } from './signals/vip.ts';

/** Every signal that fired on a turn, with its evidence, and every topic detected. */
export interface TurnSignals {
  /** One per reason code that fired (score > 0), strongest first. */
  reasons: HandoverReason[];
  topics: TopicSignal[];
}

/** A detector of several topics over the customer's recent messages. */
export type TopicDetector = (turns: readonly string[]) => TopicSignal[];

/**
 * A detector of one score over the customer's recent messages, which counts as a reason, a topic, or both (a large
 * purchase is reason `sales_opportunity` and topic `sales`): run once a turn, whatever it counts as.
 */
export interface ScoredDetector {
  detect: (turns: readonly string[]) => SignalResult;
  reason?: 'frustration' | 'high_priority' | 'sales_opportunity';
  topic?: Topic;
}

export interface SignalDetectors {
  topics: TopicDetector[];
  scored?: ScoredDetector[];
}

/**
 * Runs the detectors on one turn. A request for a person and configured keywords are read in the message being
 * answered (an earlier request was already acted on); topics and frustration in the customer's recent messages,
 * so that a conversation is judged whole; `vip` in the customer's attributes; the AI's own failures in the state.
 */
export function detectSignals(
  input: { state: ConversationState; understanding: Understanding },
  settings: PolicyFile['settings'],
  detectors: SignalDetectors,
): TurnSignals {
  const { state, understanding } = input;
  const reasons: HandoverReason[] = [];
  const add = (code: string, result: SignalResult) => {
    if (result.score > 0) reasons.push({ code, score: round(result.score), evidence: result.evidence });
  };

  const human = detectHumanRequest(understanding.text);
  add('human_requested', human);
  const turns = turnsUpTo(state.recentCustomerTexts, understanding.text);
  // Asking for a person is understood: the brain knowing no answer to it is no failure to resolve.
  let loop = NO_SIGNAL;
  if (understanding.intent === UNKNOWN_INTENT && human.score === 0) {
    add('cannot_resolve', { score: 1 - understanding.confidence, evidence: [understanding.text] });
    const unresolved = 1 + state.misunderstoodStreak;
    if (unresolved >= settings.maxUnresolvedTurns) loop = { score: 1, evidence: [`${unresolved} turns in a row not understood`] };
  }
  if (loop.score === 0 && human.score === 0) {
    loop = detectRepetition({ turns, intent: understanding.intent, lastAiReply: state.lastAiReply, awaitingDetail: state.awaiting !== null });
  }
  add('repeated_failure', loop);

  const topics = detectors.topics.flatMap((detect) => detect(turns));
  for (const { detect, reason, topic } of detectors.scored ?? []) {
    const result = detect(turns);
    if (reason) add(reason, result);
    if (topic && result.score > 0) topics.push({ topic, ...result });
  }
  topics.sort((a, b) => b.score - a.score);
  const sensitive = topics.filter((t) => t.score >= (settings.sensitiveTopics[t.topic] ?? Infinity));
  if (sensitive.length > 0) {
    add('sensitive_topic', { score: sensitive[0]!.score, evidence: [...new Set(sensitive.flatMap((t) => t.evidence))] });
  }
  add('vip', detectVip(state.customer.attributes, settings.vipTiers));
  add('keyword', detectKeywords(understanding.text, settings.keywords));

  reasons.sort((a, b) => b.score - a.score);
  return { reasons, topics };
}

/**
 * The customer's recent messages up to the one being answered: when messages came faster than answers, later ones are
 * already in the state, and they are not what this turn answers.
 */
function turnsUpTo(recent: readonly string[], text: string): readonly string[] {
  const clipped = text.length > RECENT_TEXT_CHARS ? text.slice(0, RECENT_TEXT_CHARS) : text;
  const at = recent.lastIndexOf(clipped);
  if (at === recent.length - 1) return recent;
  return at >= 0 ? recent.slice(0, at + 1) : [...recent, clipped];
}

const round = (value: number) => Math.round(value * 1000) / 1000;
