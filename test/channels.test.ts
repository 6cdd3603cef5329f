import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { hashPassword } from '../src/auth/passwords.ts';
import { ChannelConversations } from '../src/channels/channel-conversations.ts';
import { ChannelStore } from '../src/channels/channel-store.ts';
import type { SqlStore } from '../src/store/sql/sql-store.ts';
import { client, http, startTestBaton, type TestBaton } from './support/baton.ts';
import { postgresReachable, serviceGate } from './support/services.ts';

function channelSuite(store: 'sqlite' | 'postgres') {
  describe(`inbound channel API on ${store}`, () => {
    let baton: TestBaton;
    let api: ReturnType<typeof client>;
    let supervisor: string;
    let admin: string;
    let gus: string;
    /** A key for any channel. */
    let key: string;

    const req = (method: string, path: string, token?: string, body?: unknown) => http(baton.url, method, path, { token, body });
    const post = (channel: string, body: Record<string, unknown>, token = key) => req('POST', `/api/v1/channels/${channel}/messages`, token, body);
    const read = (channel: string, user: string, token = key) =>
      req('GET', `/api/v1/channels/${channel}/conversations/${encodeURIComponent(user)}`, token);
    const createKey = async (body: Record<string, unknown>, token = supervisor) => {
      const reply = await req('POST', '/api/v1/api-keys', token, body);
      if (reply.status !== 201) throw new Error(`create key: ${reply.status} ${JSON.stringify(reply.body)}`);
      return reply.body as { id: string; key: string; name: string; channel: string | null; prefix: string; createdAt: string };
    };
    const sqlStore = () => baton.running.store as SqlStore;
    /** Conversations of a channel user, counted in the database itself. */
    const conversationsOf = async (externalId: string) => {
      const rows = await sqlStore()
        .db.selectFrom('conversations')
        .innerJoin('customers', 'customers.id', 'conversations.customer_id')
        .select('conversations.id')
        .where('customers.external_id', '=', externalId)
        .execute();
      return rows.map((r) => r.id);
    };

    beforeAll(async () => {
      baton = await startTestBaton(store);
      api = client(baton.url);
      await baton.running.store.createAgent({
        id: randomUUID(),
        email: 'admin@demo.local',
        name: 'Ari Admin',
        role: 'admin',
        teams: ['general'],
        passwordHash: await hashPassword('demo'),
      });
      [supervisor, admin, gus] = await Promise.all([api.login('supervisor@demo.local'), api.login('admin@demo.local'), api.login('general@demo.local')]);
      key = (await createKey({ name: 'all channels' })).key;
    });
    afterAll(async () => baton?.stop());

    describe('API keys', () => {
      it('shows a key once, lists it without the key, and a revoked key no longer gets in', async () => {
        const created = await req('POST', '/api/v1/api-keys', supervisor, { name: '  WhatsApp bridge ', channel: 'whatsapp' });
        expect(created.status).toBe(201);
        expect(created.body).toEqual({
          id: expect.any(String),
          name: 'WhatsApp bridge',
          channel: 'whatsapp',
          key: expect.stringMatching(/^bk_[A-Za-z0-9_-]{32}$/),
          prefix: expect.stringMatching(/^bk_/),
          createdAt: expect.any(String),
        });
        const { id, key: secret, prefix } = created.body;
        expect(secret.startsWith(prefix)).toBe(true);
        expect(prefix.length).toBeLessThan(12);

        const listed = await req('GET', '/api/v1/api-keys', supervisor);
        expect(listed.status).toBe(200);
        const entry = listed.body.apiKeys.find((k: any) => k.id === id);
        expect(entry).toEqual({
          id,
          name: 'WhatsApp bridge',
          channel: 'whatsapp',
          prefix,
          createdBy: expect.any(String),
          createdAt: created.body.createdAt,
          lastUsedAt: null,
          revokedAt: null,
        });
        expect(JSON.stringify(listed.body)).not.toContain(secret);
        // At rest only the hash.
        const rows = await sqlStore().db.selectFrom('api_keys').selectAll().where('id', '=', id).execute();
        expect(rows).toHaveLength(1);
        expect(JSON.stringify(rows)).not.toContain(secret);

        expect((await post('whatsapp', { externalUserId: 'lifecycle', text: 'hello' }, secret)).status).toBe(201);
        const used = (await req('GET', '/api/v1/api-keys', admin)).body.apiKeys.find((k: any) => k.id === id);
        expect(used.lastUsedAt).toEqual(expect.any(String));

        const revoked = await req('DELETE', `/api/v1/api-keys/${id}`, supervisor);
        expect(revoked.status).toBe(200);
        expect(revoked.body.apiKey).toMatchObject({ id, revokedAt: expect.any(String) });
        const refused = await post('whatsapp', { externalUserId: 'lifecycle', text: 'hello again' }, secret);
        expect(refused).toMatchObject({ status: 401, body: { error: { code: 'invalid_api_key' } } });
        expect((await read('whatsapp', 'lifecycle', secret)).status).toBe(401);
        // Revoking again changes nothing; an unknown key is a 404.
        const again = await req('DELETE', `/api/v1/api-keys/${id}`, admin);
        expect(again.body.apiKey.revokedAt).toBe(revoked.body.apiKey.revokedAt);
        expect((await req('DELETE', '/api/v1/api-keys/no-such-key', admin)).body.error.code).toBe('unknown_api_key');
        const afterwards = (await req('GET', '/api/v1/api-keys', supervisor)).body.apiKeys.find((k: any) => k.id === id);
        expect(afterwards.revokedAt).toBe(revoked.body.apiKey.revokedAt);
      });

      it('are managed by admins and supervisors only', async () => {
        expect((await req('POST', '/api/v1/api-keys', admin, { name: 'by the admin' })).status).toBe(201);
        const { key: bridgeKey } = await createKey({ name: 'not for managing keys' });
        const customer = await api.conversation();
        for (const [method, path, body] of [
          ['POST', '/api/v1/api-keys', { name: 'x' }],
          ['GET', '/api/v1/api-keys', undefined],
          ['DELETE', '/api/v1/api-keys/some-id', undefined],
        ] as const) {
          expect(await req(method, path, gus, body)).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
          expect(await req(method, path, customer.token, body)).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
          expect(await req(method, path, undefined, body)).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
          expect(await req(method, path, bridgeKey, body)).toMatchObject({ status: 401, body: { error: { code: 'api_key_not_accepted' } } });
        }
        // Nor does a bridge key open the customer and agent routes.
        expect((await req('GET', `/api/v1/conversations/${customer.id}`, bridgeKey)).body.error.code).toBe('api_key_not_accepted');
      });

      it('rejects bad key input', async () => {
        for (const body of [{}, { name: '' }, { name: '   ' }, { name: 'x'.repeat(101) }, { name: 'ok', channel: 'WhatsApp' }, { name: 'ok', channel: '1chat' }, { name: 'ok', channel: 'a'.repeat(51) }]) {
          expect(await req('POST', '/api/v1/api-keys', supervisor, body)).toMatchObject({ status: 400, body: { error: { code: 'invalid_request' } } });
        }
      });
    });

    describe('messages from a channel', () => {
      it('starts a conversation on a user\'s first message and keeps it for the next ones', async () => {
        const first = await post('whatsapp', {
          externalUserId: '+4915112345678',
          text: 'What payment methods do you accept?',
          customer: { name: 'Mia', email: 'mia@example.com', attributes: { plan: 'pro' } },
        });
        expect(first.status).toBe(201);
        expect(first.body).toMatchObject({
          conversationId: expect.any(String),
          channel: 'whatsapp',
          externalUserId: '+4915112345678',
          conversationStarted: true,
          message: { seq: 2, role: 'customer', text: 'What payment methods do you accept?' },
          state: { owner: 'ai' },
        });
        expect(first.body.replies).toHaveLength(1);
        expect(first.body.replies[0]).toMatchObject({ role: 'ai', replyTo: 2 });
        expect(first.body.replies[0].text).toMatch(/PayPal/);

        const second = await post('whatsapp', { externalUserId: '+4915112345678', text: 'how long does delivery take?' });
        expect(second.status).toBe(201);
        expect(second.body).toMatchObject({ conversationId: first.body.conversationId, conversationStarted: false, message: { seq: 4 } });

        // Agents see the channel and the customer, whose externalId is `<channel>:<externalUserId>`.
        const seen = await api.get(`/api/v1/conversations/${first.body.conversationId}`, supervisor);
        expect(seen.body).toMatchObject({
          channel: 'whatsapp',
          customer: { externalId: 'whatsapp:+4915112345678', name: 'Mia', email: 'mia@example.com', attributes: { plan: 'pro' } },
        });
        expect(await conversationsOf('whatsapp:+4915112345678')).toEqual([first.body.conversationId]);

        const state = await read('whatsapp', '+4915112345678');
        expect(state.status).toBe(200);
        expect(state.body).toMatchObject({ conversationId: first.body.conversationId, channel: 'whatsapp', externalUserId: '+4915112345678', state: { owner: 'ai' } });
        expect(state.body.messages.map((m: any) => m.role)).toEqual(['customer', 'ai', 'customer', 'ai']);
        expect((await http(baton.url, 'GET', `/api/v1/channels/whatsapp/conversations/%2B4915112345678?after=3`, { token: key })).body.messages.map((m: any) => m.seq)).toEqual([4, 5]);
      });

      it('gives different users, and the same user id on different channels, conversations of their own', async () => {
        const [a, b, c] = await Promise.all([
          post('slack', { externalUserId: 'U111', text: 'hello' }),
          post('slack', { externalUserId: 'U222', text: 'hello' }),
          post('email', { externalUserId: 'U111', text: 'hello' }),
        ]);
        expect([a.status, b.status, c.status]).toEqual([201, 201, 201]);
        expect(new Set([a.body.conversationId, b.body.conversationId, c.body.conversationId]).size).toBe(3);
        expect((await read('slack', 'U111')).body.conversationId).toBe(a.body.conversationId);
        expect((await read('email', 'U111')).body.conversationId).toBe(c.body.conversationId);
        expect((await read('slack', 'U333')).body.error.code).toBe('no_conversation');
      });

      it('stores a message resent with the same clientMessageId once, also the first one', async () => {
        const body = { externalUserId: 'resender', text: 'What payment methods do you accept?', clientMessageId: 'wamid.1' };
        const first = await post('whatsapp', body);
        const again = await post('whatsapp', body);
        expect(again.status).toBe(201);
        expect(again.headers.get('idempotent-replayed')).toBe('true');
        expect(again.body.conversationId).toBe(first.body.conversationId);
        expect(again.body.message).toEqual(first.body.message);
        expect(again.body.replies).toEqual(first.body.replies);
        expect((await read('whatsapp', 'resender')).body.messages).toHaveLength(2);
      });

      it('keeps a key bound to a channel to that channel', async () => {
        const bound = await createKey({ name: 'Slack only', channel: 'slack' });
        expect(bound.channel).toBe('slack');
        expect((await post('slack', { externalUserId: 'U900', text: 'hi' }, bound.key)).status).toBe(201);
        expect(await post('whatsapp', { externalUserId: 'U900', text: 'hi' }, bound.key)).toMatchObject({
          status: 403,
          body: { error: { code: 'channel_not_allowed' } },
        });
        expect((await read('whatsapp', 'U900', bound.key)).status).toBe(403);
        expect((await req('POST', '/api/v1/channels/whatsapp/handover', bound.key, { externalUserId: 'U900' })).status).toBe(403);
        expect(await conversationsOf('whatsapp:U900')).toEqual([]);
      });

      it('ends ten first messages at once from one user in one conversation with all ten messages', async () => {
        const texts = Array.from({ length: 10 }, (_, i) => `hello number ${i}`);
        const replies = await Promise.all(texts.map((text, i) => post('whatsapp', { externalUserId: 'racer', text, clientMessageId: `race-${i}` })));
        expect(replies.map((r) => r.status)).toEqual(texts.map(() => 201));
        const ids = new Set(replies.map((r) => r.body.conversationId));
        expect(ids.size).toBe(1);
        expect(replies.filter((r) => r.body.conversationStarted)).toHaveLength(1);
        expect(await conversationsOf('whatsapp:racer')).toEqual([...ids]);
        const messages = (await read('whatsapp', 'racer')).body.messages.filter((m: any) => m.role === 'customer');
        expect(messages.map((m: any) => m.text).sort()).toEqual([...texts].sort());
      });

      it('ends first messages at once on two nodes in one conversation too', async () => {
        // Two resolvers over one database, as two nodes have: neither knows what the other is starting.
        const { service, store: baseStore } = baton.running;
        const nodes = [0, 1].map(
          () => new ChannelConversations({ channels: new ChannelStore(sqlStore().db, { now: () => new Date() }), service, store: baseStore, clock: { now: () => new Date() } }),
        );
        const found = await Promise.all(Array.from({ length: 10 }, (_, i) => nodes[i % 2]!.conversationFor('telegram', 'two-nodes', { name: 'Tom' })));
        const ids = new Set(found.map((f) => f.conversationId));
        expect(ids.size).toBe(1);
        expect(found.filter((f) => f.started)).toHaveLength(1);
        expect(await conversationsOf('telegram:two-nodes')).toEqual([...ids]);
      });

      it('takes over a claim whose node died before starting the conversation', async () => {
        const channels = new ChannelStore(sqlStore().db, { now: () => new Date(Date.now() - 60_000) });
        expect(await channels.claimIdentity('telegram', 'orphaned', randomUUID())).toBe(true);
        const reply = await post('telegram', { externalUserId: 'orphaned', text: 'hello?' });
        expect(reply).toMatchObject({ status: 201, body: { conversationStarted: true } });
        expect(await conversationsOf('telegram:orphaned')).toEqual([reply.body.conversationId]);
      });

      it('writes the next message into the same conversation after it was resolved, reopening it', async () => {
        const first = await post('email', { externalUserId: 'lee@example.com', text: 'hello' });
        const id = first.body.conversationId;
        expect((await api.post(`/api/v1/conversations/${id}/claim`, undefined, supervisor)).status).toBe(200);
        expect((await api.post(`/api/v1/conversations/${id}/messages`, { text: 'Hi Lee, Sofia here.' }, supervisor)).status).toBe(201);
        expect((await api.post(`/api/v1/conversations/${id}/resolve`, {}, supervisor)).status).toBe(200);
        expect((await read('email', 'lee@example.com')).body.state.owner).toBe('closed');
        const later = await post('email', { externalUserId: 'lee@example.com', text: 'What payment methods do you accept?' });
        expect(later.body).toMatchObject({ conversationId: id, conversationStarted: false, state: { owner: 'ai' } });
        const messages = (await read('email', 'lee@example.com')).body.messages;
        expect(messages.find((m: any) => m.role === 'agent')).toMatchObject({ text: 'Hi Lee, Sofia here.' });
      });

      it('hands over to a person from the bridge\'s button', async () => {
        const first = await post('slack', { externalUserId: 'U-handover', text: 'What payment methods do you accept?' });
        const handover = await req('POST', '/api/v1/channels/slack/handover', key, { externalUserId: 'U-handover' });
        expect(handover.status).toBe(200);
        expect(handover.body).toMatchObject({
          conversationId: first.body.conversationId,
          state: { owner: 'queue', team: expect.any(String), handover: { reasons: ['human_requested'] } },
        });
        expect(handover.body.replies).toHaveLength(1);
        expect(handover.body.replies[0]).toMatchObject({ role: 'system' });
        const queued = await api.get('/api/v1/conversations?owner=queue', supervisor);
        expect(queued.body.conversations.map((c: any) => c.id)).toContain(first.body.conversationId);
        // Pressed again: nothing new.
        expect((await req('POST', '/api/v1/channels/slack/handover', key, { externalUserId: 'U-handover' })).body.replies).toEqual([]);
        expect(await req('POST', '/api/v1/channels/slack/handover', key, { externalUserId: 'U-nobody' })).toMatchObject({
          status: 404,
          body: { error: { code: 'no_conversation' } },
        });
      });
    });

    describe('refusals', () => {
      it('wants a live channel API key, with a code saying what is wrong', async () => {
        const customer = await api.conversation();
        const body = { externalUserId: 'refused', text: 'hello' };
        expect(await post('whatsapp', body, '')).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
        expect(await post('whatsapp', body, customer.token)).toMatchObject({ status: 401, body: { error: { code: 'api_key_required' } } });
        expect(await post('whatsapp', body, gus)).toMatchObject({ status: 401, body: { error: { code: 'api_key_required' } } });
        expect(await post('whatsapp', body, 'bk_not-a-key')).toMatchObject({ status: 401, body: { error: { code: 'invalid_api_key' } } });
        expect(await post('whatsapp', body, 'something-else')).toMatchObject({ status: 401, body: { error: { code: 'invalid_api_key' } } });
        expect((await read('whatsapp', 'refused', gus)).body.error.code).toBe('api_key_required');
        expect(await conversationsOf('whatsapp:refused')).toEqual([]);
      });

      const cases: [string, string, unknown, string][] = [
        ['an upper-case channel', 'WhatsApp', { externalUserId: 'v', text: 'hi' }, 'invalid_request'],
        ['a channel starting with a digit', '9chat', { externalUserId: 'v', text: 'hi' }, 'invalid_request'],
        ['a channel too long', 'a'.repeat(51), { externalUserId: 'v', text: 'hi' }, 'invalid_request'],
        ['no externalUserId', 'whatsapp', { text: 'hi' }, 'invalid_request'],
        ['an empty externalUserId', 'whatsapp', { externalUserId: '', text: 'hi' }, 'invalid_request'],
        ['an externalUserId too long', 'whatsapp', { externalUserId: 'v'.repeat(201), text: 'hi' }, 'invalid_request'],
        ['no text', 'whatsapp', { externalUserId: 'v' }, 'invalid_request'],
        ['a blank text', 'whatsapp', { externalUserId: 'v', text: '  ' }, 'empty_text'],
        ['a text too long', 'whatsapp', { externalUserId: 'v', text: 'x'.repeat(9000) }, 'text_too_long'],
        ['a bad email', 'whatsapp', { externalUserId: 'v', text: 'hi', customer: { email: 'not-an-email' } }, 'invalid_request'],
        ['an empty clientMessageId', 'whatsapp', { externalUserId: 'v', text: 'hi', clientMessageId: '' }, 'invalid_request'],
        ['malformed JSON', 'whatsapp', '{"externalUserId": ', 'invalid_json'],
      ];
      for (const [what, channel, body, code] of cases) {
        it(`answers ${what} with 400 ${code} and starts nothing`, async () => {
          const reply = await post(channel, body as Record<string, unknown>);
          expect(reply.status).toBe(400);
          expect(reply.body).toEqual({ error: { code, message: expect.any(String) } });
          expect(await conversationsOf('whatsapp:v')).toEqual([]);
        });
      }

      it('checks the handover and read routes\' input too', async () => {
        expect((await req('POST', '/api/v1/channels/slack/handover', key, {})).body.error.code).toBe('invalid_request');
        expect((await req('POST', '/api/v1/channels/Slack/handover', key, { externalUserId: 'x' })).body.error.code).toBe('invalid_request');
        expect((await read('Slack', 'x')).status).toBe(400);
        expect((await http(baton.url, 'GET', '/api/v1/channels/slack/conversations/U111?limit=0', { token: key })).status).toBe(400);
      });
    });
  });
}

channelSuite('sqlite');

const postgres = serviceGate('PostgreSQL', await postgresReachable());
describe.runIf(postgres)('PostgreSQL', () => channelSuite('postgres'));
