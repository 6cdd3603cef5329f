import { v7 as timeOrderedId } from 'uuid';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { StoredEvent } from '../domain/events.ts';
import type { PacketSource } from '../engine/handover-packets.ts';
import type { ConversationStore } from '../store/store.ts';
import { CARRIES_PACKET, expandEvents, subscribesTo, webhookBody, type ConversationAddress, type WebhookPacket } from './webhook-payload.ts';
import type { DeliveryJob, NewDelivery, WebhookStore, WebhookSubscription } from './webhook-store.ts';

/** Events read a page. */
const PAGE = 500;
/** Pages a run; a longer backlog is left to the next run (asked for at once), so one run never holds a job for long. */
const PAGES_PER_RUN = 20;

export interface WebhookFanOutDeps {
  webhooks: WebhookStore;
  events: Pick<ConversationStore, 'readEventsAfterPosition' | 'getState'>;
  packets: PacketSource;
  /** Handover packets are sent redacted. */
  redactPackets: boolean;
  job: DeliveryJob;
  clock: Clock;
  log: Logger;
}

/**
 * Turns the event log into deliveries: reads the events after the cursor, writes one delivery per subscription that
 * wants each (with the body to send), their jobs, and the new cursor in one transaction. Derived from the log alone,
 * so a run cut short anywhere is simply run again: the unique (subscription, event) key keeps every delivery single.
 */
export class WebhookFanOut {
  constructor(private readonly deps: WebhookFanOutDeps) {}

  /** One run; `more` when a backlog is left for another run. */
  async run(): Promise<{ inserted: string[]; more: boolean }> {
    const { webhooks, events: log } = this.deps;
    const subscriptions = await webhooks.listSubscriptions();
    // The end first: an event committed after this read is left for the next run (events commit in position order).
    const end = await webhooks.lastEventPosition();
    const now = () => this.deps.clock.now().toISOString();
    if (subscriptions.length === 0) {
      // Nobody listens: nothing to send, and a first subscription starts at the end anyway.
      await webhooks.recordFanOut([], end, this.deps.job, now());
      return { inserted: [], more: false };
    }
    const types = [...new Set(subscriptions.flatMap((s) => expandEvents(s.events)))];
    // A new subscription never reaches back before it was made: nothing before the earliest start is read.
    let after = Math.max(await webhooks.cursor(), Math.min(...subscriptions.map((s) => s.startPosition)));
    const inserted: string[] = [];
    for (let page = 0; page < PAGES_PER_RUN; page++) {
      if (after >= end) {
        if (after > (await webhooks.cursor())) await webhooks.recordFanOut([], after, this.deps.job, now());
        return { inserted, more: false };
      }
      const read = types.length > 0 ? await log.readEventsAfterPosition(after, PAGE, types) : [];
      const events = read.filter((e) => e.position <= end);
      const full = read.length === PAGE && events.length === read.length;
      const to = full ? events[events.length - 1]!.position : end;
      const deliveries = await this.deliveriesFor(events, subscriptions);
      inserted.push(...(await webhooks.recordFanOut(deliveries, to, this.deps.job, now())));
      after = to;
      if (!full) return { inserted, more: false };
    }
    return { inserted, more: true };
  }

  private async deliveriesFor(events: readonly StoredEvent[], subscriptions: readonly WebhookSubscription[]): Promise<NewDelivery[]> {
    const addresses = new Map<string, ConversationAddress>();
    const packets = new Map<string, Promise<WebhookPacket | null>>();
    const deliveries: NewDelivery[] = [];
    for (const event of events) {
      const wanting = subscriptions.filter((s) => event.position > s.startPosition && subscribesTo(s.events, event.type));
      if (wanting.length === 0) continue;
      let address = addresses.get(event.conversationId);
      if (!address) {
        const state = await this.deps.events.getState(event.conversationId);
        address = { channel: state?.channel ?? 'api', externalId: state?.customer.externalId ?? null };
        addresses.set(event.conversationId, address);
      }
      let packet: Promise<WebhookPacket | null> | undefined;
      if (CARRIES_PACKET.has(event.type)) {
        // Once per conversation a run: a handover appends handover.requested and conversation.queued together.
        packet = packets.get(event.conversationId) ?? this.packet(event.conversationId);
        packets.set(event.conversationId, packet);
      }
      const body = webhookBody(event, address, await packet);
      if (!body) continue;
      const payload = JSON.stringify(body);
      for (const subscription of wanting) {
        deliveries.push({
          id: timeOrderedId(),
          subscriptionId: subscription.id,
          eventPosition: event.position,
          eventType: event.type,
          conversationId: event.conversationId,
          payload,
        });
      }
    }
    return deliveries;
  }

  /** The packet as of now; null, logged, when it cannot be built: one broken packet must not hold up every webhook. */
  private async packet(conversationId: string): Promise<WebhookPacket | null> {
    try {
      return (await this.deps.packets.build(conversationId, { redacted: this.deps.redactPackets })) ?? null;
    } catch (err) {
      this.deps.log.error({ err, conversationId }, 'webhook: the handover packet could not be built; sent without it');
      return null;
    }
  }
}
