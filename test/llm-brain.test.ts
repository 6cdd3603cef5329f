import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { streamText, tool } from 'ai';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AccountDataError, type AccountData, type Order, type Refund } from '../src/accounts/account-data.ts';
import type { Brain, BrainContext } from '../src/brain/brain.ts';
import { chooseBrain } from '../src/brain/choose-brain.ts';
import { LlmBrain, LlmBrainError, type LlmBrainOptions } from '../src/brain/llm/llm-brain.ts';
import { loadConfig } from '../src/config/config.ts';
import { emptyState } from '../src/domain/conversation-state.ts';
import type { EventOf, NewEvent, StoredEvent } from '../src/domain/events.ts';
import type { Article, KnowledgeSearch } from '../src/knowledge/knowledge.ts';
import { client, startTestBaton, type TestBaton } from './support/baton.ts';
import { callTool, say, startFakeLlmServer, type FakeLlmServer } from './support/fake-llm-server.ts';

const ARTICLES: Article[] = [
  {
    id: 'returns',
    title: 'Returns and refunds',
    body: 'You can return any item within 30 days of delivery. Refunds reach your card within 5 business days.',
    tags: ['return', 'refund', 'money back'],
  },
  { id: 'shipping', title: 'Shipping times', body: 'Orders ship within 2 days; delivery takes 3 to 5 days.', tags: ['delivery', 'shipping'] },
];

/** Articles sharing a word with the query, most shared words first. */
const knowledge: KnowledgeSearch = {
  search(query, limit = 5) {
    const words = new Set(query.toLowerCase().match(/\w+/g) ?? []);
    return ARTICLES.map((article) => {
      const text = `${article.title} ${article.body} ${article.tags.join(' ')}`.toLowerCase().match(/\w+/g) ?? [];
      const score = new Set(text.filter((w) => words.has(w) && w.length > 3)).size;
      return { article, score, confidence: Math.min(1, score / 3) };
    })
      .filter((hit) => hit.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
  },
};

const ORDER: Order = {
  orderNumber: '100234',
  customerEmail: 'dana@example.com',
  status: 'shipped',
  placedAt: '2026-11-18T10:12:00Z',
  total: { amount: 129.9, currency: 'EUR' },
  items: [{ name: 'Trailhead rain jacket', quantity: 1 }],
  carrier: 'DHL',
  estimatedDelivery: '2026-11-25',
};

/** One order and its refund; `down` makes every call fail as an unreachable account system does. */
function fakeAccounts() {
  const calls: string[] = [];
  const state = { down: false };
  const refund: Refund = { orderNumber: '100234', status: 'none' };
  const answer = <T>(call: string, value: T): Promise<T> => {
    calls.push(call);
    return state.down ? Promise.reject(new AccountDataError('account API GET /orders/100234 failed: ECONNREFUSED')) : Promise.resolve(value);
  };
  const accounts: AccountData = {
    findCustomerByEmail: (email) => answer(`findCustomerByEmail ${email}`, undefined),
    getOrder: (n) => answer(`getOrder ${n}`, n === ORDER.orderNumber ? ORDER : undefined),
    listOrders: (email) => answer(`listOrders ${email}`, email === ORDER.customerEmail ? [ORDER] : []),
    getRefund: (n) => answer(`getRefund ${n}`, n === refund.orderNumber ? refund : undefined),
    createTicket: (input) => answer(`createTicket ${input.subject}`, { id: 'T-1', subject: input.subject, createdAt: '2026-11-24T10:00:00Z' }),
  };
  return { accounts, calls, state };
}

/** The real provider and SDK, against the fake server. */
function brainOn(server: FakeLlmServer, options: Partial<LlmBrainOptions> = {}): LlmBrain {
  const model = createOpenAICompatible({ name: 'baton-llm', baseURL: server.baseUrl })('fake-model');
  return new LlmBrain({ model, knowledge, accounts: fakeAccounts().accounts, timeoutMs: 5_000, maxRetries: 0, ...options });
}

/** A turn on a conversation whose earlier events are `before`; the customer's message comes last. */
function turn(text: string, before: NewEvent[] = []): BrainContext {
  const at = '2026-11-24T10:00:00Z';
  const history = before.map((e, i) => ({ ...e, conversationId: 'c1', seq: i + 2, position: i + 2, at }) as StoredEvent);
  const message = {
    type: 'message.created',
    actor: { kind: 'customer' },
    data: { role: 'customer', text },
    conversationId: 'c1',
    seq: before.length + 2,
    position: before.length + 2,
    at,
  } as EventOf<'message.created'>;
  const state = { ...emptyState('c1'), customer: { name: 'Dana', email: 'dana@example.com' } };
  return { state, message, history: async () => [...history, message] };
}

describe('the LLM brain, against an OpenAI-compatible server', () => {
  let server: FakeLlmServer;
  beforeEach(async () => {
    server = await startFakeLlmServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('understands offline: no model call, intent llm, entities from the message', async () => {
    const brain = brainOn(server);
    const understanding = await brain.understand(turn('Where is order #100234? I am dana@example.com'));
    expect(understanding).toMatchObject({ intent: 'llm', confidence: 1 });
    expect(understanding.entities.map((e) => [e.type, e.value])).toEqual(
      expect.arrayContaining([
        ['email', 'dana@example.com'],
        ['order_number', '100234'],
      ]),
    );
    expect(understanding.entities).toHaveLength(2);
    expect(server.requests).toHaveLength(0);
  });

  it("answers from the retrieved article, cites it as a source, and sends the conversation as the model's messages", async () => {
    const brain = brainOn(server);
    server.script(say('You can return it within 30 days (Source: "Returns and refunds").'));
    const context = turn('How do I return a jacket and get my refund?', [
      { type: 'message.created', actor: { kind: 'customer' }, data: { role: 'customer', text: 'hi' } },
      { type: 'message.created', actor: { kind: 'ai', name: 'Assistant' }, data: { role: 'ai', text: 'Hello! How can I help?' } },
      { type: 'note.added', actor: { kind: 'agent', id: 'a1', name: 'Gus' }, data: { text: 'internal: VIP soon' } },
      { type: 'message.created', actor: { kind: 'agent', id: 'a1', name: 'Gus' }, data: { role: 'agent', text: 'Gus here, back to the assistant.' } },
    ]);
    const reply = await brain.respond(context, await brain.understand(context));

    expect(reply.text).toBe('You can return it within 30 days (Source: "Returns and refunds").');
    expect(reply.sources).toEqual([{ id: 'returns', title: 'Returns and refunds' }]);
    expect(reply.handover).toBeUndefined();
    expect(reply.actions).toEqual([]);

    const [request] = server.requests;
    expect(request!.body.model).toBe('fake-model');
    const [system, ...conversation] = request!.body.messages;
    expect(system.role).toBe('system');
    expect(system.content).toContain('id="returns" title="Returns and refunds"');
    expect(system.content).toContain('You can return any item within 30 days of delivery.');
    expect(system.content).not.toContain('Shipping times');
    expect(system.content).toMatch(/never claim or imply to be human/i);
    expect(system.content).toContain('email: dana@example.com');
    expect(conversation).toEqual([
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: 'Hello! How can I help?' },
      { role: 'assistant', content: '[agent Gus] Gus here, back to the assistant.' },
      { role: 'user', content: 'How do I return a jacket and get my refund?' },
    ]);
    expect(JSON.stringify(request!.body.messages)).not.toContain('internal: VIP soon');
    const tools = request!.body.tools.map((t: any) => t.function.name).sort();
    expect(tools).toEqual(['check_refund', 'create_ticket', 'handover_to_human', 'look_up_order']);
    const lookUp = request!.body.tools.find((t: any) => t.function.name === 'look_up_order');
    expect(lookUp.function.parameters).toMatchObject({ type: 'object', required: ['orderNumber'] });
  });

  it('looks up the order through a tool call, records the action, and answers with what it found', async () => {
    const { accounts, calls } = fakeAccounts();
    const brain = brainOn(server, { accounts });
    server.script(callTool('look_up_order', { orderNumber: '#100234' }, 'call_1'), say('Your order 100234 shipped with DHL; it arrives by 25 Nov.'));
    const context = turn('Where is my order 100234?');
    const reply = await brain.respond(context, await brain.understand(context));

    expect(reply.text).toBe('Your order 100234 shipped with DHL; it arrives by 25 Nov.');
    expect(calls).toEqual(['getOrder 100234']);
    expect(reply.actions).toEqual([{ name: 'look_up_order', inputs: { orderNumber: '100234' }, ok: true, result: { found: true, order: ORDER } }]);
    expect(reply.collected).toEqual({ order_number: '100234' });
    // The model's second call carries its tool call and the order it got back.
    expect(server.requests).toHaveLength(2);
    const followUp = server.requests[1]!.body.messages;
    expect(followUp.at(-2)).toMatchObject({ role: 'assistant', tool_calls: [{ id: 'call_1', function: { name: 'look_up_order' } }] });
    expect(followUp.at(-1)).toMatchObject({ role: 'tool', tool_call_id: 'call_1' });
    expect(JSON.parse(followUp.at(-1).content)).toMatchObject({ found: true, order: { status: 'shipped', carrier: 'DHL' } });
  });

  it('records a ticket with the email it was given', async () => {
    const { accounts, calls } = fakeAccounts();
    const brain = brainOn(server, { accounts });
    server.script(
      callTool('create_ticket', { subject: 'Damaged jacket', description: 'Arrived torn', orderNumber: '100234', email: 'Dana@Example.com' }),
      say('I opened ticket T-1 for you.'),
    );
    const context = turn('My jacket arrived torn');
    const reply = await brain.respond(context, await brain.understand(context));
    expect(reply.text).toBe('I opened ticket T-1 for you.');
    expect(calls).toEqual(['createTicket Damaged jacket']);
    expect(reply.actions?.[0]).toMatchObject({ name: 'create_ticket', ok: true, result: { id: 'T-1' } });
    expect(reply.collected).toEqual({ order_number: '100234', email: 'dana@example.com' });
  });

  it("shows the model an order's items and total only once the customer has shown the order is theirs", async () => {
    const modelSaw = async (context: BrainContext) => {
      server.script(callTool('look_up_order', { orderNumber: '100234' }, 'call_1'), say('It shipped.'));
      const reply = await brain.respond(context, await brain.understand(context));
      // The record keeps the whole order for the person who may take over.
      expect(reply.actions?.[0]).toMatchObject({ ok: true, result: { found: true, order: ORDER } });
      return JSON.parse(server.requests.at(-1)!.body.messages.at(-1).content).order;
    };
    const brain = brainOn(server);
    const stranger = { ...turn('Where is order 100234?'), state: { ...emptyState('c1'), customer: { name: 'Eve' } } };
    const strangerSaw = await modelSaw(stranger);
    expect(strangerSaw).toMatchObject({ orderNumber: '100234', status: 'shipped', carrier: 'DHL', ownerVerified: false });
    expect(strangerSaw).not.toHaveProperty('items');
    expect(strangerSaw).not.toHaveProperty('total');
    expect(JSON.stringify(strangerSaw)).not.toContain('dana@example.com');

    // The email on the profile, or one the customer wrote in the conversation, is the order's.
    expect(await modelSaw(turn('Where is order 100234?'))).toMatchObject({ items: ORDER.items, total: ORDER.total, ownerVerified: true });
    const wroteIt = { ...turn('Where is order 100234? I am Dana@example.com'), state: { ...emptyState('c1'), customer: { name: 'Dana' } } };
    expect(await modelSaw(wroteIt)).toMatchObject({ items: ORDER.items, ownerVerified: true });
  });

  it('keeps what the tools did when the model then fails to answer in time', async () => {
    const { accounts, calls } = fakeAccounts();
    const brain = brainOn(server, { accounts, timeoutMs: 300 });
    server.script(callTool('create_ticket', { subject: 'Damaged jacket', description: 'Arrived torn', orderNumber: '100234' }), { kind: 'hang' });
    const context = turn('My jacket arrived torn');
    const failure = await brain.respond(context, await brain.understand(context)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(LlmBrainError);
    expect(calls).toEqual(['createTicket Damaged jacket']);
    expect((failure as LlmBrainError).work.actions).toEqual([
      { name: 'create_ticket', inputs: { subject: 'Damaged jacket', description: 'Arrived torn', orderNumber: '100234' }, ok: true, result: expect.objectContaining({ id: 'T-1' }) },
    ]);
    expect((failure as LlmBrainError).work.collected).toEqual({ order_number: '100234' });
  });

  it('lists an action still running at the deadline as of unknown outcome, and ignores what it does later', async () => {
    const { accounts } = fakeAccounts();
    let finishTicket: (() => void) | undefined;
    const slow: AccountData = {
      ...accounts,
      createTicket: (input) =>
        new Promise((resolve) => {
          finishTicket = () => resolve({ id: 'T-9', subject: input.subject, createdAt: '2026-11-24T10:00:00Z' });
        }),
    };
    const brain = brainOn(server, { accounts: slow, timeoutMs: 300 });
    server.script(callTool('create_ticket', { subject: 'Damaged jacket', description: 'Arrived torn' }), say('never reached'));
    const context = turn('My jacket arrived torn');
    const failure = (await brain.respond(context, await brain.understand(context)).catch((error: unknown) => error)) as LlmBrainError;
    expect(failure).toBeInstanceOf(LlmBrainError);
    const unfinished = { name: 'create_ticket', inputs: { subject: 'Damaged jacket', description: 'Arrived torn' }, ok: false, result: { error: expect.stringMatching(/outcome is unknown/) } };
    expect(failure.work.actions).toEqual([unfinished]);
    finishTicket!();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(failure.work.actions).toEqual([unfinished]);
    expect(server.requests).toHaveLength(1);
  });

  it('hands over when the model calls handover_to_human, with its reason and summary', async () => {
    const brain = brainOn(server);
    server.script(callTool('handover_to_human', { reason: 'frustration', summary: 'Jacket arrived torn twice; customer is angry.' }));
    const context = turn('This is the second torn jacket, I am done with you');
    const reply = await brain.respond(context, await brain.understand(context));
    expect(reply.handover).toEqual({ reason: 'frustration', summary: 'Jacket arrived torn twice; customer is angry.' });
    // The tool has no execute: the turn ends at the call, with no second model call.
    expect(server.requests).toHaveLength(1);
  });

  it('hands over with ai_error, keeping the failed action, when the account system fails', async () => {
    const { accounts, state } = fakeAccounts();
    state.down = true;
    const brain = brainOn(server, { accounts });
    server.script(callTool('look_up_order', { orderNumber: '100234' }), say('should never be asked for'));
    const context = turn('Where is my order 100234?');
    const reply = await brain.respond(context, await brain.understand(context));
    expect(reply.handover).toMatchObject({ reason: 'ai_error', summary: expect.stringMatching(/look_up_order failed: .*ECONNREFUSED/) });
    expect(reply.actions).toEqual([
      { name: 'look_up_order', inputs: { orderNumber: '100234' }, ok: false, result: { error: expect.stringMatching(/ECONNREFUSED/) } },
    ]);
    expect(server.requests).toHaveLength(1);
  });

  it('gives up within its timeout when the model never answers', async () => {
    const brain = brainOn(server, { timeoutMs: 300 });
    server.script({ kind: 'hang' });
    const context = turn('Hello?');
    const started = performance.now();
    await expect(brain.respond(context, await brain.understand(context))).rejects.toThrow(/did not answer within 300 ms/);
    expect(performance.now() - started).toBeLessThan(300 + 700);
  });

  it('fails on a provider error', async () => {
    const brain = brainOn(server);
    server.script({ kind: 'error', status: 500, message: 'upstream overloaded' });
    const context = turn('Hello?');
    const failure = brain.respond(context, await brain.understand(context));
    await expect(failure).rejects.toBeInstanceOf(LlmBrainError);
    await expect(failure).rejects.toThrow(/upstream overloaded/);
  });

  it('retries a provider error once by default', async () => {
    const brain = brainOn(server, { maxRetries: undefined });
    server.script({ kind: 'error', status: 503, message: 'try again', retryAfterMs: 10 }, say('Hello! How can I help?'));
    const context = turn('Hello?');
    const reply = await brain.respond(context, await brain.understand(context));
    expect(reply.text).toBe('Hello! How can I help?');
    expect(server.requests).toHaveLength(2);
  });

  it('fails on a response that is not JSON', async () => {
    const brain = brainOn(server);
    server.script({ kind: 'malformed' });
    const context = turn('Hello?');
    await expect(brain.respond(context, await brain.understand(context))).rejects.toBeInstanceOf(LlmBrainError);
  });

  it('fails on an answer with neither text nor a handover', async () => {
    const brain = brainOn(server);
    server.script(say('   '));
    const context = turn('Hello?');
    await expect(brain.respond(context, await brain.understand(context))).rejects.toThrow(/no answer/);
  });

  it('fails when the model is still calling tools when its steps run out', async () => {
    const brain = brainOn(server);
    server.script(...Array.from({ length: 4 }, () => callTool('check_refund', { orderNumber: '100234' })));
    const context = turn('Refund for 100234?');
    await expect(brain.respond(context, await brain.understand(context))).rejects.toThrow(/no answer/);
    expect(server.requests).toHaveLength(4);
  });
});

describe('the fake model server', () => {
  it('streams its answers too, for a client that asks for server-sent events', async () => {
    const server = await startFakeLlmServer();
    try {
      const model = createOpenAICompatible({ name: 'baton-llm', baseURL: server.baseUrl })('fake-model');
      server.script(say('Hello there'), callTool('look_up_order', { orderNumber: '100234' }, 'call_9'));
      expect(await streamText({ model, prompt: 'hi', maxRetries: 0 }).text).toBe('Hello there');
      const tools = { look_up_order: tool({ inputSchema: z.object({ orderNumber: z.string() }) }) };
      const calls = await streamText({ model, prompt: 'where is 100234', tools, maxRetries: 0 }).toolCalls;
      expect(calls).toMatchObject([{ toolCallId: 'call_9', toolName: 'look_up_order', input: { orderNumber: '100234' } }]);
      expect(server.requests.map((r) => r.body.stream)).toEqual([true, true]);
    } finally {
      await server.close();
    }
  });
});

describe('choosing the brain', () => {
  const log = pino({ level: 'silent' });
  const parts = (offline: Brain) => ({ knowledge, accounts: fakeAccounts().accounts, offline: async () => offline, log });
  const offline: Brain = { understand: async () => ({ intent: 'x', confidence: 1, entities: [], text: '' }), respond: async () => ({ text: '', sources: [] }) };

  it('is the offline brain without a model', async () => {
    expect(await chooseBrain(loadConfig({ env: {} }), parts(offline))).toBe(offline);
    expect(await chooseBrain(loadConfig({ env: { BATON_LLM_BASE_URL: 'http://127.0.0.1:1/v1' } }), parts(offline))).toBe(offline);
  });

  it('is the model, with its key, when one is configured', async () => {
    const server = await startFakeLlmServer();
    try {
      const config = loadConfig({ env: { BATON_LLM_BASE_URL: server.baseUrl, BATON_LLM_MODEL: 'small-model', BATON_LLM_API_KEY: 'sk-test' } });
      const brain = await chooseBrain(config, parts(offline));
      expect(brain).toBeInstanceOf(LlmBrain);
      server.script(say('Hi!'));
      const context = turn('Hello');
      expect((await brain.respond(context, await brain.understand(context))).text).toBe('Hi!');
      expect(server.requests[0]!.body.model).toBe('small-model');
      expect(server.requests[0]!.headers.authorization).toBe('Bearer sk-test');
    } finally {
      await server.close();
    }
  });
});

describe('the LLM brain in the service, through HTTP', () => {
  let server: FakeLlmServer;
  let baton: TestBaton | undefined;
  const TIMEOUT_MS = 300;

  beforeEach(async () => {
    server = await startFakeLlmServer();
  });
  afterEach(async () => {
    await baton?.stop();
    baton = undefined;
    await server.close();
  });

  async function start(accounts: AccountData = fakeAccounts().accounts) {
    baton = await startTestBaton('sqlite', { overrides: { brain: brainOn(server, { accounts, timeoutMs: TIMEOUT_MS }) } });
    return client(baton.url);
  }

  it("brings the model's answer to the customer as an AI message, with its sources", async () => {
    const api = await start();
    const c = await api.conversation();
    server.script(say('Within 30 days of delivery (Source: "Returns and refunds").'));
    const turn = await api.say(c.id, c.token, 'How long do I have to return an item for a refund?');
    expect(turn.status).toBe(201);
    expect(turn.body.state.owner).toBe('ai');
    expect(turn.body.replies).toHaveLength(1);
    expect(turn.body.replies[0]).toMatchObject({
      role: 'ai',
      text: 'Within 30 days of delivery (Source: "Returns and refunds").',
      replyTo: turn.body.message.seq,
      sources: [{ id: 'returns', title: 'Returns and refunds' }],
    });
    expect((await api.messages(c.id, c.token)).map((m) => m.role)).toEqual(['customer', 'ai']);
  });

  it('hands over with ai_error, within the timeout, when the model hangs', async () => {
    const api = await start();
    const c = await api.conversation();
    server.script({ kind: 'hang' });
    const started = performance.now();
    const turn = await api.say(c.id, c.token, 'Hello, anyone there?');
    expect(performance.now() - started).toBeLessThan(TIMEOUT_MS + 1_000);
    expect(turn.status).toBe(201);
    expect(turn.body.state.owner).toBe('queue');
    expect(turn.body.state.handover.reasons).toContain('ai_error');
    expect(turn.body.replies.map((r: any) => r.role)).toEqual(['system']);
  });

  it('records the ticket the model opened before it hung, for the person taking over', async () => {
    const api = await start();
    const c = await api.conversation();
    server.script(callTool('create_ticket', { subject: 'Damaged jacket', description: 'Arrived torn', orderNumber: '100234' }), { kind: 'hang' });
    const turn = await api.say(c.id, c.token, 'My jacket from order 100234 arrived torn');
    expect(turn.status).toBe(201);
    expect(turn.body.state.owner).toBe('queue');
    expect(turn.body.state.handover.reasons).toContain('ai_error');

    const gus = await api.login('general@demo.local');
    const events = (await api.get(`/api/v1/conversations/${c.id}/events`, gus)).body.events as any[];
    const types = events.map((e) => e.type);
    expect(events.find((e) => e.type === 'action.executed').data).toMatchObject({ name: 'create_ticket', ok: true, result: { id: 'T-1' } });
    expect(types.indexOf('action.executed')).toBeLessThan(types.indexOf('handover.requested'));
    const packet = (await api.get(`/api/v1/conversations/${c.id}/handover`, gus)).body;
    expect(JSON.stringify(packet)).toContain('T-1');
  });

  it("hands over when the model calls handover_to_human, after recording what it looked up", async () => {
    const api = await start();
    const c = await api.conversation();
    server.script(
      callTool('look_up_order', { orderNumber: '100234' }),
      callTool('handover_to_human', { reason: 'human_requested', summary: 'Wants a person about the late order 100234.' }),
    );
    const turn = await api.say(c.id, c.token, 'Order 100234 is late, can you check what is going on?');
    expect(turn.status).toBe(201);
    expect(turn.body.state.owner).toBe('queue');
    expect(turn.body.state.handover.reasons).toContain('human_requested');

    const gus = await api.login('general@demo.local');
    const events = (await api.get(`/api/v1/conversations/${c.id}/events`, gus)).body.events as any[];
    const types = events.map((e) => e.type);
    expect(types).toContain('action.executed');
    expect(types.indexOf('action.executed')).toBeLessThan(types.indexOf('handover.requested'));
    expect(events.find((e) => e.type === 'action.executed').data).toMatchObject({ name: 'look_up_order', ok: true });
    expect(events.find((e) => e.type === 'details.collected').data).toEqual({ details: { order_number: '100234' } });
    const handover = events.find((e) => e.type === 'handover.requested').data;
    expect(handover.reasons[0]).toMatchObject({ code: 'human_requested', evidence: expect.arrayContaining(['Wants a person about the late order 100234.']) });
  });
});
