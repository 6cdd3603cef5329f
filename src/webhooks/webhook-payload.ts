import type { Actor, EventType, StoredEvent } from '../domain/events.ts';
import type { PacketSource } from '../engine/handover-packets.ts';

/** The handover packet, as the packet source builds it. */
export type WebhookPacket = NonNullable<Awaited<ReturnType<PacketSource['build']>>>;

/** The events a webhook may subscribe to. */
export const WEBHOOK_EVENT_TYPES = [
  'handover.requested',
  'conversation.queued',
  'conversation.assigned',
  'conversation.transferred',
  'conversation.handed_back',
  'conversation.resolved',
  'message.created',
] as const satisfies readonly EventType[];

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Subscribes to every event type above (and to those added to it later). */
export const ALL_EVENTS = '*';

const KNOWN = new Set<string>(WEBHOOK_EVENT_TYPES);

export const isWebhookEventType = (type: string): type is WebhookEventType => KNOWN.has(type);

/** The event types a subscription's list stands for. */
export function expandEvents(events: readonly string[]): WebhookEventType[] {
  return events.includes(ALL_EVENTS) ? [...WEBHOOK_EVENT_TYPES] : WEBHOOK_EVENT_TYPES.filter((t) => events.includes(t));
}

export function subscribesTo(events: readonly string[], type: string): boolean {
  return isWebhookEventType(type) && (events.includes(ALL_EVENTS) || events.includes(type));
}

/** Handover events carry the handover packet. */
export const CARRIES_PACKET: ReadonlySet<string> = new Set<WebhookEventType>(['handover.requested', 'conversation.queued']);

/** Who the conversation is with, outside Baton: where a bridge sends a reply to. */
export interface ConversationAddress {
  channel: string;
  /** The customer's externalId (channel bridges: `<channel>:<user id>`); null when none was given. */
  externalId: string | null;
}

export interface WebhookBody {
  /** The event's id, the same in every delivery and attempt of it: receivers de-duplicate on it (delivery is at least once). */
  id: string;
  type: WebhookEventType;
  createdAt: string;
  data: { conversationId: string; seq: number; channel: string; externalId: string | null } & Record<string, unknown>;
}

export const webhookEventId = (position: number) => `evt_${position}`;

const actorView = (actor: Actor) => ({ kind: actor.kind, ...(actor.id ? { id: actor.id } : {}), ...(actor.name ? { name: actor.name } : {}) });

/**
 * What is sent for an event: its id, type and time, and in `data` the conversation, where to reach the customer, and
 * what the event says that an outside system may see. Notes written with transfers, hand-backs and resolutions are the
 * agents' own and are left out, as are the handover's internal rules and evidence (the packet has what is shareable).
 * `packet` is given for handover events (null when it could not be built).
 */
export function webhookBody(event: StoredEvent, address: ConversationAddress, packet?: WebhookPacket | null): WebhookBody | undefined {
  if (!isWebhookEventType(event.type)) return undefined;
  const base = { conversationId: event.conversationId, seq: event.seq, channel: address.channel, externalId: address.externalId };
  const body = (data: Record<string, unknown>): WebhookBody => ({ id: webhookEventId(event.position), type: event.type as WebhookEventType, createdAt: event.at, data: { ...base, ...data } });
  switch (event.type) {
    case 'message.created': {
      const { role, text, replyTo, team } = event.data;
      const name = event.actor.name ?? (role === 'ai' ? 'Assistant' : undefined);
      return body({
        message: {
          seq: event.seq,
          role,
          text,
          author: { kind: event.actor.kind, ...(event.actor.id ? { id: event.actor.id } : {}), ...(name ? { name } : {}), ...(team ? { team } : {}) },
          createdAt: event.at,
          ...(replyTo !== undefined ? { replyTo } : {}),
        },
      });
    }
    case 'handover.requested': {
      const { trigger, reasons, topics, priority, team } = event.data;
      return body({ handover: { trigger, reasons: reasons.map((r) => r.code), topics, priority, team }, packet: packet ?? null });
    }
    case 'conversation.queued': {
      const { team, priority, reason, queuedAt } = event.data;
      return body({ queue: { team, priority, reason: reason ?? 'handover', queuedAt: queuedAt ?? event.at }, packet: packet ?? null });
    }
    case 'conversation.assigned': {
      const { agentId, agentName, team, via } = event.data;
      return body({ agent: { id: agentId, name: agentName }, team, via, actor: actorView(event.actor) });
    }
    case 'conversation.transferred': {
      const { toTeam, toAgentId, toAgentName } = event.data;
      return body({ toTeam, toAgent: toAgentId ? { id: toAgentId, name: toAgentName ?? null } : null, actor: actorView(event.actor) });
    }
    case 'conversation.handed_back':
    case 'conversation.resolved':
      return body({ actor: actorView(event.actor) });
    default:
      return undefined;
  }
}
