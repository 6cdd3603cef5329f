import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.ts';
import { loadConfig } from '../src/config/config.ts';
import { newEvent } from '../src/domain/events.ts';
import type { PacketSource } from '../src/engine/handover-packets.ts';
import { JobRunner } from '../src/jobs/job-runner.ts';
import { startService, type RunningService } from '../src/service.ts';
import { openStore } from '../src/store/sql/open-store.ts';
import type { SqlStore } from '../src/store/sql/sql-store.ts';
import { deliveryJobId } from '../src/webhooks/webhook-delivery.ts';
import { SqlWebhookStore } from '../src/webhooks/webhook-store.ts';
import { Webhooks } from '../src/webhooks/webhooks.ts';
import { client, http, startTestBaton, type TestBaton } from './support/baton.ts';
import { createTestDatabase, postgresReachable, serviceGate } from './support/services.ts';

type StoreKind = 'sqlite' | 'postgres';

const SECRET = 'a-secret-of-thirty-two-characters';

// ---- a subscriber on loopback ---------------------------------------------------------------------------------------

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  /** The body exactly as it came over the wire. */
  raw: string;
  body: any;
  /** What the subscriber answered. */
  status: number;
}

/**
 * A webhook receiver. What it answers depends on the path subscribed: `/fail-first` answers 500 to the first attempt
 * of each delivery and 200 after, `/fail-always` 500 every time, `/slow` 200 after 200 ms, `/hang` never, anything
 * else 200 at once.
 */
async function startSubscriber() {
  const received: Received[] = [];
  /** The paths of the requests answered so far, in the order answered. */
  const answered: string[] = [];
  const seen = new Map<string, number>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const path = request.url ?? '/';
      const delivery = String(request.headers['x-baton-delivery']);
      const nth = (seen.get(delivery) ?? 0) + 1;
      seen.set(delivery, nth);
      const status = path.startsWith('/fail-always') ? 500 : path.startsWith('/fail-first') && nth === 1 ? 500 : 200;
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
      received.push({ path, headers: request.headers, raw, body, status });
      const answer = () => {
        response.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'try again');
        answered.push(path);
      };
      if (path.startsWith('/hang')) return;
      if (path.startsWith('/slow')) setTimeout(answer, 200);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    base: `http://127.0.0.1:${port}`,
    received,
    answered,
    /** What reached a path (the path names the test). */
    at: (path: string) => received.filter((r) => r.path === path),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

type Subscriber = Awaited<ReturnType<typeof startSubscriber>>;

/** Polls until `check` stops throwing; generous, since retries wait real seconds. */
async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The signature as a receiver computes it: HMAC-SHA256 of the raw body with the shared secret. */
const expectedSignature = (raw: string, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;

// ---- the API, end to end ----------------------------------------------------------------------------------------------

function webhookSuite(kind: StoreKind) {
  describe(`webhooks on ${kind}`, () => {
    let baton: TestBaton;
    let api: ReturnType<typeof client>;
    let subscriber: Subscriber;
    let supervisor: string;
    let agent: string;

    const create = (body: unknown, token = supervisor) => http(baton.url, 'POST', '/api/v1/webhooks', { body, token });
    const del = (id: string, token = supervisor) => http(baton.url, 'DELETE', `/api/v1/webhooks/${id}`, { token });
    const deliveries = async (id: string) => {
      const reply = await api.get(`/api/v1/webhooks/${id}/deliveries`, supervisor);
      expect(reply.status).toBe(200);
      return reply.body.deliveries as any[];
    };
    async function subscribe(path: string, events: string[]): Promise<string> {
      const reply = await create({ url: subscriber.base + path, events, secret: SECRET });
      expect(reply.status).toBe(201);
      return reply.body.webhook.id;
    }
    async function startConversation(body: Record<string, unknown> = {}) {
      const reply = await api.post('/api/v1/conversations', body);
      expect(reply.status).toBe(201);
      return reply.body as { id: string; token: string };
    }

    beforeAll(async () => {
      baton = await startTestBaton(kind, { config: { redaction: { webhooks: true } } });
      api = client(baton.url);
      subscriber = await startSubscriber();
      supervisor = await api.login('supervisor@demo.local');
      agent = await api.login('billing@demo.local');
    });
    afterEach(async () => {
      // Each test subscribes anew; what it left behind must not receive the next one's events.
      for (const hook of (await api.get('/api/v1/webhooks', supervisor)).body.webhooks) await del(hook.id);
    });
    afterAll(async () => {
      await baton?.stop();
      await subscriber?.close();
    });

    it('is for supervisors and admins only', async () => {
      // Nothing listens on the discard port: no test sends anywhere but loopback.
      const valid = { url: 'http://127.0.0.1:9/hooks', events: ['message.created'], secret: SECRET };
      expect((await http(baton.url, 'POST', '/api/v1/webhooks', { body: valid })).status).toBe(401);
      expect((await http(baton.url, 'GET', '/api/v1/webhooks')).status).toBe(401);
      const byAgent = await create(valid, agent);
      expect(byAgent).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
      expect((await api.get('/api/v1/webhooks', agent)).status).toBe(403);
      const customer = await startConversation();
      expect((await create(valid, customer.token)).status).toBe(403);
      const made = await create(valid);
      expect(made.status).toBe(201);
      expect((await del(made.body.webhook.id, agent)).status).toBe(403);
      expect((await api.get(`/api/v1/webhooks/${made.body.webhook.id}/deliveries`, agent)).status).toBe(403);
    });

    it('refuses URLs that are not absolute http(s) without credentials, a missing or short secret, and unknown events', async () => {
      const valid = { url: 'https://example.com/hooks', events: ['message.created'], secret: SECRET };
      const cases: [unknown, RegExp][] = [
        [{ ...valid, url: 'ftp://example.com/hooks' }, /^url: must be an http or https URL, not ftp/],
        [{ ...valid, url: 'javascript:alert(1)' }, /^url: must be an http or https URL/],
        [{ ...valid, url: 'file:///etc/passwd' }, /^url: must be an http or https URL/],
        [{ ...valid, url: '/hooks' }, /^url: must be an absolute http or https URL/],
        [{ ...valid, url: 'example.com/hooks' }, /^url: must be an absolute/],
        [{ ...valid, url: 'https://user:pass@example.com/hooks' }, /^url: must not contain a user name or password/],
        [{ events: valid.events, secret: SECRET }, /^url: is required/],
        [{ url: valid.url, events: valid.events }, /^secret: is required: must be a string of 16 to 256 characters/],
        [{ ...valid, secret: 'too-short' }, /^secret: must be a string of 16 to 256 characters/],
        [{ ...valid, secret: 'x'.repeat(257) }, /^secret: must be a string of 16 to 256 characters/],
        [{ ...valid, events: ['message.created', 'conversation.exploded'] }, /^events: unknown event type "conversation.exploded"/],
        [{ ...valid, events: ['note.added'] }, /^events: unknown event type "note.added"/],
        [{ ...valid, events: [] }, /^events: name at least one event type/],
        [{ url: valid.url, secret: SECRET }, /^events: is required/],
        [{ ...valid, extra: true }, /./],
      ];
      for (const [body, message] of cases) {
        const reply = await create(body);
        expect(reply.status, JSON.stringify(body)).toBe(400);
        expect(reply.body.error.code).toBe('invalid_request');
        expect(reply.body.error.message).toMatch(message);
      }
      expect((await api.get('/api/v1/webhooks', supervisor)).body.webhooks).toEqual([]);
    });

    it('creates, lists without the secret, and deletes', async () => {
      const made = await create({ url: 'http://127.0.0.1:9/hooks?team=support', events: ['*', 'message.created'], secret: SECRET });
      expect(made.status).toBe(201);
      expect(made.body.webhook).toEqual({
        id: expect.any(String),
        url: 'http://127.0.0.1:9/hooks?team=support',
        events: ['*'],
        secretHint: `…${SECRET.slice(-4)}`,
        createdAt: expect.any(String),
        createdBy: expect.any(String),
      });
      expect(JSON.stringify(made.body)).not.toContain(SECRET);
      const second = await create({ url: 'http://127.0.0.1:9/other', events: ['conversation.resolved', 'conversation.resolved'], secret: SECRET });
      expect(second.body.webhook.events).toEqual(['conversation.resolved']);

      const list = await api.get('/api/v1/webhooks', supervisor);
      expect(list.status).toBe(200);
      expect(list.body.webhooks.map((w: any) => w.id)).toEqual([made.body.webhook.id, second.body.webhook.id]);
      expect(JSON.stringify(list.body)).not.toContain(SECRET);
      expect(await deliveries(made.body.webhook.id)).toEqual([]);

      expect((await del(made.body.webhook.id)).status).toBe(204);
      expect((await del(made.body.webhook.id)).status).toBe(404);
      expect((await api.get(`/api/v1/webhooks/${made.body.webhook.id}/deliveries`, supervisor)).status).toBe(404);
      expect((await api.get('/api/v1/webhooks', supervisor)).body.webhooks.map((w: any) => w.id)).toEqual([second.body.webhook.id]);
    });

    it('sends a handover signed, with the packet, and retries it after a 500', async () => {
      const id = await subscribe('/fail-first', ['handover.requested', 'conversation.queued']);
      const c = await startConversation({ customer: { name: 'Dana', email: 'dana@example.com' } });
      const said = await api.say(c.id, c.token, 'I want to talk to a real person please');
      expect(said.body.state.owner).toBe('queue');

      const handover = await eventually(() => {
        const attempts = subscriber.at('/fail-first').filter((r) => r.body.type === 'handover.requested' && r.body.data.conversationId === c.id);
        expect(attempts.map((a) => a.status)).toEqual([500, 200]);
        return attempts;
      });
      const [first, second] = handover as [Received, Received];
      // The same bytes each attempt, signed with the secret over exactly those bytes.
      expect(second.raw).toBe(first.raw);
      for (const attempt of handover) {
        expect(attempt.headers['x-baton-signature']).toBe(expectedSignature(attempt.raw));
        expect(attempt.headers['x-baton-signature']).not.toBe(expectedSignature(attempt.raw, 'another-secret-entirely'));
        expect(attempt.headers['content-type']).toBe('application/json');
        expect(attempt.headers['x-baton-event']).toBe(first.body.id);
        expect(attempt.headers['x-baton-event-type']).toBe('handover.requested');
      }
      expect(second.headers['x-baton-delivery']).toBe(first.headers['x-baton-delivery']);
      expect([first.headers['x-baton-attempt'], second.headers['x-baton-attempt']]).toEqual(['1', '2']);
      expect(second.body).toMatchObject({
        id: expect.stringMatching(/^evt_\d+$/),
        type: 'handover.requested',
        createdAt: expect.any(String),
        data: {
          conversationId: c.id,
          channel: 'api',
          externalId: null,
          handover: { trigger: expect.any(String), reasons: expect.arrayContaining(['human_requested']), team: 'general' },
          packet: { conversationId: c.id, redacted: true, team: 'general' },
        },
      });
      expect(second.body.data.packet.transcript.map((line: any) => line.text)).toContain('I want to talk to a real person please');
      // This Baton redacts the packets webhooks carry: Dana's email is masked, her words are not.
      expect(second.body.data.packet.customer.email).toBe('d•••@example.com');

      // conversation.queued carries the packet too; it was answered 500 first as well, then delivered.
      const queued = await eventually(() => {
        const attempts = subscriber.at('/fail-first').filter((r) => r.body.type === 'conversation.queued' && r.body.data.conversationId === c.id);
        expect(attempts.map((a) => a.status)).toEqual([500, 200]);
        return attempts[1]!;
      });
      expect(queued.body.data).toMatchObject({ queue: { team: 'general', reason: 'handover' }, packet: { conversationId: c.id } });
      // Not subscribed: the messages of the same turn.
      expect(subscriber.at('/fail-first').filter((r) => r.body.type === 'message.created')).toEqual([]);

      const log = await eventually(async () => {
        const entries = (await deliveries(id)).filter((d) => d.conversationId === c.id);
        expect(entries.map((d) => d.status)).toEqual(['delivered', 'delivered']);
        return entries;
      });
      const handoverEntry = log.find((d) => d.eventType === 'handover.requested')!;
      expect(handoverEntry).toEqual({
        id: first.headers['x-baton-delivery'],
        eventId: first.body.id,
        eventType: 'handover.requested',
        conversationId: c.id,
        status: 'delivered',
        attempts: 2,
        lastStatusCode: 200,
        lastError: null,
        createdAt: expect.any(String),
        lastAttemptAt: expect.any(String),
        nextAttemptAt: null,
        deliveredAt: expect.any(String),
      });
      expect(log.map((d) => d.eventType).sort()).toEqual(['conversation.queued', 'handover.requested']);
      // Newest event first.
      expect(Number(log[0].eventId.slice(4))).toBeGreaterThan(Number(log[1].eventId.slice(4)));
      expect((await api.get(`/api/v1/webhooks/${id}/deliveries?status=failed`, supervisor)).body.deliveries).toEqual([]);
      expect((await api.get(`/api/v1/webhooks/${id}/deliveries?status=lost`, supervisor)).status).toBe(400);
    });

    it('sends messages with the channel and the customer\'s externalId, from the moment of subscribing on', async () => {
      const before = await startConversation({ customer: { externalId: 'telegram:1111' }, channel: 'telegram' });
      await api.say(before.id, before.token, 'What payment methods do you accept?');
      const id = await subscribe('/messages', ['message.created']);
      const c = await startConversation({ customer: { externalId: 'telegram:4242', name: 'Tom' }, channel: 'telegram' });
      const said = await api.say(c.id, c.token, 'What payment methods do you accept?');
      expect(said.body.replies).toHaveLength(1);

      const [customer, ai] = await eventually(() => {
        const got = subscriber.at('/messages').filter((r) => r.body.data.conversationId === c.id);
        expect(got).toHaveLength(2);
        return got.sort((a, b) => a.body.data.seq - b.body.data.seq);
      });
      expect(customer!.body).toMatchObject({
        type: 'message.created',
        data: {
          conversationId: c.id,
          channel: 'telegram',
          externalId: 'telegram:4242',
          seq: 2,
          message: { seq: 2, role: 'customer', text: 'What payment methods do you accept?', author: { kind: 'customer' } },
        },
      });
      expect(ai!.body.data).toMatchObject({ channel: 'telegram', externalId: 'telegram:4242', message: { role: 'ai', replyTo: 2, author: { kind: 'ai', name: 'Assistant' } } });
      expect(ai!.body.data.message.text).toMatch(/PayPal/);
      expect(ai!.headers['x-baton-signature']).toBe(expectedSignature(ai!.raw));
      // Nothing from before the subscription, though that conversation's events are just as unsent.
      await sleep(300);
      expect(subscriber.at('/messages').filter((r) => r.body.data.conversationId === before.id)).toEqual([]);
      const logged = (await deliveries(id)).map((d) => d.conversationId);
      expect(logged.filter((x) => x === c.id)).toHaveLength(2);
      expect(logged).not.toContain(before.id);
    });

    it('writes one delivery per subscription and event, however often the fan-out runs', async () => {
      const { jobs, webhooks } = baton.running;
      const id = await subscribe('/once', ['message.created']);
      const other = await subscribe('/once-other', ['message.created']);
      const c = await startConversation();
      const mine = async (hook: string) => (await deliveries(hook)).filter((d) => d.conversationId === c.id);
      await jobs.stop();
      try {
        await api.say(c.id, c.token, 'What payment methods do you accept?');
        // Two runs at once, then a run from the start of the log, as after a crash between insert and cursor.
        const counts = await Promise.all([webhooks.runFanOut(), webhooks.runFanOut()]);
        // (Other tests' conversations may have had wait updates since the subscriptions: those are delivered too.)
        expect(counts[0] + counts[1]).toBeGreaterThanOrEqual(4);
        const written = (await deliveries(id)).length + (await deliveries(other)).length;
        expect(written).toBe(counts[0] + counts[1]);
        await (baton.running.store as SqlStore).db.updateTable('webhook_cursor').set({ position: 0 }).execute();
        expect(await webhooks.runFanOut()).toBe(0);
        expect(await mine(id)).toHaveLength(2);
        expect((await mine(id)).every((d) => d.status === 'pending' && d.attempts === 0)).toBe(true);
        expect(await mine(other)).toHaveLength(2);
      } finally {
        jobs.start();
      }
      const ofC = (path: string) => subscriber.at(path).filter((r) => r.body.data.conversationId === c.id);
      for (const path of ['/once', '/once-other']) {
        await eventually(() => expect(ofC(path)).toHaveLength(2));
      }
      await sleep(500);
      for (const path of ['/once', '/once-other']) {
        const got = ofC(path);
        expect(got).toHaveLength(2);
        expect(new Set(got.map((r) => r.body.id)).size).toBe(2);
      }
      await eventually(async () => expect((await mine(id)).map((d) => [d.status, d.attempts])).toEqual([['delivered', 1], ['delivered', 1]]));
    });

    it('stops the pending deliveries of a deleted subscription', async () => {
      const id = await subscribe('/fail-always', ['message.created']);
      const c = await startConversation();
      await api.say(c.id, c.token, 'hello there');
      const pending = await eventually(async () => {
        const entries = (await deliveries(id)).filter((d) => d.conversationId === c.id);
        expect(entries.length).toBeGreaterThan(0);
        for (const d of entries) expect(d).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500, lastError: 'the subscriber answered 500', nextAttemptAt: expect.any(String) });
        return entries;
      });
      for (const d of pending) expect(await baton.running.store.getJob(deliveryJobId(d.id))).toBeDefined();
      expect((await del(id)).status).toBe(204);
      for (const d of pending) expect(await baton.running.store.getJob(deliveryJobId(d.id))).toBeUndefined();
      const sent = subscriber.at('/fail-always').length;
      // Past the first retry's time (2 s): nothing more comes.
      await sleep(2_500);
      expect(subscriber.at('/fail-always')).toHaveLength(sent);
    });
  });
}

// ---- across a restart ---------------------------------------------------------------------------------------------------

function restartSuite(kind: StoreKind) {
  describe(`webhooks across a restart on ${kind}`, () => {
    let subscriber: Subscriber;
    let dataDir: string;
    let database: { url: string; drop(): Promise<void> } | undefined;
    const running: RunningService[] = [];

    async function start(): Promise<RunningService> {
      const config = loadConfig({
        env: {},
        overrides: { port: 0, host: '127.0.0.1', dataDir, logLevel: 'silent', databaseUrl: database?.url, seedDemoHistory: false },
      });
      const service = await startService(config);
      running.push(service);
      return service;
    }

    beforeAll(async () => {
      subscriber = await startSubscriber();
      dataDir = mkdtempSync(join(tmpdir(), 'baton-webhooks-'));
      database = kind === 'postgres' ? await createTestDatabase() : undefined;
    });
    afterAll(async () => {
      for (const service of running) await service.close().catch(() => {});
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
      await subscriber?.close();
    });

    it('delivers, once each, a delivery written but not sent and events not yet fanned out when it stopped', async () => {
      const first = await start();
      const api = client(first.url);
      const supervisor = await api.login('supervisor@demo.local');
      const made = await http(first.url, 'POST', '/api/v1/webhooks', { token: supervisor, body: { url: `${subscriber.base}/restart`, events: ['message.created'], secret: SECRET } });
      expect(made.status).toBe(201);
      const c = await api.conversation();
      // No job runs from here on: as if the process died before any did.
      await first.jobs.stop();
      await api.say(c.id, c.token, 'What payment methods do you accept?');
      expect(await first.webhooks.runFanOut()).toBe(2);
      await api.say(c.id, c.token, 'Do you ship to Canada?');
      expect(subscriber.at('/restart')).toEqual([]);
      await first.close();

      const second = await start();
      const got = await eventually(() => {
        const all = subscriber.at('/restart');
        expect(all).toHaveLength(4);
        return all;
      });
      await sleep(1_000);
      expect(subscriber.at('/restart')).toHaveLength(4);
      expect(new Set(got.map((r) => r.body.id)).size).toBe(4);
      expect(got.filter((r) => r.body.data.message.role === 'customer').map((r) => r.body.data.message.text).sort()).toEqual([
        'Do you ship to Canada?',
        'What payment methods do you accept?',
      ]);
      for (const r of got) expect(r.headers['x-baton-signature']).toBe(expectedSignature(r.raw));
      const log = await eventually(async () => {
        const reply = await http(second.url, 'GET', `/api/v1/webhooks/${made.body.webhook.id}/deliveries`, { token: supervisor });
        expect(reply.body.deliveries.map((d: any) => [d.status, d.attempts])).toEqual(Array.from({ length: 4 }, () => ['delivered', 1]));
        return reply.body.deliveries;
      });
      expect(log).toHaveLength(4);
    });
  });
}

// ---- retries, on a clock moved by hand ----------------------------------------------------------------------------------

function retrySuite(kind: StoreKind) {
  describe(`webhook retries on ${kind}`, () => {
    let subscriber: Subscriber;
    let dataDir: string;
    let database: { url: string; drop(): Promise<void> } | undefined;
    let store: SqlStore;
    const clock = new ManualClock(Date.parse('2030-01-01T00:00:00.000Z'));
    const noPackets: PacketSource = { build: async () => undefined };

    beforeAll(async () => {
      subscriber = await startSubscriber();
      dataDir = mkdtempSync(join(tmpdir(), 'baton-webhooks-'));
      database = kind === 'postgres' ? await createTestDatabase() : undefined;
      store = openStore({ databaseUrl: database?.url, dataDir }, clock);
      await store.migrate();
    });
    afterAll(async () => {
      await store?.close();
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
      await subscriber?.close();
    });

    it('retries 2 s, 4 s, 8 s … apart, at most 10 minutes, and gives up after 12 attempts', async () => {
      const runner = new JobRunner({ store, clock, onError: () => {}, onStoreError: () => {} });
      const webhooks = new Webhooks({ store, webhooks: new SqlWebhookStore(store.db, store.dialect), jobs: runner, clock, log: pino({ level: 'silent' }), redactPackets: true });
      await webhooks.start(noPackets);
      try {
        const hook = await webhooks.create({ url: `${subscriber.base}/fail-always/retries`, events: ['conversation.resolved'], secret: SECRET, createdBy: null });
        await store.createConversation({ id: 'c-retry', customerTokenHash: 'hash-retry', customer: {}, channel: 'api' });
        await store.append('c-retry', () => [newEvent('conversation.resolved', { kind: 'agent', id: 'a1', name: 'Ann' }, { note: 'internal: refunded twice' })]);
        expect(await webhooks.runFanOut()).toBe(1);
        const [delivery] = await webhooks.deliveries(hook.id, { limit: 10 });
        const jobId = deliveryJobId(delivery!.id);

        const waits: number[] = [];
        for (let attempt = 1; attempt <= 12; attempt++) {
          expect(await runner.runDue()).toBeGreaterThan(0);
          // The attempt goes on beside the runner's round.
          await webhooks.settled();
          const job = await store.getJob(jobId);
          if (attempt < 12) waits.push(Date.parse(job!.runAt) - clock.now().getTime());
          else expect(job).toBeUndefined();
          if (job) clock.set(Date.parse(job.runAt));
        }
        expect(waits.map((ms) => ms / 1000)).toEqual([2, 4, 8, 16, 32, 64, 128, 256, 512, 600, 600]);
        const [failed] = await webhooks.deliveries(hook.id, { limit: 10 });
        expect(failed).toMatchObject({ status: 'failed', attempts: 12, lastStatusCode: 500, lastError: 'the subscriber answered 500', nextAttemptAt: null, deliveredAt: null });
        const attempts = subscriber.at('/fail-always/retries');
        expect(attempts).toHaveLength(12);
        // The resolution's note is the agents' own: it does not leave.
        expect(attempts[0]!.body).toMatchObject({ type: 'conversation.resolved', data: { conversationId: 'c-retry', actor: { kind: 'agent', id: 'a1', name: 'Ann' } } });
        expect(attempts[0]!.raw).not.toContain('refunded');
      } finally {
        await runner.stop();
        await webhooks.stop();
      }
    });

    it('attempts beside the job runner, and takes no answer within the timeout for a failure', async () => {
      const runner = new JobRunner({ store, clock, onError: () => {}, onStoreError: () => {} });
      const webhooks = new Webhooks({
        store,
        webhooks: new SqlWebhookStore(store.db, store.dialect),
        jobs: runner,
        clock,
        log: pino({ level: 'silent' }),
        redactPackets: true,
        sending: { timeoutMs: 1_000 },
      });
      await webhooks.start(noPackets);
      try {
        const slow = await webhooks.create({ url: `${subscriber.base}/slow`, events: ['conversation.handed_back'], secret: SECRET, createdBy: null });
        const hang = await webhooks.create({ url: `${subscriber.base}/hang`, events: ['conversation.handed_back'], secret: SECRET, createdBy: null });
        await store.createConversation({ id: 'c-slow', customerTokenHash: 'hash-slow', customer: { externalId: 'slack:U1' }, channel: 'slack' });
        await store.append('c-slow', () => [newEvent('conversation.handed_back', { kind: 'agent', id: 'a1', name: 'Ann' }, {})]);
        expect(await webhooks.runFanOut()).toBe(2);
        // The round is over while both subscribers still hold their requests: other jobs are not kept waiting.
        expect(await runner.runDue()).toBeGreaterThanOrEqual(2);
        expect(subscriber.answered.filter((p) => p === '/slow' || p === '/hang')).toEqual([]);
        await webhooks.settled();
        expect(subscriber.answered).toContain('/slow');
        const [delivered] = await webhooks.deliveries(slow.id, { limit: 10 });
        expect(delivered).toMatchObject({ status: 'delivered', attempts: 1, lastStatusCode: 200 });
        expect(await store.getJob(deliveryJobId(delivered!.id))).toBeUndefined();
        const [timedOut] = await webhooks.deliveries(hang.id, { limit: 10 });
        expect(timedOut).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null, lastError: 'no answer within 1000 ms' });
        expect((await store.getJob(deliveryJobId(timedOut!.id)))?.runAt).toBe(new Date(clock.now().getTime() + 2_000).toISOString());
        expect(subscriber.at('/hang')[0]!.body.data).toMatchObject({ conversationId: 'c-slow', channel: 'slack', externalId: 'slack:U1', actor: { kind: 'agent' } });
      } finally {
        await runner.stop();
        await webhooks.stop();
      }
    });
  });
}

webhookSuite('sqlite');
restartSuite('sqlite');
retrySuite('sqlite');

const postgres = serviceGate('PostgreSQL', await postgresReachable());
describe.runIf(postgres)('PostgreSQL', () => {
  webhookSuite('postgres');
  restartSuite('postgres');
  retrySuite('postgres');
});
