import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvalResult } from '../src/evaluation/replay.ts';
import { SummaryBuilder, type EvalSummary } from '../src/evaluation/summary.ts';
import { client, startTestBaton } from './support/baton.ts';

const dir = mkdtempSync(join(tmpdir(), 'baton-eval-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `baton eval` as a user would, with no configuration from the environment. */
function baton(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/baton', 'eval', ...args], {
      env: { ...process.env, BATON_CONFIG: '', BATON_POLICY_FILE: '', DATABASE_URL: '', REDIS_URL: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill(), 60_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

const file = (name: string, lines: (object | string)[]) => {
  const path = join(dir, name);
  writeFileSync(path, lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n') + '\n');
  return path;
};

const results = (path: string): EvalResult[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as EvalResult);

const customer = (text: string) => ({ role: 'customer', text });
const ai = (text: string) => ({ role: 'ai', text });

/** Cases whose answers hold for any policy that honours a request for a person and lets routine questions be. */
const CASES = [
  { id: 'person', turns: [customer('I want to speak to a human')], unknownField: { ignored: true } },
  {
    id: 'person-later',
    turns: [customer('where is my order 100234?'), ai('It shipped yesterday.'), customer("that's not what I asked, get me a person")],
    customer: { tier: 'standard', lifetimeValue: 120 },
    expect: { handover: true, reasons: ['human_requested'], by_turn: 2, team: 'general' },
    meta: { intent: 'contact_human_agent' },
  },
  'this line is not JSON',
  { id: 'routine', turns: [customer('What is your return policy?')], expect: { handover: false } },
  { id: 'bad-role', turns: [{ role: 'bot', text: 'hi' }] },
  '',
  { turns: [customer('no id here')] },
  { id: 'empty-text', turns: [customer('   ')] },
  // The brain's own reply goes between two customer turns: it asks for the order number, so "100234" answers it.
  { id: 'brain-between', turns: [customer('where is my order?'), customer('100234')] },
  // A given AI turn replaces that reply: the AI asked for nothing, so "100234" alone is not understood.
  { id: 'given-between', turns: [customer('where is my order?'), ai('Let me look into it.'), customer('100234')] },
  // Given AI turns that did not understand: two in a row and the AI steps aside.
  {
    id: 'given-loop',
    turns: [customer('blorf zzzq'), ai('Sorry, could you rephrase that?'), customer('qwxv plimb'), ai('Sorry?'), customer('I want a human')],
  },
  { id: 7, turns: [ai('Hi! How can I help?'), customer('let me talk to an agent')] },
];

describe('baton eval', () => {
  let run: Run;
  let again: Run;
  let out: string;
  let outAgain: string;

  beforeAll(async () => {
    const cases = file('cases.jsonl', CASES);
    out = join(dir, 'results.jsonl');
    outAgain = join(dir, 'results-again.jsonl');
    [run, again] = await Promise.all([baton(['--cases', cases, '--out', out]), baton(['--cases', cases, '--out', outAgain])]);
  });

  it('writes one result per valid case, in order, and exits 0 despite malformed lines', () => {
    expect(run.status, run.stderr).toBe(0);
    expect(results(out).map((r) => r.id)).toEqual(['person', 'person-later', 'routine', 'brain-between', 'given-between', 'given-loop', 7]);
  });

  it('reports each malformed line with its number and why, and counts them', () => {
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/cases\.jsonl line 3: not valid JSON/);
    expect(lines[1]).toMatch(/line 5: turns\[0\]\.role must be "customer" or "ai"/);
    expect(lines[2]).toMatch(/line 7: missing "id"/);
    expect(lines[3]).toMatch(/line 8: turns\[0\]\.text is empty/);
    expect(run.stdout).toMatch(/7 cases replayed, 4 malformed lines skipped/);
  });

  it('hands a request for a person over at that turn, with the reason, team and priority', () => {
    const [person, later] = results(out);
    expect(person).toEqual({ id: 'person', handover: true, turn: 0, reasons: ['human_requested'], topics: [], team: 'general', priority: 'normal' });
    expect(later).toMatchObject({ id: 'person-later', handover: true, turn: 2, team: 'general', priority: 'normal' });
    expect(later!.reasons).toContain('human_requested');
    expect(results(out).find((r) => r.id === 7)).toMatchObject({ handover: true, turn: 1 });
  });

  it('lets a routine question be', () => {
    expect(results(out).find((r) => r.id === 'routine')).toEqual({
      id: 'routine',
      handover: false,
      turn: null,
      reasons: [],
      // what it is about is named, though nothing fires
      topics: ['refund'],
      team: null,
      priority: null,
    });
  });

  it('uses the given AI turns instead of the brain’s replies, and keeps reading after a handover', () => {
    const byId = new Map(results(out).map((r) => [r.id, r]));
    expect(byId.get('brain-between')!.reasons).not.toContain('cannot_resolve');
    expect(byId.get('given-between')!.reasons).toContain('cannot_resolve');
    // Handed over at the second misunderstood turn; the request for a person after it still counts as a reason.
    expect(byId.get('given-loop')).toMatchObject({ handover: true, turn: 2 });
    expect(byId.get('given-loop')!.reasons).toEqual(expect.arrayContaining(['cannot_resolve', 'repeated_failure', 'human_requested']));
  });

  it('writes the same bytes on every run', () => {
    expect(again.status).toBe(0);
    expect(readFileSync(outAgain)).toEqual(readFileSync(out));
  });

  it('prints a summary of the labelled cases with cases per second', () => {
    expect(run.stdout).toMatch(/2 carry expect, 2 meet it all/);
    expect(run.stdout).toMatch(/handover\s+accuracy 100\.0% \(2\/2\)/);
    expect(run.stdout).toMatch(/by_turn\s+0 violations of 1/);
    expect(run.stdout).toMatch(/team\s+accuracy 100\.0% \(1\/1\)/);
    expect(run.stdout).toMatch(/reason human_requested\s+1\.000\s+1\.000\s+1\s+1/);
    expect(run.stdout).toMatch(/\d+ cases\/s \(7 cases in [\d.]+ s; intent model trained in [\d.]+ s/);
  });

  it('scores a tiny labelled set right: precision, recall, support and not_reasons violations', async () => {
    const cases = file('labelled.jsonl', [
      { id: 'a', turns: [customer('I want to speak to a human')], expect: { handover: true, reasons: ['human_requested'] } },
      { id: 'b', turns: [customer('get me a real person now')], expect: { handover: true, reasons: ['human_requested'] } },
      // Labelled wrong on purpose: a miss for human_requested and for handover.
      { id: 'c', turns: [customer('What is your return policy?')], expect: { handover: true, reasons: ['human_requested'] } },
      // A false alarm, and a not_reasons violation.
      { id: 'd', turns: [customer('let me talk to an agent')], expect: { handover: false, not_reasons: ['human_requested'] } },
      { id: 'e', turns: [customer('How long does delivery take?')], expect: { handover: false, not_reasons: ['human_requested'] } },
      // Unlabelled: replayed, not scored.
      { id: 'f', turns: [customer('talk to a person please')] },
    ]);
    const labelled = await baton(['--cases', cases, '--out', join(dir, 'labelled-results.jsonl'), '--json']);
    expect(labelled.status, labelled.stderr).toBe(0);
    const summary = JSON.parse(labelled.stdout) as EvalSummary;
    expect(summary).toMatchObject({ cases: 6, malformed: 0, labelled: 5, handedOver: 4, expectMet: { correct: 3, total: 5 } });
    expect(summary.handover).toMatchObject({ correct: 3, total: 5, rate: 0.6, precision: 0.6667, recall: 0.6667, expected: 3, predicted: 3 });
    expect(summary.reasons.human_requested).toEqual({
      support: 3,
      predicted: 3,
      truePositives: 2,
      forbidden: 2,
      violations: 1,
      precision: 0.6667,
      recall: 0.6667,
    });
    expect(summary.casesPerSecond).toBeGreaterThan(0);
  });

  it('exits 2 with a message on usage errors', async () => {
    const cases = file('ok.jsonl', [CASES[0]!]);
    const [noCases, missing, unwritable, sameFile] = await Promise.all([
      baton(['--out', join(dir, 'x.jsonl')]),
      baton(['--cases', join(dir, 'no-such.jsonl'), '--out', join(dir, 'x.jsonl')]),
      baton(['--cases', cases, '--out', join(dir, 'no-such-dir', 'x.jsonl')]),
      baton(['--cases', cases, '--out', cases]),
    ]);
    expect(noCases.status).toBe(2);
    expect(noCases.stderr).toContain('--cases is required');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/no-such\.jsonl cannot be read \(ENOENT\)/);
    expect(unwritable.status).toBe(2);
    expect(unwritable.stderr).toMatch(/x\.jsonl cannot be written \(ENOENT\)/);
    expect(sameFile.status).toBe(2);
    expect(readFileSync(cases, 'utf8')).toContain('"person"');
  });

  it('decides as the running service does on the same conversations', async () => {
    const conversations = [
      { id: 'loop', turns: ['blorf zzzq', 'qwxv plimb', 'where is my order?'] },
      { id: 'ask', turns: ['where is my order?', '100234', 'this is not what I asked, get me a person'] },
      { id: 'vip', turns: ['hello'], customer: { tier: 'vip' } },
      { id: 'fine', turns: ['How long does delivery take?', 'What is your return policy?'] },
    ];
    const cases = file('service.jsonl', conversations.map((c) => ({ ...c, turns: c.turns.map(customer) })));
    const out = join(dir, 'service-results.jsonl');
    const [run, service] = await Promise.all([baton(['--cases', cases, '--out', out]), startTestBaton('sqlite')]);
    try {
      expect(run.status, run.stderr).toBe(0);
      const api = client(service.url);
      const evaluated = results(out);
      const turns: (number | null)[] = [];
      for (const [n, conversation] of conversations.entries()) {
        const c = await api.conversation({ attributes: conversation.customer ?? {} });
        let turn: number | null = null;
        let state: { owner: string; team?: string; priority?: string; handover?: { reasons: string[]; topics: string[] } } | undefined;
        for (const [i, text] of conversation.turns.entries()) {
          const reply = await api.say(c.id, c.token, text);
          expect(reply.status).toBe(201);
          if (turn === null && reply.body.state.owner === 'queue') {
            turn = i;
            state = reply.body.state;
          }
        }
        turns.push(turn);
        const result = evaluated[n]!;
        expect(result.turn, conversation.id).toBe(turn);
        expect(result.handover).toBe(turn !== null);
        if (state) {
          expect(result.team).toBe(state.team);
          expect(result.priority).toBe(state.priority);
          // The handover's reasons are those of its turn; the result's, those of every turn.
          expect(result.reasons).toEqual(expect.arrayContaining(state.handover!.reasons));
          expect(result.topics).toEqual(expect.arrayContaining(state.handover!.topics));
        }
      }
      // Not a vacuous comparison: the loop, the request for a person and the VIP hand over, the questions do not.
      expect(turns).toEqual([1, 2, 0, null]);
    } finally {
      await service.stop();
    }
  });
});

describe('the evaluation summary', () => {
  const result = (reasons: string[], topics: string[], handover = reasons.length > 0): EvalResult => ({
    id: 'x',
    handover,
    turn: handover ? 0 : null,
    reasons,
    topics,
    team: handover ? 'billing' : null,
    priority: handover ? 'high' : null,
  });

  it('counts precision and recall per reason and topic over the labelled cases only', () => {
    const builder = new SummaryBuilder();
    builder.add(result(['sensitive_topic'], ['payment_dispute']), { reasons: ['sensitive_topic'], topics: ['payment_dispute'], team: 'billing' });
    builder.add(result(['sensitive_topic'], ['fraud_security']), { reasons: ['sensitive_topic'], topics: ['payment_dispute'], by_turn: 0 });
    builder.add(result([], []), { reasons: ['sensitive_topic'], topics: ['fraud_security'], by_turn: 1 });
    builder.add(result(['sensitive_topic', 'frustration'], ['fraud_security']), { not_reasons: ['sensitive_topic'], team: 'general' });
    builder.add(result(['frustration'], ['complaint']), undefined);
    const summary = builder.summary({ seconds: 2, trainingSeconds: 0.5 }, 1);
    expect(summary.reasons.sensitive_topic).toMatchObject({ support: 3, predicted: 3, truePositives: 2, precision: 2 / 3, recall: 2 / 3, forbidden: 1, violations: 1 });
    expect(summary.reasons.frustration).toMatchObject({ support: 0, predicted: 1, precision: 0, recall: null });
    expect(summary.topics.payment_dispute).toMatchObject({ support: 2, predicted: 1, truePositives: 1, precision: 1, recall: 0.5 });
    expect(summary.topics.fraud_security).toMatchObject({ support: 1, predicted: 2, truePositives: 0, precision: 0, recall: 0 });
    expect(summary.topics.complaint).toBeUndefined();
    expect(summary.byTurn).toEqual({ violations: 1, total: 2 });
    expect(summary.team).toEqual({ correct: 1, total: 2, rate: 0.5 });
    expect(summary).toMatchObject({ cases: 5, labelled: 4, malformed: 1, handedOver: 4, casesPerSecond: 2.5 });
    expect(Object.keys(summary.reasons)).toEqual(['frustration', 'sensitive_topic']);
  });
});
