import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/config.ts';
import { startService, type RunningService, type ServiceOverrides } from '../../src/service.ts';
import { createTestDatabase } from './services.ts';

export interface TestBaton {
  running: RunningService;
  url: string;
  stop(): Promise<void>;
}

/** A real Baton on a free loopback port, on a fresh SQLite file or a fresh PostgreSQL database. */
export async function startTestBaton(
  store: 'sqlite' | 'postgres',
  options: { config?: Record<string, unknown>; overrides?: ServiceOverrides } = {},
): Promise<TestBaton> {
  const dataDir = mkdtempSync(join(tmpdir(), 'baton-test-'));
  const db = store === 'postgres' ? await createTestDatabase() : undefined;
  const config = loadConfig({
    env: {},
    // No demo history unless a test asks: tests count the conversations and handle times they make.
    overrides: { port: 0, host: '127.0.0.1', dataDir, logLevel: 'silent', databaseUrl: db?.url, seedDemoHistory: false, ...options.config },
  });
  const running = await startService(config, options.overrides);
  return {
    running,
    url: running.url,
    async stop() {
      await running.close();
      await db?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Reply {
  status: number;
  headers: Headers;
  body: any;
}

/** JSON over real HTTP. A raw string body is sent as is, to test malformed input. */
export async function http(
  base: string,
  method: string,
  path: string,
  options: { body?: unknown; token?: string; contentType?: string } = {},
): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] = options.contentType ?? 'application/json';
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  const response = await fetch(base + path, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: kept as text, and the test says so
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

/** A client bound to one Baton. */
export function client(base: string) {
  return {
    get: (path: string, token?: string) => http(base, 'GET', path, { token }),
    post: (path: string, body?: unknown, token?: string) => http(base, 'POST', path, { body, token }),
    async conversation(customer: Record<string, unknown> = { name: 'Dana', email: 'dana@example.com' }) {
      const reply = await http(base, 'POST', '/api/v1/conversations', { body: { customer } });
      if (reply.status !== 201) throw new Error(`create conversation: ${reply.status} ${JSON.stringify(reply.body)}`);
      return reply.body as { id: string; token: string; state: { owner: string } };
    },
    async login(email: string, password = 'demo') {
      const reply = await http(base, 'POST', '/api/v1/auth/login', { body: { email, password } });
      if (reply.status !== 200) throw new Error(`login ${email}: ${reply.status} ${JSON.stringify(reply.body)}`);
      return reply.body.token as string;
    },
    say: (id: string, token: string, text: string, clientMessageId?: string) =>
      http(base, 'POST', `/api/v1/conversations/${id}/messages`, { token, body: { text, ...(clientMessageId ? { clientMessageId } : {}) } }),
    messages: async (id: string, token: string, after = 0) =>
      (await http(base, 'GET', `/api/v1/conversations/${id}/messages?after=${after}`, { token })).body.messages as any[],
  };
}
