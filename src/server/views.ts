/** What the API shows of events and state, per audience: customers never see notes, evidence or internal rules. */
import type { ConversationState } from '../domain/conversation-state.ts';
import type { StoredEvent } from '../domain/events.ts';
import type { WaitOutlook } from '../routing/wait-outlook.ts';

export type Audience = 'customer' | 'agent';

export function messageView(event: StoredEvent) {
  if (event.type !== 'message.created') throw new Error(`event ${event.type} is not a message`);
  const { role, text, clientMessageId, replyTo, sources, intent, team } = event.data;
  return {
    id: `m_${event.position}`,
    conversationId: event.conversationId,
    seq: event.seq,
    role,
    text,
    author: { kind: event.actor.kind, id: event.actor.id, name: event.actor.name ?? (role === 'ai' ? 'Assistant' : undefined), team },
    createdAt: event.at,
    ...(clientMessageId !== undefined ? { clientMessageId } : {}),
    ...(replyTo !== undefined ? { replyTo } : {}),
    ...(sources?.length ? { sources } : {}),
    ...(intent !== undefined ? { intent } : {}),
  };
}

export type MessageView = ReturnType<typeof messageView>;

/** A waiting customer's place and promise: `eta` is null, with the reason, when no honest range can be given. */
export function queueView(wait: WaitOutlook) {
  return {
    team: wait.team,
    position: wait.position,
    eta: wait.eta ? { lowSeconds: wait.eta.lowSeconds, highSeconds: wait.eta.highSeconds } : null,
    ...(wait.etaUnknownReason && !wait.eta ? { etaUnknownReason: wait.etaUnknownReason } : {}),
    ...(wait.opensAt ? { opensAt: wait.opensAt, opening: wait.opening } : {}),
  };
}

/** `wait`: the conversation's place and promise while it waits (the dispatcher knows it; the state alone does not). */
export function stateView(state: ConversationState, audience: Audience, wait?: WaitOutlook) {
  const base = {
    owner: state.owner,
    ...(state.team ? { team: state.team } : {}),
    ...(state.agentId ? { agentId: state.agentId, agent: { id: state.agentId, name: state.agentName } } : {}),
    ...(state.priority ? { priority: state.priority } : {}),
    ...(wait && state.owner === 'queue' ? { queue: queueView(wait) } : {}),
    ...(state.followUpEmail ? { followUpEmail: state.followUpEmail } : {}),
    ...(state.closedAs ? { closedAs: state.closedAs } : {}),
    ...(state.rating ? { rating: { score: state.rating.score } } : {}),
  };
  const handover = state.handover;
  if (audience === 'customer') {
    return {
      ...base,
      ...(handover ? { handover: { at: handover.at, reasons: handover.reasons.map((r) => r.code), topics: handover.topics } } : {}),
    };
  }
  return {
    ...base,
    ...(handover ? { handover } : {}),
    ...(state.queuedAt ? { queuedAt: state.queuedAt } : {}),
    ...(state.queuedSince ? { waitingSince: state.queuedSince } : {}),
    ...(state.queueTarget?.skills ? { skills: state.queueTarget.skills } : {}),
    ...(state.firstAgentReplyAt ? { firstResponseAt: state.firstAgentReplyAt } : {}),
    ...(state.slaBreachedAt ? { slaBreachedAt: state.slaBreachedAt } : {}),
    customerTurns: state.customerTurns,
    lastSeq: state.lastSeq,
  };
}

export function conversationView(state: ConversationState, audience: Audience, wait?: WaitOutlook) {
  return {
    id: state.id,
    channel: state.channel,
    createdAt: state.startedAt,
    updatedAt: state.updatedAt,
    state: stateView(state, audience, wait),
    ...(audience === 'agent' ? { customer: state.customer } : {}),
  };
}

/** An event as a stream frame shows it; null when the audience may not see it. */
export function eventView(event: StoredEvent, audience: Audience) {
  const base = { conversationId: event.conversationId, seq: event.seq, position: event.position, type: event.type, at: event.at };
  switch (event.type) {
    case 'message.created':
      return { ...base, message: messageView(event) };
    // What agents write among themselves, and what the AI did and noted behind the scenes, are not the customer's.
    case 'note.added':
    case 'action.executed':
    case 'details.collected':
      return audience === 'agent' ? { ...base, actor: event.actor, data: event.data } : null;
    case 'handover.requested':
      if (audience === 'agent') return { ...base, actor: event.actor, data: event.data };
      return { ...base, data: { reasons: event.data.reasons.map((r) => r.code), topics: event.data.topics, team: event.data.team } };
    // The email a customer left and their rating are theirs and the agents'.
    case 'follow_up.requested':
    case 'conversation.rated':
      return { ...base, data: event.data };
    case 'conversation.started':
      return audience === 'agent' ? { ...base, data: event.data } : { ...base, data: { channel: event.data.channel } };
    default:
      return { ...base, actor: event.actor, data: event.data };
  }
}
