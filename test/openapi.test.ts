import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument, openApiPath } from '../src/server/openapi/document.ts';
import { DOCS_CSP, DOCS_SCRIPT, docsPage } from '../src/server/openapi/docs-page.ts';
import { coreOperations } from '../src/server/openapi/operations.ts';
import { registeredRoutes } from '../src/server/openapi/routes.ts';
import * as S from '../src/server/openapi/schemas.ts';
import { CreateConversationBody, MessageBody } from '../src/server/routes/conversation-routes.ts';
import { TransferBody } from '../src/server/routes/agent-routes.ts';
import { client, http, startTestBaton, type TestBaton } from './support/baton.ts';

type Json = any;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const PACKAGE_VERSION = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;

/** The endpoints of the public contract (../shared/spec/api.md). */
const CONTRACT = [
  ['post', '/api/v1/conversations'],
  ['post', '/api/v1/conversations/{id}/messages'],
  ['post', '/api/v1/conversations/{id}/handover'],
  ['get', '/api/v1/conversations/{id}'],
  ['get', '/api/v1/conversations/{id}/messages'],
  ['get', '/api/v1/conversations/{id}/handover'],
  ['post', '/api/v1/auth/login'],
  ['get', '/api/v1/stream'],
  ['get', '/healthz'],
] as const;

function operationsOf(doc: Json): { method: string; path: string; op: Json }[] {
  return Object.entries(doc.paths).flatMap(([path, item]: [string, Json]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ method, path, op: item[method] })),
  );
}

function requestSchema(doc: Json, method: string, path: string): Json {
  return doc.paths[path][method].requestBody.content['application/json'].schema;
}

/** OpenAPI 3.1's structural rules that tools trip on, checked without the network. Returns what is wrong. */
function structuralProblems(doc: Json): string[] {
  const problems: string[] = [];
  if (!/^3\.1\.\d+$/.test(doc.openapi)) problems.push(`openapi is ${doc.openapi}`);
  if (typeof doc.info?.title !== 'string' || typeof doc.info?.version !== 'string') problems.push('info needs title and version');
  const schemes = Object.keys(doc.components?.securitySchemes ?? {});
  const tags = new Set((doc.tags ?? []).map((t: Json) => t.name));
  const ids = new Set<string>();
  for (const { method, path, op } of operationsOf(doc)) {
    const where = `${method.toUpperCase()} ${path}`;
    if (!path.startsWith('/')) problems.push(`${where}: a path starts with /`);
    if (ids.has(op.operationId)) problems.push(`${where}: operationId ${op.operationId} twice`);
    ids.add(op.operationId);
    for (const name of [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1])) {
      if (!op.parameters?.some((p: Json) => p.in === 'path' && p.name === name && p.required === true)) problems.push(`${where}: path parameter ${name} undeclared`);
    }
    for (const p of op.parameters ?? []) {
      if (!['path', 'query', 'header', 'cookie'].includes(p.in) || typeof p.name !== 'string' || !p.schema) problems.push(`${where}: bad parameter ${JSON.stringify(p)}`);
    }
    const statuses = Object.keys(op.responses ?? {});
    if (!statuses.some((s) => /^(1|2)\d\d$/.test(s))) problems.push(`${where}: no success response`);
    for (const s of statuses) {
      if (!/^[1-5]\d\d$/.test(s)) problems.push(`${where}: response key ${s}`);
      if (typeof op.responses[s].description !== 'string') problems.push(`${where}: response ${s} has no description`);
    }
    for (const requirement of op.security ?? []) {
      for (const name of Object.keys(requirement)) if (!schemes.includes(name)) problems.push(`${where}: unknown security scheme ${name}`);
    }
    for (const tag of op.tags ?? []) if (!tags.has(tag)) problems.push(`${where}: tag ${tag} not listed`);
  }
  // Every reference resolves, and nothing of zod's own ($schema, $defs) is left inside.
  const walk = (node: Json, at: string) => {
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${at}/${i}`));
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref') {
        const target = String(value).replace(/^#\//, '').split('/').reduce((n: Json, part) => n?.[part], doc);
        if (target === undefined) problems.push(`${at}: dangling $ref ${value}`);
      }
      if (key === '$schema' || key === '$defs') problems.push(`${at}: stray ${key}`);
      walk(value, `${at}/${key}`);
    }
  };
  walk(doc, '#');
  return problems;
}

/** Just enough of a DOM to run the docs page's script: no innerHTML at all, so anything shown went in as text. */
class FakeElement {
  children: FakeElement[] = [];
  className = '';
  id = '';
  href = '';
  private text = '';
  constructor(readonly tagName: string) {}
  appendChild(child: FakeElement) {
    this.children.push(child);
    return child;
  }
  set textContent(value: string) {
    this.text = value;
    this.children = [];
  }
  get textContent(): string {
    return this.text + this.children.map((c) => c.textContent).join('');
  }
  set innerHTML(_value: string) {
    throw new Error('the docs page must not set innerHTML');
  }
  all(): FakeElement[] {
    return [this, ...this.children.flatMap((c) => c.all())];
  }
}

function renderDocs(documentJson: string): FakeElement {
  const app = new FakeElement('main');
  const embedded = new FakeElement('script');
  embedded.textContent = documentJson;
  const document = {
    getElementById: (id: string) => ({ app, 'openapi-document': embedded })[id] ?? null,
    createElement: (tag: string) => new FakeElement(tag),
  };
  new Function('document', DOCS_SCRIPT)(document);
  return app;
}

describe('the OpenAPI document', () => {
  const doc: Json = JSON.parse(JSON.stringify(buildOpenApiDocument()));

  it('is OpenAPI 3.1 with info, servers, bearer auth and paths', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: 'Baton', version: PACKAGE_VERSION });
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/' })]);
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(Object.keys(doc.paths).length).toBeGreaterThan(15);
  });

  it('breaks none of the structural rules', () => {
    expect(structuralProblems(doc)).toEqual([]);
  });

  it('lists every endpoint of the public contract', () => {
    for (const [method, path] of CONTRACT) expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
  });

  it('lists what the README adds beyond the contract', () => {
    for (const [method, path] of [
      ['post', '/api/v1/conversations/{id}/follow-up'],
      ['patch', '/api/v1/agents/{id}'],
      ['get', '/api/v1/teams'],
      ['get', '/api/v1/conversations/{id}/events'],
      ['post', '/api/v1/conversations/{id}/claim'],
      ['put', '/api/v1/articles/{id}'],
    ]) {
      expect(doc.paths[path!]?.[method!], `${method} ${path}`).toBeDefined();
    }
  });

  it('says who may call: bearer tokens, none, or the token in the query for the stream', () => {
    expect(doc.paths['/api/v1/conversations/{id}/messages'].post.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.paths['/api/v1/conversations/{id}/messages'].post['x-baton-auth'].tokens).toEqual(['customer', 'agent']);
    expect(doc.paths['/api/v1/conversations'].post.security).toEqual([]);
    expect(doc.paths['/api/v1/conversations/{id}/handover'].get['x-baton-auth'].tokens).toEqual(['agent']);
    const stream = doc.paths['/api/v1/stream'].get;
    expect(stream.security).toEqual([{ queryToken: [] }]);
    expect(stream.description).toMatch(/WebSocket/);
    expect(stream.responses['101']).toBeDefined();
    expect(stream.parameters.find((p: Json) => p.name === 'token')).toMatchObject({ in: 'query', required: true });
  });

  it('takes request bodies from the schemas the routes validate with', () => {
    // The very objects the routes parse with, not copies.
    expect(coreOperations.find((op) => op.operationId === 'postMessage')!.body).toBe(MessageBody);
    expect(coreOperations.find((op) => op.operationId === 'createConversation')!.body).toBe(CreateConversationBody);
    expect(coreOperations.find((op) => op.operationId === 'transferConversation')!.body).toBe(TransferBody);

    const message = doc.paths['/api/v1/conversations/{id}/messages'].post.requestBody;
    expect(message.required).toBe(true);
    expect(message.content['application/json'].schema).toMatchObject({
      type: 'object',
      required: ['text'],
      properties: { text: { type: 'string' }, clientMessageId: { type: 'string', minLength: 1, maxLength: 200 } },
    });
    // A body the route accepts when left out is optional here too.
    expect(doc.paths['/api/v1/conversations'].post.requestBody.required).toBe(false);
    expect(requestSchema(doc, 'post', '/api/v1/conversations').properties.customer.properties.email).toMatchObject({ type: 'string', format: 'email', maxLength: 320 });
    expect(requestSchema(doc, 'post', '/api/v1/auth/login').required).toEqual(['email', 'password']);
    expect(requestSchema(doc, 'post', '/api/v1/agents/me/presence').properties.status.enum).toEqual(['online', 'away', 'offline']);
    expect(requestSchema(doc, 'post', '/api/v1/conversations/{id}/follow-up')).toMatchObject({ required: ['email'], additionalProperties: false });
    expect(requestSchema(doc, 'post', '/api/v1/conversations/{id}/transfer').additionalProperties).toBe(false);
    // Query defaults and coercions: what a client sends.
    const after = doc.paths['/api/v1/conversations/{id}/messages'].get.parameters.find((p: Json) => p.name === 'after');
    expect(after).toMatchObject({ in: 'query', required: false, schema: { type: 'integer', minimum: 0, default: 0 } });
  });

  it('agrees with the validation on sample bodies', () => {
    const message = requestSchema(doc, 'post', '/api/v1/conversations/{id}/messages');
    for (const body of [{ text: 'hi' }, { text: 'hi', clientMessageId: 'c-1' }, {}, { clientMessageId: 'c-1' }, { text: 5 }]) {
      const documented = message.required.every((k: string) => k in body) && Object.entries(body).every(([k, v]) => typeof v === message.properties[k].type);
      expect(MessageBody.safeParse(body).success, JSON.stringify(body)).toBe(documented);
    }
  });

  it('documents the main responses and the error shape', () => {
    const ref = (path: string, method: string, status: string) => doc.paths[path][method].responses[status].content['application/json'].schema;
    expect(ref('/api/v1/conversations', 'post', '201').required).toEqual(['id', 'token', 'state']);
    expect(ref('/api/v1/conversations/{id}', 'get', '200')).toEqual({ $ref: '#/components/schemas/Conversation' });
    expect(ref('/api/v1/conversations/{id}/messages', 'post', '201').required).toEqual(['message', 'replies', 'state']);
    expect(ref('/api/v1/conversations/{id}/messages', 'get', '200').properties.messages.items).toEqual({ $ref: '#/components/schemas/Message' });
    expect(ref('/api/v1/conversations/{id}/handover', 'get', '200')).toEqual({ $ref: '#/components/schemas/HandoverPacket' });
    expect(doc.components.schemas.Error).toMatchObject({ required: ['error'], properties: { error: { required: ['code', 'message'] } } });
    const post = doc.paths['/api/v1/conversations/{id}/messages'].post.responses;
    for (const status of ['400', '401', '403', '404', '409', '413', '415']) {
      expect(post[status].content['application/json'].schema, status).toEqual({ $ref: '#/components/schemas/Error' });
    }
  });

  it('keeps text from the document out of the page\'s markup', () => {
    const hostile = 'x</script><script>alert(1)</script><img src=x onerror=alert(2)>';
    const evil = buildOpenApiDocument({
      operations: [{ method: 'GET', path: '/evil', operationId: 'evil', summary: hostile, description: hostile, tags: [hostile], auth: [], responses: { 200: { description: hostile } } }],
    });
    const page = docsPage(JSON.stringify(evil));
    expect(page).not.toContain('</script><script>alert');
    expect(page).not.toContain('<img');
    const rendered = renderDocs(page.match(/<script type="application\/json" id="openapi-document">([\s\S]*?)<\/script>/)![1]!);
    // The hostile text arrives whole, as text.
    expect(rendered.textContent).toContain(hostile);
    expect(rendered.all().map((e) => e.tagName)).not.toContain('img');
  });
});

describe('GET /openapi.json and /docs', () => {
  let baton: TestBaton;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    baton = await startTestBaton('sqlite');
    api = client(baton.url);
  });
  afterAll(async () => baton?.stop());

  it('serves the document as JSON, the same each time', async () => {
    const first = await http(baton.url, 'GET', '/openapi.json');
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^application\/json/);
    expect(first.body).toMatchObject({ openapi: '3.1.0', info: { title: 'Baton' } });
    expect(structuralProblems(first.body)).toEqual([]);
    const again = await http(baton.url, 'GET', '/openapi.json');
    expect(again.body).toEqual(first.body);
  });

  it('documents every route the app serves, and no route it does not', async () => {
    const doc = (await http(baton.url, 'GET', '/openapi.json')).body;
    const served = registeredRoutes(baton.running.app)
      // The documents themselves, and the pages people use (the demo store with the widget, the console), are not API.
      .filter((r) => !['/openapi.json', '/docs', '/', '/widget.js'].includes(r.url) && !r.url.startsWith('/console'))
      // CORS preflights answer every path (@fastify/cors).
      .filter((r) => r.method !== 'OPTIONS')
      .map((r) => `${r.method} ${openApiPath(r.url)}`);
    const documented = operationsOf(doc).map(({ method, path }) => `${method.toUpperCase()} ${path}`);
    expect(served.length).toBeGreaterThan(15);
    expect(served.filter((r) => !documented.includes(r)), 'routes with no operation: register one (src/server/openapi/registry.ts)').toEqual([]);
    expect(documented.filter((d) => !served.includes(d)), 'operations with no route').toEqual([]);
  });

  it('renders the operations as a page, grouped by tag, with auth and request bodies', async () => {
    const page = await http(baton.url, 'GET', '/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toBe(DOCS_CSP);
    const html = page.body as string;
    expect(html).toMatch(/^<!doctype html>/);
    // Only the script whose hash the policy allows runs.
    const script = html.match(/<script>([\s\S]*?)<\/script>/)![1]!;
    expect(script).toBe(DOCS_SCRIPT);
    const hash = createHash('sha256').update(script, 'utf8').digest('base64');
    expect(page.headers.get('content-security-policy')).toContain(`script-src 'sha256-${hash}'`);
    const style = html.match(/<style>([\s\S]*?)<\/style>/)![1]!;
    expect(page.headers.get('content-security-policy')).toContain(`style-src 'sha256-${createHash('sha256').update(style, 'utf8').digest('base64')}'`);
    const embedded = html.match(/<script type="application\/json" id="openapi-document">([\s\S]*?)<\/script>/)![1]!;
    expect(JSON.parse(embedded)).toEqual((await http(baton.url, 'GET', '/openapi.json')).body);

    const rendered = renderDocs(embedded);
    const text = rendered.textContent;
    for (const [, path] of CONTRACT) expect(text).toContain(path);
    for (const heading of ['conversations', 'agent work', 'agents', 'articles', 'stream', 'system']) {
      expect(rendered.all().some((e) => e.tagName === 'h2' && e.textContent === heading), heading).toBe(true);
    }
    expect(text).toContain('Write a message');
    expect(text).toContain('Auth: customer token (ct_...) or agent session (at_...)');
    expect(text).toContain('Auth: none (anyone)');
    expect(text).toMatch(/Request body \(JSON, required\)/);
    // The message body's fields, readably.
    const op = rendered.all().find((e) => e.id === 'postMessage')!;
    expect(op.textContent).toMatch(/text: string required/);
    expect(op.textContent).toMatch(/clientMessageId: string \(at least 1 character; at most 200 characters\)/);
  });

  it('describes real responses truly (create, read, write, list, errors, login, packet)', async () => {
    const created = await api.post('/api/v1/conversations', { customer: { name: 'Dana', email: 'dana@example.com' }, channel: 'web' });
    S.ConversationCreated.parse(created.body);
    const { id, token } = created.body;
    S.Conversation.parse((await api.get(`/api/v1/conversations/${id}`, token)).body);
    S.MessagePosted.parse((await api.say(id, token, 'What payment methods do you accept?')).body);
    S.MessageList.parse((await api.get(`/api/v1/conversations/${id}/messages?after=0`, token)).body);
    S.EventList.parse((await api.get(`/api/v1/conversations/${id}/events`, token)).body);
    const handover = await api.post(`/api/v1/conversations/${id}/handover`, undefined, token);
    S.RepliesAndState.parse(handover.body);
    S.Conversation.parse((await api.get(`/api/v1/conversations/${id}`, token)).body);

    for (const error of [
      await api.get(`/api/v1/conversations/${id}`),
      await api.get('/api/v1/conversations/nope', token),
      await api.post(`/api/v1/conversations/${id}/messages`, {}, token),
      await http(baton.url, 'POST', `/api/v1/conversations/${id}/messages`, { token, body: 'text', contentType: 'text/plain' }),
    ]) {
      expect(error.status).toBeGreaterThanOrEqual(400);
      S.ErrorResponse.parse(error.body);
    }

    const login = await api.post('/api/v1/auth/login', { email: 'supervisor@demo.local', password: 'demo' });
    S.LoginResponse.parse(login.body);
    const agent = login.body.token as string;
    S.Conversation.parse((await api.get(`/api/v1/conversations/${id}`, agent)).body);
    S.ConversationList.parse((await api.get('/api/v1/conversations?owner=queue', agent)).body);
    S.HandoverPacket.parse((await api.get(`/api/v1/conversations/${id}/handover`, agent)).body);
    S.AgentList.parse((await api.get('/api/v1/agents', agent)).body);
    S.AgentEnvelope.parse((await api.get('/api/v1/agents/me', agent)).body);
    S.TeamList.parse((await api.get('/api/v1/teams', agent)).body);
    S.ArticleListOrHits.parse((await api.get('/api/v1/articles', agent)).body);
    S.ArticleListOrHits.parse((await api.get('/api/v1/articles?q=refund', agent)).body);
    S.StateOnly.parse((await api.post(`/api/v1/conversations/${id}/claim`, undefined, agent)).body);
    S.NoteAdded.parse((await api.post(`/api/v1/conversations/${id}/notes`, { text: 'checking' }, agent)).body);
    S.Health.parse((await api.get('/healthz')).body);
  });
});
