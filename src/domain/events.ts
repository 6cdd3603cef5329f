/**
 * The conversation is an append-only log of these events. Every other view of a conversation
 * (who owns it, its team, its messages) is derived from them.
 */

export type ActorKind = 'customer' | 'ai' | 'agent' | 'system';

export interface Actor {
  kind: ActorKind;
  /** Agent id for agents, customer id for customers; absent for the AI and the system. */
  id?: string;
  /** Display name shown to the other side (agent's name, "Assistant"). */
  name?: string;
}

export type Owner = 'ai' | 'queue' | 'human' | 'closed';
export type Priority = 'low' | 'normal' | 'high' | 'urgent';
export type MessageRole = 'customer' | 'ai' | 'agent' | 'system';

export interface CustomerProfile {
  id?: string;
  externalId?: string;
  name?: string;
  email?: string;
  attributes?: Record<string, unknown>;
}

/** Why the AI is stepping aside: one per fired signal, with the customer's words that triggered it. */
export interface HandoverReason {
  code: string;
  score: number;
  evidence: string[];
}

/** What a customer was told of their wait: their place in line and, when one could be promised, a range. */
export interface ToldWait {
  position: number;
  lowSeconds?: number;
  highSeconds?: number;
  /** Set when the team was closed: when it opens. */
  opensAt?: string;
}

/** A queue a conversation waits in, by the routing workflow: the team, the skills asked for, and where it overflows. */
export interface QueueTarget {
  /** A skill expression over the agent's skills and languages ("billing && german"). */
  skills?: string;
  /** Waiting this long moves it to the first of `next`. */
  timeoutSeconds?: number;
  /** The targets still to try, in order. */
  next?: { team: string; skills?: string; timeoutSeconds?: number }[];
}

export interface MessageSource {
  id: string;
  title: string;
}

export interface EventDataByType {
  'conversation.started': { customer: CustomerProfile; channel: string };
  'message.created': {
    role: MessageRole;
    text: string;
    clientMessageId?: string;
    /** For replies: the seq of the customer message this answers. */
    replyTo?: number;
    sources?: MessageSource[];
    intent?: string;
    /** On AI replies: false when the AI did not understand what it answered. */
    understood?: boolean;
    /** On AI replies that ask for a detail: what for, so the customer's next message can be read as the answer. */
    awaiting?: { intent: string; slot: string };
    /** Agent team shown with the agent's name. */
    team?: string;
    /** On system messages about the wait: the place and the range the customer was told. */
    wait?: ToldWait;
  };
  'note.added': { text: string };
  /** Details the AI learnt from the customer, by slot name (order_number, email, ...); later values win. */
  'details.collected': { details: Record<string, string> };
  /** Something the AI did on the customer's behalf, with what it sent and what came back. */
  'action.executed': { name: string; inputs: Record<string, unknown>; ok: boolean; result: unknown };
  'handover.requested': {
    trigger: 'button' | 'policy' | 'agent';
    reasons: HandoverReason[];
    topics: string[];
    priority: Priority;
    team: string;
    /** Rules of the escalation policy that fired, by name. */
    rules: string[];
  };
  'conversation.queued': {
    team: string;
    priority: Priority;
    /** Why it joined this queue (absent: a handover). */
    reason?: 'handover' | 'overflow' | 'agent_offline' | 'transfer';
    /** Its place: when it first queued, kept when it moves on (overflow, an agent going offline). Absent: now. */
    queuedAt?: string;
    /** What an agent of this queue must have, and where it goes after `timeoutSeconds` (the workflow's overflow). */
    target?: QueueTarget;
  };
  'conversation.assigned': { agentId: string; agentName: string; team: string; via: 'takeover' | 'claim' | 'auto' };
  'conversation.transferred': { toTeam: string; toAgentId?: string; toAgentName?: string; reason?: string };
  'conversation.handed_back': { note?: string };
  /** Nobody answered within the first-response target. */
  'conversation.sla_breached': { kind: 'first_response'; dueAt: string; team: string };
  /** The customer left the queue before anyone answered (and left no email to follow up). */
  'conversation.abandoned': { waitedSeconds: number };
  /** The customer rated the help they got, once resolved (1 poor .. 5 great). */
  'conversation.rated': { score: number; comment?: string };
  /** The customer left an email for the team to follow up on, should they not be here when it answers. */
  'follow_up.requested': { email: string };
  'conversation.resolved': { note?: string };
  'conversation.reopened': Record<string, never>;
}

export type EventType = keyof EventDataByType;
export const EVENT_TYPES = [
  'conversation.started',
  'message.created',
  'note.added',
  'details.collected',
  'action.executed',
  'handover.requested',
  'conversation.queued',
  'conversation.assigned',
  'conversation.transferred',
  'conversation.handed_back',
  'conversation.sla_breached',
  'conversation.abandoned',
  'follow_up.requested',
  'conversation.rated',
  'conversation.resolved',
  'conversation.reopened',
] as const satisfies readonly EventType[];

/** An event before the store gives it a place in the log. */
export type NewEvent = {
  [T in EventType]: { type: T; actor: Actor; data: EventDataByType[T] };
}[EventType];

/** An event as stored: gapless `seq` within its conversation, global `position` across all of them. */
export type StoredEvent = NewEvent & {
  conversationId: string;
  seq: number;
  position: number;
  at: string;
};

export type EventOf<T extends EventType> = Extract<StoredEvent, { type: T }>;

/**
 * The event as stored. Built field by field: spreading the event and adding fields made V8 build a slow object,
 * at a cost of microseconds on every append.
 */
export function storedEvent(event: NewEvent, conversationId: string, seq: number, position: number, at: string): StoredEvent {
  return { type: event.type, actor: event.actor, data: event.data, conversationId, seq, position, at } as StoredEvent;
}

export function newEvent<T extends EventType>(type: T, actor: Actor, data: EventDataByType[T]): NewEvent {
  return { type, actor, data } as NewEvent;
}

export const SYSTEM: Actor = { kind: 'system' };
export const AI: Actor = { kind: 'ai', name: 'Assistant' };
