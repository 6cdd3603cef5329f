/**
 * Wait-time promises, business hours, follow-up emails and the durable routing timers, through the HTTP API and the
 * customer's WebSocket stream. Time is a ManualClock: tests move it and run the due jobs (`running.jobs.runDue()`),
 * so the overflow, SLA, abandonment, opening and refresh timers fire exactly when a test says.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.ts';
import type { RunningService } from '../src/service.ts';
import { openStore } from '../src/store/sql/open-store.ts';
import { client, http } from './support/baton.ts';
import { writeRequestOnlyPolicy } from './support/policies.ts';
import { postgresReachable, serviceGate } from './support/services.ts';
import { createSite, eventually, runJobs, StreamClient, writeWorkflow, type BatonSite } from './support/timed-baton.ts';

const postgres = serviceGate('PostgreSQL', await postgresReachable());
const STORES: ('sqlite' | 'postgres')[] = postgres ? ['sqlite', 'postgres'] : ['sqlite'];

/** Customers handing over: a payment dispute (billing), a crash (technical support); the button goes to general. */
const BILLING_TEXT = 'I was charged twice, let me talk to someone';
const TECH_TEXT = 'The app keeps crashing. I want to talk to a human';

/** A Tuesday, 10:00 UTC: no test's team hours matter then. */
const TUESDAY = Date.parse('2030-01-08T10:00:00.000Z');
/** Saturday and Sunday, 13:00 in Berlin; Monday 09:00 in Berlin (08:00 UTC) is billing's next opening. */
const SATURDAY = Date.parse('2030-01-05T12:00:00.000Z');
const SUNDAY = Date.parse('2030-01-06T12:00:00.000Z');
const MONDAY_OPENING = '2030-01-07T08:00:00.000Z';

const BILLING_WEEKDAYS = {
  billing: {
    timeZone: 'Europe/Berlin',
    weekly: { mon: ['09:00-17:00'], tue: ['09:00-17:00'], wed: ['09:00-17:00'], thu: ['09:00-17:00'], fri: ['09:00-17:00'] },
  },
};

/** Billing topics wait 60 s for billing, then go to general; everything else to general. */
const OVERFLOW_WORKFLOW = `
filters:
  - name: billing
    when: { topics: [payment_dispute, billing, refund] }
    targets:
      - { team: billing, timeoutSeconds: 60 }
      - { team: general }
default:
  targets:
    - { team: general }
`;

const requestOnlyPolicy = () => writeRequestOnlyPolicy(mkdtempSync(join(tmpdir(), 'baton-policy-')));

const WAIT_UPDATE = /^An update on your wait/;

// ---- harness -------------------------------------------------------------------------------------------------------

const sites: BatonSite[] = [];
const streams: StreamClient[] = [];

afterEach(async () => {
  for (const stream of streams.splice(0)) await stream.close().catch(() => {});
  for (const site of sites.splice(0)) await site.destroy();
});

interface Waiting {
  id: string;
  token: string;
  /** The system message that told the customer of the handover and their wait. */
  notice: string;
}

class Harness {
  readonly api: ReturnType<typeof client>;

  constructor(
    readonly site: BatonSite,
    public running: RunningService,
    readonly clock: ManualClock,
  ) {
    this.api = client(running.url);
  }

  /** The service on this site started again (after `running.close()`), on the same clock. */
  async restart(config: Record<string, unknown>): Promise<void> {
    this.running = await this.site.start({ config, overrides: { clock: this.clock } });
    (this as { api: ReturnType<typeof client> }).api = client(this.running.url);
  }

  /** A customer who hands over: by saying `text`, or with the "talk to a person" button (general). */
  async handover(text?: string): Promise<Waiting> {
    const c = await this.api.conversation();
    const reply = text === undefined ? await this.api.post(`/api/v1/conversations/${c.id}/handover`, undefined, c.token) : await this.api.say(c.id, c.token, text);
    expect(reply.status, JSON.stringify(reply.body)).toBe(text === undefined ? 200 : 201);
    expect(reply.body.state.owner, JSON.stringify(reply.body)).toBe('queue');
    const notices = (reply.body.replies as any[]).filter((m) => m.role === 'system');
    expect(notices).toHaveLength(1);
    return { id: c.id, token: c.token, notice: notices[0].text };
  }

  async state(id: string, token: string): Promise<any> {
    const reply = await this.api.get(`/api/v1/conversations/${id}`, token);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return reply.body.state;
  }

  async messages(id: string, token: string): Promise<any[]> {
    return this.api.messages(id, token);
  }

  /** The customer's wait updates (system messages about a change in their wait). */
  async waitUpdates(id: string, token: string): Promise<string[]> {
    return (await this.messages(id, token)).filter((m) => m.role === 'system' && WAIT_UPDATE.test(m.text)).map((m) => m.text);
  }

  async events(id: string, token: string): Promise<any[]> {
    const reply = await this.api.get(`/api/v1/conversations/${id}/events?after=0`, token);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return reply.body.events;
  }

  /** An agent logged in (which leaves them offline); with `online`, then online. */
  async agent(email: string, online = false): Promise<{ token: string; id: string }> {
    const login = await http(this.running.url, 'POST', '/api/v1/auth/login', { body: { email, password: 'demo' } });
    expect(login.status).toBe(200);
    const token = login.body.token as string;
    if (online) expect((await this.api.post('/api/v1/agents/me/presence', { status: 'online' }, token)).status).toBe(200);
    return { token, id: login.body.agent.id as string };
  }

  /** Moves the clock on and runs what is due then. */
  async advance(seconds: number): Promise<void> {
    this.clock.advance(seconds * 1000);
    await runJobs(this.running);
  }

  async setClock(iso: string): Promise<void> {
    this.clock.set(Date.parse(iso));
    await runJobs(this.running);
  }

  async stream(token: string): Promise<StreamClient> {
    const stream = await StreamClient.open(this.running.url, token);
    streams.push(stream);
    return stream;
  }

  job(id: string) {
    return this.running.store.getJob(id);
  }
}

async function boot(store: 'sqlite' | 'postgres', options: { at?: number; config?: Record<string, unknown> } = {}): Promise<Harness> {
  const clock = new ManualClock(options.at ?? TUESDAY);
  const site = await createSite(store);
  sites.push(site);
  const running = await site.start({ config: options.config, overrides: { clock } });
  return new Harness(site, running, clock);
}

const iso = (ms: number) => new Date(ms).toISOString();
/** "about 3–6 minutes", "about 4 minutes": a range in minutes as the customer is told it. */
const MINUTES = /about \d+(–\d+)? minutes?/;

// ---- 1. what a waiting customer is promised ------------------------------------------------------------------------

describe.each(STORES)('wait promises (%s)', (store) => {
  it('with no history and nobody online: their place, no ETA and why; the message says the place and that no time can be promised yet', async () => {
    const baton = await boot(store);
    const first = await baton.handover(BILLING_TEXT);
    expect((await baton.state(first.id, first.token)).queue).toEqual({
      team: 'billing',
      position: 1,
      eta: null,
      etaUnknownReason: expect.stringMatching(/no agent/),
    });
    expect(first.notice).toMatch(/billing team/);
    expect(first.notice).toMatch(/You're next in line/);
    expect(first.notice).toMatch(/can't promise a time yet/);
    expect(first.notice).not.toMatch(/minute/);

    // Another team's customer stands in another line.
    const tech = await baton.handover(TECH_TEXT);
    expect((await baton.state(tech.id, tech.token)).queue).toMatchObject({ team: 'technical_support', position: 1, eta: null });
    const second = await baton.handover(BILLING_TEXT);
    expect((await baton.state(second.id, second.token)).queue).toMatchObject({ team: 'billing', position: 2, eta: null });
    expect(second.notice).toMatch(/You're number 2 in line/);
    expect(second.notice).toMatch(/can't promise a time yet/);
  });

  it('with demo history and nobody online: a range from what customers waited of late, told in minutes', async () => {
    const baton = await boot(store, { config: { seedDemoHistory: true } });
    const waiting = await baton.handover(BILLING_TEXT);
    const queue = (await baton.state(waiting.id, waiting.token)).queue;
    expect(queue).toMatchObject({ team: 'billing', position: 1 });
    expect(queue.etaUnknownReason).toBeUndefined();
    expect(queue.eta.lowSeconds).toBeGreaterThan(0);
    expect(queue.eta.lowSeconds).toBeLessThanOrEqual(queue.eta.highSeconds);
    expect(waiting.notice).toMatch(/You're next in line/);
    expect(waiting.notice).toMatch(/lately people have waited/);
    expect(waiting.notice).toMatch(MINUTES);
  });

  it('with history and an agent online at full capacity: a range from capacity; the one behind is promised no sooner', async () => {
    const baton = await boot(store, { config: { seedDemoHistory: true } });
    const bea = await baton.agent('billing@demo.local', true);
    // Bea takes three at once (her capacity): she is busy, and the next ones wait.
    const busy = [await baton.handover(BILLING_TEXT), await baton.handover(BILLING_TEXT), await baton.handover(BILLING_TEXT)];
    for (const c of busy) await eventually(async () => expect(await baton.state(c.id, c.token)).toMatchObject({ owner: 'human', agentId: bea.id }));

    const first = await baton.handover(BILLING_TEXT);
    const second = await baton.handover(BILLING_TEXT);
    const one = (await baton.state(first.id, first.token)).queue;
    const two = (await baton.state(second.id, second.token)).queue;
    expect(one).toMatchObject({ team: 'billing', position: 1 });
    expect(two).toMatchObject({ team: 'billing', position: 2 });
    for (const queue of [one, two]) {
      expect(queue.etaUnknownReason).toBeUndefined();
      expect(queue.eta.lowSeconds).toBeGreaterThan(0);
      expect(queue.eta.lowSeconds).toBeLessThanOrEqual(queue.eta.highSeconds);
    }
    expect(two.eta.highSeconds).toBeGreaterThanOrEqual(one.eta.highSeconds);
    // From the agents' capacity, not from recent waits.
    expect(first.notice).toMatch(/You're next in line, and someone should be with you in about/);
    expect(first.notice).toMatch(MINUTES);
    expect(first.notice).not.toMatch(/lately people have waited/);
    expect(second.notice).toMatch(/You're number 2 in line, and someone should be with you in/);
  });
});

// ---- 2. positions move ---------------------------------------------------------------------------------------------

describe('positions in the queue', () => {
  it('three wait and the first is claimed: the others move up, and a waiting customer’s stream is sent its new place', async () => {
    const baton = await boot('sqlite');
    const gus = await baton.agent('general@demo.local');
    const [a, b, c] = [await baton.handover(), await baton.handover(), await baton.handover()];
    expect((await baton.state(a.id, a.token)).queue).toMatchObject({ team: 'general', position: 1 });
    expect((await baton.state(b.id, b.token)).queue).toMatchObject({ team: 'general', position: 2 });
    expect((await baton.state(c.id, c.token)).queue).toMatchObject({ team: 'general', position: 3 });

    const stream = await baton.stream(c.token);
    expect(stream.frames.find((f) => f.type === 'state').state.queue).toMatchObject({ position: 3 });

    const claim = await baton.api.post(`/api/v1/conversations/${a.id}/claim`, undefined, gus.token);
    expect(claim.status, JSON.stringify(claim.body)).toBe(200);
    await eventually(async () => {
      expect((await baton.state(b.id, b.token)).queue).toMatchObject({ team: 'general', position: 1 });
      expect((await baton.state(c.id, c.token)).queue).toMatchObject({ team: 'general', position: 2 });
    });
    expect((await baton.state(a.id, a.token)).queue).toBeUndefined();

    // The promises are refreshed every etaRefreshSeconds (30 by default): the stream gets the new place then.
    await baton.advance(31);
    await stream.until((frames) => frames.some((f) => f.type === 'queue' && f.queue.position === 2));
    const frame = stream.frames.find((f) => f.type === 'queue' && f.queue.position === 2);
    expect(frame).toMatchObject({ type: 'queue', conversationId: c.id, queue: { team: 'general', position: 2, eta: null } });
    // A customer's stream carries only their own conversation's place.
    expect(stream.frames.filter((f) => f.type === 'queue').every((f) => f.conversationId === c.id)).toBe(true);
  });
});

// ---- 3. a material change is told once -----------------------------------------------------------------------------

describe('telling a customer their wait changed', () => {
  it('says so once when the customer becomes next, and not again on refreshes with nothing changed', async () => {
    const baton = await boot('sqlite');
    const gus = await baton.agent('general@demo.local');
    const [a, b, c] = [await baton.handover(), await baton.handover(), await baton.handover()];
    expect((await baton.api.post(`/api/v1/conversations/${a.id}/claim`, undefined, gus.token)).status).toBe(200);

    await baton.advance(31);
    await eventually(async () => expect(await baton.waitUpdates(b.id, b.token)).toHaveLength(1));
    const [update] = await baton.waitUpdates(b.id, b.token);
    expect(update).toMatch(/general team: you're next in line/);
    const message = (await baton.messages(b.id, b.token)).find((m) => m.text === update);
    expect(message).toMatchObject({ role: 'system', author: { kind: 'system' } });
    // Moving from 3rd to 2nd is no news worth a message.
    expect(await baton.waitUpdates(c.id, c.token)).toEqual([]);

    // Refreshes with nothing changed: no more messages.
    await baton.advance(31);
    await baton.advance(120);
    await baton.advance(120);
    expect(await baton.waitUpdates(b.id, b.token)).toHaveLength(1);
    expect(await baton.waitUpdates(c.id, c.token)).toEqual([]);
  });

  it('says so once when a range appears (an agent whose handle times are known comes online), and not again on a refresh', async () => {
    const baton = await boot('sqlite');
    const gus = await baton.agent('general@demo.local');
    // Five conversations Gus handled for five minutes each: handle times known, and nobody waited in the queue for them.
    const handled = [];
    for (let i = 0; i < 5; i++) {
      const c = await baton.api.conversation();
      expect((await baton.api.post(`/api/v1/conversations/${c.id}/messages`, { text: 'Hi, Gus here. How can I help?' }, gus.token)).status).toBe(201);
      handled.push(c);
    }
    await baton.advance(300);
    for (const c of handled) expect((await baton.api.post(`/api/v1/conversations/${c.id}/resolve`, {}, gus.token)).status).toBe(200);
    // Three he is on now: his capacity.
    for (let i = 0; i < 3; i++) {
      const c = await baton.api.conversation();
      expect((await baton.api.post(`/api/v1/conversations/${c.id}/messages`, { text: 'Hi, Gus here.' }, gus.token)).status).toBe(201);
    }

    const waiting = await baton.handover();
    expect((await baton.state(waiting.id, waiting.token)).queue).toMatchObject({ position: 1, eta: null, etaUnknownReason: expect.stringMatching(/no agent/) });
    expect(waiting.notice).toMatch(/can't promise a time yet/);
    await baton.advance(61);
    expect(await baton.waitUpdates(waiting.id, waiting.token)).toEqual([]);

    // Gus comes online, full: a range from his capacity and handle times appears.
    expect((await baton.api.post('/api/v1/agents/me/presence', { status: 'online' }, gus.token)).status).toBe(200);
    await eventually(async () => expect(await baton.waitUpdates(waiting.id, waiting.token)).toHaveLength(1));
    const queue = (await baton.state(waiting.id, waiting.token)).queue;
    expect(queue.eta.lowSeconds).toBeGreaterThan(0);
    expect(queue.eta.lowSeconds).toBeLessThanOrEqual(queue.eta.highSeconds);
    const [update] = await baton.waitUpdates(waiting.id, waiting.token);
    expect(update).toMatch(/general team: you're next in line, and someone should be with you in about/);
    expect(update).toMatch(MINUTES);

    await baton.advance(31);
    await baton.advance(120);
    expect(await baton.waitUpdates(waiting.id, waiting.token)).toHaveLength(1);
  });
});

// ---- 4. out of hours, and the follow-up email ----------------------------------------------------------------------

describe('business hours', () => {
  const config = { routing: { teamHours: BILLING_WEEKDAYS }, agentSessionHours: 96 };

  it('out of hours: the handover names the opening and offers an email; no ETA, opensAt set; the conversation stays queued', async () => {
    const baton = await boot('sqlite', { at: SATURDAY, config });
    const saturday = await baton.handover(BILLING_TEXT);
    expect(saturday.notice).toMatch(/They're closed right now and open Monday 7 January at 09:00 \(Europe\/Berlin time\)/);
    expect(saturday.notice).toMatch(/leave your email/);

    await baton.setClock(iso(SUNDAY));
    const sunday = await baton.handover(BILLING_TEXT);
    expect(sunday.notice).toMatch(/They're closed right now and open tomorrow at 09:00 \(Europe\/Berlin time\)/);
    expect(sunday.notice).toMatch(/You're number 2 in line/);
    expect(sunday.notice).toMatch(/leave your email/);
    expect((await baton.state(sunday.id, sunday.token)).queue).toEqual({
      team: 'billing',
      position: 2,
      eta: null,
      etaUnknownReason: 'the team is closed',
      opensAt: MONDAY_OPENING,
      opening: 'tomorrow at 09:00 (Europe/Berlin time)',
    });

    await baton.advance(60);
    expect(await baton.state(saturday.id, saturday.token)).toMatchObject({ owner: 'queue', team: 'billing', queue: { position: 1, opensAt: MONDAY_OPENING } });
    expect(await baton.state(sunday.id, sunday.token)).toMatchObject({ owner: 'queue', team: 'billing', queue: { position: 2 } });
  });

  it('takes a follow-up email from the waiting customer only: 200 and thanks, 400 for a bad email, 403 for an agent, 409 while the AI has it', async () => {
    const baton = await boot('sqlite', { at: SUNDAY, config });
    const waiting = await baton.handover(BILLING_TEXT);
    const path = `/api/v1/conversations/${waiting.id}/follow-up`;

    const left = await baton.api.post(path, { email: 'dana.home@example.com' }, waiting.token);
    expect(left.status, JSON.stringify(left.body)).toBe(200);
    expect(left.body.state).toMatchObject({ owner: 'queue', team: 'billing', followUpEmail: 'dana.home@example.com', queue: { opensAt: MONDAY_OPENING } });
    expect(left.body.replies).toHaveLength(1);
    expect(left.body.replies[0]).toMatchObject({ role: 'system' });
    expect(left.body.replies[0].text).toMatch(/follow up at dana\.home@example\.com/);
    expect(await baton.state(waiting.id, waiting.token)).toMatchObject({ owner: 'queue', followUpEmail: 'dana.home@example.com' });
    const thanks = (await baton.messages(waiting.id, waiting.token)).filter((m) => m.role === 'system' && /follow up at/.test(m.text));
    expect(thanks).toHaveLength(1);

    for (const body of [{ email: 'not an email' }, {}, { email: 'dana@example.com', extra: 1 }]) {
      const bad = await baton.api.post(path, body, waiting.token);
      expect(bad.status, JSON.stringify(body)).toBe(400);
    }
    const bea = await baton.agent('billing@demo.local');
    const byAgent = await baton.api.post(path, { email: 'bea@example.com' }, bea.token);
    expect(byAgent.status).toBe(403);
    expect(byAgent.body.error.code).toBe('forbidden');
    expect((await baton.state(waiting.id, waiting.token)).followUpEmail).toBe('dana.home@example.com');

    const withAi = await baton.api.conversation();
    const early = await baton.api.post(`/api/v1/conversations/${withAi.id}/follow-up`, { email: 'dana@example.com' }, withAi.token);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('not_waiting');
  });

  it('at the opening (the opening job) the waiting customer is told, once, that the team is open; an agent coming online then takes it', async () => {
    const baton = await boot('sqlite', { at: SUNDAY, config });
    const waiting = await baton.handover(BILLING_TEXT);
    expect(await baton.job('opening:billing')).toMatchObject({ kind: 'opening', runAt: MONDAY_OPENING });
    await baton.advance(600);
    expect(await baton.waitUpdates(waiting.id, waiting.token)).toEqual([]);

    await baton.setClock('2030-01-07T08:00:30.000Z');
    await eventually(async () => expect(await baton.waitUpdates(waiting.id, waiting.token)).not.toEqual([]));
    const updates = await baton.waitUpdates(waiting.id, waiting.token);
    // Told once: the opening job and the periodic refresh (both due after the night) must not both tell it.
    expect(updates, JSON.stringify(updates)).toHaveLength(1);
    const [update] = updates;
    expect(update).toMatch(/billing team: you're next in line/);
    expect(update).not.toMatch(/closed/);
    const queue = (await baton.state(waiting.id, waiting.token)).queue;
    expect(queue).toMatchObject({ team: 'billing', position: 1, eta: null });
    expect(queue.opensAt).toBeUndefined();
    await baton.advance(31);
    expect(await baton.waitUpdates(waiting.id, waiting.token)).toHaveLength(1);

    const bea = await baton.agent('billing@demo.local', true);
    await eventually(async () => expect(await baton.state(waiting.id, waiting.token)).toMatchObject({ owner: 'human', agentId: bea.id }));
  });

  it('an agent online while the team is closed gets its conversation at the opening, from the opening job', async () => {
    const baton = await boot('sqlite', { at: SUNDAY, config });
    const bea = await baton.agent('billing@demo.local', true);
    const waiting = await baton.handover(BILLING_TEXT);
    expect(waiting.notice).toMatch(/They're closed right now and open tomorrow at 09:00/);
    await baton.advance(60);
    // The customer was told billing is closed until tomorrow: it stays queued until then.
    const sunday = await baton.state(waiting.id, waiting.token);
    expect(sunday, `assigned on Sunday although billing is closed: ${JSON.stringify(sunday)}`).toMatchObject({
      owner: 'queue',
      team: 'billing',
      queue: { opensAt: MONDAY_OPENING },
    });

    await baton.setClock('2030-01-07T08:00:30.000Z');
    await eventually(async () => expect(await baton.state(waiting.id, waiting.token)).toMatchObject({ owner: 'human', agentId: bea.id }));
  });
});

// ---- 5. overflow ---------------------------------------------------------------------------------------------------

describe('overflow to the workflow’s next target', () => {
  const config = () => ({ routing: { workflowFile: writeWorkflow(OVERFLOW_WORKFLOW) }, escalation: { policyFile: requestOnlyPolicy() } });

  it('waits in billing until the timeout, then moves to general keeping its place (queuedAt), and the customer is told', async () => {
    const baton = await boot('sqlite', { config: config() });
    const sofia = await baton.agent('supervisor@demo.local');
    const billing = await baton.handover(BILLING_TEXT);
    const before = await baton.state(billing.id, sofia.token);
    expect(before).toMatchObject({ owner: 'queue', team: 'billing' });
    const queuedAt = before.queuedAt as string;
    expect(queuedAt).toBe(iso(TUESDAY));

    await baton.advance(10);
    const general = await baton.handover();
    expect((await baton.state(general.id, general.token)).queue).toMatchObject({ team: 'general', position: 1 });

    // 59 s: nothing moves.
    await baton.advance(49);
    expect(await baton.state(billing.id, sofia.token)).toMatchObject({ owner: 'queue', team: 'billing', queuedAt });
    expect((await baton.messages(billing.id, billing.token)).filter((m) => /moved you/.test(m.text))).toEqual([]);

    // 61 s: general's queue, in the place its first queueing gave it (ahead of the one queued at 10 s).
    await baton.advance(2);
    await eventually(async () => expect(await baton.state(billing.id, sofia.token)).toMatchObject({ owner: 'queue', team: 'general', queuedAt }));
    const moved = (await baton.messages(billing.id, billing.token)).filter((m) => m.role === 'system' && /moved you to our general team's queue/.test(m.text));
    expect(moved).toHaveLength(1);
    expect((await baton.state(billing.id, billing.token)).queue).toMatchObject({ team: 'general', position: 1 });
    expect((await baton.state(general.id, general.token)).queue).toMatchObject({ team: 'general', position: 2 });
    const queued = (await baton.events(billing.id, sofia.token)).filter((e) => e.type === 'conversation.queued');
    expect(queued.map((e) => [e.data.team, e.data.reason])).toEqual([
      ['billing', undefined],
      ['general', 'overflow'],
    ]);
  });

  it('does not move a conversation an agent claimed before the timeout', async () => {
    const baton = await boot('sqlite', { config: config() });
    const bea = await baton.agent('billing@demo.local');
    const billing = await baton.handover(BILLING_TEXT);
    await baton.advance(30);
    expect((await baton.api.post(`/api/v1/conversations/${billing.id}/claim`, undefined, bea.token)).status).toBe(200);
    await baton.advance(31);
    await baton.advance(60);
    expect(await baton.state(billing.id, billing.token)).toMatchObject({ owner: 'human', team: 'billing', agentId: bea.id });
    expect((await baton.events(billing.id, bea.token)).filter((e) => e.type === 'conversation.queued')).toHaveLength(1);
    expect((await baton.messages(billing.id, billing.token)).filter((m) => /moved you/.test(m.text))).toEqual([]);
  });

  it('overflows a payment dispute too, which the shipped policy sends to billing, the workflow’s own first target', async () => {
    // The shipped policy: "charged twice" is a payment dispute, whose rule names billing (as the workflow does).
    const baton = await boot('sqlite', { config: { routing: { workflowFile: writeWorkflow(OVERFLOW_WORKFLOW) } } });
    const billing = await baton.handover(BILLING_TEXT);
    expect(await baton.state(billing.id, billing.token)).toMatchObject({ owner: 'queue', team: 'billing' });
    await eventually(async () => expect(await baton.job(`overflow:${billing.id}`), 'no overflow timer was set').toMatchObject({ kind: 'overflow' }));
    await baton.advance(61);
    await eventually(async () => expect(await baton.state(billing.id, billing.token)).toMatchObject({ owner: 'queue', team: 'general' }));
  });
});

// ---- 6. first-response SLA -----------------------------------------------------------------------------------------

describe('first-response SLA', () => {
  const config = { routing: { firstResponseSeconds: 60 } };
  const breaches = (events: any[]) => events.filter((e) => e.type === 'conversation.sla_breached');

  it('records a breach, once, when nobody answers within firstResponseSeconds', async () => {
    const baton = await boot('sqlite', { config });
    const sofia = await baton.agent('supervisor@demo.local');
    const waiting = await baton.handover();
    await baton.advance(59);
    expect(breaches(await baton.events(waiting.id, sofia.token))).toEqual([]);

    await baton.advance(2);
    await eventually(async () => expect(breaches(await baton.events(waiting.id, sofia.token))).toHaveLength(1));
    expect(breaches(await baton.events(waiting.id, sofia.token))[0].data).toEqual({ kind: 'first_response', dueAt: iso(TUESDAY + 60_000), team: 'general' });
    expect((await baton.state(waiting.id, sofia.token)).slaBreachedAt).toBe(iso(TUESDAY + 61_000));

    // Moved to another queue (timers set again) and more time passing: still one breach.
    const moved = await baton.api.post(`/api/v1/conversations/${waiting.id}/transfer`, { team: 'technical_support' }, sofia.token);
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    await baton.advance(120);
    await baton.advance(600);
    expect(breaches(await baton.events(waiting.id, sofia.token))).toHaveLength(1);
  });

  it('records none when an agent answers in time', async () => {
    const baton = await boot('sqlite', { config });
    const gus = await baton.agent('general@demo.local');
    const waiting = await baton.handover();
    await baton.advance(30);
    expect((await baton.api.post(`/api/v1/conversations/${waiting.id}/messages`, { text: 'Hi, Gus here.' }, gus.token)).status).toBe(201);
    await baton.advance(31);
    await baton.advance(600);
    expect(breaches(await baton.events(waiting.id, gus.token))).toEqual([]);
    expect((await baton.state(waiting.id, gus.token)).slaBreachedAt).toBeUndefined();
  });

  it('counts a claim with no reply as no answer', async () => {
    const baton = await boot('sqlite', { config });
    const gus = await baton.agent('general@demo.local');
    const waiting = await baton.handover();
    await baton.advance(30);
    expect((await baton.api.post(`/api/v1/conversations/${waiting.id}/claim`, undefined, gus.token)).status).toBe(200);
    await baton.advance(31);
    await eventually(async () => expect(breaches(await baton.events(waiting.id, gus.token))).toHaveLength(1));
  });
});

// ---- 7. abandonment ------------------------------------------------------------------------------------------------

describe('abandonment', () => {
  const config = { routing: { abandonAfterSeconds: 30 } };

  /** The customer's widget opens and closes; resolves once the abandonment timer is set. */
  async function leave(baton: Harness, waiting: Waiting): Promise<void> {
    const stream = await baton.stream(waiting.token);
    await stream.close();
    await eventually(async () => expect(await baton.job(`abandon:${waiting.id}`)).toMatchObject({ kind: 'abandon' }));
  }

  it('closes the conversation as abandoned when the customer left the queue and did not come back; the others move up; writing again reopens it with the AI', async () => {
    const baton = await boot('sqlite', { config });
    const gone = await baton.handover();
    const staying = await baton.handover();
    expect((await baton.state(staying.id, staying.token)).queue).toMatchObject({ position: 2 });

    await leave(baton, gone);
    await baton.advance(29);
    expect((await baton.state(gone.id, gone.token)).owner).toBe('queue');

    await baton.advance(2);
    await eventually(async () => expect(await baton.state(gone.id, gone.token)).toMatchObject({ owner: 'closed', closedAs: 'abandoned' }));
    expect((await baton.state(gone.id, gone.token)).queue).toBeUndefined();
    const abandoned = (await baton.events(gone.id, gone.token)).filter((e) => e.type === 'conversation.abandoned');
    expect(abandoned).toHaveLength(1);
    expect(abandoned[0].data).toEqual({ waitedSeconds: 31 });
    await eventually(async () => expect((await baton.state(staying.id, staying.token)).queue).toMatchObject({ team: 'general', position: 1 }));

    const again = await baton.api.say(gone.id, gone.token, 'What payment methods do you accept?');
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(again.body.state.owner).toBe('ai');
    expect(again.body.state.closedAs).toBeUndefined();
    expect(again.body.replies.map((m: any) => m.role)).toEqual(['ai']);
    expect((await baton.events(gone.id, gone.token)).some((e) => e.type === 'conversation.reopened')).toBe(true);
  });

  it('does not abandon a customer who came back (opened the stream again) in time', async () => {
    const baton = await boot('sqlite', { config });
    const waiting = await baton.handover();
    await leave(baton, waiting);
    await baton.advance(10);
    await baton.stream(waiting.token);
    await eventually(async () => expect(await baton.job(`abandon:${waiting.id}`)).toBeUndefined());
    await baton.advance(21);
    await baton.advance(60);
    expect(await baton.state(waiting.id, waiting.token)).toMatchObject({ owner: 'queue', queue: { position: 1 } });
    expect((await baton.events(waiting.id, waiting.token)).filter((e) => e.type === 'conversation.abandoned')).toEqual([]);
  });

  it('does not abandon a customer who still has another window open on the conversation', async () => {
    const baton = await boot('sqlite', { config });
    const waiting = await baton.handover();
    const first = await baton.stream(waiting.token);
    await baton.stream(waiting.token);
    await first.close();
    // (lets the server handle the close; a timer it sets is what this test is about)
    await eventually(async () => expect(await baton.job(`abandon:${waiting.id}`)).toBeDefined(), { timeoutMs: 1000 }).catch(() => {});
    await baton.advance(31);
    await baton.advance(60);
    const state = await baton.state(waiting.id, waiting.token);
    expect(state, 'abandoned while a stream of the customer is still open').toMatchObject({ owner: 'queue', queue: { position: 1 } });
  });

  it('does not abandon a customer who left an email to be followed up on', async () => {
    const baton = await boot('sqlite', { config });
    const waiting = await baton.handover();
    expect((await baton.api.post(`/api/v1/conversations/${waiting.id}/follow-up`, { email: 'dana@example.com' }, waiting.token)).status).toBe(200);
    await leave(baton, waiting);
    await baton.advance(31);
    await baton.advance(60);
    expect(await baton.state(waiting.id, waiting.token)).toMatchObject({ owner: 'queue', followUpEmail: 'dana@example.com', queue: { position: 1 } });
    expect((await baton.events(waiting.id, waiting.token)).filter((e) => e.type === 'conversation.abandoned')).toEqual([]);
  });
});

// ---- 8. durable timers ---------------------------------------------------------------------------------------------

describe.each(STORES)('routing timers across a restart (%s)', (store) => {
  it('an overflow and a first-response timer set before a restart fire after it, from the jobs table', async () => {
    const config = {
      routing: { workflowFile: writeWorkflow(OVERFLOW_WORKFLOW), firstResponseSeconds: 60 },
      escalation: { policyFile: requestOnlyPolicy() },
    };
    const baton = await boot(store, { config });
    const waiting = await baton.handover(BILLING_TEXT);
    expect(await baton.state(waiting.id, waiting.token)).toMatchObject({ owner: 'queue', team: 'billing' });
    const sofia = await baton.agent('supervisor@demo.local');
    const queuedAt = (await baton.state(waiting.id, sofia.token)).queuedAt as string;
    await eventually(async () => {
      expect(await baton.job(`overflow:${waiting.id}`)).toMatchObject({ kind: 'overflow', runAt: iso(TUESDAY + 60_000) });
      expect(await baton.job(`sla:${waiting.id}`)).toMatchObject({ kind: 'sla', runAt: iso(TUESDAY + 60_000) });
    });
    await baton.advance(30);
    await baton.running.close();

    // The timers are rows in the jobs table, there for whichever node starts next.
    const raw = openStore({ databaseUrl: baton.site.databaseUrl, dataDir: baton.site.dataDir }, baton.clock);
    try {
      expect(await raw.getJob(`overflow:${waiting.id}`)).toMatchObject({ kind: 'overflow', payload: { team: 'billing', queuedAt } });
      expect(await raw.getJob(`sla:${waiting.id}`)).toMatchObject({ kind: 'sla' });
    } finally {
      await raw.close();
    }

    baton.clock.advance(31_000);
    await baton.restart(config);
    await runJobs(baton.running);
    const sofiaAgain = await baton.agent('supervisor@demo.local');
    await eventually(async () => expect(await baton.state(waiting.id, sofiaAgain.token)).toMatchObject({ owner: 'queue', team: 'general', queuedAt }));
    await eventually(async () => {
      const events = await baton.events(waiting.id, sofiaAgain.token);
      expect(events.filter((e) => e.type === 'conversation.sla_breached')).toHaveLength(1);
    });
    await baton.advance(120);
    const events = await baton.events(waiting.id, sofiaAgain.token);
    expect(events.filter((e) => e.type === 'conversation.sla_breached')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'conversation.queued').map((e) => e.data.reason)).toEqual([undefined, 'overflow']);
    expect((await baton.messages(waiting.id, waiting.token)).filter((m) => /moved you to our general team's queue/.test(m.text))).toHaveLength(1);
    expect(await baton.job(`overflow:${waiting.id}`)).toBeUndefined();
    expect(await baton.job(`sla:${waiting.id}`)).toBeUndefined();
  });
});
