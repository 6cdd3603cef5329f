import { storedEvent, type CustomerProfile, type HandoverReason, type NewEvent, type Owner, type Priority, type QueueTarget, type StoredEvent, type ToldWait } from './events.ts';

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
  /**
   * Its place in line since the handover: kept while a person has it, so that it goes back to the same place if that
   * person goes offline; null once handed back or closed.
   */
  queuedSince: string | null;
  /** When it joined its current queue (its place, queuedAt, may be older: overflow and requeues keep it). */
  queueJoinedAt: string | null;
  /** The current queue's skills and overflow, from the routing workflow; null when none. */
  queueTarget: QueueTarget | null;
  /** When a person first wrote since the latest handover (the first response); null until then. */
  firstAgentReplyAt: string | null;
  /** When the first-response target was missed since the latest handover; null if it was not. */
  slaBreachedAt: string | null;
  /** What the customer was last told of their wait since the handover, and when: later updates compare with it. */
  toldWait: (ToldWait & { at: string }) | null;
  /**
   * Details the customer gave again after the handover though they were already known (collected, or their profile's
   * email): each one a sign the context did not reach the person. At most ASKED_AGAIN_KEPT.
   */
  askedAgain: { seq: number; slot: string; value: string }[];
  /** The customer's rating of the latest resolution; null until rated (a new round clears it). */
  rating: { score: number; comment?: string; at: string } | null;
  /** The email the customer left for a follow-up while waiting. */
  followUpEmail: string | null;
  /** How it was closed: by a person, or the customer left the queue; null while open. */
  closedAs: 'resolved' | 'abandoned' | null;
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
  /**
   * The customer's latest messages, oldest first (at most RECENT_CUSTOMER_TEXTS, each cut to RECENT_TEXT_CHARS): what
   * the escalation signals read, so that they weigh the conversation and not only its last message, without a read.
   */
  recentCustomerTexts: string[];
  /** What the AI last said, and how many replies in a row said exactly that: an AI repeating itself is in a loop. */
  lastAiReply: { intent: string | null; opening: string; digest: number; times: number } | null;
}

export const RECENT_CUSTOMER_TEXTS = 6;
export const ASKED_AGAIN_KEPT = 20;
const MIN_REPEATED_CHARS = 5;
export const RECENT_TEXT_CHARS = 2_000;

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
    queuedSince: null,
    queueJoinedAt: null,
    queueTarget: null,
    firstAgentReplyAt: null,
    slaBreachedAt: null,
    toldWait: null,
    askedAgain: [],
    rating: null,
    followUpEmail: null,
    closedAs: null,
    handover: null,
    customerTurns: 0,
    lastCustomerSeq: 0,
    pendingSeqs: [],
    misunderstoodStreak: 0,
    collected: {},
    awaiting: null,
    resolvedAt: null,
    recentCustomerTexts: [],
    lastAiReply: null,
  };
}

/**
 * A copy of the state, field by field. States come parsed from JSON or made by earlier events, in different object
 * shapes, and V8 spreads mixed shapes slowly; a literal always has one shape. (TypeScript checks every field is here.)
 */
function copyOf(state: ConversationState): ConversationState {
  return {
    id: state.id,
    owner: state.owner,
    team: state.team,
    agentId: state.agentId,
    agentName: state.agentName,
    priority: state.priority,
    customer: state.customer,
    channel: state.channel,
    startedAt: state.startedAt,
    updatedAt: state.updatedAt,
    lastSeq: state.lastSeq,
    queuedAt: state.queuedAt,
    // (absent from states stored before the fields existed)
    queuedSince: state.queuedSince ?? null,
    queueJoinedAt: state.queueJoinedAt ?? null,
    queueTarget: state.queueTarget ?? null,
    firstAgentReplyAt: state.firstAgentReplyAt ?? null,
    slaBreachedAt: state.slaBreachedAt ?? null,
    toldWait: state.toldWait ?? null,
    askedAgain: state.askedAgain ?? [],
    rating: state.rating ?? null,
    followUpEmail: state.followUpEmail ?? null,
    closedAs: state.closedAs ?? null,
    handover: state.handover,
    customerTurns: state.customerTurns,
    lastCustomerSeq: state.lastCustomerSeq,
    pendingSeqs: state.pendingSeqs,
    misunderstoodStreak: state.misunderstoodStreak,
    collected: state.collected,
    awaiting: state.awaiting,
    resolvedAt: state.resolvedAt,
    // States stored before the field existed have none.
    recentCustomerTexts: state.recentCustomerTexts ?? [],
    lastAiReply: state.lastAiReply ?? null,
  };
}

/** Applies one event. Pure: returns a new state (sharing unchanged parts) and leaves the old one untouched. */
export function applyEvent(state: ConversationState, event: StoredEvent): ConversationState {
  const next = copyOf(state);
  next.lastSeq = event.seq;
  next.updatedAt = event.at;
  switch (event.type) {
    case 'conversation.started':
      next.owner = 'ai';
      next.customer = event.data.customer;
      next.channel = event.data.channel;
      next.startedAt = event.at;
      return next;
    case 'message.created': {
      const { role, replyTo } = event.data;
      if (role === 'customer') {
        next.customerTurns = state.customerTurns + 1;
        next.lastCustomerSeq = event.seq;
        next.pendingSeqs = [...state.pendingSeqs, event.seq];
        next.recentCustomerTexts = [...next.recentCustomerTexts.slice(1 - RECENT_CUSTOMER_TEXTS), event.data.text.slice(0, RECENT_TEXT_CHARS)];
        if (state.handover && (state.owner === 'queue' || state.owner === 'human') && next.askedAgain.length < ASKED_AGAIN_KEPT) {
          const repeated = knownDetailsIn(state, event.data.text).filter((d) => !next.askedAgain.some((a) => a.slot === d.slot && a.value === d.value));
          if (repeated.length > 0) next.askedAgain = [...next.askedAgain, ...repeated.map((d) => ({ seq: event.seq, ...d }))].slice(0, ASKED_AGAIN_KEPT);
        }
        return next;
      }
      // A person answering counts as answering everything the customer said before.
      if (role === 'agent') {
        next.firstAgentReplyAt = state.firstAgentReplyAt ?? event.at;
        next.pendingSeqs = [];
        next.misunderstoodStreak = 0;
        next.awaiting = null;
        next.lastAiReply = null;
        return next;
      }
      if (replyTo !== undefined) next.pendingSeqs = state.pendingSeqs.filter((seq) => seq !== replyTo);
      if (event.data.wait) next.toldWait = { ...event.data.wait, at: event.at };
      if (role === 'ai') {
        next.misunderstoodStreak = event.data.understood === false ? state.misunderstoodStreak + 1 : 0;
        next.awaiting = event.data.awaiting ?? null;
        const digest = digestOf(event.data.text);
        const times = state.lastAiReply?.digest === digest ? state.lastAiReply.times + 1 : 1;
        next.lastAiReply = { intent: event.data.intent ?? null, opening: event.data.text.slice(0, 120), digest, times };
      }
      return next;
    }
    case 'note.added':
    case 'action.executed':
      return next;
    case 'details.collected':
      next.collected = { ...state.collected, ...event.data.details };
      return next;
    case 'handover.requested':
      next.priority = event.data.priority;
      next.handover = {
        seq: event.seq,
        at: event.at,
        trigger: event.data.trigger,
        reasons: event.data.reasons,
        topics: event.data.topics,
      };
      next.firstAgentReplyAt = null;
      next.slaBreachedAt = null;
      next.toldWait = null;
      // A person will read everything the customer said; nothing is left for the AI to answer.
      next.pendingSeqs = [];
      next.misunderstoodStreak = 0;
      next.awaiting = null;
      next.lastAiReply = null;
      return next;
    case 'conversation.queued': {
      const place = event.data.queuedAt ?? event.at;
      next.owner = 'queue';
      next.team = event.data.team;
      next.priority = event.data.priority;
      next.agentId = null;
      next.agentName = null;
      next.queuedAt = place;
      next.queuedSince = state.queuedSince ?? place;
      next.queueJoinedAt = event.at;
      next.queueTarget = event.data.target ?? null;
      return next;
    }
    case 'conversation.assigned':
      next.owner = 'human';
      next.team = event.data.team;
      next.agentId = event.data.agentId;
      next.agentName = event.data.agentName;
      next.queuedAt = null;
      return next;
    case 'conversation.transferred': {
      const { toTeam, toAgentId, toAgentName } = event.data;
      next.team = toTeam;
      if (toAgentId) {
        next.owner = 'human';
        next.agentId = toAgentId;
        next.agentName = toAgentName ?? null;
        next.queuedAt = null;
      } else {
        next.owner = 'queue';
        next.agentId = null;
        next.agentName = null;
        next.queuedAt = event.at;
        next.queuedSince = state.queuedSince ?? event.at;
        next.queueJoinedAt = event.at;
      }
      // A transfer is a person's choice of team: the workflow's skills and overflow no longer apply.
      next.queueTarget = null;
      return next;
    }
    case 'conversation.handed_back':
      next.owner = 'ai';
      next.agentId = null;
      next.agentName = null;
      next.queuedAt = null;
      next.queuedSince = null;
      next.queueTarget = null;
      return next;
    case 'conversation.sla_breached':
      next.slaBreachedAt = state.slaBreachedAt ?? event.at;
      return next;
    case 'follow_up.requested':
      next.followUpEmail = event.data.email;
      return next;
    case 'conversation.rated':
      next.rating = { score: event.data.score, ...(event.data.comment ? { comment: event.data.comment } : {}), at: event.at };
      return next;
    case 'conversation.resolved':
    case 'conversation.abandoned':
      next.owner = 'closed';
      next.closedAs = event.type === 'conversation.resolved' ? 'resolved' : 'abandoned';
      next.queuedAt = null;
      next.queuedSince = null;
      next.queueTarget = null;
      next.resolvedAt = event.at;
      next.pendingSeqs = [];
      return next;
    case 'conversation.reopened':
      next.closedAs = null;
      next.rating = null;
      next.owner = 'ai';
      next.agentId = null;
      next.agentName = null;
      next.team = null;
      next.queuedAt = null;
      next.resolvedAt = null;
      return next;
  }
}

/** Known details (collected, and the profile's email) that the text gives again, compared without case or spacing. */
function knownDetailsIn(state: ConversationState, text: string): { slot: string; value: string }[] {
  const known: [string, string][] = Object.entries(state.collected);
  if (state.customer.email && !known.some(([, v]) => v.toLowerCase() === state.customer.email!.toLowerCase())) known.push(['email', state.customer.email]);
  const squeezed = text.toLowerCase().replace(/[\s-]+/g, '');
  const found: { slot: string; value: string }[] = [];
  for (const [slot, value] of known) {
    const needle = value.toLowerCase().replace(/[\s-]+/g, '');
    // Short values (a yes, a size) say nothing about a lost context.
    if (needle.length >= MIN_REPEATED_CHARS && squeezed.includes(needle)) found.push({ slot, value });
  }
  return found;
}

/** A 32-bit FNV-1a digest: two replies with one digest are, for a loop check, the same reply. */
function digestOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
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
