/**
 * Throughput benchmark: customer messages per second end to end through Baton's HTTP API, against a baseline of a
 * bare Fastify route doing one SQLite insert per request. Both are driven by the same load generator (autocannon),
 * with the same settings, in the same run, so the ratio says how much Baton's work per message (auth, brain,
 * escalation policy, durable append, publish) costs compared with the least a durable HTTP write can cost here.
 *
 *   npm run bench                      a table on stdout
 *   npm run bench -- --json            one JSON line on stdout; progress goes to stderr
 *   options: --rounds N (alternating measurements of each server, default 3), --duration S (seconds each, default 5),
 *            --warmup S (default 2), --connections N (default 20), --per-conversation N (messages a conversation, default 10)
 *
 * The ratio is the median of the rounds' ratios: on a shared machine the load drifts, and a baseline measured in one
 * minute and Baton in the next can differ by half for nothing Baton did.
 *
 * The servers run in this process (Baton with its real wiring: config, store, brain, policy, bus). autocannon runs
 * in a child process (this same file, started with --loadgen-child): on one event loop the load generator would
 * take CPU from the server, and far more in proportion from the cheap baseline than from Baton, skewing the ratio.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
// @ts-expect-error -- autocannon ships no type declarations (and @types/autocannon is not installed); typed below.
import autocannonUntyped from 'autocannon';
import BetterSqlite3 from 'better-sqlite3';
import Fastify from 'fastify';
import { loadConfig } from '../src/config/config.ts';
import { startService } from '../src/service.ts';
import { ROUTINE_QUESTIONS } from '../scripts/support/routine-questions.ts';
import { measurePolicyLatency, type PolicyLatency } from './policy-latency.ts';
import { GOAL_ROUTING_P99_MS, measureRoutingLatency, routingLatencyTable, type RoutingLatency } from './routing-latency.ts';
import { measureUnderstandLatency, type UnderstandLatency } from './understand-latency.ts';

const GOAL_RATIO = 0.5;
/** Understanding one message (offline intent model + entities), in-process: the brain's share of a turn. */
const GOAL_UNDERSTAND_P50_MS = 0.5;
const GOAL_UNDERSTAND_P99_MS = 3;
/** Training the intent model at start: "well under a second". */
const GOAL_TRAINING_MS = 500;
/** Issue 4: the escalation policy decides a turn in at most this, p99. */
const GOAL_POLICY_P99_MS = 1;
/**
 * Routine questions the offline brain answers from the help centre, one after another in each conversation: each
 * request stores the question and the AI's grounded reply. Varied, so no answer is the same work twice over.
 */
const QUESTIONS = ROUTINE_QUESTIONS;
const BODIES = QUESTIONS.map((text) => JSON.stringify({ text }));
const CHILD_FLAG = '--loadgen-child';

// ---- the part of autocannon's API used here ------------------------------------------------------------------------

interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (request: AutocannonRequest, context: { target?: number }) => AutocannonRequest;
}

interface Histogram {
  average: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

interface AutocannonResult {
  duration: number;
  latency: Histogram;
  requests: { total: number; sent: number };
  errors: number;
  timeouts: number;
  mismatches: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
}

type Autocannon = (
  options: {
    url: string;
    connections: number;
    duration: number;
    timeout: number;
    method: string;
    headers: Record<string, string>;
    body: string;
    requests: AutocannonRequest[];
    verifyBody: (body: string) => boolean;
  },
  done: (error: Error | null, result: AutocannonResult) => void,
) => unknown;

const autocannon = autocannonUntyped as Autocannon;

// ---- messages between this process and the load generator ----------------------------------------------------------

/** One load run: every connection is a customer who sends `perConversation` messages, then starts on a fresh target. */
interface LoadJob {
  url: string;
  /** Conversations, as their messages path and customer token; used in order, wrapping round if the run outlasts them. */
  targets: { path: string; token: string }[];
  perConversation: number;
  connections: number;
  durationSeconds: number;
  /** What a good response body contains: Baton's must carry the AI's reply, not a handover notice. */
  expectInBody: string;
}

interface LoadSummary {
  durationSeconds: number;
  /** Responses with status 201 per second: the throughput that counts. */
  rps: number;
  requests: number;
  created201: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  badBodies: number;
  statusCodes: Record<string, number>;
  latencyMs: { p50: number; p90: number; p99: number; avg: number; max: number };
  /** Targets (conversations) started, and whether the run used more than there were (so some got extra messages). */
  conversationsUsed: number;
  wrapped: boolean;
}

// ---- load generator (child process) ---------------------------------------------------------------------------------

function runLoad(job: LoadJob): Promise<LoadSummary> {
  const headers = job.targets.map(({ token }) => ({ 'content-type': 'application/json', authorization: `Bearer ${token}` }));
  // autocannon walks each connection through `requests` in order and gives it a context that lives for one pass: so
  // step 0 picks the next unused conversation and the following steps write to it, each waiting for the reply before.
  // A conversation thus gets exactly perConversation messages, one at a time, as from a customer; none grows without
  // bound (each message reads the conversation's whole history), and no two connections write to the same one.
  let started = 0;
  const requests: AutocannonRequest[] = Array.from({ length: job.perConversation }, (_, step) => ({
    setupRequest(request, context: { target?: number }) {
      if (step === 0 || context.target === undefined) context.target = started++ % job.targets.length;
      const i = context.target;
      return { ...request, method: 'POST', path: job.targets[i]!.path, headers: headers[i]!, body: BODIES[step % BODIES.length]! };
    },
  }));
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: job.url,
        connections: job.connections,
        duration: job.durationSeconds,
        timeout: 10,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: BODIES[0]!,
        requests,
        verifyBody: (body) => body.includes(job.expectInBody),
      },
      (error, result) => {
        if (error) return reject(error);
        const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, Number(s.count)]));
        const created201 = statusCodes['201'] ?? 0;
        resolve({
          durationSeconds: result.duration,
          rps: round(created201 / result.duration, 1),
          requests: result.requests.total,
          created201,
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          badBodies: result.mismatches,
          statusCodes,
          latencyMs: {
            p50: result.latency.p50,
            p90: result.latency.p90,
            p99: result.latency.p99,
            avg: round(result.latency.average, 2),
            max: result.latency.max,
          },
          conversationsUsed: started,
          wrapped: started > job.targets.length,
        });
      },
    );
  });
}

function loadGeneratorChild(): void {
  // Never outlive the benchmark: when it goes away, so does this process.
  process.on('disconnect', () => process.exit(0));
  process.on('message', (job: LoadJob) => {
    runLoad(job).then(
      (summary) => process.send!({ summary }),
      (error: Error) => process.send!({ error: error.message }),
    );
  });
}

class LoadGenerator {
  private constructor(private readonly child: ChildProcess) {}

  static start(): LoadGenerator {
    // The child's stdout goes to our stderr, so that with --json nothing but the JSON line reaches stdout.
    const child = fork(fileURLToPath(import.meta.url), [CHILD_FLAG], { stdio: ['ignore', 2, 2, 'ipc'] });
    return new LoadGenerator(child);
  }

  run(job: LoadJob): Promise<LoadSummary> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => done(new Error(`load generator exited (code ${code}) during a run`));
      const onError = (error: Error) => done(new Error(`load generator: ${error.message}`));
      const onMessage = (reply: { summary?: LoadSummary; error?: string }) =>
        reply.summary ? done(null, reply.summary) : done(new Error(`load generator failed: ${reply.error}`));
      const done = (error: Error | null, summary?: LoadSummary) => {
        this.child.off('exit', onExit).off('error', onError).off('message', onMessage);
        if (summary) resolve(summary);
        else reject(error);
      };
      this.child.once('exit', onExit).once('error', onError).once('message', onMessage);
      this.child.send(job);
    });
  }

  stop(): void {
    if (this.child.connected) this.child.disconnect();
    if (this.child.exitCode === null) this.child.kill();
  }
}

// ---- the two servers ------------------------------------------------------------------------------------------------

interface Server {
  url: string;
  close(): Promise<void>;
}

/** The baseline: one SQLite insert per request, with the pragmas Baton's store uses, on the same route shape. */
async function startBaseline(dataDir: string): Promise<Server> {
  const db = new BetterSqlite3(join(dataDir, 'baseline.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.exec(`create table messages (
    position integer primary key autoincrement,
    conversation_id text not null,
    text text not null,
    at text not null
  )`);
  const insert = db.prepare('insert into messages (conversation_id, text, at) values (?, ?, ?)');
  const app = Fastify({ logger: false });
  app.post<{ Params: { id: string }; Body: { text: string } }>('/api/v1/conversations/:id/messages', async (request, reply) => {
    const result = insert.run(request.params.id, request.body.text, new Date().toISOString());
    return reply.code(201).send({ id: `m_${result.lastInsertRowid}` });
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      db.close();
    },
  };
}

/** Baton with its real wiring, as `baton start` runs it, on a fresh SQLite file. */
async function startBaton(dataDir: string): Promise<Server> {
  // Seeded as `baton start` seeds: the demo company and its help centre, which the AI's answers come from.
  const config = loadConfig({ env: {}, overrides: { port: 0, host: '127.0.0.1', dataDir, logLevel: 'silent', seedDemo: true } });
  return startService(config);
}

/** Opens `count` conversations through the API, `concurrency` at a time; returns their message paths and tokens. */
async function createConversations(url: string, count: number, concurrency: number): Promise<LoadJob['targets']> {
  const targets: LoadJob['targets'] = [];
  let remaining = count;
  const worker = async () => {
    while (remaining > 0) {
      remaining--;
      const response = await fetch(`${url}/api/v1/conversations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      const body = (await response.json()) as { id?: string; token?: string };
      if (response.status !== 201 || !body.id || !body.token) {
        throw new Error(`creating a conversation: expected 201 with id and token, got ${response.status} ${JSON.stringify(body)}`);
      }
      targets.push({ path: `/api/v1/conversations/${body.id}/messages`, token: body.token });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return targets;
}

// ---- the benchmark --------------------------------------------------------------------------------------------------

interface Options {
  json: boolean;
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
  perConversation: number;
  rounds: number;
}

const USAGE = 'usage: npm run bench -- [--json] [--rounds N] [--duration S] [--warmup S] [--connections N] [--per-conversation N]';

/** A mistake in the command line: said in one line with the usage, not as a stack trace. */
class UsageError extends Error {}

const OPTIONS = {
  json: { type: 'boolean', default: false },
  rounds: { type: 'string', default: '3' },
  duration: { type: 'string', default: '5' },
  warmup: { type: 'string', default: '2' },
  connections: { type: 'string', default: '20' },
  'per-conversation': { type: 'string', default: '10' },
} as const;

function parseOptions(): Options {
  const values = (() => {
    try {
      return parseArgs({ options: OPTIONS, strict: true }).values;
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  })();
  const integer = (name: string, raw: string, min: number, max: number) => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max}`);
    return value;
  };
  return {
    json: values.json,
    durationSeconds: integer('duration', values.duration, 1, 300),
    warmupSeconds: integer('warmup', values.warmup, 0, 60),
    connections: integer('connections', values.connections, 1, 1000),
    perConversation: integer('per-conversation', values['per-conversation'], 1, 10_000),
    rounds: integer('rounds', values.rounds, 1, 20),
  };
}

const progress = (line: string) => process.stderr.write(`bench: ${line}\n`);
const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
const clean = (s: LoadSummary) => s.non2xx === 0 && s.errors === 0 && s.timeouts === 0 && s.badBodies === 0;

async function main(): Promise<void> {
  const options = parseOptions();
  const { durationSeconds, warmupSeconds, connections, perConversation, rounds } = options;
  const root = await mkdtemp(join(tmpdir(), 'baton-bench-'));
  // Bounded in time whatever happens: the runs, plus generous room for setup and the requests' own 10 s timeout.
  const watchdog = setTimeout(
    () => {
      progress('did not finish in time; giving up');
      rmSync(root, { recursive: true, force: true });
      process.exit(2);
    },
    (2 * warmupSeconds + rounds * 2 * (durationSeconds + 10) + 120) * 1000,
  );
  watchdog.unref();
  // Ctrl-C: leave no temp dir behind (the load generator, in our process group, gets the signal too).
  process.once('SIGINT', () => {
    rmSync(root, { recursive: true, force: true });
    process.exit(130);
  });

  // Before any server starts, so nothing else competes for the CPU while single messages are timed.
  progress('timing how long the offline brain takes to understand a message');
  const understand = await measureUnderstandLatency();

  const loadgen = LoadGenerator.start();
  const servers: Server[] = [];
  try {
    const job = (url: string, targets: LoadJob['targets'], seconds: number, expectInBody: string): LoadJob => ({
      url,
      targets,
      perConversation,
      connections,
      durationSeconds: seconds,
      expectInBody,
    });

    // Both servers run side by side (the one not under load is idle), and are measured in alternating rounds: the
    // load on a shared machine drifts, and alternating exposes both to it alike. The ratio is the median of the
    // rounds' ratios.
    const baseline = await startBaseline(await mkdtemp(join(root, 'baseline-')));
    servers.push(baseline);
    const baton = await startBaton(await mkdtemp(join(root, 'baton-')));
    servers.push(baton);
    // The baseline's targets are made-up conversation ids on the same route shape, with the same headers.
    const fakeTargets = Array.from({ length: 1000 }, () => ({ path: `/api/v1/conversations/${randomUUID()}/messages`, token: `ct_${randomUUID()}` }));
    // The AI answered from an article: not a handover, not "I'm not sure".
    const aiReplied = '"sources":[';
    let batonRps = 0;
    if (warmupSeconds > 0) {
      progress(`warming both up for ${warmupSeconds} s each`);
      await loadgen.run(job(baseline.url, fakeTargets, warmupSeconds, '"id"'));
      const warm = await loadgen.run(job(baton.url, await createConversations(baton.url, connections * 10, connections), warmupSeconds, aiReplied));
      batonRps = warm.rps;
    }

    let conversationsOpened = 0;
    const baselineRounds: LoadSummary[] = [];
    const batonRounds: LoadSummary[] = [];
    for (let r = 1; r <= rounds; r++) {
      progress(`round ${r} of ${rounds}: baseline for ${durationSeconds} s`);
      const baselineResult = await loadgen.run(job(baseline.url, fakeTargets, durationSeconds, '"id"'));
      baselineRounds.push(baselineResult);
      // Fresh conversations for each round (a support chat is a few turns; see runLoad), opened outside the
      // measured window: enough for Baton at the baseline's own rate, and for twice its last rate.
      const estimate = Math.max(baselineResult.rps * 1.2, batonRps * 2);
      const poolSize = Math.min(50_000, Math.ceil((estimate * durationSeconds) / perConversation) + connections * 2);
      progress(`round ${r} of ${rounds}: opening ${poolSize} conversations, then Baton for ${durationSeconds} s`);
      const targets = await createConversations(baton.url, poolSize, connections);
      const batonResult = await loadgen.run(job(baton.url, targets, durationSeconds, aiReplied));
      batonRounds.push(batonResult);
      conversationsOpened += poolSize;
      batonRps = batonResult.rps;
    }

    // After the rounds, not before: its thousands of messages would sit in this process's heap (the detectors'
    // memos) while Baton serves, and slow it for reasons of the bench's own making.
    progress('timing how long the escalation policy takes to decide a turn');
    const policy = await measurePolicyLatency();
    progress('timing the queues: enqueue and assign with 100,000 waiting and 10,000 agents');
    const routing = measureRoutingLatency();
    const ratios = batonRounds.map((b, i) => (baselineRounds[i]!.rps > 0 ? b.rps / baselineRounds[i]!.rps : 0));
    const ratio = round(median(ratios), 3);
    const batonTotal = combine(batonRounds);
    const baselineTotal = combine(baselineRounds);
    const ok = clean(batonTotal) && clean(baselineTotal);
    const report = {
      throughput: { batonRps: batonTotal.rps, baselineRps: baselineTotal.rps, ratio, goal: GOAL_RATIO, goalMet: ratio >= GOAL_RATIO },
      understand: understandReport(understand),
      policy: policyReport(policy),
      routing: routingReport(routing),
      rounds: ratios.map((value, i) => ({ batonRps: batonRounds[i]!.rps, baselineRps: baselineRounds[i]!.rps, ratio: round(value, 3) })),
      ok,
      baton: { ...batonTotal, conversationsOpened, messagesPerConversation: perConversation },
      // The baseline's targets are made up and reused freely, so which ones it used says nothing.
      baseline: (({ conversationsUsed, wrapped, ...rest }) => rest)(baselineTotal),
      settings: {
        loadGenerator: 'autocannon 8 (separate process)',
        connections,
        rounds,
        durationSeconds,
        warmupSeconds,
        questions: QUESTIONS.length,
        node: process.version,
      },
    };
    if (options.json) process.stdout.write(`${JSON.stringify(report)}\n`);
    else process.stdout.write(table(report));
    if (!ok) process.exitCode = 1;
  } finally {
    loadgen.stop();
    for (const server of servers) await server.close().catch(() => {});
    await rm(root, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Several rounds as one: counts added up, throughput over the total time, latencies the rounds' medians. */
function combine(rounds: LoadSummary[]): LoadSummary {
  const sum = (pick: (s: LoadSummary) => number) => rounds.reduce((total, s) => total + pick(s), 0);
  const statusCodes: Record<string, number> = {};
  for (const s of rounds) for (const [code, n] of Object.entries(s.statusCodes)) statusCodes[code] = (statusCodes[code] ?? 0) + n;
  const durationSeconds = sum((s) => s.durationSeconds);
  const created201 = sum((s) => s.created201);
  const latency = (key: keyof LoadSummary['latencyMs']) => median(rounds.map((s) => s.latencyMs[key]));
  return {
    durationSeconds: round(durationSeconds, 2),
    rps: round(created201 / durationSeconds, 1),
    requests: sum((s) => s.requests),
    created201,
    non2xx: sum((s) => s.non2xx),
    errors: sum((s) => s.errors),
    timeouts: sum((s) => s.timeouts),
    badBodies: sum((s) => s.badBodies),
    statusCodes,
    latencyMs: { p50: latency('p50'), p90: latency('p90'), p99: latency('p99'), avg: latency('avg'), max: Math.max(...rounds.map((s) => s.latencyMs.max)) },
    conversationsUsed: sum((s) => s.conversationsUsed),
    wrapped: rounds.some((s) => s.wrapped),
  };
}

function understandReport(latency: UnderstandLatency) {
  return {
    trainingMs: latency.trainingMs,
    goalTrainingMs: GOAL_TRAINING_MS,
    trainingGoalMet: latency.trainingMs <= GOAL_TRAINING_MS,
    p50Ms: latency.p50Ms,
    p99Ms: latency.p99Ms,
    goalP50Ms: GOAL_UNDERSTAND_P50_MS,
    goalP99Ms: GOAL_UNDERSTAND_P99_MS,
    goalMet: latency.p50Ms <= GOAL_UNDERSTAND_P50_MS && latency.p99Ms <= GOAL_UNDERSTAND_P99_MS,
    messages: latency.messages,
  };
}

function policyReport(latency: PolicyLatency) {
  return { ...latency, goalP99Ms: GOAL_POLICY_P99_MS, goalMet: latency.p99Ms <= GOAL_POLICY_P99_MS };
}

function routingReport(latency: RoutingLatency) {
  const goalMet = latency.enqueue.p99Ms <= GOAL_ROUTING_P99_MS && latency.assign.p99Ms <= GOAL_ROUTING_P99_MS;
  return { ...latency, goalP99Ms: GOAL_ROUTING_P99_MS, goalMet };
}

interface Report {
  throughput: { batonRps: number; baselineRps: number; ratio: number; goal: number; goalMet: boolean };
  understand: ReturnType<typeof understandReport>;
  policy: ReturnType<typeof policyReport>;
  routing: ReturnType<typeof routingReport>;
  rounds: { batonRps: number; baselineRps: number; ratio: number }[];
  ok: boolean;
  baton: LoadSummary & { conversationsOpened: number; messagesPerConversation: number };
  baseline: Omit<LoadSummary, 'conversationsUsed' | 'wrapped'>;
  settings: { connections: number; rounds: number; durationSeconds: number; warmupSeconds: number };
}

function table(report: Report): string {
  const { baton, baseline, throughput, understand, policy, settings } = report;
  const columns = ['', 'req/s', 'p50 ms', 'p99 ms', 'requests', '201', 'non-2xx', 'errors', 'timeouts', 'bad body'];
  const row = (name: string, s: Report['baseline']) => [
    name,
    s.rps.toFixed(1),
    String(s.latencyMs.p50),
    String(s.latencyMs.p99),
    String(s.requests),
    String(s.created201),
    String(s.non2xx),
    String(s.errors),
    String(s.timeouts),
    String(s.badBodies),
  ];
  const rows = [columns, row('Baton: customer message + AI reply', baton), row('baseline: Fastify + 1 SQLite insert', baseline)];
  const widths = columns.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const render = (r: string[]) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  const lines = [
    'Baton throughput: POST /api/v1/conversations/:id/messages, end to end (HTTP, brain, policy, SQLite write, publish)',
    `load: autocannon in a separate process, ${settings.connections} connections, ${settings.warmupSeconds} s warm-up, then ${settings.rounds} rounds of ${settings.durationSeconds} s per server, alternating, loopback`,
    'req/s counts 201 responses; "bad body" is a response without the expected content (for Baton: the AI\'s reply)',
    '',
    render(rows[0]!),
    render(rows[1]!),
    render(rows[2]!),
    '',
    `ratio Baton / baseline (median of rounds): ${throughput.ratio.toFixed(3)}   goal >= ${throughput.goal}: ${throughput.goalMet ? 'MET' : 'NOT MET'}`,
    `rounds: ${report.rounds.map((r) => `${r.batonRps.toFixed(0)} / ${r.baselineRps.toFixed(0)} = ${r.ratio.toFixed(3)}`).join(';  ')}`,
    `Baton conversations: ${baton.conversationsUsed} used of ${baton.conversationsOpened} opened, ${baton.messagesPerConversation} customer messages each, one at a time`,
    '',
    `understand: offline intent model + entities, in-process, ${understand.messages} varied messages one at a time`,
    `  p50 ${understand.p50Ms.toFixed(3)} ms  p99 ${understand.p99Ms.toFixed(3)} ms   goal p50 <= ${understand.goalP50Ms} ms, p99 <= ${understand.goalP99Ms} ms: ${understand.goalMet ? 'MET' : 'NOT MET'}`,
    `  training the model at start: ${understand.trainingMs} ms (median of 3)   goal <= ${understand.goalTrainingMs} ms: ${understand.trainingGoalMet ? 'MET' : 'NOT MET'}`,
    '',
    `escalation policy: every signal detector + the shipped rules, in-process, ${policy.turns} turns of made-up conversations (${policy.handovers} handed over), each latest message new`,
    `  p50 ${policy.p50Ms.toFixed(3)} ms  p99 ${policy.p99Ms.toFixed(3)} ms   goal p99 <= ${policy.goalP99Ms} ms: ${policy.goalMet ? 'MET' : 'NOT MET'}`,
    '',
    routingLatencyTable(report.routing),
  ];
  if (baton.wrapped) lines.push('NOTE: the run used more conversations than were opened; some got more messages than the above');
  if (!report.ok) lines.push('ERRORS: some requests failed (non-2xx, errors, timeouts or bad bodies above); the numbers are not valid');
  return `${lines.join('\n')}\n`;
}

if (process.argv.includes(CHILD_FLAG)) {
  loadGeneratorChild();
} else {
  main().catch((error: unknown) => {
    if (error instanceof UsageError) {
      progress(`${error.message}\n${USAGE}`);
      process.exit(2);
    }
    progress(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  });
}
