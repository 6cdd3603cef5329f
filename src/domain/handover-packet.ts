import { z } from 'zod';
import type { ConversationState } from './conversation-state.ts';
import type { StoredEvent } from './events.ts';

/**
 * The handover packet: what the person taking over needs at a glance, so the customer never repeats themselves. Why
 * the AI stepped aside (reasons with the customer's words, the rules that held), where it goes, a summary, who the
 * customer is and what their account holds, every detail collected, what the AI did, what the customer was promised,
 * how they feel, the turns that failed, the whole transcript and the clock. Built from the event log on demand, so it
 * is always current while the conversation waits. Pure: the account, the summary and the message sentiments are given.
 */

const Priority = z.enum(['low', 'normal', 'high', 'urgent']);
const Money = z.object({ amount: z.number(), currency: z.string() });

export const HandoverPacketSchema = z
  .object({
    conversationId: z.string(),
    requestedAt: z.string().nullable(),
    trigger: z.enum(['button', 'policy', 'agent']).nullable(),
    reasons: z.array(z.object({ code: z.string(), score: z.number(), evidence: z.array(z.string()) })),
    /** The escalation policy's rules that held. */
    rules: z.array(z.string()),
    topics: z.array(z.string()),
    team: z.string().nullable(),
    priority: Priority.nullable(),
    owner: z.enum(['ai', 'queue', 'human', 'closed']),
    agent: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
    summary: z.object({
      /** A few lines: what the customer wants, what was tried, where it stands. */
      text: z.string(),
      /** `extractive` (offline, from the customer's own words and the log) or `llm` (a configured model wrote it). */
      source: z.enum(['extractive', 'llm']),
    }),
    customer: z.object({
      id: z.string().optional(),
      externalId: z.string().optional(),
      name: z.string().optional(),
      email: z.string().optional(),
      attributes: z.record(z.string(), z.unknown()).optional(),
    }),
    /** From the business's account data: the customer's record and recent orders; null when nothing is known. */
    account: z
      .object({
        customer: z
          .object({ id: z.string(), name: z.string(), email: z.string(), tier: z.string(), plan: z.string().optional(), phone: z.string().optional(), lifetimeValue: z.number().optional() })
          .nullable(),
        orders: z.array(
          z.object({
            orderNumber: z.string(),
            status: z.string(),
            placedAt: z.string(),
            total: Money,
            items: z.array(z.object({ name: z.string(), quantity: z.number() })),
            trackingNumber: z.string().optional(),
            estimatedDelivery: z.string().optional(),
            deliveredAt: z.string().optional(),
          }),
        ),
        /** Set when the account system could not be read. */
        error: z.string().optional(),
      })
      .nullable(),
    /** Every detail gathered, by slot name (order_number, email, amount, …): nobody asks for them again. */
    collected: z.record(z.string(), z.string()),
    actions: z.array(
      z.object({ seq: z.number(), at: z.string(), name: z.string(), inputs: z.record(z.string(), z.unknown()), ok: z.boolean(), result: z.unknown() }),
    ),
    /** What the customer was told they can count on: a wait, a refund under way, a ticket, a follow-up. */
    promises: z.array(z.object({ seq: z.number(), at: z.string(), kind: z.enum(['wait', 'refund', 'ticket', 'follow_up', 'callback']), text: z.string() })),
    sentiment: z.object({
      /** The latest customer message, -1 (angry) .. 1 (delighted). */
      current: z.number(),
      label: z.enum(['negative', 'neutral', 'positive']),
      trend: z.enum(['improving', 'steady', 'worsening']),
      /** Per customer message, oldest first. */
      history: z.array(z.object({ seq: z.number(), score: z.number() })),
    }),
    /** Turns the AI did not resolve: what the customer said and what the AI answered. */
    attempts: z.array(z.object({ seq: z.number(), at: z.string(), customer: z.string(), reply: z.string(), why: z.enum(['not_understood', 'unresolved']) })),
    /** Details the customer gave again after the handover though the packet already held them: a failed context transfer. */
    askedAgain: z.array(z.object({ seq: z.number(), slot: z.string(), value: z.string() })),
    transcript: z.array(z.object({ seq: z.number(), at: z.string(), role: z.string(), author: z.string().optional(), text: z.string() })),
    timing: z.object({
      startedAt: z.string(),
      handedOverAt: z.string().nullable(),
      /** In line since (kept through requeues), while a person has not taken it. */
      waitingSince: z.string().nullable(),
      firstResponseDueAt: z.string().nullable(),
      firstResponseAt: z.string().nullable(),
      slaBreachedAt: z.string().nullable(),
    }),
    redacted: z.boolean(),
  })
  .strict();

export type HandoverPacket = z.infer<typeof HandoverPacketSchema>;
export type AccountSnapshot = NonNullable<HandoverPacket['account']>;

export interface PacketInputs {
  state: ConversationState;
  events: readonly StoredEvent[];
  account: AccountSnapshot | null;
  summary: HandoverPacket['summary'];
  /** Sentiment of a customer message's text, -1..1. */
  sentimentOf: (text: string) => number;
  firstResponseSeconds: number;
}

/** A customer message at least this far below neutral reads negative; above, positive. */
const SENTIMENT_BAND = 0.05;
/** The latest messages' mean moving this much from the earlier ones' is a trend. */
const TREND_STEP = 0.15;

const PROMISE_PATTERNS: { kind: HandoverPacket['promises'][number]['kind']; pattern: RegExp }[] = [
  { kind: 'refund', pattern: /\brefund\b.*\b(started|issued|approved|on its way|requested|processing|will (?:be|arrive|reach))\b|\b(?:issued|started|approved)\b.*\brefund\b/i },
  { kind: 'ticket', pattern: /\bticket\b.*\b(created|opened|number|reference)\b|\b(?:created|opened)\b.*\bticket\b/i },
  { kind: 'callback', pattern: /\b(call you back|will call you|callback)\b/i },
];

export function buildHandoverPacket(inputs: PacketInputs): HandoverPacket {
  const { state, events } = inputs;
  const handover = state.handover;
  const request = events.find((e) => e.type === 'handover.requested' && e.seq === handover?.seq);
  const transcript: HandoverPacket['transcript'] = [];
  const actions: HandoverPacket['actions'] = [];
  const promises: HandoverPacket['promises'] = [];
  const attempts: HandoverPacket['attempts'] = [];
  const history: HandoverPacket['sentiment']['history'] = [];
  let lastCustomer: StoredEvent | undefined;
  for (const event of events) {
    if (event.type === 'message.created') {
      const { role, text } = event.data;
      transcript.push({ seq: event.seq, at: event.at, role, ...(event.actor.name ? { author: event.actor.name } : {}), text });
      if (role === 'customer') {
        lastCustomer = event;
        history.push({ seq: event.seq, score: round(inputs.sentimentOf(text)) });
      } else if (role === 'ai' && lastCustomer?.type === 'message.created' && event.data.replyTo === lastCustomer.seq && event.data.understood === false) {
        attempts.push({ seq: lastCustomer.seq, at: lastCustomer.at, customer: lastCustomer.data.text, reply: text, why: event.data.intent && event.data.intent !== 'unknown' ? 'unresolved' : 'not_understood' });
      }
      if (role === 'system' && event.data.wait) promises.push({ seq: event.seq, at: event.at, kind: 'wait', text });
      if (role === 'ai' || role === 'agent') {
        const promise = PROMISE_PATTERNS.find((p) => p.pattern.test(text));
        if (promise) promises.push({ seq: event.seq, at: event.at, kind: promise.kind, text });
      }
    } else if (event.type === 'action.executed') {
      const { name, inputs: given, ok, result } = event.data;
      actions.push({ seq: event.seq, at: event.at, name, inputs: given, ok, result });
    } else if (event.type === 'follow_up.requested') {
      promises.push({ seq: event.seq, at: event.at, kind: 'follow_up', text: `The team follows up by email at ${event.data.email} if the customer has gone.` });
    }
  }
  return {
    conversationId: state.id,
    requestedAt: handover?.at ?? null,
    trigger: handover?.trigger ?? null,
    reasons: handover?.reasons ?? [],
    rules: request?.type === 'handover.requested' ? request.data.rules : [],
    topics: handover?.topics ?? [],
    team: state.team,
    priority: state.priority,
    owner: state.owner,
    agent: state.agentId ? { id: state.agentId, name: state.agentName } : null,
    summary: inputs.summary,
    customer: state.customer,
    account: inputs.account,
    collected: state.collected,
    actions,
    promises,
    sentiment: sentimentOf(history),
    attempts,
    askedAgain: state.askedAgain,
    transcript,
    timing: {
      startedAt: state.startedAt,
      handedOverAt: handover?.at ?? null,
      waitingSince: state.owner === 'queue' ? state.queuedSince ?? state.queuedAt : null,
      firstResponseDueAt: handover ? new Date(Date.parse(handover.at) + inputs.firstResponseSeconds * 1000).toISOString() : null,
      firstResponseAt: state.firstAgentReplyAt,
      slaBreachedAt: state.slaBreachedAt,
    },
    redacted: false,
  };
}

function sentimentOf(history: HandoverPacket['sentiment']['history']): HandoverPacket['sentiment'] {
  const current = history.at(-1)?.score ?? 0;
  const label = current <= -SENTIMENT_BAND ? 'negative' : current >= SENTIMENT_BAND ? 'positive' : 'neutral';
  let trend: HandoverPacket['sentiment']['trend'] = 'steady';
  if (history.length >= 2) {
    const recent = history.slice(-2);
    const earlier = history.slice(0, -2);
    const mean = (xs: typeof history) => xs.reduce((sum, x) => sum + x.score, 0) / xs.length;
    const before = earlier.length > 0 ? mean(earlier) : history[0]!.score;
    const now = earlier.length > 0 ? mean(recent) : current;
    if (now - before >= TREND_STEP) trend = 'improving';
    else if (before - now >= TREND_STEP) trend = 'worsening';
  }
  return { current, label, trend, history };
}

const round = (value: number) => Math.round(value * 1000) / 1000;
