import type { Logger } from 'pino';
import type { AccountData, Order } from '../accounts/account-data.ts';
import type { ConversationState } from '../domain/conversation-state.ts';
import type { StoredEvent } from '../domain/events.ts';
import { buildHandoverPacket, type AccountSnapshot, type HandoverPacket } from '../domain/handover-packet.ts';
import { extractiveSummary } from '../domain/packet-summary.ts';
import { redactDeep, type RedactionOptions } from '../domain/redaction.ts';
import { messageFrustration, readMessage } from '../escalation/signals/frustration.ts';
import type { Store } from '../store/store.ts';

export type { HandoverPacket } from '../domain/handover-packet.ts';

/** Builds a conversation's handover packet on demand (agents' GET, webhooks); undefined when it was never handed over. */
export interface PacketSource {
  build(conversationId: string, options?: { redacted?: boolean }): Promise<HandoverPacket | undefined>;
}

export interface SummaryRequest {
  state: ConversationState;
  events: readonly StoredEvent[];
  extractive: string;
}

/** Writes the summary with a model; undefined leaves the extractive one. */
export interface PacketSummarizer {
  summarize(request: SummaryRequest): Promise<string | undefined>;
}

/** How many of the customer's orders the packet shows, newest first. */
const ORDERS_SHOWN = 5;

export interface HandoverPacketsDeps {
  store: Store;
  accounts: AccountData;
  log: Logger;
  firstResponseSeconds: number;
  /** What a redacted packet masks. */
  redaction: RedactionOptions;
  /** With a model configured: a generated summary (the extractive one if it fails). */
  summarizer?: PacketSummarizer;
}

/**
 * The packets of the conversations in the store, built from the log each time it is asked for (so it is current while
 * the conversation waits), with the account data read then. A model's summary is kept per conversation until the log
 * moves on, so a model is asked once per change, not per read.
 */
export class HandoverPackets implements PacketSource {
  private readonly summaries = new Map<string, { lastSeq: number; text: string }>();

  constructor(private readonly deps: HandoverPacketsDeps) {}

  async build(conversationId: string, options: { redacted?: boolean } = {}): Promise<HandoverPacket | undefined> {
    const { store } = this.deps;
    const state = await store.getState(conversationId);
    if (!state?.handover) return undefined;
    const events = await store.readEvents(conversationId);
    const [account, summary] = await Promise.all([this.account(state), this.summary(state, events)]);
    const packet = buildHandoverPacket({
      state,
      events,
      account,
      summary,
      sentimentOf: customerSentiment,
      firstResponseSeconds: this.deps.firstResponseSeconds,
    });
    return options.redacted ? { ...redactDeep(packet, this.deps.redaction), conversationId: packet.conversationId, redacted: true } : packet;
  }

  private async summary(state: ConversationState, events: readonly StoredEvent[]): Promise<HandoverPacket['summary']> {
    const extractive = extractiveSummary(state, events);
    const { summarizer } = this.deps;
    if (!summarizer) return { text: extractive, source: 'extractive' };
    const kept = this.summaries.get(state.id);
    if (kept && kept.lastSeq === state.lastSeq) return { text: kept.text, source: 'llm' };
    const text = await summarizer.summarize({ state, events, extractive });
    if (!text) return { text: extractive, source: 'extractive' };
    if (this.summaries.size >= 1000) this.summaries.delete(this.summaries.keys().next().value!);
    this.summaries.set(state.id, { lastSeq: state.lastSeq, text });
    return { text, source: 'llm' };
  }

  /** The customer's record and recent orders (and the collected order, if older), or null when no email is known. */
  private async account(state: ConversationState): Promise<AccountSnapshot | null> {
    const email = state.customer.email ?? state.collected.email;
    const orderNumber = state.collected.order_number;
    if (!email && !orderNumber) return null;
    const { accounts } = this.deps;
    try {
      const customer = email ? await accounts.findCustomerByEmail(email) : undefined;
      const orders = email ? (await accounts.listOrders(email)).slice(0, ORDERS_SHOWN) : [];
      if (orderNumber && !orders.some((o) => o.orderNumber === orderNumber)) {
        const order = await accounts.getOrder(orderNumber);
        if (order) orders.unshift(order);
      }
      return {
        customer: customer
          ? {
              id: customer.id,
              name: customer.name,
              email: customer.email,
              tier: customer.tier,
              ...(customer.plan ? { plan: customer.plan } : {}),
              ...(customer.phone ? { phone: customer.phone } : {}),
              ...(customer.lifetimeValue !== undefined ? { lifetimeValue: customer.lifetimeValue } : {}),
            }
          : null,
        orders: orders.map(orderLine),
      };
    } catch (err) {
      this.deps.log.warn({ err, conversationId: state.id }, 'account data unavailable for the handover packet');
      return { customer: null, orders: [], error: 'the account system did not answer' };
    }
  }
}

/**
 * A customer message's mood, -1..1: the lexicon's sentiment, pulled down by frustration's signs ("the second time!!",
 * waiting, shouting), which often come in words no lexicon counts as negative.
 */
export function customerSentiment(text: string): number {
  const reading = readMessage(text);
  const frustration = messageFrustration(reading).score;
  return Math.max(-1, Math.min(1, reading.sentiment - frustration));
}

function orderLine(order: Order): AccountSnapshot['orders'][number] {
  return {
    orderNumber: order.orderNumber,
    status: order.status,
    placedAt: order.placedAt,
    total: order.total,
    items: order.items,
    ...(order.trackingNumber ? { trackingNumber: order.trackingNumber } : {}),
    ...(order.estimatedDelivery ? { estimatedDelivery: order.estimatedDelivery } : {}),
    ...(order.deliveredAt ? { deliveredAt: order.deliveredAt } : {}),
  };
}
