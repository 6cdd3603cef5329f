import type { BrainContext } from '../brain/brain.ts';
import type { Clock } from '../clock.ts';
import * as commands from '../domain/commands.ts';
import { applyEvent, emptyState, type ConversationState } from '../domain/conversation-state.ts';
import { SYSTEM, newEvent, storedEvent, type EventOf, type NewEvent, type Priority, type StoredEvent } from '../domain/events.ts';
import type { EvalCase } from './cases.ts';
import { decideTurn, type TurnDeciders } from '../engine/decide-turn.ts';

/** One case's result line (../shared/spec/evaluation.md), fields in this order. */
export interface EvalResult {
  id: string | number;
  handover: boolean;
  /** Index in `turns` of the customer turn at which the handover started; null when none. */
  turn: number | null;
  /** Every reason that fired on any turn, handover or not, in the order they first fired. */
  reasons: string[];
  /** Every topic detected on any turn, in the order first detected. */
  topics: string[];
  team: string | null;
  priority: Priority | null;
}

/** How many events before a customer message the brain may read (the engine's HISTORY_WINDOW). */
const HISTORY_WINDOW = 60;

/** The channel replayed conversations are started on. */
export const EVAL_CHANNEL = 'eval';

/** A clock that never moves: replays do not depend on when they run. */
export const FIXED_CLOCK: Clock = { now: () => new Date('2026-01-01T00:00:00.000Z') };

/**
 * Replays a case through the pipeline with no store: a `conversation.started` event with the case's customer
 * attributes, then for each customer turn the engine's commands (customerMessage, then answerTurn with what
 * decideTurn decided), each folded into the state as the store would fold them. An `ai` turn right after a customer
 * turn stands in for the brain's reply to it (unless the turn handed over: then the handover and its notice are what
 * the customer got); any other `ai` turn is an AI message on its own.
 */
export async function replayCase(deciders: TurnDeciders, evalCase: EvalCase, clock: Clock = FIXED_CLOCK): Promise<EvalResult> {
  const at = clock.now().toISOString();
  const conversationId = String(evalCase.id);
  const events: StoredEvent[] = [];
  let state: ConversationState = emptyState(conversationId);
  const append = (newEvents: readonly NewEvent[]) => {
    for (const event of newEvents) {
      const stored = storedEvent(event, conversationId, state.lastSeq + 1, 0, at);
      state = applyEvent(state, stored);
      events.push(stored);
    }
  };
  append([newEvent('conversation.started', SYSTEM, { customer: { attributes: evalCase.customer ?? {} }, channel: EVAL_CHANNEL })]);

  const reasons = new Set<string>();
  const topics = new Set<string>();
  const result: EvalResult = { id: evalCase.id, handover: false, turn: null, reasons: [], topics: [], team: null, priority: null };
  const { turns } = evalCase;
  for (let i = 0; i < turns.length; i++) {
    const turn = turns[i]!;
    if (turn.role === 'ai') {
      append(commands.aiReply(state, { text: turn.text }));
      continue;
    }
    const index = i;
    append(commands.customerMessage(state, turn.text));
    const message = events.at(-1) as EventOf<'message.created'>;
    const upTo = events.length;
    // As the engine's: the events up to this message, a bounded window, built only if the brain asks.
    const history = () => Promise.resolve(events.slice(Math.max(0, upTo - HISTORY_WINDOW), upTo));
    const context: BrainContext = { state, message, history };
    const next = turns[i + 1];
    const given = next?.role === 'ai' ? next.text : undefined;
    if (given !== undefined) i++;
    const { outcome, policy } = await decideTurn(deciders, context, given);
    for (const reason of policy?.reasons ?? []) reasons.add(reason.code);
    for (const topic of policy?.topics ?? []) topics.add(topic);
    if (outcome.kind === 'handover') {
      for (const reason of outcome.plan.reasons) reasons.add(reason.code);
      for (const topic of outcome.plan.topics) topics.add(topic);
    }
    append(commands.answerTurn(state, outcome, message.seq));
    if (!result.handover && state.handover !== null) {
      // The fold says a person is now to take over: this customer turn started the handover.
      result.handover = true;
      result.turn = index;
      result.team = state.team;
      result.priority = state.priority;
    }
  }
  result.reasons = [...reasons];
  result.topics = [...topics];
  return result;
}

/** The result as its line in the results file: always the same bytes for the same result. */
export function resultLine(result: EvalResult): string {
  return JSON.stringify({
    id: result.id,
    handover: result.handover,
    turn: result.turn,
    reasons: result.reasons,
    topics: result.topics,
    team: result.team,
    priority: result.priority,
  });
}
