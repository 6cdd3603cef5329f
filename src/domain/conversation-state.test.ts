import { describe, expect, it } from 'vitest';
import { applyEvent, emptyState, foldConversation, RECENT_CUSTOMER_TEXTS, RECENT_TEXT_CHARS, type ConversationState } from './conversation-state.ts';
import { AI, SYSTEM, type NewEvent, type StoredEvent } from './events.ts';

const ID = 'c-1';

/** Gives events the seqs, positions and times a store would. */
function stored(events: NewEvent[]): StoredEvent[] {
  return events.map((e, i) => ({ ...e, conversationId: ID, seq: i + 1, position: 100 + i, at: `2026-01-01T00:00:${String(i).padStart(2, '0')}.000Z` }) as StoredEvent);
}

const customer = { kind: 'customer' as const, id: 'u-1', name: 'Dana' };
const agent = { kind: 'agent' as const, id: 'a-1', name: 'Gus' };

const started: NewEvent = { type: 'conversation.started', actor: SYSTEM, data: { customer: { name: 'Dana' }, channel: 'web' } };
const ask = (text: string): NewEvent => ({ type: 'message.created', actor: customer, data: { role: 'customer', text } });
const handover: NewEvent = {
  type: 'handover.requested',
  actor: SYSTEM,
  data: { trigger: 'policy', reasons: [{ code: 'human_requested', score: 1, evidence: ['a person'] }], topics: ['order'], priority: 'high', team: 'billing', rules: ['r1'] },
};
const queued: NewEvent = { type: 'conversation.queued', actor: SYSTEM, data: { team: 'billing', priority: 'high' } };
const assigned: NewEvent = { type: 'conversation.assigned', actor: SYSTEM, data: { agentId: 'a-1', agentName: 'Gus', team: 'billing', via: 'claim' } };

describe('conversation fold', () => {
  it('starts with the AI owning the conversation', () => {
    const state = foldConversation(ID, stored([started]));
    expect(state).toMatchObject({ owner: 'ai', team: null, agentId: null, lastSeq: 1, channel: 'web', customer: { name: 'Dana' } });
  });

  it('follows a whole handover: queued, assigned, handed back, resolved, reopened', () => {
    const events = stored([
      started,
      ask('where is my order'),
      handover,
      queued,
      assigned,
      { type: 'message.created', actor: agent, data: { role: 'agent', text: 'Hi, Gus here' } },
      { type: 'conversation.handed_back', actor: agent, data: { note: 'refund started' } },
      { type: 'conversation.resolved', actor: agent, data: {} },
      { type: 'conversation.reopened', actor: SYSTEM, data: {} },
    ]);
    const owners = events.map((_, i) => foldConversation(ID, events.slice(0, i + 1)).owner);
    expect(owners).toEqual(['ai', 'ai', 'ai', 'queue', 'human', 'human', 'ai', 'closed', 'ai']);
  });

  it('keeps team, priority and the handover reasons while queued, and the agent while owned', () => {
    const events = stored([started, ask('a person please'), handover, queued]);
    const queuedState = foldConversation(ID, events);
    expect(queuedState).toMatchObject({ owner: 'queue', team: 'billing', priority: 'high', queuedAt: events[3]!.at });
    expect(queuedState.handover).toEqual({ seq: 3, at: events[2]!.at, trigger: 'policy', reasons: [{ code: 'human_requested', score: 1, evidence: ['a person'] }], topics: ['order'] });
    const owned = foldConversation(ID, stored([started, ask('a person please'), handover, queued, assigned]));
    expect(owned).toMatchObject({ owner: 'human', agentId: 'a-1', agentName: 'Gus', team: 'billing', queuedAt: null });
  });

  it('moves a transfer to a team back into the queue, and a transfer to an agent to that agent', () => {
    const toTeam = foldConversation(ID, stored([started, handover, queued, assigned, { type: 'conversation.transferred', actor: agent, data: { toTeam: 'sales' } }]));
    expect(toTeam).toMatchObject({ owner: 'queue', team: 'sales', agentId: null });
    const toAgent = foldConversation(ID, stored([started, handover, queued, assigned, { type: 'conversation.transferred', actor: agent, data: { toTeam: 'sales', toAgentId: 'a-2', toAgentName: 'Sam' } }]));
    expect(toAgent).toMatchObject({ owner: 'human', team: 'sales', agentId: 'a-2', agentName: 'Sam' });
  });

  it('counts customer turns and tracks which customer message was answered', () => {
    const events = stored([
      started,
      ask('hi'),
      { type: 'message.created', actor: AI, data: { role: 'ai', text: 'Hello!', replyTo: 2 } },
      ask('and shipping?'),
    ]);
    const state = foldConversation(ID, events);
    expect(state).toMatchObject({ customerTurns: 2, lastCustomerSeq: 4, pendingSeqs: [4] });
  });

  it('counts a handover, or a person replying, as the answer to everything the customer said', () => {
    expect(foldConversation(ID, stored([started, ask('hello?'), ask('a human now'), handover])).pendingSeqs).toEqual([]);
    const agentReply: NewEvent = { type: 'message.created', actor: agent, data: { role: 'agent', text: 'Gus here' } };
    expect(foldConversation(ID, stored([started, ask('one'), ask('two'), agentReply])).pendingSeqs).toEqual([]);
  });

  it('keeps answered and unanswered messages apart when replies come out of order', () => {
    const state = foldConversation(ID, stored([
      started,
      ask('first'),
      ask('second'),
      ask('third'),
      { type: 'message.created', actor: AI, data: { role: 'ai', text: 'to the third', replyTo: 4 } },
      { type: 'message.created', actor: AI, data: { role: 'ai', text: 'to the first', replyTo: 2 } },
    ]));
    expect(state.pendingSeqs).toEqual([3]);
  });

  it('counts AI replies in a row that did not understand, and starts again when one does', () => {
    const reply = (understood: boolean, replyTo: number): NewEvent => ({ type: 'message.created', actor: AI, data: { role: 'ai', text: '?', understood, replyTo } });
    const twoMisses = stored([started, ask('blorp'), reply(false, 2), ask('flanges'), reply(false, 4)]);
    expect(foldConversation(ID, twoMisses).misunderstoodStreak).toBe(2);
    const thenUnderstood = stored([started, ask('blorp'), reply(false, 2), ask('shipping?'), reply(true, 4)]);
    expect(foldConversation(ID, thenUnderstood).misunderstoodStreak).toBe(0);
  });

  it('keeps every collected detail, later values winning, and the detail the AI waits for until it moves on', () => {
    const collected = (details: Record<string, string>): NewEvent => ({ type: 'details.collected', actor: AI, data: { details } });
    const asks: NewEvent = { type: 'message.created', actor: AI, data: { role: 'ai', text: 'Your order number?', replyTo: 2, awaiting: { intent: 'order_status', slot: 'order_number' } } };
    const waiting = foldConversation(ID, stored([started, ask('where is my order'), collected({ email: 'dana@example.com' }), asks]));
    expect(waiting).toMatchObject({ collected: { email: 'dana@example.com' }, awaiting: { intent: 'order_status', slot: 'order_number' } });
    const answered = foldConversation(ID, stored([
      started, ask('where is my order'), collected({ email: 'dana@example.com' }), asks, ask('100234'),
      collected({ order_number: '100234', email: 'dana@shop.example' }),
      { type: 'message.created', actor: AI, data: { role: 'ai', text: 'Shipped.', replyTo: 5 } },
    ]));
    expect(answered).toMatchObject({ collected: { order_number: '100234', email: 'dana@shop.example' }, awaiting: null });
  });

  it("keeps the customer's latest messages for the signals: the last six, each cut to a bounded length", () => {
    const texts = Array.from({ length: 8 }, (_, i) => `message ${i + 1}`);
    const state = foldConversation(ID, stored([started, ...texts.map(ask), ask('x'.repeat(RECENT_TEXT_CHARS + 50))]));
    expect(state.recentCustomerTexts).toHaveLength(RECENT_CUSTOMER_TEXTS);
    expect(state.recentCustomerTexts.slice(0, 5)).toEqual(texts.slice(3));
    expect(state.recentCustomerTexts.at(-1)).toHaveLength(RECENT_TEXT_CHARS);
  });

  it('counts the AI giving the same reply in a row, and forgets it once a person steps in', () => {
    const reply = (text: string, seq: number): NewEvent => ({ type: 'message.created', actor: AI, data: { role: 'ai', text, replyTo: seq, intent: 'delivery_time' } });
    const same = 'Orders arrive in 3-5 working days.';
    const twice = foldConversation(ID, stored([started, ask('how long?'), reply(same, 2), ask('how long??'), reply(same, 4)]));
    expect(twice.lastAiReply).toMatchObject({ intent: 'delivery_time', opening: same, times: 2 });
    const other = foldConversation(ID, stored([started, ask('how long?'), reply(same, 2), ask('and returns?'), reply('Returns are free.', 4)]));
    expect(other.lastAiReply).toMatchObject({ opening: 'Returns are free.', times: 1 });
    expect(foldConversation(ID, stored([started, ask('how long?'), reply(same, 2), handover])).lastAiReply).toBeNull();
  });

  it('folds on from a state stored before it kept the recent messages', () => {
    const { recentCustomerTexts: _, lastAiReply: __, ...older } = foldConversation(ID, stored([started]));
    const next = applyEvent(older as ConversationState, { ...stored([started, ask('hello')])[1]! });
    expect(next.recentCustomerTexts).toEqual(['hello']);
    expect(next.lastAiReply).toBeNull();
  });

  it('is pure: applying an event leaves the previous state untouched', () => {
    const [first, second] = stored([started, ask('hi')]);
    const before = applyEvent(emptyState(ID), first!);
    const snapshot = structuredClone(before);
    const after = applyEvent(before, second!);
    expect(before).toEqual(snapshot);
    expect(after).not.toBe(before);
    expect(after.lastSeq).toBe(2);
  });

  it('gives the same state however the events are folded: all at once or one by one', () => {
    const events = stored([started, ask('hi'), handover, queued, assigned]);
    let incremental = emptyState(ID);
    for (const event of events) incremental = applyEvent(incremental, event);
    expect(incremental).toEqual(foldConversation(ID, events));
  });
});

describe('conversation fold: the wait', () => {
  const agentSays: NewEvent = { type: 'message.created', actor: agent, data: { role: 'agent', text: 'Hi, Gus here' } };
  const told: NewEvent = { type: 'message.created', actor: SYSTEM, data: { role: 'system', text: 'You are next', wait: { position: 1, lowSeconds: 60, highSeconds: 120 } } };

  it('keeps the place in line through an assignment, and an offline requeue goes back to it', () => {
    const requeued: NewEvent = { type: 'conversation.queued', actor: SYSTEM, data: { team: 'billing', priority: 'high', reason: 'agent_offline', queuedAt: '2026-01-01T00:00:03.000Z' } };
    const events = stored([started, ask('help'), handover, queued, assigned, requeued]);
    const afterAssign = foldConversation(ID, events.slice(0, 5));
    expect(afterAssign).toMatchObject({ owner: 'human', queuedAt: null, queuedSince: '2026-01-01T00:00:03.000Z' });
    const back = foldConversation(ID, events);
    expect(back).toMatchObject({ owner: 'queue', queuedAt: '2026-01-01T00:00:03.000Z', queuedSince: '2026-01-01T00:00:03.000Z', queueJoinedAt: '2026-01-01T00:00:05.000Z', agentId: null });
  });

  it('remembers the first response, what the customer was told, a breach and a follow-up email; a new handover starts afresh', () => {
    const breach: NewEvent = { type: 'conversation.sla_breached', actor: SYSTEM, data: { kind: 'first_response', dueAt: 'x', team: 'billing' } };
    const followUp: NewEvent = { type: 'follow_up.requested', actor: customer, data: { email: 'dana@example.com' } };
    const state = foldConversation(ID, stored([started, ask('help'), handover, queued, told, breach, followUp, assigned, agentSays]));
    expect(state).toMatchObject({
      toldWait: { position: 1, lowSeconds: 60, highSeconds: 120, at: '2026-01-01T00:00:04.000Z' },
      slaBreachedAt: '2026-01-01T00:00:05.000Z',
      followUpEmail: 'dana@example.com',
      firstAgentReplyAt: '2026-01-01T00:00:08.000Z',
    });
    const again = applyEvent(state, stored([started, started, started, started, started, started, started, started, started, handover])[9]!);
    expect(again).toMatchObject({ toldWait: null, slaBreachedAt: null, firstAgentReplyAt: null });
  });

  it('closes an abandoned wait as abandoned; the customer writing again reopens it', () => {
    const abandoned: NewEvent = { type: 'conversation.abandoned', actor: SYSTEM, data: { waitedSeconds: 600 } };
    const reopened: NewEvent = { type: 'conversation.reopened', actor: SYSTEM, data: {} };
    const events = stored([started, ask('help'), handover, queued, abandoned, reopened]);
    expect(foldConversation(ID, events.slice(0, 5))).toMatchObject({ owner: 'closed', closedAs: 'abandoned', queuedAt: null, queuedSince: null });
    expect(foldConversation(ID, events)).toMatchObject({ owner: 'ai', closedAs: null });
  });
});
