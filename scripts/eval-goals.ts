/**
 * The escalation goals of issue 4, measured: the service's own pipeline (`baton eval`'s: offline brain, shipped
 * policy, router) over the project's hand-written fresh set (eval/fresh, text unlike the dev data) and, when
 * ../shared/data is there, over the two dev sets.
 *
 *   npm run eval:goals              a table on stdout
 *   npm run eval:goals -- --json    one JSON line
 *   options: --data DIR (default ../shared/data beside the repository)
 *
 * Each goal is scored as the hidden sets score it: a request for a person must hand over with `human_requested`; a
 * fraud or dispute message must be flagged `sensitive_topic` and hand over; a complaint or negative post counts as
 * found when its result names topic `complaint` or reason `frustration`. Files whose cases carry only `meta.label`
 * (complaints, sentiment) are scored against that label.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/config.ts';
import { parseCaseLine, type EvalCase } from '../src/evaluation/cases.ts';
import { buildEvalPipeline } from '../src/evaluation/pipeline.ts';
import { replayCase, type EvalResult } from '../src/evaluation/replay.ts';
import { expectationFailures } from '../src/evaluation/summary.ts';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const FRESH = join(ROOT, 'eval', 'fresh');

interface Scored {
  case: EvalCase;
  label: string | undefined;
  intent: string | undefined;
  result: EvalResult;
}

interface Goal {
  metric: string;
  set: string;
  value: number;
  count: string;
  goal: string;
  met: boolean;
}

const { values } = parseArgs({ options: { json: { type: 'boolean', default: false }, data: { type: 'string' } } });
const dataDir = resolve(values.data ?? join(ROOT, '..', 'shared', 'data'));

const pipeline = await buildEvalPipeline(loadConfig({ env: {} }));

/** Replays every case of a file, keeping its `meta.label` and `meta.intent` beside the result. */
async function scoreFile(file: string): Promise<Scored[]> {
  const scored: Scored[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const parsed = parseCaseLine(line);
    if (!('case' in parsed)) continue;
    const meta = (JSON.parse(line) as { meta?: { label?: string; intent?: string } }).meta ?? {};
    scored.push({ case: parsed.case, label: meta.label, intent: meta.intent, result: await replayCase(pipeline.deciders, parsed.case) });
  }
  return scored;
}

const share = (cases: Scored[], test: (s: Scored) => boolean) => ({ hits: cases.filter(test).length, of: cases.length });
const handedWith = (reason: string) => (s: Scored) => s.result.handover && s.result.reasons.includes(reason);
const negative = (s: Scored) => s.result.topics.includes('complaint') || s.result.reasons.includes('frustration');

function atLeast(metric: string, set: string, { hits, of }: { hits: number; of: number }, goal: number): Goal {
  const value = of === 0 ? 0 : hits / of;
  return { metric, set, value, count: `${hits}/${of}`, goal: `>= ${goal}`, met: value >= goal };
}
function atMost(metric: string, set: string, { hits, of }: { hits: number; of: number }, goal: number): Goal {
  const value = of === 0 ? 0 : hits / of;
  return { metric, set, value, count: `${hits}/${of}`, goal: `<= ${goal}`, met: value <= goal };
}
function f1(metric: string, set: string, cases: Scored[], positive: string, goal: number): Goal {
  const tp = cases.filter((s) => s.label === positive && negative(s)).length;
  const fp = cases.filter((s) => s.label !== positive && negative(s)).length;
  const fn = cases.filter((s) => s.label === positive && !negative(s)).length;
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const value = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { metric, set, value, count: `P ${precision.toFixed(3)} R ${recall.toFixed(3)}`, goal: `>= ${goal}`, met: value >= goal };
}

const goals: Goal[] = [];
const labelled = (cases: Scored[], ...labels: string[]) => cases.filter((s) => s.label !== undefined && labels.includes(s.label));

const human = await scoreFile(join(FRESH, 'human.jsonl'));
const routine = await scoreFile(join(FRESH, 'routine.jsonl'));
const complaints = await scoreFile(join(FRESH, 'complaints.jsonl'));
const sentiment = await scoreFile(join(FRESH, 'sentiment.jsonl'));
const sensitive = await scoreFile(join(FRESH, 'sensitive.jsonl'));
const multiTurn = await scoreFile(join(FRESH, 'multi-turn.jsonl'));

goals.push(atLeast('requests for a person handed over with human_requested', 'fresh', share(labelled(human, 'human_request'), handedWith('human_requested')), 0.995));
goals.push(atMost('mentions of people that are no request, flagged', 'fresh', share(labelled(human, 'not_human_request'), (s) => s.result.reasons.includes('human_requested')), 0.05));
goals.push(atMost('routine requests handed over', 'fresh', share(routine, (s) => s.result.handover), 0.01));
goals.push(atLeast('fraud/security and payment disputes flagged sensitive_topic and handed over', 'fresh', share(labelled(sensitive, 'fraud_security', 'payment_dispute'), handedWith('sensitive_topic')), 0.97));
goals.push(atLeast('legal threats and requests flagged sensitive_topic and handed over', 'fresh', share(labelled(sensitive, 'legal'), handedWith('sensitive_topic')), 0.97));
goals.push(atMost('informational questions flagged sensitive_topic', 'fresh', share(labelled(sensitive, 'informational'), (s) => s.result.reasons.includes('sensitive_topic')), 0.01));
goals.push(f1('complaint detection (topic complaint or frustration), F1', 'fresh', complaints, 'complaint', 0.8));
goals.push(f1('negative vs positive posts, F1', 'fresh', sentiment, 'negative', 0.85));
goals.push(atMost('positive posts flagged', 'fresh', share(labelled(sentiment, 'positive'), negative), 0.05));
goals.push(atLeast('complaints handed over', 'fresh', share(labelled(complaints, 'complaint'), (s) => s.result.handover), 0.99));
goals.push(atLeast('multi-turn conversations meeting all they expect', 'fresh', share(multiTurn, (s) => expectationFailures(s.case.expect ?? {}, s.result).length === 0), 0.9));

const bitextFile = join(dataDir, 'cases', 'bitext-dev.jsonl');
const bankingFile = join(dataDir, 'cases', 'banking77-dev.jsonl');
if (existsSync(bitextFile) && existsSync(bankingFile)) {
  const bitext = await scoreFile(bitextFile);
  const banking = await scoreFile(bankingFile);
  goals.push(atLeast('requests for a person handed over with human_requested', 'bitext-dev', share(bitext.filter((s) => s.intent === 'contact_human_agent'), handedWith('human_requested')), 0.995));
  goals.push(atMost('routine requests handed over', 'bitext-dev', share(bitext.filter((s) => s.case.expect?.handover === false), (s) => s.result.handover), 0.01));
  goals.push(atLeast('complaints handed over', 'bitext-dev', share(bitext.filter((s) => s.intent === 'complaint'), (s) => s.result.handover && s.result.topics.includes('complaint')), 0.99));
  goals.push(atLeast('fraud/security and payment disputes flagged sensitive_topic and handed over', 'banking77-dev', share(banking.filter((s) => s.case.expect?.reasons?.includes('sensitive_topic')), handedWith('sensitive_topic')), 0.97));
  goals.push(atMost('informational questions flagged sensitive_topic', 'banking77-dev', share(banking.filter((s) => s.case.expect?.not_reasons?.includes('sensitive_topic')), (s) => s.result.reasons.includes('sensitive_topic')), 0.01));
} else {
  process.stderr.write(`no dev sets in ${join(dataDir, 'cases')}: the fresh set only\n`);
}

if (values.json) {
  process.stdout.write(`${JSON.stringify({ goals })}\n`);
} else {
  const rows = goals.map((g) => [g.metric, g.set, g.value.toFixed(3), g.count, g.goal, g.met ? 'met' : 'NOT MET']);
  const header = ['metric', 'set', 'value', 'count', 'goal', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const render = (r: string[]) => r.map((cell, i) => (i === 0 || i === 1 || i === 3 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  process.stdout.write(`${[render(header), ...rows.map(render)].join('\n')}\n`);
}
