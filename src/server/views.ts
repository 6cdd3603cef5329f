/** What the API shows of events and state, per audience: customers never see notes, evidence or internal rules. */
import type { ConversationState } from '../domain/conversation-state.ts';
import type { StoredEvent } from '../domain/events.ts';

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

export function stateView(state: ConversationState, audience: Audience) {
  const base = {
    owner: state.owner,
    ...(state.team ? { team: state.team } : {}),
    ...(state.agentId ? { agentId: state.agentId, agent: { id: state.agentId, name: state.agentName } } : {}),
    ...(state.priority ? { priority: state.priority } : {}),
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
    customerTurns: state.customerTurns,
    lastSeq: state.lastSeq,
  };
}

export function conversationView(state: ConversationState, audience: Audience) {
  return {
    id: state.id,
    channel: state.channel,
    createdAt: state.startedAt,
    updatedAt: state.updatedAt,
    state: stateView(state, audience),
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
    case 'conversation.started':
      return audience === 'agent' ? { ...base, data: event.data } : { ...base, data: { channel: event.data.channel } };
    default:
      return { ...base, actor: event.actor, data: event.data };
  }
}
