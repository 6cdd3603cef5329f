import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { Bus, ConversationUpdate } from '../src/bus/bus.ts';
import { MemoryBus } from '../src/bus/memory-bus.ts';
import { Redis } from 'ioredis';
import { RedisBus } from '../src/bus/redis-bus.ts';
import { loadConfig } from '../src/config/config.ts';
import { emptyState } from '../src/domain/conversation-state.ts';
import type { StoredEvent } from '../src/domain/events.ts';
import { startService, type RunningService } from '../src/service.ts';
import { createTestDatabase, postgresReachable, REDIS_URL, redisReachable, serviceGate } from './support/services.ts';

// ---- helpers ---------------------------------------------------------------------------------------------------

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` holds; fails with `what` when it does not within `timeoutMs`. */
async function waitFor(what: string, check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

/** A one-event update as the store would hand it to the bus: a customer message with the given seq. */
function updateFor(conversationId: string, seq: number, text = `message ${seq}`): ConversationUpdate {
  const event: StoredEvent = {
    type: 'message.created',
    actor: { kind: 'customer', id: 'cust-1', name: 'Dana' },
    data: { role: 'customer', text },
    conversationId,
    seq,
    position: seq,
    at: new Date(Date.UTC(2024, 0, 1, 0, 0, seq)).toISOString(),
  };
  return {
    conversationId,
    events: [event],
    state: { ...emptyState(conversationId), lastSeq: seq, customerTurns: seq, lastCustomerSeq: seq, pendingSeqs: [seq], updatedAt: event.at },
  };
}

/**
 * A subscriber that keeps only the updates of the conversations it is told about, so runs sharing one Redis (and
 * tests sharing one bus) cannot leak into each other's assertions.
 */
function recorder(bus: Bus, ...conversationIds: string[]) {
  const wanted = new Set(conversationIds);
  const received: ConversationUpdate[] = [];
  const unsubscribe = bus.subscribe((update) => {
    if (wanted.has(update.conversationId)) received.push(update);
  });
  const seqs = (conversationId = conversationIds[0]) =>
    received.filter((u) => u.conversationId === conversationId).map((u) => u.events[0]!.seq);
  return { received, seqs, unsubscribe };
}

/** TCP sockets this worker holds open: a closed bus must give its connections back. */
const openTcpSockets = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;

// ---- the bus contract ------------------------------------------------------------------------------------------

/**
 * What every Bus promises. Delivery may be asynchronous (Redis hears its own node's updates back through Redis), so
 * every check waits for a later "sentinel" update: buses deliver in publish order, so once the sentinel is in,
 * anything that was going to arrive before it has.
 */
function busContract(label: string, open: () => Promise<Bus>) {
  describe(`bus contract: ${label}`, () => {
    let bus: Bus;

    beforeAll(async () => {
      bus = await open();
    });
    afterAll(async () => {
      await bus?.close();
    });

    it('delivers a published update to every subscriber, intact', async () => {
      const id = randomUUID();
      const subscribers = [recorder(bus, id), recorder(bus, id), recorder(bus, id)];
      try {
        const update = updateFor(id, 1, 'Ünïcödé ✓ "quotes" \\ and\nnew lines');
        await bus.publish(update);
        await waitFor('every subscriber to receive the update', () => subscribers.every((s) => s.received.length >= 1));
        await sleep(50);
        for (const s of subscribers) expect(s.received).toEqual([update]);
      } finally {
        for (const s of subscribers) s.unsubscribe();
      }
    });

    it('delivers 50 updates to every subscriber in publish order, awaited one by one', async () => {
      const id = randomUUID();
      const subscribers = [recorder(bus, id), recorder(bus, id)];
      try {
        for (let seq = 1; seq <= 50; seq++) await bus.publish(updateFor(id, seq));
        await waitFor('all 50 updates', () => subscribers.every((s) => s.received.length >= 50));
        await sleep(50);
        const expected = Array.from({ length: 50 }, (_, i) => i + 1);
        for (const s of subscribers) expect(s.seqs()).toEqual(expected);
      } finally {
        for (const s of subscribers) s.unsubscribe();
      }
    });

    it('keeps publish order when publishes are issued without waiting for each other', async () => {
      const id = randomUUID();
      const s = recorder(bus, id);
      try {
        await Promise.all(Array.from({ length: 50 }, (_, i) => bus.publish(updateFor(id, i + 1))));
        await waitFor('all 50 updates', () => s.received.length >= 50);
        await sleep(50);
        expect(s.seqs()).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      } finally {
        s.unsubscribe();
      }
    });

    it('stops delivering to a subscriber once it unsubscribes, and to it only', async () => {
      const id = randomUUID();
      const leaving = recorder(bus, id);
      const staying = recorder(bus, id);
      try {
        await bus.publish(updateFor(id, 1));
        await waitFor('the first update at both subscribers', () => leaving.received.length === 1 && staying.received.length === 1);

        leaving.unsubscribe();
        leaving.unsubscribe(); // a second call is harmless
        await bus.publish(updateFor(id, 2));
        await bus.publish(updateFor(id, 3));
        await waitFor('the later updates at the staying subscriber', () => staying.received.length === 3);
        await sleep(50);

        expect(leaving.seqs()).toEqual([1]);
        expect(staying.seqs()).toEqual([1, 2, 3]);
      } finally {
        staying.unsubscribe();
      }
    });

    it('closes cleanly: close() resolves, former subscribers hear nothing more, and nothing is left open', async () => {
      const sockets = openTcpSockets();
      const own = await open();
      const id = randomUUID();
      const before = recorder(own, id);
      await own.publish(updateFor(id, 1));
      await waitFor('delivery before close', () => before.received.length === 1);

      await expect(own.close()).resolves.toBeUndefined();
      // Whatever a closed bus does with a publish (drop it or refuse it), nobody subscribed before close hears it.
      await own.publish(updateFor(id, 2)).catch(() => {});
      await sleep(100);
      expect(before.seqs()).toEqual([1]);

      await waitFor('the closed bus to release its connections', () => openTcpSockets() <= sockets, 3000);
      // The shared bus of this suite still works.
      const shared = recorder(bus, id);
      try {
        await bus.publish(updateFor(id, 3));
        await waitFor('delivery on the still-open bus', () => shared.received.length === 1);
      } finally {
        shared.unsubscribe();
      }
    });
  });
}

busContract('MemoryBus', async () => new MemoryBus());

/** A subscriber that throws is reported; the others still get every update, and the process stays up. */
function isolatesFailingSubscribers(label: string, open: (onError: (error: unknown) => void) => Promise<Bus>) {
  it(`${label}: a subscriber that throws keeps no update from the others`, async () => {
    const errors: unknown[] = [];
    const bus = await open((error) => errors.push(error));
    const id = randomUUID();
    try {
      const unsubscribe = bus.subscribe((update) => {
        if (update.conversationId === id) throw new Error('subscriber bug');
      });
      const after = recorder(bus, id);
      await bus.publish(updateFor(id, 1));
      await bus.publish(updateFor(id, 2));
      await waitFor('both updates past the failing subscriber', () => after.received.length === 2);
      expect(after.seqs()).toEqual([1, 2]);
      expect(errors.map((e) => (e as Error).message)).toEqual(['subscriber bug', 'subscriber bug']);
      unsubscribe();
      after.unsubscribe();
    } finally {
      await bus.close();
    }
  });
}

isolatesFailingSubscribers('MemoryBus', async (onError) => new MemoryBus(onError));

const redis = serviceGate('Redis', await redisReachable());
const postgres = serviceGate('PostgreSQL', await postgresReachable());

describe.runIf(redis)('RedisBus', () => {
  busContract('RedisBus', () => RedisBus.connect(REDIS_URL));
  isolatesFailingSubscribers('RedisBus', (onError) => RedisBus.connect(REDIS_URL, { onError }));

  it('says when its connection came back, and delivers again after it', async () => {
    const errors: unknown[] = [];
    const bus = await RedisBus.connect(REDIS_URL, { onError: (error) => errors.push(error) });
    const admin = new Redis(REDIS_URL);
    try {
      let reconnects = 0;
      const stop = bus.onReconnect(() => reconnects++);
      // Drop every subscriber connection on the server, as a Redis restart or a network cut would.
      await admin.client('KILL', 'TYPE', 'pubsub');
      await waitFor('the bus to reconnect', () => reconnects === 1, 5000);
      const id = randomUUID();
      const after = recorder(bus, id);
      await waitFor('delivery after the reconnect', () => {
        void bus.publish(updateFor(id, 1));
        return after.received.length > 0;
      }, 5000);
      stop();
      after.unsubscribe();
    } finally {
      admin.disconnect();
      await bus.close();
    }
  });

  describe('two nodes on one Redis', () => {
    let nodeA: RedisBus;
    let nodeB: RedisBus;

    beforeAll(async () => {
      [nodeA, nodeB] = await Promise.all([RedisBus.connect(REDIS_URL), RedisBus.connect(REDIS_URL)]);
    });
    afterAll(async () => {
      await Promise.all([nodeA?.close(), nodeB?.close()]);
    });

    it('delivers an update published on one node to subscribers on the other, and on its own node', async () => {
      const id = randomUUID();
      const onA = recorder(nodeA, id);
      const onB = [recorder(nodeB, id), recorder(nodeB, id)];
      try {
        const update = updateFor(id, 1);
        await nodeA.publish(update);
        await waitFor('the update on both nodes', () => onA.received.length === 1 && onB.every((s) => s.received.length === 1));
        for (const s of onB) expect(s.received).toEqual([update]);
        expect(onA.received).toEqual([update]);

        for (let seq = 2; seq <= 50; seq++) await nodeB.publish(updateFor(id, seq));
        await waitFor('50 updates on both nodes', () => onA.received.length === 50 && onB.every((s) => s.received.length === 50));
        const expected = Array.from({ length: 50 }, (_, i) => i + 1);
        expect(onA.seqs()).toEqual(expected);
        for (const s of onB) expect(s.seqs()).toEqual(expected);
      } finally {
        onA.unsubscribe();
        for (const s of onB) s.unsubscribe();
      }
    });

    it('shows every node one and the same order when both nodes publish at once', async () => {
      const fromA = randomUUID();
      const fromB = randomUUID();
      const onA = recorder(nodeA, fromA, fromB);
      const onB = recorder(nodeB, fromA, fromB);
      try {
        await Promise.all([
          (async () => {
            for (let seq = 1; seq <= 50; seq++) await nodeA.publish(updateFor(fromA, seq));
          })(),
          (async () => {
            for (let seq = 1; seq <= 50; seq++) await nodeB.publish(updateFor(fromB, seq));
          })(),
        ]);
        await waitFor('100 updates on both nodes', () => onA.received.length === 100 && onB.received.length === 100);
        const expected = Array.from({ length: 50 }, (_, i) => i + 1);
        for (const s of [onA, onB]) {
          expect(s.seqs(fromA)).toEqual(expected);
          expect(s.seqs(fromB)).toEqual(expected);
        }
        const order = (s: typeof onA) => s.received.map((u) => `${u.conversationId}:${u.events[0]!.seq}`);
        expect(order(onB)).toEqual(order(onA));
      } finally {
        onA.unsubscribe();
        onB.unsubscribe();
      }
    });

    it('a node that closes hears nothing more, and the other node carries on', async () => {
      const leavingNode = await RedisBus.connect(REDIS_URL);
      const id = randomUUID();
      const onLeaving = recorder(leavingNode, id);
      const onB = recorder(nodeB, id);
      try {
        await nodeA.publish(updateFor(id, 1));
        await waitFor('the first update on both', () => onLeaving.received.length === 1 && onB.received.length === 1);

        await leavingNode.close();
        await nodeA.publish(updateFor(id, 2));
        await waitFor('the second update on the open node', () => onB.received.length === 2);
        await sleep(50);

        expect(onLeaving.seqs()).toEqual([1]);
        expect(onB.seqs()).toEqual([1, 2]);
        await expect(leavingNode.publish(updateFor(id, 3))).rejects.toThrow();
      } finally {
        onB.unsubscribe();
        await leavingNode.close();
      }
    });
  });
});

describe('RedisBus when Redis is unreachable', () => {
  it('rejects promptly with an error naming the URL, and leaves no unhandled error behind', { timeout: 5000 }, async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    process.on('uncaughtException', onUnhandled);
    try {
      const started = Date.now();
      const error = await RedisBus.connect('redis://127.0.0.1:1').then(
        (bus) => bus.close().then(() => new Error('connected to redis://127.0.0.1:1, which should be unreachable')),
        (e: unknown) => e,
      );
      const elapsed = Date.now() - started;

      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(/^cannot connect to Redis at redis:\/\/127\.0\.0\.1:1\b/);
      // The real cause, not ioredis's generic "Connection is closed".
      expect((error as Error).message).toContain('ECONNREFUSED');
      expect(elapsed).toBeLessThan(3000);
      // Background reconnects or late socket errors would surface here.
      await sleep(500);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      process.off('uncaughtException', onUnhandled);
    }
  });
});

// ---- two Baton nodes -------------------------------------------------------------------------------------------

interface Frame {
  type: string;
  event?: { seq: number; type: string; conversationId: string; message?: { seq: number; role: string; text: string; replyTo?: number } };
  state?: { owner: string };
}

/** A customer's stream socket that records every frame; resolves once the socket is open. */
async function openStream(baseUrl: string, token: string, after = 0) {
  const url = `${baseUrl.replace(/^http/, 'ws')}/api/v1/stream?token=${encodeURIComponent(token)}&after=${after}`;
  const socket = new WebSocket(url);
  const frames: Frame[] = [];
  const errors: unknown[] = [];
  socket.on('message', (data) => frames.push(JSON.parse(data.toString()) as Frame));
  socket.on('error', (error) => errors.push(error));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
    socket.once('unexpected-response', (_req, res) => reject(new Error(`stream upgrade refused with HTTP ${res.statusCode}`)));
  });
  const readyAt = () => frames.findIndex((f) => f.type === 'ready');
  return {
    socket,
    frames,
    errors,
    readyAt,
    replayed: () => frames.slice(0, Math.max(readyAt(), 0)).filter((f) => f.type === 'event'),
    live: () => (readyAt() < 0 ? [] : frames.slice(readyAt() + 1).filter((f) => f.type === 'event')),
    async close() {
      if (socket.readyState === WebSocket.CLOSED) return;
      const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      socket.close();
      await closed;
    },
  };
}

async function api(baseUrl: string, path: string, init: { method?: string; token?: string; body?: unknown } = {}) {
  const response = await fetch(`${baseUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  });
  return { status: response.status, body: (await response.json()) as any };
}

describe.runIf(redis && postgres)('two Baton nodes sharing PostgreSQL and Redis', () => {
  let db: { url: string; drop(): Promise<void> };
  let tmp: string;
  const nodes: RunningService[] = [];
  let nodeA: RunningService;
  let nodeB: RunningService;

  beforeAll(async () => {
    db = await createTestDatabase();
    tmp = mkdtempSync(join(tmpdir(), 'baton-bus-'));
    const config = loadConfig({
      env: {},
      overrides: { port: 0, host: '127.0.0.1', databaseUrl: db.url, redisUrl: REDIS_URL, logLevel: 'silent', seedDemo: true, dataDir: tmp },
    });
    // Both at once on an empty database: migrating and seeding the demo company must not trip over each other.
    const started = await Promise.allSettled([startService(config), startService(config)]);
    for (const s of started) if (s.status === 'fulfilled') nodes.push(s.value);
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
    [nodeA, nodeB] = nodes as [RunningService, RunningService];
  });

  afterAll(async () => {
    for (const node of nodes) await node.close();
    await db?.drop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('runs as two nodes on one database and one Redis, with the demo company seeded once', async () => {
    expect((await nodeA.store.listAgents()).map((a) => a.email)).toHaveLength(6);
    expect(nodeA.bus).toBeInstanceOf(RedisBus);
    expect(nodeB.bus).toBeInstanceOf(RedisBus);
    expect(nodeA.url).not.toBe(nodeB.url);
  });

  it("streams a turn taken on node A live to the customer's socket on node B, each event exactly once", async () => {
    const created = await api(nodeA.url, '/api/v1/conversations', { method: 'POST', body: { customer: { name: 'Dana' } } });
    expect(created.status).toBe(201);
    const { id, token } = created.body as { id: string; token: string };
    expect(created.body.state).toMatchObject({ owner: 'ai' });

    const onB = await openStream(nodeB.url, token, 0);
    const onA = await openStream(nodeA.url, token, 0);
    try {
      await waitFor('ready on both sockets', () => onB.readyAt() >= 0 && onA.readyAt() >= 0);
      for (const stream of [onB, onA]) {
        // Replay from the shared store, before ready: only the start of the conversation so far.
        expect(stream.replayed().map((f) => [f.event!.seq, f.event!.type])).toEqual([[1, 'conversation.started']]);
        expect(stream.live()).toEqual([]);
      }

      const posted = await api(nodeA.url, `/api/v1/conversations/${id}/messages`, {
        method: 'POST',
        token,
        body: { text: 'What payment methods do you accept?' },
      });
      expect(posted.status).toBe(201);
      expect(posted.body.message).toMatchObject({ seq: 2, role: 'customer', text: 'What payment methods do you accept?' });
      expect(posted.body.replies).toHaveLength(1);
      const reply = posted.body.replies[0] as { seq: number; role: string; text: string; replyTo: number };
      expect(reply).toMatchObject({ seq: 3, role: 'ai', replyTo: 2 });
      expect(reply.text).toMatch(/pay/i);

      await waitFor('the message and the reply live on node B', () => onB.live().length >= 2);
      await waitFor('the message and the reply live on node A', () => onA.live().length >= 2);
      await sleep(300); // room for a duplicate to show up

      for (const stream of [onB, onA]) {
        const live = stream.live();
        expect(live.map((f) => f.event!.seq)).toEqual([2, 3]);
        expect(live.map((f) => f.event!.conversationId)).toEqual([id, id]);
        expect(live[0]).toMatchObject({
          type: 'event',
          event: { seq: 2, type: 'message.created', message: { seq: 2, role: 'customer', text: 'What payment methods do you accept?' } },
          state: { owner: 'ai' },
        });
        expect(live[1]).toMatchObject({
          type: 'event',
          event: { seq: 3, type: 'message.created', message: { seq: 3, role: 'ai', text: reply.text, replyTo: 2 } },
          state: { owner: 'ai' },
        });
        // Exactly once over the socket's whole life, replay included.
        const everySeq = stream.frames.filter((f) => f.type === 'event').map((f) => f.event!.seq);
        expect(everySeq).toEqual([1, 2, 3]);
        expect(stream.errors).toEqual([]);
      }
    } finally {
      await onB.close();
      await onA.close();
    }
  });

  it('a socket on node B that reconnects after the turn replays it from the store and nothing twice', async () => {
    const created = await api(nodeA.url, '/api/v1/conversations', { method: 'POST', body: {} });
    const { id, token } = created.body as { id: string; token: string };
    const posted = await api(nodeA.url, `/api/v1/conversations/${id}/messages`, {
      method: 'POST',
      token,
      body: { text: 'What payment methods do you accept?' },
    });
    expect(posted.status).toBe(201);

    const onB = await openStream(nodeB.url, token, 1);
    try {
      await waitFor('ready on node B', () => onB.readyAt() >= 0);
      await sleep(300);
      expect(onB.replayed().map((f) => f.event!.seq)).toEqual([2, 3]);
      expect(onB.live()).toEqual([]);
    } finally {
      await onB.close();
    }
  });
});
