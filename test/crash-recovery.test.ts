/**
 * Crash recovery: a message the API accepted (201) survives `kill -9` of the process, on SQLite and on PostgreSQL.
 * The real CLI runs as a child process; it is killed with SIGKILL (no graceful close) and started again on the same
 * data directory or database, and what it reads back is checked against every accepted response.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, postgresReachable, serviceGate } from './support/services.ts';
import { writeRequestOnlyPolicy } from './support/policies.ts';
import { routineQuestion } from './support/routine-questions.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const READY_TIMEOUT_MS = 20_000;
const TEST_TIMEOUT_MS = 90_000;

// ---- the child process ---------------------------------------------------------------------------------------------

interface Baton {
  child: ChildProcess;
  url: string;
  /** Which store the CLI says it opened. */
  store: string;
  output(): string;
}

/** Every child started here and not yet exited; killed after each test, whatever the test did. */
const children = new Set<ChildProcess>();

/** Config the parent's environment may carry that would change which store or bus the child opens. */
const CONFIG_ENV = ['DATABASE_URL', 'REDIS_URL', 'PORT', 'HOST', 'BATON_DATA_DIR', 'BATON_CONFIG', 'BATON_LOG_LEVEL', 'BATON_SEED_DEMO'];

async function startBaton(dataDir: string, storeEnv: Record<string, string>): Promise<Baton> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of CONFIG_ENV) delete env[name];
  Object.assign(env, { BATON_LOG_LEVEL: 'warn', BATON_SEED_DEMO: 'false', HOST: '127.0.0.1', BATON_POLICY_FILE: writeRequestOnlyPolicy(dataDir) }, storeEnv);

  const child = spawn(process.execPath, ['bin/baton', 'start', '--port', '0', '--data', dataDir], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));

  // Read both pipes for the child's whole life, so that it never blocks on a full pipe.
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));

  const ready = await new Promise<{ url: string; store: string }>((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.off('exit', onExit);
      child.off('error', onError);
    };
    const onData = () => {
      const url = /Baton is running at (http:\/\/\S+)/.exec(output)?.[1];
      const store = /store:\s+(PostgreSQL|SQLite)/.exec(output)?.[1];
      if (url && store) {
        done();
        resolve({ url, store });
      }
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
      done();
      reject(new Error(`baton exited before it was ready (code ${code}, signal ${signal}); output:\n${output}`));
    };
    const onError = (error: Error) => {
      done();
      reject(error);
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`baton was not ready within ${READY_TIMEOUT_MS} ms; output:\n${output}`));
    }, READY_TIMEOUT_MS);
    child.stdout!.on('data', onData);
    child.once('exit', onExit);
    child.once('error', onError);
  });
  return { child, ...ready, output: () => output };
}

/** SIGKILL, and wait until the process is gone; returns the signal it died of. */
async function kill9(child: ChildProcess): Promise<NodeJS.Signals | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.signalCode;
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  child.kill('SIGKILL');
  const [, signal] = await exited;
  return signal;
}

async function killAll(): Promise<void> {
  await Promise.all([...children].map(kill9));
}

// ---- the API, as a customer ----------------------------------------------------------------------------------------

interface Message {
  id: string;
  seq: number;
  role: string;
  text: string;
  clientMessageId?: string;
  replyTo?: number;
  intent?: string;
}

interface StateView {
  owner: string;
  team?: string;
}

interface Turn {
  message: Message;
  replies: Message[];
  state: StateView;
}

interface Response<T> {
  status: number;
  replayed: boolean;
  body: T;
}

/** A customer's conversation, and every turn the API accepted on it (replays of a clientMessageId excluded). */
interface Conversation {
  id: string;
  token: string;
  accepted: Turn[];
}

async function request<T>(base: string, method: string, path: string, options: { token?: string; body?: unknown } = {}): Promise<Response<T>> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: AbortSignal.timeout(15_000),
  });
  const body = (await res.json()) as T;
  return { status: res.status, replayed: res.headers.get('idempotent-replayed') === 'true', body };
}

async function startConversation(base: string): Promise<Conversation> {
  const res = await request<{ id: string; token: string; state: StateView }>(base, 'POST', '/api/v1/conversations', {
    body: { customer: { name: 'Dana' } },
  });
  expect(res.status).toBe(201);
  expect(res.body.state.owner).toBe('ai');
  return { id: res.body.id, token: res.body.token, accepted: [] };
}

function send(base: string, conversation: Conversation, text: string, clientMessageId?: string): Promise<Response<Turn>> {
  return request<Turn>(base, 'POST', `/api/v1/conversations/${conversation.id}/messages`, {
    token: conversation.token,
    body: clientMessageId === undefined ? { text } : { text, clientMessageId },
  });
}

/** Sends a new message, requires it accepted, and records the accepted turn. */
async function say(base: string, conversation: Conversation, text: string, clientMessageId?: string): Promise<Turn> {
  const res = await send(base, conversation, text, clientMessageId);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.replayed).toBe(false);
  expect(res.body.message).toMatchObject({ role: 'customer', text, ...(clientMessageId ? { clientMessageId } : {}) });
  conversation.accepted.push(res.body);
  return res.body;
}

async function messagesOf(base: string, conversation: Conversation): Promise<Message[]> {
  const res = await request<{ messages: Message[] }>(base, 'GET', `/api/v1/conversations/${conversation.id}/messages?after=0`, {
    token: conversation.token,
  });
  expect(res.status).toBe(200);
  return res.body.messages;
}

async function stateOf(base: string, conversation: Conversation): Promise<StateView> {
  const res = await request<{ id: string; state: StateView }>(base, 'GET', `/api/v1/conversations/${conversation.id}`, {
    token: conversation.token,
  });
  expect(res.status).toBe(200);
  expect(res.body.id).toBe(conversation.id);
  return res.body.state;
}

/** What must not change about a stored message. */
const shape = (m: Message) => ({ id: m.id, seq: m.seq, role: m.role, text: m.text, clientMessageId: m.clientMessageId, replyTo: m.replyTo });

/** Every message the accepted responses showed (the customer's and the replies), in seq order. */
function recorded(conversation: Conversation) {
  return conversation.accepted
    .flatMap((turn) => [turn.message, ...turn.replies])
    .sort((a, b) => a.seq - b.seq)
    .map(shape);
}

/** Seqs strictly increasing (in order, none twice) and message ids unique. */
function expectOrderedAndUnique(messages: Message[]) {
  const seqs = messages.map((m) => m.seq);
  expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
  expect(new Set(messages.map((m) => m.id)).size).toBe(messages.length);
}

const customerTexts = (messages: Message[]) => messages.filter((m) => m.role === 'customer').map((m) => m.text);

// ---- the scenarios, per store --------------------------------------------------------------------------------------

function crashRecovery(label: 'SQLite' | 'PostgreSQL', storeEnv: () => Record<string, string>) {
  describe(`accepted messages survive kill -9: ${label}`, () => {
    const dirs: string[] = [];
    const newDataDir = () => {
      const dir = mkdtempSync(join(tmpdir(), 'baton-crash-'));
      dirs.push(dir);
      return dir;
    };
    const start = async (dataDir: string) => {
      const baton = await startBaton(dataDir, storeEnv());
      expect(baton.store, baton.output()).toBe(label);
      return baton;
    };

    afterEach(async () => {
      await killAll();
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    });

    it('keeps every accepted message in order with its seq, each owner, and the first message of a clientMessageId', { timeout: TEST_TIMEOUT_MS }, async () => {
      const dataDir = newDataDir();
      const first = await start(dataDir);
      // The store really is the one under test: a SQLite file in the data directory only without DATABASE_URL.
      expect(existsSync(join(dataDir, 'baton.sqlite'))).toBe(label === 'SQLite');

      const handedOver = await startConversation(first.url);
      const routine = await startConversation(first.url);

      const question = await say(first.url, handedOver, 'What payment methods do you accept?', 'h-1');
      expect(question.replies.map((r) => [r.role, r.intent, r.replyTo])).toEqual([['ai', 'payment_methods', question.message.seq]]);
      expect(question.state.owner).toBe('ai');
      const wantsPerson = await say(first.url, handedOver, 'I want to talk to a real person please');
      // (asked about payment methods first: the billing team's queue)
      expect(wantsPerson.state).toMatchObject({ owner: 'queue', team: 'billing' });
      expect(wantsPerson.replies.map((r) => r.role)).toEqual(['system']);

      await say(first.url, routine, 'Hello', 'r-1');
      await say(first.url, routine, 'Where is my order?', 'r-2');
      await say(first.url, routine, 'How long does delivery take?');
      await say(first.url, routine, 'Can I pay with PayPal?', 'r-4');
      for (const turn of routine.accepted) {
        expect(turn.state.owner).toBe('ai');
        expect(turn.replies.map((r) => [r.role, r.replyTo])).toEqual([['ai', turn.message.seq]]);
      }

      // The recording is the whole conversation, so "the same after the crash" can be checked exactly.
      for (const conversation of [handedOver, routine]) {
        expect((await messagesOf(first.url, conversation)).map(shape)).toEqual(recorded(conversation));
      }

      expect(await kill9(first.child)).toBe('SIGKILL');
      const second = await start(dataDir);

      for (const conversation of [handedOver, routine]) {
        const after = await messagesOf(second.url, conversation);
        expectOrderedAndUnique(after);
        expect(after.map(shape)).toEqual(recorded(conversation));
      }
      expect(await stateOf(second.url, handedOver)).toMatchObject({ owner: 'queue', team: 'billing' });
      expect((await stateOf(second.url, routine)).owner).toBe('ai');

      // Resending an accepted clientMessageId after the restart returns the first message and stores nothing.
      for (const [conversation, clientMessageId] of [
        [routine, 'r-2'],
        [handedOver, 'h-1'],
      ] as const) {
        const original = conversation.accepted.find((t) => t.message.clientMessageId === clientMessageId)!;
        const again = await send(second.url, conversation, original.message.text, clientMessageId);
        expect(again.status).toBe(201);
        expect(again.replayed).toBe(true);
        expect(shape(again.body.message)).toEqual(shape(original.message));
        expect(again.body.replies.map(shape)).toEqual(original.replies.map(shape));
        expect((await messagesOf(second.url, conversation)).map(shape)).toEqual(recorded(conversation));
      }
      expect(await stateOf(second.url, handedOver)).toMatchObject({ owner: 'queue', team: 'billing' });

      // The log carries on after the last stored seq: nothing was reused or skipped.
      const lastSeq = Math.max(...recorded(routine).map((m) => m.seq));
      const next = await say(second.url, routine, 'Thanks!');
      expect(next.message.seq).toBe(lastSeq + 1);
      expect((await messagesOf(second.url, routine)).map(shape)).toEqual(recorded(routine));
    });

    it('keeps every message of a concurrent burst when killed -9 as soon as the last response arrives', { timeout: TEST_TIMEOUT_MS }, async () => {
      const dataDir = newDataDir();
      const first = await start(dataDir);
      const conversations = [await startConversation(first.url), await startConversation(first.url), await startConversation(first.url)];

      const sent = Array.from({ length: 30 }, (_, i) => ({
        conversation: conversations[i % conversations.length]!,
        text: routineQuestion(i),
        clientMessageId: i % 3 === 0 ? undefined : `burst-${i}`,
      }));
      const turns = await Promise.all(sent.map((m) => say(first.url, m.conversation, m.text, m.clientMessageId)));
      // No graceful wait: killed in the same continuation that saw the last response.
      expect(await kill9(first.child)).toBe('SIGKILL');
      expect(turns).toHaveLength(sent.length);

      const second = await start(dataDir);
      for (const conversation of conversations) {
        const after = await messagesOf(second.url, conversation);
        expectOrderedAndUnique(after);
        expect(after.map(shape)).toEqual(recorded(conversation));
        const expectedTexts = sent.filter((m) => m.conversation === conversation).map((m) => m.text);
        expect([...customerTexts(after)].sort()).toEqual([...expectedTexts].sort());
        expect((await stateOf(second.url, conversation)).owner).toBe('ai');
      }
    });

    it('keeps every message accepted before a kill -9 in mid-burst; retries with the same clientMessageIds store each text once', { timeout: TEST_TIMEOUT_MS }, async () => {
      const dataDir = newDataDir();
      const first = await start(dataDir);
      const conversation = await startConversation(first.url);

      const total = 40;
      const killAfter = 8;
      const sent = Array.from({ length: total }, (_, i) => ({ text: routineQuestion(i), clientMessageId: `mid-${i}` }));
      const unexpected: string[] = [];
      let killed: Promise<NodeJS.Signals | null> | undefined;
      const outcomes = await Promise.all(
        sent.map((m) =>
          send(first.url, conversation, m.text, m.clientMessageId).then(
            (res) => {
              if (res.status !== 201 || res.replayed) {
                unexpected.push(`${m.clientMessageId}: ${res.status} ${JSON.stringify(res.body)}`);
                return false;
              }
              conversation.accepted.push(res.body);
              // Killed the moment the n-th acceptance arrives, with the rest of the burst still in flight.
              if (conversation.accepted.length === killAfter) killed = kill9(first.child);
              return true;
            },
            () => false, // cut off by the kill: not accepted, so the customer would retry
          ),
        ),
      );
      expect(await (killed ?? kill9(first.child))).toBe('SIGKILL');
      expect(unexpected).toEqual([]);
      expect(conversation.accepted.length).toBeGreaterThanOrEqual(killAfter);
      for (const turn of conversation.accepted) expect(turn.message.text).toBe(sent.find((m) => m.clientMessageId === turn.message.clientMessageId)!.text);

      const second = await start(dataDir);
      const afterCrash = await messagesOf(second.url, conversation);
      expectOrderedAndUnique(afterCrash);
      expect(afterCrash.map(shape)).toEqual(expect.arrayContaining(recorded(conversation)));
      // Nothing but what was sent, and nothing twice (requests cut off may or may not have been stored).
      const texts = customerTexts(afterCrash);
      expect(new Set(texts).size).toBe(texts.length);
      for (const text of texts) expect(sent.map((m) => m.text)).toContain(text);

      // The customer retries everything without a 201, with the same clientMessageIds.
      const storedBefore = new Map(afterCrash.filter((m) => m.role === 'customer').map((m) => [m.clientMessageId, m]));
      const retried = sent.filter((_, i) => !outcomes[i]);
      for (const m of retried) {
        const res = await send(second.url, conversation, m.text, m.clientMessageId);
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        const already = storedBefore.get(m.clientMessageId);
        expect(res.replayed).toBe(already !== undefined);
        if (already) expect(shape(res.body.message)).toEqual(shape(already));
        else conversation.accepted.push(res.body);
      }

      const final = await messagesOf(second.url, conversation);
      expectOrderedAndUnique(final);
      expect(final.map(shape)).toEqual(expect.arrayContaining(recorded(conversation)));
      expect([...customerTexts(final)].sort()).toEqual(sent.map((m) => m.text).sort());
      const customers = final.filter((m) => m.role === 'customer');
      for (const m of customers) expect(m.text).toBe(sent.find((s) => s.clientMessageId === m.clientMessageId)!.text);
      // Every message is answered exactly once: those cut short at the crash were answered at the restart or on retry.
      const answered = final.filter((m) => m.role === 'ai').map((m) => m.replyTo as number).sort((a, b) => a - b);
      expect(answered).toEqual(customers.map((m) => m.seq).sort((a, b) => a - b));
    });
  });
}

afterAll(killAll);

crashRecovery('SQLite', () => ({}));

const postgres = serviceGate('PostgreSQL', await postgresReachable());
describe.runIf(postgres)('PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await killAll();
    await database?.drop();
  });
  crashRecovery('PostgreSQL', () => ({ DATABASE_URL: database!.url }));
});
