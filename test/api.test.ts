import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { hashPassword } from '../src/auth/passwords.ts';
import { customerMessage } from '../src/domain/commands.ts';
import { client, http, startTestBaton, type TestBaton } from './support/baton.ts';
import { postgresReachable, serviceGate } from './support/services.ts';

function apiSuite(store: 'sqlite' | 'postgres') {
  describe(`HTTP API on ${store}`, () => {
    let baton: TestBaton;
    let api: ReturnType<typeof client>;

    beforeAll(async () => {
      baton = await startTestBaton(store);
      api = client(baton.url);
    });
    afterAll(async () => baton?.stop());

    it('is healthy once migrated', async () => {
      expect(await api.get('/healthz')).toMatchObject({ status: 200, body: { ok: true } });
    });

    it('creates a conversation owned by the AI, with a customer token', async () => {
      const reply = await api.post('/api/v1/conversations', { customer: { name: 'Dana', email: 'dana@example.com' }, channel: 'web' });
      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({ id: expect.any(String), token: expect.stringMatching(/^ct_/), state: { owner: 'ai' } });
      const read = await api.get(`/api/v1/conversations/${reply.body.id}`, reply.body.token);
      expect(read).toMatchObject({ status: 200, body: { id: reply.body.id, channel: 'web', state: { owner: 'ai' } } });
    });

    it('accepts a conversation with no body at all', async () => {
      expect((await http(baton.url, 'POST', '/api/v1/conversations')).status).toBe(201);
    });

    it('answers a routine question with an AI reply in the same response', async () => {
      const c = await api.conversation();
      const reply = await api.say(c.id, c.token, 'What payment methods do you accept?');
      expect(reply.status).toBe(201);
      expect(reply.body.message).toMatchObject({ seq: 2, role: 'customer', text: 'What payment methods do you accept?' });
      expect(reply.body.replies).toHaveLength(1);
      expect(reply.body.replies[0]).toMatchObject({ role: 'ai', replyTo: 2, author: { name: 'Assistant' } });
      expect(reply.body.replies[0].text).toMatch(/PayPal/);
      expect(reply.body.state.owner).toBe('ai');
    });

    it('returns the first result for a resent clientMessageId and stores nothing new', async () => {
      const c = await api.conversation();
      const first = await api.say(c.id, c.token, 'What payment methods do you accept?', 'client-1');
      const again = await api.say(c.id, c.token, 'What payment methods do you accept?', 'client-1');
      expect(again.status).toBe(201);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.body.message).toEqual(first.body.message);
      expect(again.body.replies).toEqual(first.body.replies);
      expect(await api.messages(c.id, c.token)).toHaveLength(2);
    });

    it('moves ownership off the AI on the very turn the customer asks for a person', async () => {
      const c = await api.conversation();
      const reply = await api.say(c.id, c.token, 'I want to talk to a real person please');
      expect(reply.status).toBe(201);
      expect(reply.body.state).toMatchObject({ owner: 'queue', team: 'general', handover: { reasons: expect.arrayContaining(['human_requested']) } });
      expect(reply.body.replies).toHaveLength(1);
      expect(reply.body.replies[0]).toMatchObject({ role: 'system' });
      expect(reply.body.replies[0].text).toMatch(/person/);
      expect((await api.get(`/api/v1/conversations/${c.id}`, c.token)).body.state.owner).toBe('queue');
    });

    it('hands over from the "talk to a person" button with human_requested', async () => {
      const c = await api.conversation();
      const reply = await api.post(`/api/v1/conversations/${c.id}/handover`, undefined, c.token);
      expect(reply.status).toBe(200);
      expect(reply.body.state).toMatchObject({ owner: 'queue', handover: { reasons: ['human_requested'] } });
      // Pressing it again changes nothing.
      const again = await api.post(`/api/v1/conversations/${c.id}/handover`, undefined, c.token);
      expect(again.body.replies).toEqual([]);
      expect(await api.messages(c.id, c.token)).toHaveLength(1);
    });

    it('answers each of a burst of messages on its own, and loses no request for a person among them', async () => {
      const c = await api.conversation();
      // (different questions: the same one twice would rightly be read as a customer going round in circles)
      const texts = ['What payment methods do you accept?', 'how long does delivery take?', 'I want to talk to a real person please', 'What is your return policy?', 'How do I reset my password?'];
      const turns = await Promise.all(texts.map((text) => api.say(c.id, c.token, text)));
      expect(turns.map((t) => t.status)).toEqual([201, 201, 201, 201, 201]);
      const messages = await api.messages(c.id, c.token);
      const bySeq = new Map(messages.map((m) => [m.seq, m]));
      const expectedIntent: Record<string, string> = {
        'What payment methods do you accept?': 'payment_methods',
        'how long does delivery take?': 'delivery_time',
        'What is your return policy?': 'return_policy',
        'How do I reset my password?': 'reset_password',
      };
      for (const reply of messages.filter((m) => m.role === 'ai')) {
        expect(reply.intent).toBe(expectedIntent[bySeq.get(reply.replyTo)!.text]);
      }
      expect((await api.get(`/api/v1/conversations/${c.id}`, c.token)).body.state).toMatchObject({ owner: 'queue', handover: { reasons: ['human_requested'] } });
      // No customer message got two answers.
      const replyTos = messages.filter((m) => m.replyTo !== undefined).map((m) => m.replyTo);
      expect(new Set(replyTos).size).toBe(replyTos.length);
    });

    it('finishes, on a resend, a turn that was stored but never answered', async () => {
      const c = await api.conversation();
      // As if the node died right after storing the message.
      await baton.running.store.append(c.id, (s) => customerMessage(s, 'What payment methods do you accept?', 'lost-1'), { clientMessageId: 'lost-1' });
      const resend = await api.say(c.id, c.token, 'What payment methods do you accept?', 'lost-1');
      expect(resend.status).toBe(201);
      expect(resend.body.message.seq).toBe(2);
      expect(resend.body.replies).toHaveLength(1);
      expect(resend.body.replies[0]).toMatchObject({ role: 'ai', replyTo: 2 });
      const again = await api.say(c.id, c.token, 'What payment methods do you accept?', 'lost-1');
      expect(again.body.replies).toEqual(resend.body.replies);
      expect(await api.messages(c.id, c.token)).toHaveLength(2);
    });

    it('never loops: after two turns it cannot understand, a person takes over', async () => {
      const c = await api.conversation();
      const first = await api.say(c.id, c.token, 'blorp the flanges');
      expect(first.body.state.owner).toBe('ai');
      const second = await api.say(c.id, c.token, 'the flanges, they blorp');
      expect(second.body.state).toMatchObject({ owner: 'queue', handover: { reasons: expect.arrayContaining(['repeated_failure']) } });
    });

    describe('bad input gets a 4xx JSON error and writes nothing', () => {
      let c: { id: string; token: string };
      beforeAll(async () => {
        c = await api.conversation();
      });

      const cases: [string, () => Promise<{ status: number; body: any }>, number, string][] = [
        ['malformed JSON', () => http(baton.url, 'POST', `/api/v1/conversations/${c.id}/messages`, { token: c.token, body: '{"text": ' }), 400, 'invalid_json'],
        ['an empty body', () => http(baton.url, 'POST', `/api/v1/conversations/${c.id}/messages`, { token: c.token, body: '' }), 400, 'invalid_json'],
        ['a missing text', () => api.post(`/api/v1/conversations/${c.id}/messages`, { clientMessageId: 'x' }, c.token), 400, 'invalid_request'],
        ['a text that is not a string', () => api.post(`/api/v1/conversations/${c.id}/messages`, { text: 42 }, c.token), 400, 'invalid_request'],
        ['an empty text', () => api.say(c.id, c.token, ''), 400, 'empty_text'],
        ['a blank text', () => api.say(c.id, c.token, ' \n\t '), 400, 'empty_text'],
        ['a text over 8 KB', () => api.say(c.id, c.token, 'é'.repeat(4097)), 400, 'text_too_long'],
        ['a body over 64 KB', () => api.say(c.id, c.token, 'x'.repeat(70_000)), 413, 'payload_too_large'],
        ['a JSON array body', () => http(baton.url, 'POST', `/api/v1/conversations/${c.id}/messages`, { token: c.token, body: '[1,2]' }), 400, 'invalid_request'],
        ['text/plain', () => http(baton.url, 'POST', `/api/v1/conversations/${c.id}/messages`, { token: c.token, body: 'hello', contentType: 'text/plain' }), 415, 'unsupported_media_type'],
        ['no token', () => api.post(`/api/v1/conversations/${c.id}/messages`, { text: 'hi' }), 401, 'unauthorized'],
        ['a made-up token', () => api.say(c.id, 'ct_madeup', 'hi'), 401, 'unauthorized'],
        ['a token of no known kind', () => api.say(c.id, 'Bearer', 'hi'), 401, 'unauthorized'],
        ['a bad email on a new conversation', () => api.post('/api/v1/conversations', { customer: { email: 'not-an-email' } }), 400, 'invalid_request'],
        ['a bad after', () => api.get(`/api/v1/conversations/${c.id}/messages?after=-3`, c.token), 400, 'invalid_request'],
        ['an unknown route', () => api.get('/api/v1/nothing-here'), 404, 'not_found'],
      ];

      it.each(cases)('%s', async (_name, send, status, code) => {
        const reply = await send();
        expect(reply.status).toBe(status);
        expect(reply.body).toEqual({ error: { code, message: expect.any(String) } });
        expect(await api.messages(c.id, c.token)).toEqual([]);
      });

      it('a text of exactly 8 KB is accepted', async () => {
        const other = await api.conversation();
        expect((await api.say(other.id, other.token, 'x'.repeat(8192))).status).toBe(201);
      });
    });

    it('keeps each customer to their own conversation', async () => {
      const mine = await api.conversation();
      const theirs = await api.conversation({ name: 'Eve' });
      await api.say(theirs.id, theirs.token, 'my secret order 123456');
      for (const reply of [
        await api.get(`/api/v1/conversations/${theirs.id}`, mine.token),
        await api.get(`/api/v1/conversations/${theirs.id}/messages`, mine.token),
        await api.get(`/api/v1/conversations/${theirs.id}/events`, mine.token),
        await api.say(theirs.id, mine.token, 'let me in'),
        await api.post(`/api/v1/conversations/${theirs.id}/handover`, undefined, mine.token),
      ]) {
        expect(reply.status).toBe(403);
        expect(reply.body.error.code).toBe('forbidden');
      }
      expect(await api.messages(theirs.id, theirs.token)).toHaveLength(2);
    });

    it('answers 404 for an unknown conversation, whoever asks', async () => {
      const c = await api.conversation();
      const asCustomer = await api.say('00000000-0000-7000-8000-000000000000', c.token, 'hello');
      expect(asCustomer).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
      const supervisor = await api.login('supervisor@demo.local');
      const reply = await api.get('/api/v1/conversations/00000000-0000-0000-0000-000000000000', supervisor);
      expect(reply).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
      const say = await api.say('no-such-conversation', supervisor, 'hello');
      expect(say.status).toBe(404);
    });

    describe('agents', () => {
      it('log in with the demo password, start offline, and set presence', async () => {
        const wrong = await api.post('/api/v1/auth/login', { email: 'general@demo.local', password: 'nope' });
        expect(wrong).toMatchObject({ status: 401, body: { error: { code: 'invalid_credentials' } } });
        const unknown = await api.post('/api/v1/auth/login', { email: 'nobody@demo.local', password: 'demo' });
        expect(unknown.status).toBe(401);
        const login = await api.post('/api/v1/auth/login', { email: 'General@Demo.Local', password: 'demo' });
        expect(login.status).toBe(200);
        expect(login.body).toMatchObject({ token: expect.stringMatching(/^at_/), agent: { email: 'general@demo.local', role: 'agent', teams: ['general'], presence: 'offline' } });
        const online = await api.post('/api/v1/agents/me/presence', { status: 'online' }, login.body.token);
        expect(online.body.agent.presence).toBe('online');
        expect((await api.post('/api/v1/agents/me/presence', { status: 'busy' }, login.body.token)).status).toBe(400);
        // A new session starts offline again.
        const again = await api.post('/api/v1/auth/login', { email: 'general@demo.local', password: 'demo' });
        expect(again.body.agent.presence).toBe('offline');
      });

      it('seeds the demo company: five teams of agents and a supervisor', async () => {
        const token = await api.login('supervisor@demo.local');
        const agents = (await api.get('/api/v1/agents', token)).body.agents;
        expect(agents.map((a: any) => a.email).sort()).toEqual([
          'accounts@demo.local',
          'billing@demo.local',
          'general@demo.local',
          'sales@demo.local',
          'supervisor@demo.local',
          'tech@demo.local',
        ]);
        expect(agents.find((a: any) => a.email === 'supervisor@demo.local')).toMatchObject({ role: 'supervisor', teams: expect.arrayContaining(['general', 'billing', 'technical_support', 'sales', 'account_management']) });
      });

      it('take over by replying, and the AI stays silent while they own the conversation', async () => {
        const c = await api.conversation();
        await api.say(c.id, c.token, 'What payment methods do you accept?');
        const gus = await api.login('general@demo.local');
        const takeover = await api.say(c.id, gus, 'Hi Dana, Gus here. How can I help?');
        expect(takeover.status).toBe(201);
        expect(takeover.body.state).toMatchObject({ owner: 'human', agent: { name: 'Gus General' } });
        const customerTurn = await api.say(c.id, c.token, 'What payment methods do you accept?');
        expect(customerTurn.body.replies).toEqual([]);
        expect(customerTurn.body.state.owner).toBe('human');
        const roles = (await api.messages(c.id, c.token)).map((m) => m.role);
        expect(roles).toEqual(['customer', 'ai', 'agent', 'customer']);
        const agentMessage = (await api.messages(c.id, c.token))[2];
        expect(agentMessage.author).toMatchObject({ kind: 'agent', name: 'Gus General', team: 'general' });
      });

      it('cannot write on a conversation another agent owns, nor see other teams\' queues', async () => {
        const c = await api.conversation();
        await api.say(c.id, c.token, 'I want to talk to a real person please');
        const bea = await api.login('billing@demo.local');
        expect((await api.get(`/api/v1/conversations/${c.id}`, bea)).status).toBe(403);
        const gus = await api.login('general@demo.local');
        await api.say(c.id, gus, 'Gus here');
        const supervisor = await api.login('supervisor@demo.local');
        const barge = await api.say(c.id, supervisor, 'Supervisor here');
        expect(barge.status).toBe(201);
        const queue = (await api.get('/api/v1/conversations?owner=queue', bea)).body.conversations;
        expect(queue.every((q: any) => q.state.team !== 'general')).toBe(true);
      });

      it('claim a waiting conversation: of eight agents claiming at once exactly one gets it, the others 409', async () => {
        // Seven more agents of the general team, beside Gus: eight claims race on one conversation.
        const passwordHash = await hashPassword('demo');
        const emails = Array.from({ length: 7 }, (_, i) => `claimer${i}-${randomUUID().slice(0, 8)}@demo.local`);
        for (const [i, email] of emails.entries()) {
          await baton.running.store.createAgent({ id: randomUUID(), email, name: `Claimer ${i}`, role: 'agent', teams: ['general'], passwordHash });
        }
        const tokens = [await api.login('general@demo.local'), ...(await Promise.all(emails.map((email) => api.login(email))))];
        const c = await api.conversation();
        const asked = await api.say(c.id, c.token, 'I want to talk to a real person please');
        expect(asked.body.state.owner).toBe('queue');

        const claims = await Promise.all(tokens.map((token) => api.post(`/api/v1/conversations/${c.id}/claim`, {}, token)));
        const won = claims.filter((r) => r.status === 200);
        const lost = claims.filter((r) => r.status === 409);
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(tokens.length - 1);
        for (const r of lost) expect(r.body.error.code).toBe('already_assigned');
        const winner = tokens[claims.indexOf(won[0]!)]!;
        expect(won[0]!.body.state).toMatchObject({ owner: 'human', team: 'general' });

        // One assignment in the log, and the winner claiming again changes nothing.
        const events = (await api.get(`/api/v1/conversations/${c.id}/events`, winner)).body.events as { type: string; data: { via?: string } }[];
        expect(events.filter((e) => e.type === 'conversation.assigned')).toEqual([expect.objectContaining({ data: expect.objectContaining({ via: 'claim' }) })]);
        const again = await api.post(`/api/v1/conversations/${c.id}/claim`, {}, winner);
        expect(again).toMatchObject({ status: 200, body: { state: { owner: 'human' } } });
        expect((await api.get(`/api/v1/conversations/${c.id}/events`, winner)).body.events).toHaveLength(events.length);

        // Another team's agent may not claim it; a resolved conversation cannot be claimed.
        const bea = await api.login('billing@demo.local');
        expect((await api.post(`/api/v1/conversations/${c.id}/claim`, {}, bea)).status).toBe(403);
        await api.post(`/api/v1/conversations/${c.id}/resolve`, {}, winner);
        expect((await api.post(`/api/v1/conversations/${c.id}/claim`, {}, winner)).body.error.code).toBe('conversation_closed');
        expect((await api.post(`/api/v1/conversations/${randomUUID()}/claim`, {}, winner)).status).toBe(404);
      });

      it('transfer to another team\'s queue or straight to an agent, and refuse what cannot be', async () => {
        const c = await api.conversation();
        await api.say(c.id, c.token, 'I want to talk to a real person please');
        const gus = await api.login('general@demo.local');
        await api.post(`/api/v1/conversations/${c.id}/claim`, {}, gus);

        const bea = await api.login('billing@demo.local');
        expect((await api.post(`/api/v1/conversations/${c.id}/transfer`, { team: 'sales' }, bea)).status).toBe(403);
        expect((await api.post(`/api/v1/conversations/${c.id}/transfer`, {}, gus)).body.error.code).toBe('invalid_request');
        expect((await api.post(`/api/v1/conversations/${c.id}/transfer`, { team: 'astronauts' }, gus))).toMatchObject({ status: 404, body: { error: { code: 'unknown_team' } } });
        expect((await api.post(`/api/v1/conversations/${c.id}/transfer`, { agentId: randomUUID() }, gus))).toMatchObject({ status: 404, body: { error: { code: 'unknown_agent' } } });

        const toBilling = await api.post(`/api/v1/conversations/${c.id}/transfer`, { team: 'billing', note: 'about a refund' }, gus);
        expect(toBilling).toMatchObject({ status: 200, body: { state: { owner: 'queue', team: 'billing' } } });
        // Billing now sees it and may claim it; Gus, no longer the owner nor of billing, may not write on it.
        expect((await api.post(`/api/v1/conversations/${c.id}/claim`, {}, bea))).toMatchObject({ status: 200, body: { state: { owner: 'human', agent: { name: 'Bea Billing' } } } });

        const agents = (await api.get('/api/v1/agents', bea)).body.agents as { id: string; email: string }[];
        const theo = agents.find((a) => a.email === 'tech@demo.local')!;
        expect((await api.post(`/api/v1/conversations/${c.id}/transfer`, { agentId: theo.id, team: 'billing' }, bea)).body.error.code).toBe('not_in_team');
        const toTheo = await api.post(`/api/v1/conversations/${c.id}/transfer`, { agentId: theo.id }, bea);
        expect(toTheo).toMatchObject({ status: 200, body: { state: { owner: 'human', team: 'technical_support', agent: { name: 'Theo Tech' } } } });
        // Bea, of billing, no longer sees it; the supervisor sees both moves in the log.
        expect((await api.get(`/api/v1/conversations/${c.id}`, bea)).status).toBe(403);
        const sofia = await api.login('supervisor@demo.local');
        const transferred = ((await api.get(`/api/v1/conversations/${c.id}/events`, sofia)).body.events as { type: string; data: Record<string, unknown> }[]).filter((e) => e.type === 'conversation.transferred');
        expect(transferred.map((e) => e.data)).toEqual([
          { toTeam: 'billing', reason: 'about a refund' },
          { toTeam: 'technical_support', toAgentId: theo.id, toAgentName: 'Theo Tech' },
        ]);
      });

      it('hand back to the AI, which answers again, and resolve', async () => {
        const c = await api.conversation();
        await api.say(c.id, c.token, 'agent please');
        const gus = await api.login('general@demo.local');
        await api.say(c.id, gus, 'Done: I have reissued your invoice.');
        const back = await api.post(`/api/v1/conversations/${c.id}/handback`, { note: 'invoice reissued' }, gus);
        expect(back).toMatchObject({ status: 200, body: { state: { owner: 'ai' } } });
        const turn = await api.say(c.id, c.token, 'What payment methods do you accept?');
        expect(turn.body.replies[0]).toMatchObject({ role: 'ai' });
        const resolved = await api.post(`/api/v1/conversations/${c.id}/resolve`, {}, gus);
        expect(resolved.body.state.owner).toBe('closed');
        expect((await api.post(`/api/v1/conversations/${c.id}/resolve`, {}, gus)).status).toBe(409);
        // Writing again reopens the conversation with the AI.
        const reopened = await api.say(c.id, c.token, 'One more thing: how long does delivery take?');
        expect(reopened.body.state.owner).toBe('ai');
        expect(reopened.body.replies).toHaveLength(1);
      });

      it('keep internal notes away from the customer', async () => {
        const c = await api.conversation();
        const gus = await api.login('general@demo.local');
        const note = await api.post(`/api/v1/conversations/${c.id}/notes`, { text: 'VIP, be generous' }, gus);
        expect(note.status).toBe(201);
        const customerEvents = (await api.get(`/api/v1/conversations/${c.id}/events`, c.token)).body.events;
        expect(JSON.stringify(customerEvents)).not.toContain('VIP, be generous');
        const agentEvents = (await api.get(`/api/v1/conversations/${c.id}/events`, gus)).body.events;
        expect(JSON.stringify(agentEvents)).toContain('VIP, be generous');
      });

      it('read the handover packet, which customers cannot', async () => {
        const c = await api.conversation();
        await api.say(c.id, c.token, 'Where is my order 100234?');
        await api.say(c.id, c.token, 'This is useless, get me a human');
        const gus = await api.login('general@demo.local');
        const packet = await api.get(`/api/v1/conversations/${c.id}/handover`, gus);
        expect(packet.status).toBe(200);
        expect(packet.body).toMatchObject({
          conversationId: c.id,
          team: 'general',
          reasons: expect.arrayContaining([expect.objectContaining({ code: 'human_requested', evidence: ['get me a human'] })]),
          customer: { name: 'Dana', email: 'dana@example.com' },
        });
        expect(packet.body.transcript.map((l: any) => l.text)).toContain('Where is my order 100234?');
        expect((await api.get(`/api/v1/conversations/${c.id}/handover`, c.token)).status).toBe(403);
        const fresh = await api.conversation();
        expect((await api.get(`/api/v1/conversations/${fresh.id}/handover`, gus)).body.error.code).toBe('no_handover');
      });
    });
  });
}

apiSuite('sqlite');

const postgres = serviceGate('PostgreSQL', await postgresReachable());
describe.runIf(postgres)('PostgreSQL', () => apiSuite('postgres'));

describe('CORS: the widget on the business\'s own site', () => {
  it('answers a preflight from another origin and lets it read the answers', async () => {
    const { startTestBaton: start } = await import('./support/baton.ts');
    const baton = await start('sqlite');
    try {
      const preflight = await fetch(`${baton.url}/api/v1/conversations`, {
        method: 'OPTIONS',
        headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });
      expect(preflight.status).toBeLessThan(300);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
      expect(preflight.headers.get('access-control-allow-headers')).toMatch(/authorization/);
      const created = await fetch(`${baton.url}/api/v1/conversations`, { method: 'POST', headers: { origin: 'https://shop.example', 'content-type': 'application/json' }, body: '{}' });
      expect(created.status).toBe(201);
      expect(created.headers.get('access-control-allow-origin')).toBe('*');
    } finally {
      await baton.stop();
    }
  });
});
