import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryBus } from '../src/bus/memory-bus.ts';
import { ManualClock } from '../src/clock.ts';
import { loadConfig } from '../src/config/config.ts';
import { startService, type RunningService, type ServiceOverrides } from '../src/service.ts';
import { client, startTestBaton, type TestBaton } from './support/baton.ts';
import { addAgent, dispatchSettled, eventually, queueApi } from './support/queues.ts';
import { createTestDatabase, postgresReachable, serviceGate } from './support/services.ts';

/** A second technical agent, Tara, created after the demo's Theo. */
const addTara = (store: Parameters<typeof addAgent>[0]) =>
  addAgent(store, { email: 'tech2@demo.local', name: 'Tara Tech', role: 'agent', teams: ['technical_support'], skills: ['technical'], languages: ['en'], capacity: 3 });

/** Routed to technical_support by the shipped workflow (topic technical, a request for a person). */
const TECHNICAL = 'The app keeps crashing. I want to talk to a human';
/** Routed by the workflow's billing filter (topic refund). ("I was charged twice" is a payment dispute, which the
 * shipped escalation policy sends to billing itself, bypassing the workflow's targets and so their skills.) */
const REFUND = 'I want a refund, let me talk to someone';

/** Generous: a test makes several round trips and polls; on a loaded machine that adds up. */
const SLOW = 60_000;

type Api = ReturnType<typeof client>;
type Desk = ReturnType<typeof queueApi>;

/** A customer asks for a person; the conversation must be waiting in `team`'s queue. */
async function waiting(api: Api, name: string, text: string, team: string): Promise<{ id: string; token: string }> {
  const c = await api.conversation({ name, email: `${name.toLowerCase()}@example.com` });
  const turn = await api.say(c.id, c.token, text);
  expect(turn.status).toBe(201);
  expect(turn.body.state, `${name}'s handover`).toMatchObject({ owner: 'queue', team });
  return c;
}

async function agentId(desk: Desk, token: string, email: string): Promise<string> {
  const agent = (await desk.agents(token)).find((a) => a.email === email);
  if (!agent) throw new Error(`no agent ${email}`);
  return agent.id;
}

/** Waits until the conversation is with a person, and returns its state as agents see it. */
async function assignedState(desk: Desk, id: string, token: string): Promise<any> {
  return eventually(async () => {
    const state = await desk.state(id, token);
    expect(state.owner, `conversation ${id} is still ${state.owner}`).toBe('human');
    return state;
  });
}

function assignmentSuite(store: 'sqlite' | 'postgres') {
  describe(`queue assignment on ${store}`, () => {
    let baton: TestBaton | undefined;
    const cleanups: (() => void)[] = [];

    afterEach(async () => {
      await baton?.stop();
      baton = undefined;
      for (const cleanup of cleanups.splice(0)) cleanup();
    });

    /** A fresh Baton per test: an agent going online takes whatever their team has waiting. */
    async function start(options: { config?: Record<string, unknown>; overrides?: ServiceOverrides } = {}) {
      baton = await startTestBaton(store, options);
      const api = client(baton.url);
      const desk = queueApi(baton.url);
      const sofia = await api.login('supervisor@demo.local');
      return { baton, api, desk, sofia, theoId: await agentId(desk, sofia, 'tech@demo.local') };
    }

    it(
      'assigns a waiting technical conversation to tech@demo.local as soon as they go online, not while away or offline',
      async () => {
        const { baton, api, desk, sofia, theoId } = await start();
        const theo = await api.login('tech@demo.local');
        expect((await api.get('/api/v1/agents/me', theo)).body.agent).toMatchObject({ id: theoId, presence: 'offline' });
        const c = await waiting(api, 'Dana', TECHNICAL, 'technical_support');

        // Theo logged in but is offline: it waits, first in line.
        await dispatchSettled(baton.running.store);
        expect(await desk.state(c.id, c.token)).toMatchObject({ owner: 'queue', team: 'technical_support', queue: { position: 1 } });

        // Another team's agent online: not theirs.
        const bea = await api.login('billing@demo.local');
        await desk.setPresence(bea, 'online');
        await dispatchSettled(baton.running.store);
        expect((await desk.state(c.id, sofia)).owner).toBe('queue');

        // Away and offline: nothing is given to Theo.
        for (const status of ['away', 'offline'] as const) {
          const reply = await desk.presence(theo, status);
          expect(reply).toMatchObject({ status: 200, body: { agent: { id: theoId, presence: status } } });
          await dispatchSettled(baton.running.store);
          expect(await desk.state(c.id, sofia), `while Theo is ${status}`).toMatchObject({ owner: 'queue', queue: { position: 1 } });
        }
        expect(await desk.assigned(c.id, sofia)).toEqual([]);

        // Online: it is his.
        expect((await desk.presence(theo, 'online')).body.agent.presence).toBe('online');
        const state = await assignedState(desk, c.id, sofia);
        expect(state).toMatchObject({ owner: 'human', team: 'technical_support', agentId: theoId, agent: { id: theoId, name: 'Theo Tech' } });
        expect(state.queue).toBeUndefined();
        expect(await desk.assigned(c.id, sofia)).toEqual([
          expect.objectContaining({ type: 'conversation.assigned', data: { agentId: theoId, agentName: 'Theo Tech', team: 'technical_support', via: 'auto' } }),
        ]);
        // The customer sees a person has it; Theo finds it among his.
        expect(await desk.state(c.id, c.token)).toMatchObject({ owner: 'human', agent: { name: 'Theo Tech' } });
        const his = (await api.get('/api/v1/conversations?owner=human', theo)).body.conversations as { id: string }[];
        expect(his.map((x) => x.id)).toEqual([c.id]);
      },
      SLOW,
    );

    it(
      'gives an agent no more than their capacity, and the next waiting conversation as soon as one is resolved or handed back',
      async () => {
        const { baton, api, desk, sofia, theoId } = await start();
        const patched = await desk.patchAgent(theoId, { capacity: 1 }, sofia);
        expect(patched).toMatchObject({ status: 200, body: { agent: { id: theoId, capacity: 1 } } });
        const theo = await api.login('tech@demo.local');
        const first = await waiting(api, 'Ari', TECHNICAL, 'technical_support');
        const second = await waiting(api, 'Bo', TECHNICAL, 'technical_support');

        await desk.setPresence(theo, 'online');
        expect(await assignedState(desk, first.id, sofia)).toMatchObject({ agentId: theoId });
        await dispatchSettled(baton.running.store);
        // Exactly one: the other still waits, now first in line.
        expect(await desk.state(second.id, second.token)).toMatchObject({ owner: 'queue', team: 'technical_support', queue: { position: 1 } });
        expect(await desk.assigned(second.id, sofia)).toEqual([]);

        // Resolving the first frees his one place: the second is his at once.
        expect((await api.post(`/api/v1/conversations/${first.id}/resolve`, {}, theo)).body.state.owner).toBe('closed');
        expect(await assignedState(desk, second.id, sofia)).toMatchObject({ agentId: theoId, agent: { name: 'Theo Tech' } });
        expect(await desk.assigned(second.id, sofia)).toEqual([expect.objectContaining({ data: expect.objectContaining({ agentId: theoId, via: 'auto' }) })]);

        // Full again: a third waits...
        const third = await waiting(api, 'Cy', TECHNICAL, 'technical_support');
        await dispatchSettled(baton.running.store);
        expect(await desk.state(third.id, sofia)).toMatchObject({ owner: 'queue', queue: { position: 1 } });
        // ...until he hands the second back to the AI.
        expect((await api.post(`/api/v1/conversations/${second.id}/handback`, {}, theo)).body.state.owner).toBe('ai');
        expect(await assignedState(desk, third.id, sofia)).toMatchObject({ agentId: theoId });
        await dispatchSettled(baton.running.store);
        expect((await desk.state(second.id, sofia)).owner).toBe('ai');
        expect(await desk.assigned(first.id, sofia)).toHaveLength(1);
        expect(await desk.assigned(second.id, sofia)).toHaveLength(1);
        expect(await desk.assigned(third.id, sofia)).toHaveLength(1);

        // Full again; more room given by a supervisor is used at once.
        const fourth = await waiting(api, 'Dee', TECHNICAL, 'technical_support');
        await dispatchSettled(baton.running.store);
        expect((await desk.state(fourth.id, sofia)).owner).toBe('queue');
        expect((await desk.patchAgent(theoId, { capacity: 2 }, sofia)).status).toBe(200);
        expect(await assignedState(desk, fourth.id, sofia)).toMatchObject({ agentId: theoId });
      },
      SLOW,
    );

    it(
      'gives a conversation transferred to a team\'s queue to that team\'s online agent',
      async () => {
        const { baton, api, desk, sofia, theoId } = await start();
        const gus = await api.login('general@demo.local');
        const theo = await api.login('tech@demo.local');
        await desk.setPresence(theo, 'online');
        const c = await api.conversation({ name: 'Dana', email: 'dana@example.com' });
        expect((await api.post(`/api/v1/conversations/${c.id}/handover`, undefined, c.token)).body.state).toMatchObject({ owner: 'queue', team: 'general' });
        expect((await api.post(`/api/v1/conversations/${c.id}/claim`, {}, gus)).body.state).toMatchObject({ owner: 'human', agent: { name: 'Gus General' } });
        await dispatchSettled(baton.running.store);
        expect((await desk.state(c.id, sofia)).agentId, 'Theo is not of general').not.toBe(theoId);

        const moved = await api.post(`/api/v1/conversations/${c.id}/transfer`, { team: 'technical_support', note: 'app crash' }, gus);
        expect(moved).toMatchObject({ status: 200, body: { state: { owner: 'queue', team: 'technical_support' } } });
        expect(await assignedState(desk, c.id, sofia)).toMatchObject({ team: 'technical_support', agentId: theoId, agent: { name: 'Theo Tech' } });
        const log = (await desk.events(c.id, sofia)).filter((e) => e.type === 'conversation.assigned' || e.type === 'conversation.transferred');
        expect(log.map((e) => [e.type, e.data.via ?? e.data.toTeam, e.data.agentName ?? null])).toEqual([
          ['conversation.assigned', 'claim', 'Gus General'],
          ['conversation.transferred', 'technical_support', null],
          ['conversation.assigned', 'auto', 'Theo Tech'],
        ]);
      },
      SLOW,
    );

    it(
      'follows a change of an online agent\'s teams: a team added brings its waiting conversations',
      async () => {
        const { baton, api, desk, sofia, theoId } = await start();
        const theo = await api.login('tech@demo.local');
        await desk.setPresence(theo, 'online');
        const c = await api.conversation({ name: 'Dana', email: 'dana@example.com' });
        expect((await api.post(`/api/v1/conversations/${c.id}/handover`, undefined, c.token)).body.state).toMatchObject({ owner: 'queue', team: 'general' });
        await dispatchSettled(baton.running.store);
        expect((await desk.state(c.id, sofia)).owner, 'Theo is not of general yet').toBe('queue');

        expect((await desk.patchAgent(theoId, { teams: ['technical_support', 'general'] }, sofia)).status).toBe(200);
        expect(await assignedState(desk, c.id, sofia)).toMatchObject({ team: 'general', agentId: theoId });
        expect(await desk.assigned(c.id, sofia)).toEqual([expect.objectContaining({ data: { agentId: theoId, agentName: 'Theo Tech', team: 'general', via: 'auto' } })]);
      },
      SLOW,
    );

    it(
      'gives each conversation to the agent idle longest: first to the one online longest, the next to the other',
      async () => {
        const clock = new ManualClock(Date.parse('2026-03-02T10:00:00.000Z'));
        const { baton, api, desk, sofia, theoId } = await start({ overrides: { clock } });
        // Created after Theo, so neither the seeding order nor a tie favours her.
        const tara = await addTara(baton.running.store);
        const taraToken = await api.login('tech2@demo.local');
        const theo = await api.login('tech@demo.local');

        await desk.setPresence(taraToken, 'online');
        clock.advance(60_000);
        await desk.setPresence(theo, 'online');
        clock.advance(60_000);

        const one = await waiting(api, 'Ari', TECHNICAL, 'technical_support');
        expect(await assignedState(desk, one.id, sofia), 'Tara has been idle longest').toMatchObject({ agentId: tara.id, agent: { name: 'Tara Tech' } });
        await dispatchSettled(baton.running.store);
        clock.advance(60_000);

        const two = await waiting(api, 'Bo', TECHNICAL, 'technical_support');
        expect(await assignedState(desk, two.id, sofia), 'Theo has now been idle longest').toMatchObject({ agentId: theoId, agent: { name: 'Theo Tech' } });
        await dispatchSettled(baton.running.store);
        clock.advance(60_000);

        // Tara got her last conversation before Theo got his: her turn again.
        const three = await waiting(api, 'Cy', TECHNICAL, 'technical_support');
        expect(await assignedState(desk, three.id, sofia)).toMatchObject({ agentId: tara.id });
      },
      SLOW,
    );

    it(
      'puts an agent\'s conversations back in the queue at their old place when they go offline, and tells the customer',
      async () => {
        const { baton, api, desk, sofia, theoId } = await start();
        expect((await desk.patchAgent(theoId, { capacity: 1 }, sofia)).status).toBe(200);
        const theo = await api.login('tech@demo.local');

        const a = await waiting(api, 'Ari', TECHNICAL, 'technical_support');
        const queuedAtA = (await desk.state(a.id, sofia)).queuedAt;
        expect(queuedAtA).toEqual(expect.any(String));
        await desk.setPresence(theo, 'online');
        expect(await assignedState(desk, a.id, sofia)).toMatchObject({ agentId: theoId });

        const b = await waiting(api, 'Bo', TECHNICAL, 'technical_support');
        await dispatchSettled(baton.running.store);
        const queuedAtB = (await desk.state(b.id, sofia)).queuedAt;
        expect(await desk.state(b.id, b.token)).toMatchObject({ owner: 'queue', queue: { position: 1 } });
        expect(Date.parse(queuedAtB)).toBeGreaterThanOrEqual(Date.parse(queuedAtA));

        // Away: he keeps what he has.
        await desk.setPresence(theo, 'away');
        await dispatchSettled(baton.running.store);
        expect(await desk.state(a.id, sofia)).toMatchObject({ owner: 'human', agentId: theoId });
        expect(await desk.state(b.id, b.token)).toMatchObject({ owner: 'queue', queue: { position: 1 } });

        await desk.setPresence(theo, 'offline');
        // A is back, ahead of B, with its first place in line.
        const backA = await eventually(async () => {
          const state = await desk.state(a.id, sofia);
          expect(state.owner).toBe('queue');
          return state;
        });
        expect(backA).toMatchObject({ owner: 'queue', team: 'technical_support', queuedAt: queuedAtA, queue: { team: 'technical_support', position: 1 } });
        expect(backA.agentId).toBeUndefined();
        expect(await desk.state(a.id, a.token)).toMatchObject({ owner: 'queue', queue: { position: 1 } });
        expect(await desk.state(b.id, b.token)).toMatchObject({ owner: 'queue', queue: { position: 2 } });
        expect((await desk.state(b.id, sofia)).queuedAt).toBe(queuedAtB);

        const requeued = (await desk.events(a.id, sofia)).filter((e) => e.type === 'conversation.queued');
        expect(requeued.at(-1)!.data).toMatchObject({ team: 'technical_support', reason: 'agent_offline', queuedAt: queuedAtA });
        const told = (await api.messages(a.id, a.token)).filter((m) => m.role === 'system').at(-1);
        expect(told.text).toMatch(/Theo Tech had to step away.*back in the queue/s);
        // B's customer was told nothing of it.
        expect((await api.messages(b.id, b.token)).some((m) => /step away/.test(m.text))).toBe(false);

        // The next agent of the team to come online gets A first.
        const tara = await addAgent(baton.running.store, {
          email: 'tech2@demo.local',
          name: 'Tara Tech',
          role: 'agent',
          teams: ['technical_support'],
          skills: ['technical'],
          languages: ['en'],
          capacity: 1,
        });
        const taraToken = await api.login('tech2@demo.local');
        await desk.setPresence(taraToken, 'online');
        expect(await assignedState(desk, a.id, sofia)).toMatchObject({ agentId: tara.id, agent: { name: 'Tara Tech' } });
        await dispatchSettled(baton.running.store);
        expect(await desk.state(b.id, b.token)).toMatchObject({ owner: 'queue', queue: { position: 1 } });
        expect((await desk.assigned(a.id, sofia)).map((e) => [e.data.agentId, e.data.via])).toEqual([
          [theoId, 'auto'],
          [tara.id, 'auto'],
        ]);
      },
      SLOW,
    );

    it(
      'gives a conversation whose workflow target asks for skills only to an online agent of the team having them all',
      async () => {
        const dir = mkdtempSync(join(tmpdir(), 'baton-workflow-'));
        cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
        const workflowFile = join(dir, 'workflow.yaml');
        writeFileSync(
          workflowFile,
          [
            'filters:',
            '  - name: billing',
            '    when: { topics: [payment_dispute, billing, refund] }',
            '    targets:',
            '      - { team: billing, skills: refund && de }',
            '  - name: technical',
            '    when: { topics: [technical] }',
            '    targets:',
            '      - { team: technical_support }',
            'default:',
            '  targets:',
            '    - { team: general }',
            '',
          ].join('\n'),
        );
        const { baton, api, desk, sofia } = await start({ config: { routing: { workflowFile } } });
        const beaId = await agentId(desk, sofia, 'billing@demo.local');
        // Bea speaks no German now; Rita is of billing, speaks German, but has no refund skill yet.
        expect(await desk.patchAgent(beaId, { languages: ['en'] }, sofia)).toMatchObject({ status: 200, body: { agent: { skills: expect.arrayContaining(['refund']), languages: ['en'] } } });
        const rita = await addAgent(baton.running.store, {
          email: 'rita@demo.local',
          name: 'Rita Refund',
          role: 'agent',
          teams: ['billing'],
          skills: ['billing'],
          languages: ['en', 'de'],
          capacity: 3,
        });

        const c = await waiting(api, 'Dana', REFUND, 'billing');
        expect(await desk.state(c.id, sofia)).toMatchObject({ owner: 'queue', team: 'billing', skills: 'refund && de' });

        const bea = await api.login('billing@demo.local');
        await desk.setPresence(bea, 'online');
        await dispatchSettled(baton.running.store);
        expect((await desk.state(c.id, sofia)).owner, 'Bea lacks de').toBe('queue');

        const ritaToken = await api.login('rita@demo.local');
        await desk.setPresence(ritaToken, 'online');
        await dispatchSettled(baton.running.store);
        expect((await desk.state(c.id, sofia)).owner, 'Rita lacks refund').toBe('queue');
        expect(await desk.assigned(c.id, sofia)).toEqual([]);

        // Rita learns refunds: now she meets "refund && de" (skills and languages together).
        const learnt = await desk.patchAgent(rita.id, { skills: ['billing', 'refund'] }, sofia);
        expect(learnt).toMatchObject({ status: 200, body: { agent: { id: rita.id, skills: ['billing', 'refund'], languages: ['en', 'de'] } } });
        expect(await assignedState(desk, c.id, sofia)).toMatchObject({ team: 'billing', agentId: rita.id, agent: { name: 'Rita Refund' } });
        expect(await desk.assigned(c.id, sofia)).toEqual([expect.objectContaining({ data: { agentId: rita.id, agentName: 'Rita Refund', team: 'billing', via: 'auto' } })]);
      },
      SLOW,
    );

    it(
      'lets only supervisors change an agent\'s routing, validates the change, and shows it in the agents list',
      async () => {
        const { api, desk, sofia, theoId } = await start();
        const theo = await api.login('tech@demo.local');
        const before = (await desk.agents(sofia)).find((a) => a.id === theoId);
        expect(before).toMatchObject({ teams: ['technical_support'], skills: ['technical'], languages: ['en'], capacity: 3 });

        const error = { error: { code: expect.any(String), message: expect.any(String) } };
        const refused: [string, () => ReturnType<Desk['patchAgent']>, number, string][] = [
          ['an agent', () => desk.patchAgent(theoId, { capacity: 1 }, theo), 403, 'forbidden'],
          ['no token', () => desk.patchAgent(theoId, { capacity: 1 }), 401, 'unauthorized'],
          ['an unknown team', () => desk.patchAgent(theoId, { teams: ['technical_support', 'astronauts'] }, sofia), 404, 'unknown_team'],
          ['an unknown agent', () => desk.patchAgent(randomUUID(), { capacity: 1 }, sofia), 404, 'unknown_agent'],
          ['an empty body', () => desk.patchAgent(theoId, {}, sofia), 400, 'invalid_request'],
          ['no body', () => desk.patchAgent(theoId, undefined, sofia), 400, 'invalid_request'],
          ['a negative capacity', () => desk.patchAgent(theoId, { capacity: -1 }, sofia), 400, 'invalid_request'],
          ['a fractional capacity', () => desk.patchAgent(theoId, { capacity: 1.5 }, sofia), 400, 'invalid_request'],
          ['a capacity over 100', () => desk.patchAgent(theoId, { capacity: 101 }, sofia), 400, 'invalid_request'],
          ['no teams', () => desk.patchAgent(theoId, { teams: [] }, sofia), 400, 'invalid_request'],
          ['skills that are not strings', () => desk.patchAgent(theoId, { skills: [42] }, sofia), 400, 'invalid_request'],
          ['an unknown field', () => desk.patchAgent(theoId, { capacity: 2, presence: 'online' }, sofia), 400, 'invalid_request'],
        ];
        for (const [name, send, status, code] of refused) {
          const reply = await send();
          expect(reply.status, name).toBe(status);
          expect(reply.body, name).toEqual(error);
          expect(reply.body.error.code, name).toBe(code);
        }
        // Nothing was changed by any of them.
        expect((await desk.agents(sofia)).find((a) => a.id === theoId)).toEqual(before);

        const change = { teams: ['technical_support', 'general'], skills: ['technical', 'linux'], languages: ['en', 'fr'], capacity: 2 };
        const changed = await desk.patchAgent(theoId, change, sofia);
        expect(changed).toMatchObject({ status: 200, body: { agent: { id: theoId, email: 'tech@demo.local', ...change } } });
        expect((await desk.agents(theo)).find((a) => a.id === theoId)).toEqual({ ...before, ...change });
        // Fields left out stay as they are.
        expect((await desk.patchAgent(theoId, { capacity: 4 }, sofia)).body.agent).toEqual({ ...before, ...change, capacity: 4 });
        expect((await api.get('/api/v1/agents/me', theo)).body.agent).toEqual({ ...before, ...change, capacity: 4 });
      },
      SLOW,
    );

    it(
      'refuses a presence that is not online, away or offline, and a presence without an agent login',
      async () => {
        const { api, desk, theoId } = await start();
        const theo = await api.login('tech@demo.local');
        const customer = await api.conversation();
        const refused: [string, () => ReturnType<Desk['presence']>, number, string][] = [
          ['busy', () => desk.presence(theo, 'busy'), 400, 'invalid_request'],
          ['an upper-case status', () => desk.presence(theo, 'ONLINE'), 400, 'invalid_request'],
          ['no status', () => api.post('/api/v1/agents/me/presence', {}, theo), 400, 'invalid_request'],
          ['no token', () => api.post('/api/v1/agents/me/presence', { status: 'online' }), 401, 'unauthorized'],
          ['a made-up agent token', () => desk.presence('at_madeup', 'online'), 401, 'unauthorized'],
          ['a customer token', () => desk.presence(customer.token, 'online'), 403, 'forbidden'],
        ];
        for (const [name, send, status, code] of refused) {
          const reply = await send();
          expect(reply.status, name).toBe(status);
          expect(reply.body, name).toEqual({ error: { code, message: expect.any(String) } });
        }
        expect((await api.get('/api/v1/agents/me', theo)).body.agent).toMatchObject({ id: theoId, presence: 'offline' });
      },
      SLOW,
    );

    it(
      'writes exactly one assignment when an agent claims a conversation while another of the team goes online',
      async () => {
        const { baton, api, desk, sofia, theoId } = await start();
        const tara = await addTara(baton.running.store);
        const taraToken = await api.login('tech2@demo.local');
        const theo = await api.login('tech@demo.local');
        const winners: string[] = [];
        // The claim is sent a little before, with or a little after Theo's going online (ms; negative: before), so that
        // each side wins some rounds; whichever wins, one assignment is written.
        const claimAfterMs = [-2, 0, 1, 2, 3, 4, 5, 6, 8, 12];
        const after = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
        for (const [round, offset] of claimAfterMs.entries()) {
          const c = await waiting(api, `Customer${round}`, TECHNICAL, 'technical_support');
          await dispatchSettled(baton.running.store);
          const [online, claim] = await Promise.all([
            after(-offset).then(() => desk.presence(theo, 'online')),
            after(offset).then(() => api.post(`/api/v1/conversations/${c.id}/claim`, {}, taraToken)),
          ]);
          expect(online.status).toBe(200);
          if (claim.status !== 200) expect(claim, `round ${round}`).toMatchObject({ status: 409, body: { error: { code: 'already_assigned' } } });
          await dispatchSettled(baton.running.store);

          const assigned = await desk.assigned(c.id, sofia);
          expect(assigned, `round ${round}`).toHaveLength(1);
          const state = await desk.state(c.id, sofia);
          const [winner, via] = claim.status === 200 ? [tara.id, 'claim'] : [theoId, 'auto'];
          expect(state, `round ${round}`).toMatchObject({ owner: 'human', agentId: winner });
          expect(assigned[0]!.data).toMatchObject({ agentId: winner, via });
          winners.push(via);

          // Done with it, and Theo steps out again for the next round (nothing of his to requeue).
          expect((await api.post(`/api/v1/conversations/${c.id}/resolve`, {}, sofia)).status).toBe(200);
          await desk.setPresence(theo, 'offline');
          await dispatchSettled(baton.running.store);
        }
        expect(winners).toHaveLength(claimAfterMs.length);
      },
      SLOW,
    );
  });
}

assignmentSuite('sqlite');

const postgres = serviceGate('PostgreSQL', await postgresReachable());
describe.runIf(postgres)('PostgreSQL', () => assignmentSuite('postgres'));

/**
 * Two nodes on one database, as test/ownership.test.ts runs them: each with its own in-process bus (no Redis), or
 * sharing one bus (as two nodes on one Redis do).
 */
function twoNodeSuite(bus: 'own' | 'shared') {
  describe(`queue assignment by two nodes on one PostgreSQL database (${bus === 'own' ? 'each with its own in-process bus' : 'sharing a bus'})`, () => {
    let db: Awaited<ReturnType<typeof createTestDatabase>>;
    let nodeA: RunningService;
    let nodeB: RunningService;

    beforeAll(async () => {
      db = await createTestDatabase();
      const config = loadConfig({ env: {}, overrides: { port: 0, host: '127.0.0.1', databaseUrl: db.url, logLevel: 'silent', dataDir: '/tmp', seedDemoHistory: false } });
      const overrides: ServiceOverrides = bus === 'shared' ? { bus: new MemoryBus() } : {};
      nodeA = await startService(config, overrides);
      nodeB = await startService({ ...config, seedDemo: false }, overrides);
    });
    afterAll(async () => {
      await nodeA?.close();
      await nodeB?.close();
      await db?.drop();
    });

    it(
      'assigns each of five conversations queued through one node exactly once when the agent goes online through the other',
      async () => {
        const a = client(nodeA.url);
        const b = client(nodeB.url);
        const deskA = queueApi(nodeA.url);
        const deskB = queueApi(nodeB.url);
        const sofia = await a.login('supervisor@demo.local');
        const theoId = await agentId(deskA, sofia, 'tech@demo.local');
        expect((await deskA.patchAgent(theoId, { capacity: 5 }, sofia)).status).toBe(200);

        const waitingOnA: { id: string; token: string }[] = [];
        for (const name of ['Ari', 'Bo', 'Cy', 'Dee', 'Eli']) waitingOnA.push(await waiting(a, name, TECHNICAL, 'technical_support'));
        await dispatchSettled(nodeA.store);

        const theo = await b.login('tech@demo.local');
        await deskB.setPresence(theo, 'online');
        for (const c of waitingOnA) {
          expect(await assignedState(deskB, c.id, sofia)).toMatchObject({ owner: 'human', agentId: theoId, agent: { name: 'Theo Tech' } });
        }
        await dispatchSettled(nodeA.store);
        for (const c of waitingOnA) {
          const assigned = await deskA.assigned(c.id, sofia);
          expect(assigned, c.id).toHaveLength(1);
          expect(assigned[0]!.data).toEqual({ agentId: theoId, agentName: 'Theo Tech', team: 'technical_support', via: 'auto' });
        }
      },
      SLOW,
    );
  });
}

describe.runIf(postgres)('two nodes', () => {
  twoNodeSuite('own');
  twoNodeSuite('shared');
});
