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

describe('queue commands: each writes only while the conversation is where the plan or timer found it', () => {
  const at = '2026-01-01T00:00:00.000Z';
  const later = '2026-01-01T00:10:00.000Z';

  it('auto-assigns only a conversation still waiting in that team', () => {
    const events = commands.autoAssign(queued, { id: 'a-1', name: 'Gus' }, 'general');
    expect(events).toMatchObject([{ type: 'conversation.assigned', data: { agentId: 'a-1', via: 'auto', team: 'general' } }]);
    expect(commands.autoAssign(queued, { id: 'a-1', name: 'Gus' }, 'billing')).toEqual([]);
    expect(commands.autoAssign(ownedByGus, { id: 'a-2', name: 'Bea' }, 'general')).toEqual([]);
    expect(commands.autoAssign(closed, { id: 'a-1', name: 'Gus' }, 'general')).toEqual([]);
  });

  it("puts an offline agent's conversation back at the place it had, and tells the customer", () => {
    const held = state({ owner: 'human', team: 'billing', agentId: 'a-2', agentName: 'Bea', priority: 'high', queuedSince: at });
    const events = commands.requeueFromAgent(held, 'a-2', 'back in the queue');
    expect(events).toMatchObject([
      { type: 'conversation.queued', data: { team: 'billing', priority: 'high', reason: 'agent_offline', queuedAt: at } },
      { type: 'message.created', data: { role: 'system', text: 'back in the queue' } },
    ]);
    expect(commands.requeueFromAgent(held, 'a-1', 'x')).toEqual([]);
    expect(commands.requeueFromAgent(queued, 'a-2', 'x')).toEqual([]);
  });

  it('overflows to the next target keeping the place, only from where the timer was set', () => {
    const waiting = state({
      owner: 'queue',
      team: 'billing',
      priority: 'normal',
      queuedAt: at,
      queueTarget: { timeoutSeconds: 600, next: [{ team: 'general', timeoutSeconds: 300 }, { team: 'sales' }] },
    });
    const events = commands.overflow(waiting, { team: 'billing', queuedAt: at }, (to) => `moved to ${to}`);
    expect(events).toMatchObject([
      { type: 'conversation.queued', data: { team: 'general', reason: 'overflow', queuedAt: at, target: { timeoutSeconds: 300, next: [{ team: 'sales' }] } } },
      { type: 'message.created', data: { text: 'moved to general' } },
    ]);
    expect(commands.overflow(waiting, { team: 'billing', queuedAt: later }, () => '')).toEqual([]);
    expect(commands.overflow({ ...waiting, team: 'general' }, { team: 'billing', queuedAt: at }, () => '')).toEqual([]);
    expect(commands.overflow({ ...waiting, queueTarget: null }, { team: 'billing', queuedAt: at }, () => '')).toEqual([]);
  });

  it('records a missed first response once, and none once a person wrote', () => {
    const handover = { seq: 3, at, trigger: 'button' as const, reasons: [], topics: [] };
    const waiting = state({ owner: 'queue', team: 'general', queuedAt: at, handover });
    expect(commands.breachFirstResponse(waiting, later)).toMatchObject([{ type: 'conversation.sla_breached', data: { dueAt: later, team: 'general' } }]);
    expect(commands.breachFirstResponse({ ...waiting, slaBreachedAt: later }, later)).toEqual([]);
    expect(commands.breachFirstResponse({ ...waiting, owner: 'human', firstAgentReplyAt: later }, later)).toEqual([]);
    expect(commands.breachFirstResponse({ ...waiting, owner: 'ai', handover: null }, later)).toEqual([]);
  });

  it('closes an abandoned wait, unless the customer left an email to follow up on', () => {
    const waiting = state({ owner: 'queue', team: 'general', queuedAt: at });
    expect(commands.abandon(waiting, later)).toMatchObject([{ type: 'conversation.abandoned', data: { waitedSeconds: 600 } }]);
    expect(commands.abandon({ ...waiting, followUpEmail: 'dana@example.com' }, later)).toEqual([]);
    expect(commands.abandon(ownedByGus, later)).toEqual([]);
  });

  it('takes a follow-up email while waiting, once', () => {
    const waiting = state({ owner: 'queue', team: 'general', queuedAt: at });
    expect(commands.requestFollowUp(waiting, 'dana@example.com', 'thanks')).toMatchObject([
      { type: 'follow_up.requested', actor: { kind: 'customer' }, data: { email: 'dana@example.com' } },
      { type: 'message.created', data: { role: 'system', text: 'thanks' } },
    ]);
    expect(commands.requestFollowUp({ ...waiting, followUpEmail: 'dana@example.com' }, 'dana@example.com', 'thanks')).toEqual([]);
    expect(() => commands.requestFollowUp(ai, 'dana@example.com', 'x')).toThrow(DomainError);
    expect(() => commands.requestFollowUp(closed, 'dana@example.com', 'x')).toThrow(/resolved/);
  });

  it('tells a wait only while it still waits in that team', () => {
    expect(commands.waitUpdate(queued, 'general', 'you are next', { position: 1 })).toMatchObject([
      { type: 'message.created', data: { role: 'system', wait: { position: 1 } } },
    ]);
    expect(commands.waitUpdate(queued, 'billing', 'x', { position: 1 })).toEqual([]);
    expect(commands.waitUpdate(ownedByGus, 'general', 'x', { position: 1 })).toEqual([]);
  });
});
