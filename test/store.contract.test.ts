import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../src/clock.ts';
import * as commands from '../src/domain/commands.ts';
import { foldConversation, type ConversationState } from '../src/domain/conversation-state.ts';
import { DomainError } from '../src/domain/errors.ts';
import { newEvent, type Actor } from '../src/domain/events.ts';
import { openStore } from '../src/store/sql/open-store.ts';
import type { Store } from '../src/store/store.ts';
import { createTestDatabase, postgresReachable, serviceGate } from './support/services.ts';

const customer: Actor = { kind: 'customer', name: 'Dana' };
const agent: commands.AgentRef = { id: 'agent-1', name: 'Gus', role: 'agent', teams: ['general'] };
const say = (text: string, clientMessageId?: string) => (s: ConversationState) =>
  commands.customerMessage(s, text, clientMessageId);

async function newConversation(store: Store, tokenHash: string = randomUUID()) {
  const result = await store.createConversation({ id: randomUUID(), customerTokenHash: tokenHash, customer: { name: 'Dana', email: 'dana@example.com' }, channel: 'web' });
  return result.state.id;
}

function storeContract(label: string, open: () => Promise<{ store: Store; reopen: () => Promise<Store>; cleanup: () => Promise<void> }>) {
  describe(`store contract: ${label}`, () => {
    let store: Store;
    let reopen: () => Promise<Store>;
    let cleanup: () => Promise<void>;

    beforeAll(async () => {
      ({ store, reopen, cleanup } = await open());
      await store.migrate();
    });
    afterAll(async () => {
      await store?.close();
      await cleanup?.();
    });

    it('creates a conversation with its started event and the customer', async () => {
      const id = await newConversation(store);
      const state = await store.getState(id);
      expect(state).toMatchObject({ id, owner: 'ai', lastSeq: 1, channel: 'web', customer: { name: 'Dana', email: 'dana@example.com' } });
      const events = await store.readEvents(id);
      expect(events.map((e) => [e.seq, e.type])).toEqual([[1, 'conversation.started']]);
      expect(state!.customer.id).toBeTruthy();
    });

    it('appends with gapless seqs, and the kept state equals the fold of the events', async () => {
      const id = await newConversation(store);
      await store.append(id, say('hello'));
      await store.append(id, (s) => commands.requestHandover(s, { trigger: 'button', reasons: [{ code: 'human_requested', score: 1, evidence: ['x'] }], topics: [], priority: 'normal', team: 'general', rules: [], notice: 'queued' }));
      await store.append(id, (s) => commands.agentMessage(s, agent, 'Hi, Gus here'));
      const events = await store.readEvents(id);
      expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      const kept = await store.getState(id);
      expect(kept).toEqual(foldConversation(id, events));
      // Events written together keep their order in the global position too.
      const positions = events.map((e) => e.position);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      expect(new Set(positions).size).toBe(positions.length);
      expect(kept).toMatchObject({ owner: 'human', agentId: 'agent-1', team: 'general' });
    });

    it('stores a clientMessageId once: the resend returns the first message and writes nothing', async () => {
      const id = await newConversation(store);
      const first = await store.append(id, say('where is my order?', 'c-1'), { clientMessageId: 'c-1' });
      const again = await store.append(id, say('where is my order?', 'c-1'), { clientMessageId: 'c-1' });
      expect(again.events).toEqual([]);
      expect(again.duplicateOf).toEqual(first.events[0]);
      expect((await store.readEvents(id)).length).toBe(2);
    });

    it('returns the events of an append as they are stored, positions included', async () => {
      const id = await newConversation(store);
      const results = await Promise.all([
        store.append(id, () => [1, 2, 3].map((n) => newEvent('note.added', { kind: 'system' }, { text: `note ${n}` }))),
        store.append(id, say('hello')),
      ]);
      const stored = await store.readEvents(id, 1);
      expect(results.flatMap((r) => r.events)).toEqual(stored);
    });

    it('reads the state again when another store on the same database wrote to the conversation', async () => {
      const id = await newConversation(store);
      const other = await reopen();
      try {
        await store.append(id, say('one'));
        await other.append(id, (s) => commands.requestHandover(s, { trigger: 'button', reasons: [], topics: [], priority: 'normal', team: 'billing', rules: [], notice: 'q' }));
        const sent = await other.append(id, say('two', 'c-2'), { clientMessageId: 'c-2' });
        const resent = await store.append(id, say('two', 'c-2'), { clientMessageId: 'c-2' });
        expect(resent.duplicateOf).toEqual(sent.events[0]);
        expect(resent.state).toEqual(sent.state);
        const last = await store.append(id, say('three'));
        const events = await store.readEvents(id);
        expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
        expect(last.state).toEqual(foldConversation(id, events));
        expect(last.state).toMatchObject({ owner: 'queue', team: 'billing' });
        expect(await store.listConversations({ owners: ['queue'], teams: ['billing'] })).toContainEqual(last.state);
      } finally {
        await other.close();
      }
    });

    it('keeps seqs gapless and unique under concurrent appends', async () => {
      const id = await newConversation(store);
      await Promise.all(Array.from({ length: 25 }, (_, i) => store.append(id, say(`message ${i}`))));
      const seqs = (await store.readEvents(id)).map((e) => e.seq);
      expect(seqs).toEqual(Array.from({ length: 26 }, (_, i) => i + 1));
    });

    it('stores one message when the same clientMessageId races with itself', async () => {
      const id = await newConversation(store);
      const results = await Promise.all(
        Array.from({ length: 8 }, () => store.append(id, say('once', 'race-1'), { clientMessageId: 'race-1' })),
      );
      expect(results.filter((r) => r.events.length === 1)).toHaveLength(1);
      expect((await store.readEvents(id)).filter((e) => e.type === 'message.created')).toHaveLength(1);
    });

    it('writes nothing when the decision refuses', async () => {
      const id = await newConversation(store);
      await store.append(id, (s) => commands.resolve(s, agent));
      await expect(store.append(id, (s) => commands.agentMessage(s, agent, 'too late'))).rejects.toMatchObject({
        code: 'conversation_closed',
      });
      expect((await store.readEvents(id)).map((e) => e.type)).toEqual(['conversation.started', 'conversation.resolved']);
      expect((await store.getState(id))!.lastSeq).toBe(2);
    });

    it('refuses appends to an unknown conversation with not_found', async () => {
      const error = await store.append(randomUUID(), say('hi')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ status: 404, code: 'not_found' });
      expect(await store.getState(randomUUID())).toBeUndefined();
    });

    it('orders events across conversations by a global position', async () => {
      const start = (await store.readEventsAfterPosition(0, 100_000)).at(-1)?.position ?? 0;
      const a = await newConversation(store);
      const b = await newConversation(store);
      await store.append(a, say('a1'));
      await store.append(b, say('b1'));
      const after = await store.readEventsAfterPosition(start, 100);
      expect(after.map((e) => [e.conversationId, e.type])).toEqual([
        [a, 'conversation.started'],
        [b, 'conversation.started'],
        [a, 'message.created'],
        [b, 'message.created'],
      ]);
      const positions = after.map((e) => e.position);
      expect([...positions].sort((x, y) => x - y)).toEqual(positions);
    });

    it('finds a conversation by its token hash only', async () => {
      const hash: string = `hash-${randomUUID()}`;
      const id = await newConversation(store, hash);
      expect(await store.conversationIdForToken(hash)).toBe(id);
      expect(await store.conversationIdForToken('other')).toBeUndefined();
    });

    it('lists conversations by owner and team', async () => {
      const queued = await newConversation(store);
      await store.append(queued, (s) => commands.requestHandover(s, { trigger: 'button', reasons: [], topics: [], priority: 'high', team: 'billing', rules: [], notice: 'q' }));
      const inBilling = await store.listConversations({ owners: ['queue'], teams: ['billing'] });
      expect(inBilling.map((s) => s.id)).toContain(queued);
      const inSales = await store.listConversations({ owners: ['queue'], teams: ['sales'] });
      expect(inSales.map((s) => s.id)).not.toContain(queued);
    });

    it('lists conversations whose latest customer message is unanswered', async () => {
      const pending = await newConversation(store);
      await store.append(pending, say('hello?'));
      const answered = await newConversation(store);
      const asked = await store.append(answered, say('hello'));
      await store.append(answered, (s) => commands.aiReply(s, { text: 'Hi!', replyTo: asked.events[0]!.seq }));
      const ids = (await store.listPendingTurns()).map((s) => s.id);
      expect(ids).toContain(pending);
      expect(ids).not.toContain(answered);
    });

    it('keeps agents, presence and sessions, and expires sessions', async () => {
      const id = randomUUID();
      await store.createAgent({ id, email: `Agent-${id}@Demo.Local`, name: 'Ana', role: 'agent', teams: ['billing'], passwordHash: 'x' });
      const found = await store.findAgentByEmail(`agent-${id}@demo.local`);
      expect(found).toMatchObject({ id, name: 'Ana', teams: ['billing'], presence: 'offline' });
      await store.setPresence(id, 'online');
      expect((await store.getAgent(id))!.presence).toBe('online');
      await store.createSession(`s-${id}`, id, '2999-01-01T00:00:00.000Z');
      await store.createSession(`old-${id}`, id, '2000-01-01T00:00:00.000Z');
      const now = new Date().toISOString();
      expect((await store.agentForSession(`s-${id}`, now))?.id).toBe(id);
      expect(await store.agentForSession(`old-${id}`, now)).toBeUndefined();
    });

    it('creates an agent only once per email when asked to skip taken emails', async () => {
      const email = `seed-${randomUUID()}@demo.local`;
      const agent = { email, name: 'Seed', role: 'agent' as const, teams: ['general'], passwordHash: 'x' };
      const created = await Promise.all([1, 2, 3].map(() => store.createAgentUnlessEmailTaken({ id: randomUUID(), ...agent })));
      expect(created.filter(Boolean)).toHaveLength(1);
      await expect(store.createAgent({ id: randomUUID(), ...agent })).rejects.toThrow();
    });

    it("keeps agents' routing attributes, with defaults when left out", async () => {
      const plain = randomUUID();
      const created = await store.createAgent({ id: plain, email: `plain-${plain}@demo.local`, name: 'Pia', role: 'agent', teams: ['general'], passwordHash: 'x' });
      expect(created).toMatchObject({ skills: [], languages: [], capacity: 3, presenceChangedAt: null });
      expect(await store.getAgent(plain)).toEqual(created);

      const skilled = randomUUID();
      const agent = { id: skilled, email: `skilled-${skilled}@demo.local`, name: 'Sven', role: 'supervisor' as const, teams: ['billing', 'sales'], passwordHash: 'x' };
      expect(await store.createAgentUnlessEmailTaken({ ...agent, skills: ['billing', 'refund'], languages: ['en', 'de'], capacity: 5 })).toBe(true);
      const stored = await store.findAgentByEmail(agent.email);
      expect(stored).toMatchObject({ ...agent, skills: ['billing', 'refund'], languages: ['en', 'de'], capacity: 5, presence: 'offline', presenceChangedAt: null });
      expect((await store.listAgents()).find((a) => a.id === skilled)).toEqual(stored);
    });

    it("changes only the routing attributes given, and tells when there is no such agent", async () => {
      const id = randomUUID();
      await store.createAgent({ id, email: `routing-${id}@demo.local`, name: 'Rut', role: 'agent', teams: ['general'], passwordHash: 'x', skills: ['technical'], languages: ['en'] });
      const updated = await store.updateAgentRouting(id, { skills: ['technical', 'billing'], capacity: 4 });
      expect(updated).toMatchObject({ id, skills: ['technical', 'billing'], capacity: 4, languages: ['en'], teams: ['general'] });
      const moved = await store.updateAgentRouting(id, { teams: ['billing', 'general'], languages: ['de'] });
      expect(moved).toMatchObject({ skills: ['technical', 'billing'], capacity: 4, languages: ['de'], teams: ['billing', 'general'] });
      expect(await store.getAgent(id)).toEqual(moved);
      expect(await store.updateAgentRouting(id, {})).toEqual(moved);
      expect(await store.updateAgentRouting(randomUUID(), { capacity: 1 })).toBeUndefined();
    });

    it('notes when presence changes, and only when it does', async () => {
      const id = randomUUID();
      await store.createAgent({ id, email: `presence-${id}@demo.local`, name: 'Pat', role: 'agent', teams: ['general'], passwordHash: 'x' });
      const before = new Date().toISOString();
      await store.setPresence(id, 'online');
      const online = (await store.getAgent(id))!.presenceChangedAt!;
      expect(online >= before && online <= new Date().toISOString()).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 5));
      await store.setPresence(id, 'online');
      expect((await store.getAgent(id))!.presenceChangedAt).toBe(online);
      await store.setPresence(id, 'away');
      const away = await store.getAgent(id);
      expect(away).toMatchObject({ presence: 'away' });
      expect(away!.presenceChangedAt! > online).toBe(true);
    });

    it("keeps teams' skills and languages, and keeps them when an upsert leaves them out", async () => {
      const id = `team-${randomUUID()}`;
      await store.upsertTeam({ id, name: 'Plain' });
      expect((await store.listTeams()).find((t) => t.id === id)).toEqual({ id, name: 'Plain', skills: [], languages: [] });
      await store.upsertTeam({ id, name: 'Refunds', skills: ['billing', 'refund'], languages: ['en', 'de'] });
      expect((await store.listTeams()).find((t) => t.id === id)).toEqual({ id, name: 'Refunds', skills: ['billing', 'refund'], languages: ['en', 'de'] });
      await store.upsertTeam({ id, name: 'Refunds and returns' });
      expect((await store.listTeams()).find((t) => t.id === id)).toEqual({ id, name: 'Refunds and returns', skills: ['billing', 'refund'], languages: ['en', 'de'] });
      await store.upsertTeam({ id, name: 'Refunds and returns', languages: [] });
      expect((await store.listTeams()).find((t) => t.id === id)).toMatchObject({ skills: ['billing', 'refund'], languages: [] });
    });

    it('reads the latest events of the given types across conversations, newest first', async () => {
      const system: Actor = { kind: 'system' };
      const a = await newConversation(store);
      const b = await newConversation(store);
      await store.append(a, say('first'));
      await store.append(b, () => [newEvent('note.added', system, { text: 'n1' }), newEvent('note.added', system, { text: 'n2' })]);
      await store.append(a, say('second'));
      const latest = await store.readLatestEvents(['note.added', 'message.created'], 3);
      expect(latest.map((e) => [e.conversationId, e.type, (e.data as { text: string }).text])).toEqual([
        [a, 'message.created', 'second'],
        [b, 'note.added', 'n2'],
        [b, 'note.added', 'n1'],
      ]);
      expect(latest.map((e) => e.position)).toEqual([...latest.map((e) => e.position)].sort((x, y) => y - x));
      expect((await store.readLatestEvents(['note.added'], 1)).map((e) => e.data)).toEqual([{ text: 'n2' }]);
      expect(await store.readLatestEvents([], 5)).toEqual([]);
      expect(await store.readLatestEvents(['no.such.type'], 5)).toEqual([]);
    });

    it('migrates again without harm and keeps every event across a reopen', async () => {
      const id = await newConversation(store);
      await store.append(id, say('still here after reopening'));
      const again = await reopen();
      try {
        await again.migrate();
        expect((await again.readEvents(id)).map((e) => e.type)).toEqual(['conversation.started', 'message.created']);
        expect(await again.countArticles()).toBe(await store.countArticles());
      } finally {
        await again.close();
      }
    });

    describe('articles', () => {
      const article = (id: string, title = 'Delivery times', tags = ['shipping time', 'arrivée ✓']) => ({
        id,
        title,
        body: 'Most orders arrive in **2–4 days**.\n\n- "quoted" \\ text',
        tags,
      });
      const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

      it('creates, updates and leaves alone an unchanged article, keeping title, body and tags exactly', async () => {
        const id = `a-${randomUUID()}`;
        const before = await store.countArticles();
        const created = await store.upsertArticle(article(id));
        expect(created).toMatchObject({ write: 'created', article: { ...article(id), updatedAt: expect.any(String) } });
        expect(await store.getArticle(id)).toEqual(created.article);
        expect(await store.countArticles()).toBe(before + 1);

        await pause();
        const again = await store.upsertArticle(article(id));
        expect(again).toEqual({ write: 'unchanged', article: created.article });

        const updated = await store.upsertArticle(article(id, 'Delivery times and costs', []));
        expect(updated.write).toBe('updated');
        expect(updated.article.updatedAt! > created.article.updatedAt!).toBe(true);
        expect(await store.getArticle(id)).toEqual({ ...article(id, 'Delivery times and costs', []), updatedAt: updated.article.updatedAt });
        expect(await store.countArticles()).toBe(before + 1);
        expect(await store.getArticle(`missing-${randomUUID()}`)).toBeUndefined();
      });

      it('creates an article only once per id when asked not to replace', async () => {
        const id = `a-${randomUUID()}`;
        const attempts = await Promise.all([1, 2, 3].map((n) => store.createArticle(article(id, `Try ${n}`))));
        expect(attempts.filter(Boolean)).toHaveLength(1);
        expect(await store.createArticle(article(id, 'Later'))).toBeUndefined();
        expect((await store.getArticle(id))!.title).toBe(attempts.find(Boolean)!.title);
      });

      it('survives concurrent upserts of a new id', async () => {
        const id = `a-${randomUUID()}`;
        const writes = await Promise.all([1, 2, 3, 4].map((n) => store.upsertArticle(article(id, `Version ${n}`))));
        expect(writes.filter((w) => w.write === 'created')).toHaveLength(1);
        expect((await store.getArticle(id))!.title).toMatch(/^Version [1-4]$/);
      });

      it('lists all articles by id, or those written since a time', async () => {
        const old = `a-${randomUUID()}`;
        await store.upsertArticle(article(old));
        await pause();
        const since = new Date().toISOString();
        await pause();
        const fresh = `b-${randomUUID()}`;
        await store.upsertArticle(article(fresh));
        const all = await store.listArticles();
        expect(all.map((a) => a.id)).toEqual(expect.arrayContaining([old, fresh]));
        expect(all.map((a) => a.id)).toEqual([...all.map((a) => a.id)].sort());
        const recent = (await store.listArticles({ updatedSince: since })).map((a) => a.id);
        expect(recent).toContain(fresh);
        expect(recent).not.toContain(old);
      });
    });

    it('keeps the note and event payloads exactly', async () => {
      const id = await newConversation(store);
      const text = 'Ünïcödé ✓ "quotes" \\ and\nnew lines';
      await store.append(id, () => [newEvent('note.added', { kind: 'agent', id: 'a', name: 'A' }, { text })]);
      const [, note] = await store.readEvents(id);
      expect(note).toMatchObject({ type: 'note.added', data: { text }, actor: { kind: 'agent', id: 'a', name: 'A' } });
    });
  });
}

storeContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'baton-store-'));
  return {
    store: openStore({ dataDir: dir }, systemClock),
    reopen: async () => openStore({ dataDir: dir }, systemClock),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

const postgres = serviceGate('PostgreSQL', await postgresReachable());
describe.runIf(postgres)('PostgreSQL', () => {
  storeContract('PostgreSQL', async () => {
    const db = await createTestDatabase();
    return {
      store: openStore({ databaseUrl: db.url, dataDir: '' }, systemClock),
      reopen: async () => openStore({ databaseUrl: db.url, dataDir: '' }, systemClock),
      cleanup: db.drop,
    };
  });
});
