import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Brain, BrainContext, BrainReply, Understanding } from '../src/brain/brain.ts';
import { loadConfig } from '../src/config/config.ts';
import { startService, type RunningService } from '../src/service.ts';
import { client, startTestBaton, type TestBaton } from './support/baton.ts';
import { offlineBrain } from './support/offline-brain.ts';
import { createTestDatabase, postgresReachable, serviceGate } from './support/services.ts';

/** The offline brain, held at a gate inside `understand` or `respond` until the test lets it go. */
class GatedBrain implements Brain {
  private release!: () => void;
  private readonly gate = new Promise<void>((resolve) => (this.release = resolve));
  private arrivedAt!: () => void;
  readonly arrived = new Promise<void>((resolve) => (this.arrivedAt = resolve));

  constructor(
    private readonly inner: Brain,
    private readonly holdIn: 'understand' | 'respond',
    readonly answersInstantly: boolean,
  ) {}

  open() {
    this.release();
  }

  async understand(context: BrainContext): Promise<Understanding> {
    if (this.holdIn === 'understand') {
      this.arrivedAt();
      await this.gate;
    }
    return this.inner.understand(context);
  }

  async respond(context: BrainContext, understanding: Understanding): Promise<BrainReply> {
    if (this.holdIn === 'respond') {
      this.arrivedAt();
      await this.gate;
    }
    return this.inner.respond(context, understanding);
  }
}

/** Understands like the offline brain, then fails to answer, as a brain whose model is unreachable does. */
class BrokenBrain implements Brain {
  readonly answersInstantly = true;
  constructor(private readonly inner: Brain) {}
  understand(context: BrainContext): Promise<Understanding> {
    return this.inner.understand(context);
  }
  async respond(): Promise<BrainReply> {
    throw new Error('model endpoint unreachable');
  }
}

describe('one owner, enforced on the server', () => {
  let baton: TestBaton | undefined;
  afterEach(async () => {
    await baton?.stop();
    baton = undefined;
  });

  // Both ways a turn is written: a slow brain's message stored first and answered later, an instant brain's turn
  // written with its message in one transaction.
  for (const answersInstantly of [false, true]) {
    for (const holdIn of ['understand', 'respond'] as const) {
      it(`drops the AI's reply when an agent takes over while the brain is in ${holdIn} (${answersInstantly ? 'instant' : 'slow'} brain)`, async () => {
        const brain = new GatedBrain(await offlineBrain(), holdIn, answersInstantly);
        baton = await startTestBaton('sqlite', { overrides: { brain } });
        const api = client(baton.url);
        const c = await api.conversation();
        const turn = api.say(c.id, c.token, 'What payment methods do you accept?');
        await brain.arrived;
        const gus = await api.login('general@demo.local');
        const takeover = await api.say(c.id, gus, 'Gus here, I will take it from here.');
        expect(takeover.body.state.owner).toBe('human');
        brain.open();
        const answered = await turn;
        expect(answered.status).toBe(201);
        expect(answered.body.replies).toEqual([]);
        expect(answered.body.state.owner).toBe('human');
        const roles = (await api.messages(c.id, c.token)).map((m) => m.role);
        expect(roles.sort()).toEqual(['agent', 'customer']);
      });
    }
  }

  it('hands over with ai_error, and tells the customer, when the brain fails', async () => {
    baton = await startTestBaton('sqlite', { overrides: { brain: new BrokenBrain(await offlineBrain()) } });
    const api = client(baton.url);
    const c = await api.conversation();
    const turn = await api.say(c.id, c.token, 'What payment methods do you accept?');
    expect(turn.status).toBe(201);
    expect(turn.body.state).toMatchObject({ owner: 'queue', handover: { reasons: ['ai_error'] } });
    expect(turn.body.replies[0].text).toMatch(/trouble.*person/s);
  });
});

const postgres = serviceGate('PostgreSQL', await postgresReachable());

describe.runIf(postgres)('two nodes on one PostgreSQL database, each deciding on what it last saw', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let nodeA: RunningService;
  let nodeB: RunningService;

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = loadConfig({ env: {}, overrides: { port: 0, host: '127.0.0.1', databaseUrl: db.url, logLevel: 'silent', dataDir: '/tmp' } });
    nodeA = await startService(config);
    nodeB = await startService({ ...config, seedDemo: false });
  });
  afterAll(async () => {
    await nodeA?.close();
    await nodeB?.close();
    await db?.drop();
  });

  it('stays silent when a person took over on another node since this node last saw the conversation', async () => {
    const a = client(nodeA.url);
    const b = client(nodeB.url);
    const c = await a.conversation();
    await a.say(c.id, c.token, 'What payment methods do you accept?');
    const gus = await b.login('general@demo.local');
    await b.say(c.id, gus, 'Gus here.');
    const turn = await a.say(c.id, c.token, 'What payment methods do you accept?');
    expect(turn.body.replies).toEqual([]);
    expect(turn.body.state.owner).toBe('human');
    expect((await a.messages(c.id, c.token)).map((m) => m.role)).toEqual(['customer', 'ai', 'agent', 'customer']);
  });

  it('answers when the conversation came back to the AI on another node, once', async () => {
    const a = client(nodeA.url);
    const b = client(nodeB.url);
    const c = await a.conversation();
    const gus = await b.login('general@demo.local');
    // Node A last saw the conversation owned by a person...
    await a.say(c.id, gus, 'Gus here.');
    await a.say(c.id, c.token, 'thanks');
    // ...and node B handed it back to the AI since.
    await b.post(`/api/v1/conversations/${c.id}/handback`, {}, gus);
    const turn = await a.say(c.id, c.token, 'What payment methods do you accept?');
    expect(turn.body.replies).toHaveLength(1);
    expect(turn.body.replies[0]).toMatchObject({ role: 'ai', replyTo: turn.body.message.seq, intent: 'payment_methods' });
    const messages = await a.messages(c.id, c.token);
    expect(messages.filter((m) => m.replyTo === turn.body.message.seq)).toHaveLength(1);
  });

  it('lets exactly one of two agents claiming at once on two nodes have the conversation (row lock)', async () => {
    const a = client(nodeA.url);
    const b = client(nodeB.url);
    for (let round = 0; round < 5; round++) {
      const c = await a.conversation();
      await a.say(c.id, c.token, 'I want to talk to a real person please');
      const gus = await a.login('general@demo.local');
      const sofia = await b.login('supervisor@demo.local');
      const [first, second] = await Promise.all([
        a.post(`/api/v1/conversations/${c.id}/claim`, {}, gus),
        b.post(`/api/v1/conversations/${c.id}/claim`, {}, sofia),
      ]);
      expect([first.status, second.status].sort()).toEqual([200, 409]);
      const loser = first.status === 409 ? first : second;
      expect(loser.body.error.code).toBe('already_assigned');
      const events = (await a.get(`/api/v1/conversations/${c.id}/events`, sofia)).body.events as { type: string }[];
      expect(events.filter((e) => e.type === 'conversation.assigned')).toHaveLength(1);
    }
  });
});
