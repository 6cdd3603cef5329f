/** What the API returns, as the console reads it (see src/server/views.ts and src/domain/handover-packet.ts). */

export type Owner = 'ai' | 'queue' | 'human' | 'closed';
export type Priority = 'low' | 'normal' | 'high' | 'urgent';
export type Presence = 'online' | 'away' | 'offline';
export type Role = 'agent' | 'supervisor' | 'admin';
export type MessageRole = 'customer' | 'ai' | 'agent' | 'system';

export interface Agent {
  id: string;
  email: string;
  name: string;
  role: Role;
  teams: string[];
  skills: string[];
  languages: string[];
  capacity: number;
  presence: Presence;
  /** GET /api/v1/agents only: conversations they hold now. */
  activeConversations?: number;
}

export interface TeamQueue {
  waiting: number;
  agentsOnline: number;
  capacity: number;
  freeCapacity: number;
  open: boolean;
  opensAt?: string;
}

export interface Team {
  id: string;
  name: string;
  skills: string[];
  languages: string[];
  queue: TeamQueue;
}

export interface HandoverReason {
  code: string;
  score: number;
  evidence: string[];
}

export interface HandoverSummary {
  seq: number;
  at: string;
  trigger: 'button' | 'policy' | 'agent';
  reasons: HandoverReason[];
  topics: string[];
}

/** A waiting conversation's place and promise; `eta` null (with the reason) when no honest range can be given. */
export interface QueueView {
  team: string;
  position: number;
  eta: { lowSeconds: number; highSeconds: number } | null;
  etaUnknownReason?: string;
  opensAt?: string;
  opening?: string;
}

export interface StateView {
  owner: Owner;
  team?: string;
  agentId?: string;
  agent?: { id: string; name: string | null };
  priority?: Priority;
  queue?: QueueView;
  followUpEmail?: string;
  closedAs?: 'resolved' | 'abandoned';
  rating?: { score: number };
  handover?: HandoverSummary;
  queuedAt?: string;
  waitingSince?: string;
  skills?: string;
  firstResponseAt?: string;
  slaBreachedAt?: string;
  customerTurns: number;
  lastSeq: number;
}

export interface CustomerProfile {
  id?: string;
  externalId?: string;
  name?: string;
  email?: string;
  attributes?: Record<string, unknown>;
}

export interface ConversationView {
  id: string;
  channel?: string;
  createdAt?: string;
  updatedAt?: string;
  state: StateView;
  customer?: CustomerProfile;
}

export interface MessageView {
  id: string;
  conversationId: string;
  seq: number;
  role: MessageRole;
  text: string;
  author: { kind: string; id?: string; name?: string; team?: string };
  createdAt: string;
  sources?: { id: string; title: string }[];
  intent?: string;
}

export interface Actor {
  kind: 'customer' | 'ai' | 'agent' | 'system';
  id?: string;
  name?: string;
}

interface EventBase {
  conversationId: string;
  seq: number;
  position: number;
  at: string;
  actor?: Actor;
}

/** An event as a stream frame or GET …/events shows it to agents. */
export type EventView = EventBase &
  (
    | { type: 'message.created'; message: MessageView }
    | { type: 'conversation.started'; data: { customer: CustomerProfile; channel: string } }
    | { type: 'note.added'; data: { text: string } }
    | { type: 'details.collected'; data: { details: Record<string, string> } }
    | { type: 'action.executed'; data: { name: string; inputs: Record<string, unknown>; ok: boolean; result: unknown } }
    | { type: 'handover.requested'; data: { trigger: string; reasons: HandoverReason[]; topics: string[]; priority: Priority; team: string; rules: string[] } }
    | { type: 'conversation.queued'; data: { team: string; priority: Priority; reason?: 'handover' | 'overflow' | 'agent_offline' | 'transfer' } }
    | { type: 'conversation.assigned'; data: { agentId: string; agentName: string; team: string; via: 'takeover' | 'claim' | 'auto' } }
    | { type: 'conversation.transferred'; data: { toTeam: string; toAgentId?: string; toAgentName?: string; reason?: string } }
    | { type: 'conversation.handed_back'; data: { note?: string } }
    | { type: 'conversation.sla_breached'; data: { kind: string; dueAt: string; team: string } }
    | { type: 'conversation.abandoned'; data: { waitedSeconds: number } }
    | { type: 'follow_up.requested'; data: { email: string } }
    | { type: 'conversation.rated'; data: { score: number; comment?: string } }
    | { type: 'conversation.resolved'; data: { note?: string } }
    | { type: 'conversation.reopened'; data: Record<string, never> }
  );

export type StreamFrame =
  | { type: 'event'; event: EventView; state?: StateView }
  | { type: 'ready'; after: number }
  | { type: 'state'; conversationId: string; state: StateView }
  | { type: 'queue'; conversationId: string; queue: QueueView }
  | { type: 'typing'; conversationId: string; role: 'customer' | 'agent'; name?: string };

export interface Money {
  amount: number;
  currency: string;
}

/** GET …/handover: HandoverPacketSchema. */
export interface HandoverPacket {
  conversationId: string;
  requestedAt: string | null;
  trigger: 'button' | 'policy' | 'agent' | null;
  reasons: HandoverReason[];
  rules: string[];
  topics: string[];
  team: string | null;
  priority: Priority | null;
  owner: Owner;
  agent: { id: string; name: string | null } | null;
  summary: { text: string; source: 'extractive' | 'llm' };
  customer: CustomerProfile;
  account: {
    customer: { id: string; name: string; email: string; tier: string; plan?: string; phone?: string; lifetimeValue?: number } | null;
    orders: {
      orderNumber: string;
      status: string;
      placedAt: string;
      total: Money;
      items: { name: string; quantity: number }[];
      trackingNumber?: string;
      estimatedDelivery?: string;
      deliveredAt?: string;
    }[];
    error?: string;
  } | null;
  collected: Record<string, string>;
  actions: { seq: number; at: string; name: string; inputs: Record<string, unknown>; ok: boolean; result: unknown }[];
  promises: { seq: number; at: string; kind: 'wait' | 'refund' | 'ticket' | 'follow_up' | 'callback'; text: string }[];
  sentiment: { current: number; label: 'negative' | 'neutral' | 'positive'; trend: 'improving' | 'steady' | 'worsening'; history: { seq: number; score: number }[] };
  attempts: { seq: number; at: string; customer: string; reply: string; why: 'not_understood' | 'unresolved' }[];
  askedAgain: { seq: number; slot: string; value: string }[];
  transcript: { seq: number; at: string; role: string; author?: string; text: string }[];
  timing: {
    startedAt: string;
    handedOverAt: string | null;
    waitingSince: string | null;
    firstResponseDueAt: string | null;
    firstResponseAt: string | null;
    slaBreachedAt: string | null;
  };
  redacted: boolean;
}
