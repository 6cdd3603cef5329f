import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestBaton, type TestBaton } from './support/baton.ts';
import { callTool, say, startFakeLlmServer, type FakeLlmServer } from './support/fake-llm-server.ts';

/** The AI agent as a customer meets it: through the API of a real `baton start`, with its default wiring. */
describe('the offline AI agent', () => {
  let baton: TestBaton;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    baton = await startTestBaton('sqlite');
    api = client(baton.url);
  });
  afterAll(async () => baton?.stop());

  it('answers six routine questions, each from a different article it cites, and keeps the conversation', async () => {
    const c = await api.conversation();
    const questions = [
      'How long does delivery take?',
      'What is your return policy?',
      'What payment methods do you accept?',
      'How do I reset my password?',
      'I need to change the shipping address on my order',
      'How do I leave the newsletter?',
    ];
    const sources: string[] = [];
    for (const question of questions) {
      const turn = await api.say(c.id, c.token, question);
      expect(turn.status).toBe(201);
      expect(turn.body.state.owner).toBe('ai');
      const [reply] = turn.body.replies;
      expect(reply).toMatchObject({ role: 'ai' });
      expect(reply.sources, question).toHaveLength(1);
      sources.push(reply.sources[0].id);
    }
    expect(new Set(sources).size).toBe(6);
    expect(sources).toEqual(['delivery-times', 'return-policy', 'payment-methods', 'reset-password', 'change-shipping-address', 'newsletter-unsubscribe']);
  });

  it('asks for the order number, then gives the status and tracking, recording the look-up', async () => {
    const c = await api.conversation({ name: 'Dana', email: 'dana@example.com' });
    const ask = await api.say(c.id, c.token, 'Where is my order?');
    expect(ask.body.replies[0].text).toMatch(/order number/i);
    const answer = await api.say(c.id, c.token, "It's order 100234");
    const text = answer.body.replies[0].text as string;
    expect(text).toContain('shipped with DHL');
    expect(text).toContain('JD014600006281234567');
    expect(answer.body.state.owner).toBe('ai');
    // The agent's view keeps what the AI did and learnt; the customer's does not show it.
    const supervisor = await api.login('supervisor@demo.local');
    const events = (await api.get(`/api/v1/conversations/${c.id}/events`, supervisor)).body.events;
    expect(events.find((e: any) => e.type === 'action.executed')).toMatchObject({ data: { name: 'look_up_order', inputs: { orderNumber: '100234' }, ok: true } });
    expect(events.find((e: any) => e.type === 'details.collected')).toMatchObject({ data: { details: { order_number: '100234' } } });
    const customerEvents = (await api.get(`/api/v1/conversations/${c.id}/events`, c.token)).body.events;
    expect(customerEvents.some((e: any) => e.type === 'action.executed')).toBe(false);

    // Handed over, the packet lists what was collected and what the AI did, with inputs, result and time.
    await api.say(c.id, c.token, 'I want to talk to a person');
    const packet = (await api.get(`/api/v1/conversations/${c.id}/handover`, supervisor)).body;
    expect(packet.collected).toEqual({ order_number: '100234' });
    expect(packet.actions).toEqual([
      { seq: expect.any(Number), at: expect.any(String), name: 'look_up_order', inputs: { orderNumber: '100234' }, ok: true, result: expect.objectContaining({ status: 'shipped', carrier: 'DHL' }) },
    ]);
  });

  it('says it is not sure instead of guessing', async () => {
    const c = await api.conversation();
    const turn = await api.say(c.id, c.token, 'What is the airspeed velocity of an unladen swallow?');
    expect(turn.body.replies[0]).toMatchObject({ role: 'ai' });
    expect(turn.body.replies[0].text).toMatch(/not sure/i);
    expect(turn.body.replies[0].sources).toBeUndefined();
  });

  it('keeps helping while the customer waits, without taking the place of the person', async () => {
    const c = await api.conversation();
    await api.say(c.id, c.token, 'I want to talk to a real person please');
    const turn = await api.say(c.id, c.token, 'What payment methods do you accept?');
    expect(turn.body.state.owner).toBe('queue');
    expect(turn.body.replies[0].text).toMatch(/PayPal/);
    expect(turn.body.replies[0].text).toMatch(/still in the queue/);
  });
});

/** A model configured by settings alone, as `BATON_LLM_BASE_URL` and friends give it, on a fake server. */
describe('the AI agent on a configured model', () => {
  let model: FakeLlmServer;
  let baton: TestBaton;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    model = await startFakeLlmServer();
    baton = await startTestBaton('sqlite', { config: { llm: { baseUrl: model.baseUrl, model: 'fake-model', timeoutMs: 800 } } });
    api = client(baton.url);
  });
  afterAll(async () => {
    await baton?.stop();
    await model?.close();
  });

  it("gives the customer the model's answer", async () => {
    const c = await api.conversation();
    model.script(say('We ship within one business day.'));
    const turn = await api.say(c.id, c.token, 'How fast do you ship?');
    expect(turn.body.replies[0]).toMatchObject({ role: 'ai', text: 'We ship within one business day.' });
    expect(model.requests.at(-1)!.body.model).toBe('fake-model');
  });

  it('moves the conversation to the queue on a handover_to_human tool call', async () => {
    const c = await api.conversation();
    model.script(callTool('handover_to_human', { reason: 'cannot_resolve', summary: 'Customer wants a custom tent order' }));
    const turn = await api.say(c.id, c.token, 'Can you make me a custom tent?');
    expect(turn.body.state).toMatchObject({ owner: 'queue', handover: { reasons: expect.arrayContaining(['cannot_resolve']) } });
  });

  it('hands over with ai_error within the timeout when the model never answers', async () => {
    const c = await api.conversation();
    model.script({ kind: 'hang' });
    const started = Date.now();
    const turn = await api.say(c.id, c.token, 'Hello?');
    expect(Date.now() - started).toBeLessThan(800 + 1500);
    expect(turn.body.state).toMatchObject({ owner: 'queue', handover: { reasons: ['ai_error'] } });
    expect(turn.body.replies[0].text).toMatch(/person/);
  });
});
