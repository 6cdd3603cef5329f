import { describe, expect, it } from 'vitest';
import * as commands from './commands.ts';
import { emptyState, type ConversationState } from './conversation-state.ts';
import { DomainError } from './errors.ts';

const gus: commands.AgentRef = { id: 'a-1', name: 'Gus', role: 'agent', teams: ['general'] };
const bea: commands.AgentRef = { id: 'a-2', name: 'Bea', role: 'agent', teams: ['billing'] };
const sofia: commands.AgentRef = { id: 's-1', name: 'Sofia', role: 'supervisor', teams: ['general', 'billing'] };

const state = (overrides: Partial<ConversationState>): ConversationState => ({ ...emptyState('c-1'), lastSeq: 3, ...overrides });
const ai = state({ owner: 'ai' });
const queued = state({ owner: 'queue', team: 'general', queuedAt: '2026-01-01T00:00:00Z' });
const ownedByGus = state({ owner: 'human', team: 'general', agentId: 'a-1', agentName: 'Gus' });
const closed = state({ owner: 'closed' });

const plan: commands.HandoverPlan = {
  trigger: 'policy',
  reasons: [{ code: 'human_requested', score: 1, evidence: ['a person'] }],
  topics: [],
  priority: 'normal',
  team: 'general',
  rules: ['human_requested'],
  notice: 'You are in the queue.',
  replyTo: 2,
};

describe('one owner at a time', () => {
  it('drops the AI reply whenever a person owns the conversation or it is closed', () => {
    expect(commands.aiReply(ownedByGus, { text: 'I can help!' })).toEqual([]);
    expect(commands.aiReply(closed, { text: 'I can help!' })).toEqual([]);
    expect(commands.aiReply(ai, { text: 'I can help!' }).map((e) => e.type)).toEqual(['message.created']);
    expect(commands.aiReply(queued, { text: 'While you wait…' })).toHaveLength(1);
  });

  it('answers a customer message once: a second reply to it is dropped', () => {
    const waiting = state({ owner: 'ai', pendingSeqs: [4] });
    expect(commands.aiReply(waiting, { text: 'Answer', replyTo: 4 })).toHaveLength(1);
    expect(commands.aiReply(waiting, { text: 'Answer again', replyTo: 2 })).toEqual([]);
    expect(commands.systemReply(waiting, 'still queued', 2)).toEqual([]);
  });

  it('keeps system notices off a conversation a person owns', () => {
    expect(commands.systemReply(ownedByGus, 'still queued')).toEqual([]);
    expect(commands.systemReply(queued, 'still queued')).toHaveLength(1);
  });

  it('takes over when an agent writes on an AI-owned or queued conversation', () => {
    for (const before of [ai, queued]) {
      const events = commands.agentMessage(before, gus, 'Hi, Gus here');
      expect(events.map((e) => e.type)).toEqual(['conversation.assigned', 'message.created']);
      expect(events[0]).toMatchObject({ data: { agentId: 'a-1', via: 'takeover' } });
    }
  });

  it('lets the owning agent write without a new assignment, and refuses another agent', () => {
    expect(commands.agentMessage(ownedByGus, gus, 'more').map((e) => e.type)).toEqual(['message.created']);
    expect(() => commands.agentMessage(ownedByGus, bea, 'mine now')).toThrow(DomainError);
    expect(() => commands.agentMessage(closed, gus, 'hello?')).toThrow(/resolved/);
  });

  it('moves ownership off the AI in one step on a handover, with the notice to the customer', () => {
    const events = commands.requestHandover(ai, plan);
    expect(events.map((e) => e.type)).toEqual(['handover.requested', 'conversation.queued', 'message.created']);
    expect(events[2]).toMatchObject({ data: { role: 'system', text: 'You are in the queue.', replyTo: 2 } });
  });

  it('does not hand over again a conversation already with people, and reopens a closed one first', () => {
    expect(commands.requestHandover(queued, plan)).toEqual([]);
    expect(commands.requestHandover(ownedByGus, plan)).toEqual([]);
    expect(commands.requestHandover(closed, plan).map((e) => e.type)).toEqual([
      'conversation.reopened',
      'handover.requested',
      'conversation.queued',
      'message.created',
    ]);
  });

  it('reopens a resolved conversation when the customer writes again', () => {
    expect(commands.customerMessage(closed, 'one more thing').map((e) => e.type)).toEqual(['conversation.reopened', 'message.created']);
    expect(commands.customerMessage(ai, 'hi', 'c-9')[0]).toMatchObject({ data: { clientMessageId: 'c-9' } });
  });

  it('hands back only from the owner (or a supervisor), and tells the customer', () => {
    expect(commands.handBack(ownedByGus, gus, 'refund started').map((e) => e.type)).toEqual(['conversation.handed_back', 'message.created']);
    expect(commands.handBack(ownedByGus, sofia).length).toBe(2);
    expect(() => commands.handBack(ownedByGus, bea)).toThrow(/Gus owns/);
    expect(() => commands.handBack(queued, gus)).toThrow(DomainError);
  });

  it('resolves once', () => {
    expect(commands.resolve(ownedByGus, gus).map((e) => e.type)).toEqual(['conversation.resolved']);
    expect(() => commands.resolve(closed, gus)).toThrow(/already resolved/);
    expect(() => commands.resolve(ownedByGus, bea)).toThrow(DomainError);
  });

  it('lets agents into their teams\' conversations and supervisors into all', () => {
    const billingQueue = state({ owner: 'queue', team: 'billing' });
    expect(commands.agentMayAccess(gus, billingQueue)).toBe(false);
    expect(commands.agentMayAccess(bea, billingQueue)).toBe(true);
    expect(commands.agentMayAccess(sofia, billingQueue)).toBe(true);
    expect(commands.agentMayAccess(gus, state({ owner: 'human', team: 'billing', agentId: 'a-1' }))).toBe(true);
  });

  it('writes what the AI did and learnt before its reply, and nothing of it when the reply is dropped', () => {
    const waiting = state({ owner: 'ai', pendingSeqs: [4] });
    const work = { collected: { order_number: '100234' }, actions: [{ name: 'look_up_order', inputs: { orderNumber: '100234' }, ok: true, result: { status: 'shipped' } }] };
    const reply: commands.TurnOutcome = { kind: 'reply', reply: { ...work, text: 'It shipped.' } };
    expect(commands.answerTurn(waiting, reply, 4).map((e) => e.type)).toEqual(['details.collected', 'action.executed', 'message.created']);
    expect(commands.answerTurn(state({ owner: 'human', pendingSeqs: [4] }), reply, 4)).toEqual([]);
    const { replyTo: _replyTo, ...planWithoutReply } = plan;
    const handover: commands.TurnOutcome = { kind: 'handover', plan: planWithoutReply, whileQueued: 'still queued', work };
    expect(commands.answerTurn(waiting, handover, 4).map((e) => e.type)).toEqual([
      'details.collected',
      'action.executed',
      'handover.requested',
      'conversation.queued',
      'message.created',
    ]);
  });
});
