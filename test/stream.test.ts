import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ConversationUpdate } from '../src/bus/bus.ts';
import { MemoryBus } from '../src/bus/memory-bus.ts';
import { client, startTestBaton, type TestBaton } from './support/baton.ts';
import { writeRequestOnlyPolicy } from './support/policies.ts';
import { routineQuestion } from './support/routine-questions.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The in-process bus, able to lose updates the way a dropped Redis connection does, and then to reconnect. */
class LossyBus extends MemoryBus {
  dropping = false;
  private readonly listeners = new Set<() => void>();

  override async publish(update: ConversationUpdate): Promise<void> {
    if (!this.dropping) await super.publish(update);
  }

  override onReconnect(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  reconnect() {
    this.dropping = false;
    for (const listener of this.listeners) listener();
  }
}

/** A stream connection that records every frame and can wait for the ones a test expects. */
class StreamClient {
  readonly frames: any[] = [];
  private waiters: { test: () => boolean; resolve: () => void }[] = [];

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.frames.push(JSON.parse(String(data)));
      this.waiters = this.waiters.filter((w) => (w.test() ? (w.resolve(), false) : true));
    });
  }

  static async open(url: string): Promise<StreamClient> {
    const socket = new WebSocket(url);
    const stream = new StreamClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return stream;
  }

  until(test: (frames: any[]) => boolean, timeoutMs = 5000): Promise<void> {
    if (test(this.frames)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`stream frames so far: ${JSON.stringify(this.frames)}`)), timeoutMs);
      this.waiters.push({ test: () => test(this.frames), resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  events() {
    return this.frames.filter((f) => f.type === 'event').map((f) => f.event);
  }

  close() {
    this.socket.close();
  }
}

/** Opens a stream expecting a refusal before the upgrade; returns the HTTP status and body. */
function refusal(url: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.on('unexpected-response', (_request, response) => {
      let text = '';
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
    });
    socket.on('open', () => reject(new Error('the stream opened')));
    socket.on('error', () => {});
  });
}

describe('WebSocket stream', () => {
  let baton: TestBaton;
  let api: ReturnType<typeof client>;
  let ws: string;

  beforeAll(async () => {
    baton = await startTestBaton('sqlite', { config: { escalation: { policyFile: writeRequestOnlyPolicy(mkdtempSync(join(tmpdir(), 'baton-policy-'))) } } });
    api = client(baton.url);
    ws = baton.url.replace('http', 'ws');
  });
  afterAll(async () => baton?.stop());

  it('replays a conversation, then says ready, then streams live messages with the state', async () => {
    const c = await api.conversation();
    await api.say(c.id, c.token, 'What payment methods do you accept?');
    const stream = await StreamClient.open(`${ws}/api/v1/stream?token=${c.token}&after=0`);
    await stream.until((f) => f.some((x) => x.type === 'ready'));
    expect(stream.events().map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(stream.frames.find((f) => f.type === 'state')).toMatchObject({ state: { owner: 'ai' } });

    await api.say(c.id, c.token, 'I want to talk to a real person please');
    await stream.until(() => stream.events().some((e) => e.type === 'conversation.queued'));
    const live = stream.frames.filter((f) => f.type === 'event' && f.event.seq > 3);
    expect(live.map((f) => f.event.type)).toEqual(['message.created', 'handover.requested', 'conversation.queued', 'message.created']);
    // (asked about payment methods first: the billing team's queue)
    expect(live.at(-1).state).toMatchObject({ owner: 'queue', team: 'billing' });
    // Customers see why in plain codes, never the evidence or the rules.
    expect(live[1].event.data).toEqual({ reasons: ['human_requested'], topics: ['billing'], team: 'billing' });
    stream.close();
  });

  it('resumes from after=SEQ without losing or repeating a message', async () => {
    const c = await api.conversation();
    const first = await StreamClient.open(`${ws}/api/v1/stream?token=${c.token}&after=0`);
    await api.say(c.id, c.token, 'What payment methods do you accept?');
    await first.until(() => first.events().some((e) => e.seq === 3));
    const lastSeen = Math.max(...first.events().map((e) => e.seq));
    first.close();

    // Messages arrive while the client is away.
    await api.say(c.id, c.token, 'how long does delivery take?');
    await api.say(c.id, c.token, 'thanks');

    const resumed = await StreamClient.open(`${ws}/api/v1/stream?token=${c.token}&after=${lastSeen}`);
    await api.say(c.id, c.token, 'bye');
    await resumed.until(() => resumed.events().some((e) => e.seq === 9));
    const seqs = resumed.events().map((e) => e.seq);
    expect(seqs).toEqual([4, 5, 6, 7, 8, 9]);
    const all = (await api.messages(c.id, c.token)).map((m) => m.seq);
    expect([...first.events().map((e) => e.seq), ...seqs].filter((s) => all.includes(s))).toEqual(all);
    resumed.close();
  });

  it('delivers under load every message exactly once, in order, while replay and live overlap', async () => {
    const c = await api.conversation();
    const sends = Array.from({ length: 10 }, (_, i) => api.say(c.id, c.token, routineQuestion(i)));
    const stream = await StreamClient.open(`${ws}/api/v1/stream?token=${c.token}&after=0`);
    await Promise.all(sends);
    await stream.until(() => stream.events().length >= 21);
    const seqs = stream.events().map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    stream.close();
  });

  it('refuses bad tokens before the upgrade with a JSON 4xx', async () => {
    expect(await refusal(`${ws}/api/v1/stream?token=ct_nope`)).toEqual({ status: 401, body: { error: { code: 'unauthorized', message: expect.any(String) } } });
    expect((await refusal(`${ws}/api/v1/stream`)).status).toBe(400);
    const mine = await api.conversation();
    const theirs = await api.conversation();
    expect((await refusal(`${ws}/api/v1/stream?token=${mine.token}&conversationId=${theirs.id}`)).status).toBe(403);
  });

  it('gives agents notes and evidence, and customers neither', async () => {
    const c = await api.conversation();
    const gus = await api.login('general@demo.local');
    const customer = await StreamClient.open(`${ws}/api/v1/stream?token=${c.token}`);
    const agent = await StreamClient.open(`${ws}/api/v1/stream?token=${gus}&conversationId=${c.id}`);
    await api.post(`/api/v1/conversations/${c.id}/notes`, { text: 'internal only' }, gus);
    await api.say(c.id, c.token, 'get me a human');
    await customer.until(() => customer.events().some((e) => e.type === 'conversation.queued'));
    await agent.until(() => agent.events().some((e) => e.type === 'conversation.queued'));
    expect(JSON.stringify(customer.frames)).not.toContain('internal only');
    expect(JSON.stringify(agent.frames)).toContain('internal only');
    expect(agent.events().find((e) => e.type === 'handover.requested').data.reasons[0].evidence).toEqual(['get me a human']);
    customer.close();
    agent.close();
  });

  it("streams an agent every conversation of their teams, and nothing of other teams'", async () => {
    const gus = await api.login('general@demo.local');
    const bea = await api.login('billing@demo.local');
    const general = await StreamClient.open(`${ws}/api/v1/stream?token=${gus}&after=0`);
    const billing = await StreamClient.open(`${ws}/api/v1/stream?token=${bea}&after=0`);
    await general.until((f) => f.some((x) => x.type === 'ready'));
    await billing.until((f) => f.some((x) => x.type === 'ready'));
    const c = await api.conversation();
    await api.say(c.id, c.token, 'I want to talk to a real person please');
    await general.until(() => general.events().some((e) => e.conversationId === c.id && e.type === 'conversation.queued'));
    // Replay and live both ran; positions only ever grow.
    const positions = general.events().map((e) => e.position);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const queuedForBilling = billing.frames.filter((f) => f.type === 'event' && f.event.conversationId === c.id && f.event.type === 'conversation.queued');
    expect(queuedForBilling).toEqual([]);
    general.close();
    billing.close();
  });
});

describe('WebSocket stream across a bus outage', () => {
  it('sends, once the bus is back, what was published while it was down, and nothing twice', async () => {
    const bus = new LossyBus();
    const baton = await startTestBaton('sqlite', { overrides: { bus } });
    try {
      const api = client(baton.url);
      const c = await api.conversation();
      const stream = await StreamClient.open(`${baton.url.replace('http', 'ws')}/api/v1/stream?token=${c.token}`);
      await stream.until((f) => f.some((x) => x.type === 'ready'));
      await api.say(c.id, c.token, 'What payment methods do you accept?');
      await stream.until(() => stream.events().some((e) => e.seq === 3));

      bus.dropping = true;
      await api.say(c.id, c.token, 'how long does delivery take?');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(stream.events().map((e) => e.seq)).toEqual([1, 2, 3]);

      bus.reconnect();
      await stream.until(() => stream.events().some((e) => e.seq === 5));
      await api.say(c.id, c.token, 'thanks');
      await stream.until(() => stream.events().some((e) => e.seq === 7));
      await new Promise((resolve) => setTimeout(resolve, 1200));
      expect(stream.events().map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      stream.close();
    } finally {
      await baton.stop();
    }
  });
});
