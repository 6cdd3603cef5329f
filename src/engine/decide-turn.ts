import { UNKNOWN_INTENT, BrainFailure, type Brain, type BrainContext, type Understanding } from '../brain/brain.ts';
import type { TurnOutcome } from '../domain/commands.ts';
import type { ConversationState } from '../domain/conversation-state.ts';
import { handoverNotice, aiErrorNotice, stillQueuedNotice, whileWaitingNote } from './customer-notices.ts';
import {
  aiErrorDecision,
  brainHandoverDecision,
  type EscalationDecision,
  type EscalationPolicy,
} from '../escalation/policy.ts';
import type { Router } from '../routing/router.ts';
import { toldWait, type WaitOutlook } from '../routing/wait-outlook.ts';
import type { Priority, QueueTarget } from '../domain/events.ts';

/**
 * What the AI side does about one customer message, with no store: the brain understands, the escalation policy
 * decides, the router routes a handover, and otherwise the brain replies. While a person owns the conversation, the
 * AI does nothing. A failing brain or policy never leaves the customer unanswered: it hands over with `ai_error`,
 * keeping what the brain had done. The engine runs it on every turn and `baton eval` on every case, so the two cannot
 * drift apart; the evaluation also reads the policy's decision when the AI replies, and may give the AI's text.
 */

export type WaitOutlookProvider = (team: string, priority: Priority) => WaitOutlook | undefined;

export interface TurnDeciders {
  brain: Brain;
  escalation: EscalationPolicy;
  router: Router;
  /** Where a newcomer to a team's queue would stand and roughly when they'd be answered: told at handover. */
  outlook?: WaitOutlookProvider;
  /** Told of a brain or policy failure; the turn hands over with `ai_error` all the same (the engine logs it). */
  onError?: (error: unknown, stage: 'understand' | 'respond') => void;
}

export interface DecidedTurn {
  outcome: TurnOutcome;
  /** What the brain made of the message; null when it was not read (a person owns the conversation) or it failed. */
  understanding: Understanding | null;
  /** The policy's decision on the turn, handover or not; null when the policy was not reached. */
  policy: EscalationDecision | null;
}

export async function decideTurn(deps: TurnDeciders, context: BrainContext, givenReply?: string): Promise<DecidedTurn> {
  const { state } = context;
  if (state.owner === 'human' || state.owner === 'closed') return { outcome: { kind: 'none' }, understanding: null, policy: null };
  let understanding: Understanding;
  let decision: EscalationDecision;
  try {
    understanding = await deps.brain.understand(context);
    decision = await deps.escalation.decide({ state, understanding });
  } catch (error) {
    deps.onError?.(error, 'understand');
    const outcome = handoverOutcome(deps, state, aiErrorDecision('the assistant could not process the message'), 'policy');
    return { outcome, understanding: null, policy: null };
  }
  if (decision.handover) return { outcome: handoverOutcome(deps, state, decision, 'policy'), understanding, policy: decision };
  if (givenReply !== undefined) {
    // The case says what the AI answered: that text, read as the brain understood the message.
    const reply = { text: givenReply, sources: [], intent: understanding.intent, understood: understanding.intent !== UNKNOWN_INTENT };
    return { outcome: { kind: 'reply', reply }, understanding, policy: decision };
  }
  try {
    const reply = await deps.brain.respond(context, understanding);
    const work = { actions: reply.actions, collected: reply.collected };
    if (reply.handover) {
      const outcome = { ...handoverOutcome(deps, state, brainHandoverDecision(reply.handover, decision), 'policy'), work };
      return { outcome, understanding, policy: decision };
    }
    const outcome: TurnOutcome = {
      kind: 'reply',
      reply: {
        ...work,
        text: state.owner === 'queue' ? `${reply.text}\n\n${whileWaitingNote(state.team ?? 'general')}` : reply.text,
        sources: reply.sources,
        intent: reply.intent ?? understanding.intent,
        understood: understanding.intent !== UNKNOWN_INTENT && reply.unresolved === undefined,
        awaiting: reply.awaiting,
      },
    };
    return { outcome, understanding, policy: reply.unresolved === undefined ? decision : withCannotResolve(decision, reply.unresolved) };
  } catch (error) {
    deps.onError?.(error, 'respond');
    const outcome = handoverOutcome(deps, state, aiErrorDecision('the assistant could not write a reply'), 'policy');
    return { outcome: error instanceof BrainFailure ? { ...outcome, work: error.work } : outcome, understanding, policy: decision };
  }
}

/** The decision, now that the reply turned out not to resolve the request. */
function withCannotResolve(decision: EscalationDecision, why: string): EscalationDecision {
  if (decision.reasons.some((r) => r.code === 'cannot_resolve')) return decision;
  return { ...decision, reasons: [...decision.reasons, { code: 'cannot_resolve', score: 1, evidence: [why] }] };
}

/** A handover: the router's team and priority, and what the customer is told. */
export function handoverOutcome(
  deps: { router: Router; outlook?: WaitOutlookProvider },
  state: ConversationState,
  decision: EscalationDecision,
  trigger: 'button' | 'policy',
): TurnOutcome & { kind: 'handover' } {
  const target = deps.router.route(decision, state);
  const aiFailed = decision.reasons.some((r) => r.code === 'ai_error');
  const outlook = deps.outlook?.(target.team, target.priority);
  const [first, ...next] = target.targets ?? [];
  const queueTarget: QueueTarget = {
    ...(first?.skills ? { skills: first.skills } : {}),
    ...(first?.timeoutSeconds ? { timeoutSeconds: first.timeoutSeconds } : {}),
    ...(next.length > 0 ? { next } : {}),
  };
  return {
    kind: 'handover',
    plan: {
      trigger,
      reasons: decision.reasons,
      topics: decision.topics,
      priority: target.priority,
      team: target.team,
      rules: decision.rules,
      notice: (aiFailed ? `${aiErrorNotice()} ` : '') + handoverNotice(target.team, outlook),
      ...(Object.keys(queueTarget).length > 0 ? { target: queueTarget } : {}),
      ...(outlook ? { wait: toldWait(outlook) } : {}),
    },
    whileQueued: stillQueuedNotice(state.team ?? target.team),
  };
}
