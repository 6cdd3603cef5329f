import { storedEvent, type CustomerProfile, type HandoverReason, type NewEvent, type Owner, type Priority, type StoredEvent } from './events.ts';

/** The latest handover request, as the agent and the customer's state see it. */
export interface HandoverSummary {
  seq: number;
  at: string;
  trigger: 'button' | 'policy' | 'agent';
  reasons: HandoverReason[];
  topics: string[];
}

/** Everything the system knows about a conversation right now: a pure fold over its events. */
export interface ConversationState {
  id: string;
  owner: Owner;
  team: string | null;
  agentId: string | null;
  agentName: string | null;
  priority: Priority | null;
  customer: CustomerProfile;
  channel: string;
  startedAt: string;
  updatedAt: string;
  lastSeq: number;
  /** When the conversation entered its current queue; null unless owner is `queue`. */
  queuedAt: string | null;
  handover: HandoverSummary | null;
  customerTurns: number;
  /** Seq of the customer's latest message. */
  lastCustomerSeq: number;
  /**
   * Customer messages not yet answered by the AI, the system or a person, oldest first. A reply to a message no longer
   * here is dropped, so a message is answered once even when a resend or another node races the first answer.
   */
  pendingSeqs: number[];
  /** AI replies in a row that did not understand the customer; the policy hands over before this becomes a loop. */
  misunderstoodStreak: number;
  /** Every detail gathered so far, by slot name: what a person taking over must not ask again. */
  collected: Record<string, string>;
  /** The detail the AI last asked for, and for what; null once answered or moved on. */
  awaiting: { intent: string; slot: string } | null;
  resolvedAt: string | null;
}

export function emptyState(conversationId: string): ConversationState {
  return {
    id: conversationId,
    owner: 'ai',
    team: null,
    agentId: null,
    agentName: null,
    priority: null,
    customer: {},
    channel: 'api',
    startedAt: '',
    updatedAt: '',
    lastSeq: 0,
    queuedAt: null,
    handover: null,
    customerTurns: 0,
    lastCustomerSeq: 0,
    pendingSeqs: [],
    misunderstoodStreak: 0,
    collected: {},
    awaiting: null,
    resolvedAt: null,
  };
}

/** Applies one event. Pure: returns a new state and leaves the old one untouched. */
export function applyEvent(state: ConversationState, event: StoredEvent): ConversationState {
  const next: ConversationState = { ...state, lastSeq: event.seq, updatedAt: event.at };
  switch (event.type) {
    case 'conversation.started':
      return { ...next, owner: 'ai', customer: event.data.customer, channel: event.data.channel, startedAt: event.at };
    case 'message.created': {
      const { role, replyTo } = event.data;
      if (role === 'customer') {
        return { ...next, customerTurns: state.customerTurns + 1, lastCustomerSeq: event.seq, pendingSeqs: [...state.pendingSeqs, event.seq] };
      }
      // A person answering counts as answering everything the customer said before.
      if (role === 'agent') return { ...next, pendingSeqs: [], misunderstoodStreak: 0, awaiting: null };
      const answered = replyTo === undefined ? next : { ...next, pendingSeqs: state.pendingSeqs.filter((seq) => seq !== replyTo) };
      if (role === 'ai') {
        return {
          ...answered,
          misunderstoodStreak: event.data.understood === false ? state.misunderstoodStreak + 1 : 0,
          awaiting: event.data.awaiting ?? null,
        };
      }
      return answered;
    }
    case 'note.added':
    case 'action.executed':
      return next;
    case 'details.collected':
      return { ...next, collected: { ...state.collected, ...event.data.details } };
    case 'handover.requested':
      return {
        ...next,
        priority: event.data.priority,
        handover: {
          seq: event.seq,
          at: event.at,
          trigger: event.data.trigger,
          reasons: event.data.reasons,
          topics: event.data.topics,
        },
        // A person will read everything the customer said; nothing is left for the AI to answer.
        pendingSeqs: [],
        misunderstoodStreak: 0,
        awaiting: null,
      };
    case 'conversation.queued':
      return {
        ...next,
        owner: 'queue',
        team: event.data.team,
        priority: event.data.priority,
        agentId: null,
        agentName: null,
        queuedAt: event.at,
      };
    case 'conversation.assigned':
      return {
        ...next,
        owner: 'human',
        team: event.data.team,
        agentId: event.data.agentId,
        agentName: event.data.agentName,
        queuedAt: null,
      };
    case 'conversation.transferred': {
      const { toTeam, toAgentId, toAgentName } = event.data;
      if (toAgentId) return { ...next, owner: 'human', team: toTeam, agentId: toAgentId, agentName: toAgentName ?? null, queuedAt: null };
      return { ...next, owner: 'queue', team: toTeam, agentId: null, agentName: null, queuedAt: event.at };
    }
    case 'conversation.handed_back':
      return { ...next, owner: 'ai', agentId: null, agentName: null, queuedAt: null };
    case 'conversation.resolved':
      return { ...next, owner: 'closed', queuedAt: null, resolvedAt: event.at, pendingSeqs: [] };
    case 'conversation.reopened':
      return { ...next, owner: 'ai', agentId: null, agentName: null, team: null, queuedAt: null, resolvedAt: null };
  }
}

export function foldConversation(conversationId: string, events: readonly StoredEvent[]): ConversationState {
  return events.reduce(applyEvent, emptyState(conversationId));
}

/**
 * The state after events not stored yet, as the store will fold them (same seqs, since it appends under the
 * conversation's lock). Lets one command build on another's events inside a single append.
 */
export function projectEvents(state: ConversationState, events: readonly NewEvent[], at: string): ConversationState {
  return events.reduce(
    (current, event) => applyEvent(current, storedEvent(event, state.id, current.lastSeq + 1, 0, at)),
    state,
  );
}
