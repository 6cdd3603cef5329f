/**
 * Commands decide which events a request appends, given the conversation's current state. They are pure and
 * synchronous, so the store runs them inside the transaction that locks the conversation: the check
 * (who owns it?) and the write can never be interleaved with another request's.
 */
import type { ConversationState } from './conversation-state.ts';
import { DomainError } from './errors.ts';
import {
  AI,
  SYSTEM,
  newEvent,
  type Actor,
  type EventDataByType,
  type MessageSource,
  type NewEvent,
  type QueueTarget,
  type ToldWait,
} from './events.ts';

export type AgentRole = 'agent' | 'supervisor' | 'admin';

export interface AgentRef {
  id: string;
  name: string;
  role: AgentRole;
  teams: string[];
}

const agentActor = (agent: AgentRef): Actor => ({ kind: 'agent', id: agent.id, name: agent.name });

/** Supervisors and admins act on any conversation; agents on their teams' and their own. */
export function agentMayAccess(agent: AgentRef, state: ConversationState): boolean {
  if (agent.role !== 'agent') return true;
  if (state.agentId === agent.id) return true;
  if (state.owner === 'ai' || state.team === null) return true;
  return agent.teams.includes(state.team);
}

export function customerMessage(state: ConversationState, text: string, clientMessageId?: string): NewEvent[] {
  const customer: Actor = { kind: 'customer', id: state.customer.id, name: state.customer.name };
  const message = newEvent('message.created', customer, { role: 'customer', text, clientMessageId });
  // A customer writing again after resolution starts a new round with the AI.
  if (state.owner === 'closed') return [newEvent('conversation.reopened', SYSTEM, {}), message];
  return [message];
}

/** The handover request itself, plus what the customer is told in plain words and which message it answers. */
export type HandoverPlan = EventDataByType['handover.requested'] & {
  notice: string;
  replyTo?: number;
  /** The first queue's skills and overflow, from the routing workflow. */
  target?: QueueTarget;
  /** What the notice tells of the wait. */
  wait?: ToldWait;
};

/**
 * Moves ownership off the AI in one step: the request, the queueing and the notice to the customer are appended
 * together. A conversation already with people is left where it is.
 */
export function requestHandover(state: ConversationState, plan: HandoverPlan): NewEvent[] {
  if (state.owner === 'queue' || state.owner === 'human') return [];
  const events: NewEvent[] = [];
  if (state.owner === 'closed') events.push(newEvent('conversation.reopened', SYSTEM, {}));
  events.push(
    newEvent('handover.requested', SYSTEM, {
      trigger: plan.trigger,
      reasons: plan.reasons,
      topics: plan.topics,
      priority: plan.priority,
      team: plan.team,
      rules: plan.rules,
    } satisfies EventDataByType['handover.requested']),
    newEvent('conversation.queued', SYSTEM, {
      team: plan.team,
      priority: plan.priority,
      ...(plan.target && Object.keys(plan.target).length > 0 ? { target: plan.target } : {}),
    }),
    newEvent('message.created', SYSTEM, { role: 'system', text: plan.notice, replyTo: plan.replyTo, ...(plan.wait ? { wait: plan.wait } : {}) }),
  );
  return events;
}

/** What the AI did and learnt on the way to a reply or a handover: written before it, in the same append. */
export interface TurnWork {
  actions?: { name: string; inputs: Record<string, unknown>; ok: boolean; result: unknown }[];
  collected?: Record<string, string>;
}

export interface AiReply extends TurnWork {
  text: string;
  sources?: MessageSource[];
  intent?: string;
  /** False when the AI did not understand the message it answers. */
  understood?: boolean;
  /** The detail this reply asks the customer for. */
  awaiting?: { intent: string; slot: string };
  replyTo?: number;
}

/** The events recording what the AI did and learnt. */
function workEvents(work: TurnWork): NewEvent[] {
  const events: NewEvent[] = [];
  if (work.collected && Object.keys(work.collected).length > 0) {
    events.push(newEvent('details.collected', AI, { details: work.collected }));
  }
  for (const action of work.actions ?? []) events.push(newEvent('action.executed', AI, action));
  return events;
}

/** Whether a reply to this customer message would still be news: not answered yet by anyone. */
function stillUnanswered(state: ConversationState, replyTo: number | undefined): boolean {
  return replyTo === undefined || state.pendingSeqs.includes(replyTo);
}

/**
 * The AI speaks only while no person owns the conversation, and answers a message once; otherwise its reply is
 * dropped.
 */
export function aiReply(state: ConversationState, reply: AiReply): NewEvent[] {
  if (state.owner !== 'ai' && state.owner !== 'queue') return [];
  if (!stillUnanswered(state, reply.replyTo)) return [];
  return [
    ...workEvents(reply),
    newEvent('message.created', AI, {
      role: 'ai',
      text: reply.text,
      sources: reply.sources,
      intent: reply.intent,
      understood: reply.understood,
      awaiting: reply.awaiting,
      replyTo: reply.replyTo,
    }),
  ];
}

/** A system message to the customer (a queue update, a reminder), kept off conversations a person owns. */
export function systemReply(state: ConversationState, text: string, replyTo?: number): NewEvent[] {
  if (state.owner === 'human' || state.owner === 'closed') return [];
  if (!stillUnanswered(state, replyTo)) return [];
  return [newEvent('message.created', SYSTEM, { role: 'system', text, replyTo })];
}

/** An update on the wait, told only while the conversation still waits in the queue the update is about. */
export function waitUpdate(state: ConversationState, team: string, text: string, wait: ToldWait): NewEvent[] {
  if (state.owner !== 'queue' || state.team !== team) return [];
  return [newEvent('message.created', SYSTEM, { role: 'system', text, wait })];
}

function requireOwnerOrSupervisor(state: ConversationState, agent: AgentRef, action: string): void {
  if (state.owner === 'closed') throw new DomainError(409, 'conversation_closed', 'the conversation is resolved');
  if (state.owner !== 'human') {
    throw new DomainError(409, 'not_owned', `only the agent who owns the conversation can ${action}`);
  }
  if (state.agentId !== agent.id && agent.role === 'agent') {
    throw new DomainError(409, 'owned_by_another_agent', `${state.agentName ?? 'another agent'} owns this conversation`);
  }
}

/**
 * An agent takes a waiting conversation: exactly one of several agents claiming at once gets it (commands run under the
 * conversation's lock), the others are told who has it; claiming one's own again changes nothing.
 */
export function claim(state: ConversationState, agent: AgentRef): NewEvent[] {
  if (state.owner === 'closed') throw new DomainError(409, 'conversation_closed', 'the conversation is resolved');
  if (state.owner === 'human') {
    if (state.agentId === agent.id) return [];
    throw new DomainError(409, 'already_assigned', `${state.agentName ?? 'another agent'} has this conversation`);
  }
  const team = state.team ?? agent.teams[0] ?? 'general';
  return [newEvent('conversation.assigned', SYSTEM, { agentId: agent.id, agentName: agent.name, team, via: 'claim' })];
}

/**
 * The router gives a waiting conversation to an agent with room for it. Written only if it still waits in the queue
 * the plan was made for; otherwise (claimed, moved, gone) the plan is stale and nothing is written.
 */
export function autoAssign(state: ConversationState, agent: { id: string; name: string }, team: string): NewEvent[] {
  if (state.owner !== 'queue' || state.team !== team) return [];
  return [newEvent('conversation.assigned', SYSTEM, { agentId: agent.id, agentName: agent.name, team, via: 'auto' })];
}

/**
 * The agent who has the conversation went offline: it goes back to its team's queue at the place it had, and the
 * customer is told.
 */
export function requeueFromAgent(state: ConversationState, agentId: string, notice: string): NewEvent[] {
  if (state.owner !== 'human' || state.agentId !== agentId) return [];
  return [
    newEvent('conversation.queued', SYSTEM, {
      team: state.team ?? 'general',
      priority: state.priority ?? 'normal',
      reason: 'agent_offline',
      ...(state.queuedSince ? { queuedAt: state.queuedSince } : {}),
    }),
    newEvent('message.created', SYSTEM, { role: 'system', text: notice }),
  ];
}

/**
 * Nobody of the team took it within its target's timeout: it moves to the workflow's next target, keeping its place
 * in line. Only if it still waits where the timer was set (same team, same place).
 */
export function overflow(state: ConversationState, from: { team: string; queuedAt: string }, notice: (team: string) => string): NewEvent[] {
  if (state.owner !== 'queue' || state.team !== from.team || state.queuedAt !== from.queuedAt) return [];
  const [next, ...rest] = state.queueTarget?.next ?? [];
  if (!next) return [];
  const target: QueueTarget = {
    ...(next.skills ? { skills: next.skills } : {}),
    ...(next.timeoutSeconds ? { timeoutSeconds: next.timeoutSeconds } : {}),
    ...(rest.length > 0 ? { next: rest } : {}),
  };
  return [
    newEvent('conversation.queued', SYSTEM, {
      team: next.team,
      priority: state.priority ?? 'normal',
      reason: 'overflow',
      queuedAt: state.queuedAt,
      ...(Object.keys(target).length > 0 ? { target } : {}),
    }),
    newEvent('message.created', SYSTEM, { role: 'system', text: notice(next.team) }),
  ];
}

/** The first-response target passed with no word from a person since the handover: recorded once. */
export function breachFirstResponse(state: ConversationState, dueAt: string): NewEvent[] {
  if (state.owner !== 'queue' && state.owner !== 'human') return [];
  if (state.firstAgentReplyAt !== null || state.slaBreachedAt !== null || state.handover === null) return [];
  return [newEvent('conversation.sla_breached', SYSTEM, { kind: 'first_response', dueAt, team: state.team ?? 'general' })];
}

/**
 * The customer left (their widget closed) and did not come back: closed as abandoned, so the queue holds only people
 * who wait. Not when they left an email to be followed up on: the team owes them an answer.
 */
export function abandon(state: ConversationState, now: string): NewEvent[] {
  if (state.owner !== 'queue' || state.followUpEmail !== null) return [];
  const waitedSeconds = Math.max(0, Math.round((Date.parse(now) - Date.parse(state.queuedAt ?? now)) / 1000));
  return [newEvent('conversation.abandoned', SYSTEM, { waitedSeconds })];
}

/** The customer leaves an email for a follow-up while waiting (out of hours, or a long queue). */
export function requestFollowUp(state: ConversationState, email: string, thanks: string): NewEvent[] {
  if (state.owner === 'closed') throw new DomainError(409, 'conversation_closed', 'the conversation is resolved');
  if (state.owner !== 'queue' && state.owner !== 'human') {
    throw new DomainError(409, 'not_waiting', 'a follow-up is for a conversation waiting for a person');
  }
  if (state.followUpEmail === email) return [];
  return [
    newEvent('follow_up.requested', { kind: 'customer', id: state.customer.id, name: state.customer.name }, { email }),
    newEvent('message.created', SYSTEM, { role: 'system', text: thanks }),
  ];
}

/** The customer rates a resolved conversation, once a round (a second rating replaces nothing: 409). */
export function rate(state: ConversationState, score: number, comment?: string): NewEvent[] {
  if (state.owner !== 'closed' || state.closedAs !== 'resolved') throw new DomainError(409, 'not_resolved', 'a conversation is rated once it is resolved');
  if (state.rating) throw new DomainError(409, 'already_rated', 'this conversation is rated already');
  return [newEvent('conversation.rated', { kind: 'customer', id: state.customer.id, name: state.customer.name }, { score, ...(comment ? { comment } : {}) })];
}

/** Where a transfer sends a conversation: a team's queue, or straight to an agent (of that team). */
export interface TransferTarget {
  team: string;
  agent?: { id: string; name: string };
  note?: string;
}

/**
 * An agent (the owner, or any agent of the team while it waits) or a supervisor sends a conversation to another team's
 * queue or to an agent.
 */
export function transfer(state: ConversationState, agent: AgentRef, target: TransferTarget): NewEvent[] {
  if (state.owner === 'closed') throw new DomainError(409, 'conversation_closed', 'the conversation is resolved');
  if (state.owner === 'human' && state.agentId !== agent.id && agent.role === 'agent') {
    throw new DomainError(409, 'owned_by_another_agent', `${state.agentName ?? 'another agent'} owns this conversation`);
  }
  if (target.agent?.id === state.agentId && state.owner === 'human') {
    throw new DomainError(409, 'already_assigned', `${state.agentName ?? 'that agent'} already has this conversation`);
  }
  return [
    newEvent('conversation.transferred', agentActor(agent), {
      toTeam: target.team,
      ...(target.agent ? { toAgentId: target.agent.id, toAgentName: target.agent.name } : {}),
      ...(target.note ? { reason: target.note } : {}),
    }),
  ];
}

/** An agent writing on a conversation the AI or the queue holds takes it over first. */
export function agentMessage(state: ConversationState, agent: AgentRef, text: string): NewEvent[] {
  if (state.owner === 'closed') throw new DomainError(409, 'conversation_closed', 'the conversation is resolved');
  const events: NewEvent[] = [];
  if (state.owner === 'ai' || state.owner === 'queue') {
    const team = state.team ?? agent.teams[0] ?? 'general';
    events.push(newEvent('conversation.assigned', SYSTEM, { agentId: agent.id, agentName: agent.name, team, via: 'takeover' }));
  } else if (state.agentId !== agent.id && agent.role === 'agent') {
    throw new DomainError(409, 'owned_by_another_agent', `${state.agentName ?? 'another agent'} owns this conversation`);
  }
  events.push(
    newEvent('message.created', agentActor(agent), { role: 'agent', text, team: state.team ?? agent.teams[0] ?? 'general' }),
  );
  return events;
}

export function addNote(state: ConversationState, agent: AgentRef, text: string): NewEvent[] {
  void state;
  return [newEvent('note.added', agentActor(agent), { text })];
}

export function handBack(state: ConversationState, agent: AgentRef, note?: string): NewEvent[] {
  requireOwnerOrSupervisor(state, agent, 'hand it back to the AI');
  return [
    newEvent('conversation.handed_back', agentActor(agent), { note }),
    newEvent('message.created', SYSTEM, {
      role: 'system',
      text: `${state.agentName ?? 'Our team'} has handed you back to the assistant. You can ask for a person again at any time.`,
    }),
  ];
}

export function resolve(state: ConversationState, agent: AgentRef, note?: string): NewEvent[] {
  if (state.owner === 'closed') throw new DomainError(409, 'conversation_closed', 'the conversation is already resolved');
  if (state.owner === 'human' && state.agentId !== agent.id && agent.role === 'agent') {
    throw new DomainError(409, 'owned_by_another_agent', `${state.agentName ?? 'another agent'} owns this conversation`);
  }
  return [newEvent('conversation.resolved', agentActor(agent), { note })];
}

/** What the AI side does about one customer message, decided (by the brain and the policy) before it is written. */
export type TurnOutcome =
  | { kind: 'reply'; reply: Omit<AiReply, 'replyTo'> }
  | {
      kind: 'handover';
      plan: Omit<HandoverPlan, 'replyTo'>;
      /** Said instead when the customer already waits for a person. */
      whileQueued: string;
      /** What the AI did before deciding a person should take over: the person needs to see it. */
      work?: TurnWork;
    }
  | { kind: 'none' };

/**
 * The events answering customer message `replyTo`, from the locked current state: whatever was decided earlier, a
 * person owning the conversation now silences the AI, and a message already answered is not answered again.
 */
export function answerTurn(state: ConversationState, outcome: TurnOutcome, replyTo: number): NewEvent[] {
  switch (outcome.kind) {
    case 'reply':
      return aiReply(state, { ...outcome.reply, replyTo });
    case 'handover': {
      if (!stillUnanswered(state, replyTo)) return [];
      const answer =
        state.owner === 'queue' ? systemReply(state, outcome.whileQueued, replyTo) : requestHandover(state, { ...outcome.plan, replyTo });
      return answer.length > 0 ? [...workEvents(outcome.work ?? {}), ...answer] : [];
    }
    case 'none':
      return [];
  }
}
