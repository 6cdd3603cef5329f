import { REASON_CODES } from '../escalation/policy.ts';
import { TOPICS } from '../escalation/policy-file.ts';
import type { EvalExpect } from './cases.ts';
import type { EvalResult } from './replay.ts';

/** Precision and recall of one label (a reason or a topic) over the labelled cases. */
export interface LabelScore {
  /** Cases whose expect lists it. */
  support: number;
  /** Labelled cases on which it fired. */
  predicted: number;
  /** Cases that expect it and on which it fired. */
  truePositives: number;
  /** truePositives / predicted; null when never predicted. */
  precision: number | null;
  /** truePositives / support; null when never expected. */
  recall: number | null;
  /** Cases listing it in expect.not_reasons (reasons only). */
  forbidden: number;
  /** Of those, the cases on which it fired all the same. */
  violations: number;
}

export interface Ratio {
  correct: number;
  total: number;
  /** correct / total; null when total is 0. */
  rate: number | null;
}

export interface EvalSummary {
  /** Cases replayed (valid lines). */
  cases: number;
  /** Malformed lines reported and skipped. */
  malformed: number;
  /** Cases handed over, labelled or not. */
  handedOver: number;
  /** Cases carrying `expect`. */
  labelled: number;
  /** Labelled cases meeting every part of their expect. */
  expectMet: Ratio;
  handover: Ratio & { precision: number | null; recall: number | null; expected: number; predicted: number };
  /** Cases with expect.by_turn that did not hand over by then. */
  byTurn: { violations: number; total: number };
  team: Ratio;
  reasons: Record<string, LabelScore>;
  topics: Record<string, LabelScore>;
  /** Replaying only: the intent model's training is apart. */
  seconds: number;
  casesPerSecond: number | null;
  trainingSeconds: number;
}

const ratio = (correct: number, total: number): Ratio => ({ correct, total, rate: total > 0 ? correct / total : null });
const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** Whether a result meets its case's expect, part by part. */
export function expectationFailures(expect: EvalExpect, result: EvalResult): string[] {
  const failures: string[] = [];
  if (expect.handover !== undefined && expect.handover !== result.handover) failures.push('handover');
  for (const reason of expect.reasons ?? []) if (!result.reasons.includes(reason)) failures.push(`reason ${reason}`);
  for (const topic of expect.topics ?? []) if (!result.topics.includes(topic)) failures.push(`topic ${topic}`);
  for (const reason of expect.not_reasons ?? []) if (result.reasons.includes(reason)) failures.push(`not_reason ${reason}`);
  if (expect.by_turn !== undefined && !(result.turn !== null && result.turn <= expect.by_turn)) failures.push('by_turn');
  if (expect.team !== undefined && expect.team !== result.team) failures.push('team');
  return failures;
}

/** Collects the results of labelled cases as they come, then scores them. */
export class SummaryBuilder {
  private cases = 0;
  private handedOver = 0;
  private labelled = 0;
  private met = 0;
  private readonly handover = { correct: 0, total: 0, truePositives: 0, expected: 0, predicted: 0 };
  private readonly byTurn = { violations: 0, total: 0 };
  private readonly team = { correct: 0, total: 0 };
  private readonly reasons = new Map<string, LabelCounts>();
  private readonly topics = new Map<string, LabelCounts>();

  add(result: EvalResult, expect: EvalExpect | undefined): void {
    this.cases++;
    if (result.handover) this.handedOver++;
    if (!expect) return;
    this.labelled++;
    if (expectationFailures(expect, result).length === 0) this.met++;
    if (expect.handover !== undefined) {
      this.handover.total++;
      if (expect.handover === result.handover) this.handover.correct++;
      if (expect.handover) this.handover.expected++;
      if (result.handover) this.handover.predicted++;
      if (expect.handover && result.handover) this.handover.truePositives++;
    }
    if (expect.by_turn !== undefined) {
      this.byTurn.total++;
      if (!(result.turn !== null && result.turn <= expect.by_turn)) this.byTurn.violations++;
    }
    if (expect.team !== undefined) {
      this.team.total++;
      if (expect.team === result.team) this.team.correct++;
    }
    count(this.reasons, expect.reasons ?? [], result.reasons, expect.not_reasons ?? []);
    count(this.topics, expect.topics ?? [], result.topics, []);
  }

  summary(timing: { seconds: number; trainingSeconds: number }, malformed: number): EvalSummary {
    const h = this.handover;
    return {
      cases: this.cases,
      malformed,
      handedOver: this.handedOver,
      labelled: this.labelled,
      expectMet: ratio(this.met, this.labelled),
      handover: {
        ...ratio(h.correct, h.total),
        precision: share(h.truePositives, h.predicted),
        recall: share(h.truePositives, h.expected),
        expected: h.expected,
        predicted: h.predicted,
      },
      byTurn: { ...this.byTurn },
      team: ratio(this.team.correct, this.team.total),
      reasons: scores(this.reasons, [...REASON_CODES]),
      topics: scores(this.topics, TOPICS),
      seconds: timing.seconds,
      casesPerSecond: timing.seconds > 0 ? this.cases / timing.seconds : null,
      trainingSeconds: timing.trainingSeconds,
    };
  }
}

interface LabelCounts {
  support: number;
  predicted: number;
  truePositives: number;
  forbidden: number;
  violations: number;
}

function count(into: Map<string, LabelCounts>, expected: readonly string[], predicted: readonly string[], forbidden: readonly string[]): void {
  const counts = (label: string) => {
    let c = into.get(label);
    if (!c) into.set(label, (c = { support: 0, predicted: 0, truePositives: 0, forbidden: 0, violations: 0 }));
    return c;
  };
  for (const label of expected) {
    const c = counts(label);
    c.support++;
    if (predicted.includes(label)) c.truePositives++;
  }
  for (const label of predicted) counts(label).predicted++;
  for (const label of forbidden) {
    const c = counts(label);
    c.forbidden++;
    if (predicted.includes(label)) c.violations++;
  }
}

/** Scores by label: the vocabulary's order first, then any other label alphabetically. */
function scores(counts: Map<string, LabelCounts>, vocabulary: readonly string[]): Record<string, LabelScore> {
  const known = vocabulary.filter((label) => counts.has(label));
  const others = [...counts.keys()].filter((label) => !vocabulary.includes(label)).sort();
  return Object.fromEntries(
    [...known, ...others].map((label) => {
      const c = counts.get(label)!;
      return [label, { ...c, precision: share(c.truePositives, c.predicted), recall: share(c.truePositives, c.support) }];
    }),
  );
}

// ---- the printed summary -----------------------------------------------------------------------------------------

const pct = (rate: number | null) => (rate === null ? '-' : `${(rate * 100).toFixed(1)}%`);
const frac = (rate: number | null) => (rate === null ? '-' : rate.toFixed(3));

/** The summary as a compact table for people. */
export function formatSummary(summary: EvalSummary, source: string): string {
  const s = summary;
  const lines = [
    `${source}: ${s.cases} cases replayed, ${s.malformed} malformed line${s.malformed === 1 ? '' : 's'} skipped, ` +
      `${s.handedOver} handed over; ${s.labelled} carry expect, ${s.expectMet.correct} meet it all (${pct(s.expectMet.rate)})`,
  ];
  if (s.labelled > 0) {
    lines.push(
      `handover  accuracy ${pct(s.handover.rate)} (${s.handover.correct}/${s.handover.total})  ` +
        `precision ${frac(s.handover.precision)}  recall ${frac(s.handover.recall)}  (expected ${s.handover.expected}, predicted ${s.handover.predicted})`,
      `by_turn   ${s.byTurn.total > 0 ? `${s.byTurn.violations} violation${s.byTurn.violations === 1 ? '' : 's'} of ${s.byTurn.total}` : '-'}`,
      `team      ${s.team.total > 0 ? `accuracy ${pct(s.team.rate)} (${s.team.correct}/${s.team.total})` : '-'}`,
    );
    const rows: string[][] = [['', 'precision', 'recall', 'support', 'predicted', 'not_reasons violated']];
    for (const [label, score] of Object.entries(s.reasons)) {
      rows.push([`reason ${label}`, frac(score.precision), frac(score.recall), String(score.support), String(score.predicted), score.forbidden > 0 ? `${score.violations}/${score.forbidden}` : '-']);
    }
    for (const [label, score] of Object.entries(s.topics)) {
      rows.push([`topic ${label}`, frac(score.precision), frac(score.recall), String(score.support), String(score.predicted), '']);
    }
    if (rows.length > 1) lines.push('', ...table(rows));
    lines.push('');
  }
  const speed = s.casesPerSecond === null ? '-' : `${Math.round(s.casesPerSecond)} cases/s`;
  lines.push(`speed     ${speed} (${s.cases} cases in ${s.seconds.toFixed(2)} s; intent model trained in ${s.trainingSeconds.toFixed(2)} s, not counted)`);
  return lines.join('\n');
}

/** Rows aligned in columns: the first to the left, the others to the right. */
function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => (row[col] ?? '').length)));
  return rows.map((row) =>
    row
      .map((cell, col) => (col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!)))
      .join('  ')
      .trimEnd(),
  );
}

/** The summary as one JSON line for tools; rates are rounded to 4 decimals. */
export function summaryJson(summary: EvalSummary): string {
  return JSON.stringify(summary, (_key, value: unknown) => (typeof value === 'number' && !Number.isInteger(value) ? Math.round(value * 10_000) / 10_000 : value));
}
