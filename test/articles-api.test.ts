import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../src/clock.ts';
import { LiveKnowledgeBase } from '../src/knowledge/live-knowledge-base.ts';
import { GROUNDED_CONFIDENCE } from '../src/knowledge/minisearch-knowledge.ts';
import { seedDemoArticles } from '../src/seed/demo-articles.ts';
import { openStore } from '../src/store/sql/open-store.ts';
import { client, http, startTestBaton, type TestBaton } from './support/baton.ts';
import { postgresReachable, serviceGate } from './support/services.ts';

function articlesSuite(store: 'sqlite' | 'postgres') {
  describe(`articles API on ${store}`, () => {
    let baton: TestBaton;
    let api: ReturnType<typeof client>;
    let agent: string;
    let supervisor: string;
    let customer: string;
    const put = (id: string, body: unknown, token?: string) => http(baton.url, 'PUT', `/api/v1/articles/${id}`, { body, token });
    const ask = async (q: string) => (await api.get(`/api/v1/articles?q=${encodeURIComponent(q)}`, agent)).body.hits[0];

    beforeAll(async () => {
      baton = await startTestBaton(store);
      api = client(baton.url);
      agent = await api.login('billing@demo.local');
      supervisor = await api.login('supervisor@demo.local');
      customer = (await api.conversation()).token;
    });
    afterAll(async () => baton?.stop());

    it('lists the seeded demo help centre to agents, and reads one article', async () => {
      const list = await api.get('/api/v1/articles', agent);
      expect(list.status).toBe(200);
      expect(list.body.articles.length).toBeGreaterThanOrEqual(25);
      expect(list.body.articles.map((a: { id: string }) => a.id)).toContain('payment-methods');
      const one = await api.get('/api/v1/articles/payment-methods', agent);
      expect(one).toMatchObject({ status: 200, body: { article: { id: 'payment-methods', title: expect.any(String), tags: expect.arrayContaining(['paypal']), updatedAt: expect.any(String) } } });
      expect(one.body.article.body).toMatch(/PayPal/);
    });

    it('searches with ?q=, with the confidence the AI sees', async () => {
      const reply = await api.get('/api/v1/articles?q=how%20do%20I%20reset%20my%20pasword&limit=2', agent);
      expect(reply.status).toBe(200);
      expect(reply.body.groundedConfidence).toBe(GROUNDED_CONFIDENCE);
      expect(reply.body.hits).toHaveLength(2);
      expect(reply.body.hits[0]).toMatchObject({ article: { id: 'reset-password' }, grounded: true });
      expect((await ask('blorp the flanges'))?.grounded ?? false).toBe(false);
    });

    it('lets only agents read, and only supervisors and admins write', async () => {
      const body = { title: 'Role check', body: 'text' };
      const cases: [string, () => Promise<{ status: number; body: any }>, number, string][] = [
        ['list without a token', () => api.get('/api/v1/articles'), 401, 'unauthorized'],
        ['read without a token', () => api.get('/api/v1/articles/payment-methods'), 401, 'unauthorized'],
        ['list as a customer', () => api.get('/api/v1/articles', customer), 403, 'forbidden'],
        ['read as a customer', () => api.get('/api/v1/articles/payment-methods', customer), 403, 'forbidden'],
        ['create without a token', () => api.post('/api/v1/articles', body), 401, 'unauthorized'],
        ['create as a customer', () => api.post('/api/v1/articles', body, customer), 403, 'forbidden'],
        ['create as an agent', () => api.post('/api/v1/articles', body, agent), 403, 'forbidden'],
        ['replace as an agent', () => put('payment-methods', body, agent), 403, 'forbidden'],
      ];
      for (const [what, send, status, code] of cases) {
        const reply = await send();
        expect({ what, status: reply.status, code: reply.body?.error?.code }).toEqual({ what, status, code });
      }
      expect((await api.get('/api/v1/articles/role-check', agent)).status).toBe(404);
    });

    it('refuses bad input with a 4xx and writes nothing', async () => {
      const before = (await api.get('/api/v1/articles', agent)).body.articles.length;
      const ok = { title: 'A title', body: 'A body.' };
      const cases: [string, () => Promise<{ status: number; body: any }>, number, string][] = [
        ['no title', () => api.post('/api/v1/articles', { body: 'x' }, supervisor), 400, 'invalid_request'],
        ['a blank title', () => api.post('/api/v1/articles', { title: '  ', body: 'x' }, supervisor), 400, 'invalid_request'],
        ['a title over 200 characters', () => api.post('/api/v1/articles', { ...ok, title: 'x'.repeat(201) }, supervisor), 400, 'invalid_request'],
        ['a blank body', () => api.post('/api/v1/articles', { ...ok, body: ' \n ' }, supervisor), 400, 'invalid_request'],
        ['a body over 32 KB', () => api.post('/api/v1/articles', { ...ok, body: 'x'.repeat(33 * 1024) }, supervisor), 400, 'invalid_request'],
        ['a request over 64 KB', () => api.post('/api/v1/articles', { ...ok, body: 'x'.repeat(70_000) }, supervisor), 413, 'payload_too_large'],
        ['tags that are not a list', () => api.post('/api/v1/articles', { ...ok, tags: 'a, b' }, supervisor), 400, 'invalid_request'],
        ['more than 40 tags', () => api.post('/api/v1/articles', { ...ok, tags: Array.from({ length: 41 }, (_, i) => `t${i}`) }, supervisor), 400, 'invalid_request'],
        ['a tag over 60 characters', () => api.post('/api/v1/articles', { ...ok, tags: ['x'.repeat(61)] }, supervisor), 400, 'invalid_request'],
        ['an id that is not a slug', () => api.post('/api/v1/articles', { ...ok, id: 'Not A Slug' }, supervisor), 400, 'invalid_request'],
        ['a title with nothing to make an id of', () => api.post('/api/v1/articles', { ...ok, title: '???' }, supervisor), 400, 'invalid_request'],
        ['a taken id', () => api.post('/api/v1/articles', { ...ok, id: 'payment-methods' }, supervisor), 409, 'article_exists'],
        ['malformed JSON', () => http(baton.url, 'POST', '/api/v1/articles', { token: supervisor, body: '{"title": ' }), 400, 'invalid_json'],
        ['a JSON array', () => http(baton.url, 'POST', '/api/v1/articles', { token: supervisor, body: '[1]' }), 400, 'invalid_request'],
        ['text/plain', () => http(baton.url, 'POST', '/api/v1/articles', { token: supervisor, body: 'hi', contentType: 'text/plain' }), 415, 'unsupported_media_type'],
        ['a bad id in the path', () => put('Bad%20Id', ok, supervisor), 400, 'invalid_request'],
        ['a PUT without a body', () => http(baton.url, 'PUT', '/api/v1/articles/some-id', { token: supervisor }), 400, 'invalid_request'],
        ['a bad id to read', () => api.get('/api/v1/articles/..%2Fetc', agent), 400, 'invalid_request'],
        ['a bad limit', () => api.get('/api/v1/articles?q=refund&limit=0', agent), 400, 'invalid_request'],
      ];
      for (const [what, send, status, code] of cases) {
        const reply = await send();
        expect({ what, status: reply.status, code: reply.body?.error?.code }).toEqual({ what, status, code });
        expect(typeof reply.body.error.message).toBe('string');
      }
      expect((await api.get('/api/v1/articles', agent)).body.articles.length).toBe(before);
    });

    it('makes a new article searchable at once, with its id from the title', async () => {
      expect((await ask('can I click and collect in Berlin'))?.grounded ?? false).toBe(false);
      const created = await api.post('/api/v1/articles', { title: 'Click & collect in Berlin', body: 'Collect your order at our Berlin store, Mon–Sat.', tags: ['pick up', 'pickup', 'pick up'] }, supervisor);
      expect(created).toMatchObject({ status: 201, body: { article: { id: 'click-collect-in-berlin', tags: ['pick up', 'pickup'], updatedAt: expect.any(String) } } });
      expect(await ask('can I click and collect in Berlin')).toMatchObject({ article: { id: 'click-collect-in-berlin' }, grounded: true });
      expect(baton.running.knowledge.search('pickup in berlin')[0]).toMatchObject({ article: { id: 'click-collect-in-berlin' } });
    });

    it('changes what search returns when an article is edited, and keeps the edit in the store', async () => {
      const question = 'can I pay with bitcoin';
      const before = await ask(question);
      expect(before?.grounded ?? false).toBe(false);
      const current = (await api.get('/api/v1/articles/payment-methods', agent)).body.article;
      const edited = await put('payment-methods', { ...current, body: `${current.body}\n\nWe also accept Bitcoin.`, tags: [...current.tags, 'bitcoin', 'crypto'] }, supervisor);
      expect(edited.status).toBe(200);
      expect(edited.body.article.updatedAt > current.updatedAt).toBe(true);
      const after = await ask(question);
      expect(after).toMatchObject({ article: { id: 'payment-methods' }, grounded: true });
      expect(after.confidence).toBeGreaterThan(GROUNDED_CONFIDENCE);
      // Another node (or the next start) loads the edit from the store.
      const reloaded = await LiveKnowledgeBase.load(baton.running.store);
      expect(reloaded.search(question)[0]).toMatchObject({ article: { id: 'payment-methods', body: expect.stringContaining('Bitcoin') } });
    });

    it('creates an article with PUT (201) and replaces it on the next PUT (200)', async () => {
      const first = await put('store-hours', { title: 'Store hours', body: 'Our Berlin store opens at 10:00.' }, supervisor);
      expect(first).toMatchObject({ status: 201, body: { article: { id: 'store-hours', tags: [] } } });
      const second = await put('store-hours', { title: 'Store opening hours', body: 'Our Berlin store opens at 9:00.', tags: ['opening times'] }, supervisor);
      expect(second).toMatchObject({ status: 200, body: { article: { id: 'store-hours', title: 'Store opening hours' } } });
      expect((await api.get('/api/v1/articles/store-hours', agent)).body.article.body).toBe('Our Berlin store opens at 9:00.');
      expect((await ask('what time does the berlin store open')).article.body).toBe('Our Berlin store opens at 9:00.');
    });

    it('lets another node pick up edits when it refreshes', async () => {
      const otherNode = await LiveKnowledgeBase.load(baton.running.store);
      await put('repair-cafe', { title: 'Repair café', body: 'Bring torn gear to our monthly repair café.', tags: ['mend'] }, supervisor);
      expect(otherNode.search('repair café for torn gear')[0]?.article.id).not.toBe('repair-cafe');
      expect(await otherNode.refresh()).toBe(1);
      expect(otherNode.search('repair café for torn gear')[0]).toMatchObject({ article: { id: 'repair-cafe' } });
      expect(await otherNode.refresh()).toBe(0);
    });
  });
}

describe('seeding the demo help centre', () => {
  it('seeds it once, into a store with no articles, and never over articles a business imported', async () => {
    const dirs = [mkdtempSync(join(tmpdir(), 'baton-seed-')), mkdtempSync(join(tmpdir(), 'baton-seed-'))];
    const [fresh, imported] = dirs.map((dataDir) => openStore({ dataDir }, systemClock));
    try {
      await fresh!.migrate();
      const seeded = await seedDemoArticles(fresh!);
      expect(seeded).toBeGreaterThanOrEqual(25);
      expect(await fresh!.countArticles()).toBe(seeded);
      expect(await seedDemoArticles(fresh!)).toBe(0);

      await imported!.migrate();
      await imported!.upsertArticle({ id: 'our-own', title: 'Our own article', body: 'Text.', tags: [] });
      expect(await seedDemoArticles(imported!)).toBe(0);
      expect((await imported!.listArticles()).map((a) => a.id)).toEqual(['our-own']);
    } finally {
      await fresh!.close();
      await imported!.close();
      dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
    }
  });

  it('is skipped when seedDemo is off', async () => {
    const baton = await startTestBaton('sqlite', { config: { seedDemo: false } });
    try {
      expect(await baton.running.store.countArticles()).toBe(0);
      expect(baton.running.knowledge.size).toBe(0);
    } finally {
      await baton.stop();
    }
  });
});

articlesSuite('sqlite');

const postgres = serviceGate('PostgreSQL', await postgresReachable());
describe.runIf(postgres)('PostgreSQL', () => articlesSuite('postgres'));
