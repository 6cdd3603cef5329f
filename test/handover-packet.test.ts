import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HandoverPacketSchema } from '../src/domain/handover-packet.ts';
import { client, startTestBaton, type TestBaton } from './support/baton.ts';

/** The journey: Dana asks after her order, gives its number, and asks for a manager the second time it failed. */
describe.each(['sqlite', 'postgres'] as const)('the handover packet (%s)', (store) => {
  let baton: TestBaton;
  let api: ReturnType<typeof client>;
  let conversation: { id: string; token: string };
  let supervisor: string;

  beforeAll(async () => {
    baton = await startTestBaton(store);
    api = client(baton.url);
    conversation = await api.conversation({ name: 'Dana', email: 'dana@example.com' });
    for (const text of ['Where is my order?', "It's order 100234", 'It says delivered but I never got it. This is the second time!! I want to speak to a manager']) {
      const reply = await api.say(conversation.id, conversation.token, text);
      expect(reply.status).toBe(201);
    }
    supervisor = await api.login('supervisor@demo.local');
  });
  afterAll(async () => baton?.stop());

  it('gives the supervisor everything at a glance, typed', async () => {
    const reply = await api.get(`/api/v1/conversations/${conversation.id}/handover`, supervisor);
    expect(reply.status).toBe(200);
    const packet = HandoverPacketSchema.parse(reply.body);
    expect(packet.reasons.map((r) => r.code)).toContain('human_requested');
    expect(packet.reasons.find((r) => r.code === 'human_requested')!.evidence).toEqual(['speak to a manager']);
    expect(packet.rules.length).toBeGreaterThan(0);
    expect(packet.team).toBeTruthy();
    expect(packet.priority).toBe('high');
    expect(packet.customer.email).toBe('dana@example.com');
    expect(packet.collected.order_number).toBe('100234');
    expect(packet.actions).toEqual([expect.objectContaining({ name: 'look_up_order', ok: true, inputs: { orderNumber: '100234' } })]);
    expect(packet.transcript.filter((line) => line.role === 'customer').map((line) => line.text)).toEqual([
      'Where is my order?',
      "It's order 100234",
      'It says delivered but I never got it. This is the second time!! I want to speak to a manager',
    ]);
    expect(packet.summary.source).toBe('extractive');
    expect(packet.summary.text).toMatch(/Wants: "Where is my order\?"/);
    expect(packet.summary.text).toMatch(/look up order 100234/);
    expect(packet.summary.text).toMatch(/order number 100234/);
    expect(packet.sentiment).toMatchObject({ label: 'negative', trend: 'worsening' });
    expect(packet.sentiment.current).toBeLessThan(-0.3);
    expect(packet.account?.customer).toMatchObject({ email: 'dana@example.com', tier: expect.any(String) });
    expect(packet.account?.orders.map((o) => o.orderNumber)).toContain('100234');
    expect(packet.promises.map((p) => p.kind)).toContain('wait');
    expect(packet.timing.handedOverAt).toBeTruthy();
    expect(Date.parse(packet.timing.firstResponseDueAt!) - Date.parse(packet.timing.handedOverAt!)).toBe(300_000);
    expect(packet.redacted).toBe(false);
  });

  it('is for agents only: the customer token gets 403, no token 401', async () => {
    expect((await api.get(`/api/v1/conversations/${conversation.id}/handover`, conversation.token)).status).toBe(403);
    expect((await api.get(`/api/v1/conversations/${conversation.id}/handover`)).status).toBe(401);
  });

  it('counts a detail given again after the handover, in the packet and in the metrics', async () => {
    await api.say(conversation.id, conversation.token, 'My order number is 100234, and my email is dana@example.com');
    const packet = (await api.get(`/api/v1/conversations/${conversation.id}/handover`, supervisor)).body;
    expect(packet.askedAgain.map((a: { slot: string }) => a.slot).sort()).toEqual(['email', 'order_number']);
    await api.say(conversation.id, conversation.token, 'hello? 100234');
    const again = (await api.get(`/api/v1/conversations/${conversation.id}/handover`, supervisor)).body;
    // The same detail again is not counted twice.
    expect(again.askedAgain).toHaveLength(2);
    const metrics = await fetch(`${baton.url}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(/baton_asked_again_total\{slot="order_number"\} 1/);
    expect(metrics).toMatch(/baton_conversations_asked_again_total 1/);
    expect(metrics).toMatch(/baton_handovers_total\{reason="human_requested",team="[a-z_]+"\} 1/);
  });
});

describe('a conversation never handed over', () => {
  it('has no packet: 404 no_handover', async () => {
    const baton = await startTestBaton('sqlite');
    try {
      const api = client(baton.url);
      const c = await api.conversation();
      const agent = await api.login('supervisor@demo.local');
      const reply = await api.get(`/api/v1/conversations/${c.id}/handover`, agent);
      expect(reply.status).toBe(404);
      expect(reply.body.error.code).toBe('no_handover');
    } finally {
      await baton.stop();
    }
  });
});
