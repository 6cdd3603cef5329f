/**
 * Evaluation cases as `baton eval` reads them: one JSON object a line (../shared/spec/evaluation.md). A line is either
 * a case or a problem to report with its line number; unknown fields are ignored.
 */

export type TurnRole = 'customer' | 'ai';

export interface EvalTurn {
  role: TurnRole;
  text: string;
}

/** What a labelled case must show; every part is optional. */
export interface EvalExpect {
  handover?: boolean;
  /** Each must be among the reasons that fired. */
  reasons?: string[];
  /** Each must be among the topics detected. */
  topics?: string[];
  /** None may be among the reasons that fired. */
  not_reasons?: string[];
  /** The handover must start at or before this index of `turns`. */
  by_turn?: number;
  team?: string;
}

export interface EvalCase {
  /** As given: a string, or a number. */
  id: string | number;
  turns: EvalTurn[];
  /** The attributes an account connector would return (tier, plan, lifetimeValue, ...). */
  customer?: Record<string, unknown>;
  expect?: EvalExpect;
}

/** What a case line turned out to be: a case, nothing (a blank line), or what is wrong with it. */
export type ParsedLine = { case: EvalCase } | { blank: true } | { problem: string };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

/** Reads one line of a cases file. Never throws. */
export function parseCaseLine(line: string): ParsedLine {
  if (line.trim() === '') return { blank: true };
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch (error) {
    return { problem: `not valid JSON (${(error as Error).message})` };
  }
  if (!isObject(data)) return { problem: 'a case is a JSON object' };
  return checkCase(data);
}

function checkCase(data: Record<string, unknown>): ParsedLine {
  const { id, turns, customer, expect } = data;
  if (id === undefined || id === null) return { problem: 'missing "id"' };
  if (!(typeof id === 'string' && id.length > 0) && !(typeof id === 'number' && Number.isFinite(id))) {
    return { problem: '"id" must be a non-empty string or a number' };
  }
  if (turns === undefined || turns === null) return { problem: 'missing "turns"' };
  if (!Array.isArray(turns) || turns.length === 0) return { problem: '"turns" must be a non-empty list' };
  const checked: EvalTurn[] = [];
  for (const [i, turn] of turns.entries()) {
    if (!isObject(turn)) return { problem: `turns[${i}] must be an object with "role" and "text"` };
    if (turn.role !== 'customer' && turn.role !== 'ai') return { problem: `turns[${i}].role must be "customer" or "ai" (got ${JSON.stringify(turn.role) ?? 'nothing'})` };
    if (typeof turn.text !== 'string') return { problem: `turns[${i}].text must be a string` };
    if (turn.text.trim() === '') return { problem: `turns[${i}].text is empty` };
    checked.push({ role: turn.role, text: turn.text });
  }
  if (!checked.some((turn) => turn.role === 'customer')) return { problem: '"turns" has no customer turn' };
  if (customer !== undefined && customer !== null && !isObject(customer)) return { problem: '"customer" must be an object of attributes' };
  const evalCase: EvalCase = { id, turns: checked };
  if (isObject(customer)) evalCase.customer = customer;
  if (expect !== undefined && expect !== null) {
    const checkedExpect = checkExpect(expect);
    if (typeof checkedExpect === 'string') return { problem: checkedExpect };
    evalCase.expect = checkedExpect;
  }
  return { case: evalCase };
}

/** The expectation, or what is wrong with it. */
function checkExpect(expect: unknown): EvalExpect | string {
  if (!isObject(expect)) return '"expect" must be an object';
  const checked: EvalExpect = {};
  if (expect.handover !== undefined) {
    if (typeof expect.handover !== 'boolean') return 'expect.handover must be true or false';
    checked.handover = expect.handover;
  }
  for (const list of ['reasons', 'topics', 'not_reasons'] as const) {
    const value = expect[list];
    if (value === undefined) continue;
    if (!isStringList(value)) return `expect.${list} must be a list of strings`;
    checked[list] = [...new Set(value)];
  }
  if (expect.by_turn !== undefined && expect.by_turn !== null) {
    if (typeof expect.by_turn !== 'number' || !Number.isInteger(expect.by_turn) || expect.by_turn < 0) {
      return 'expect.by_turn must be a turn index (an integer from 0)';
    }
    checked.by_turn = expect.by_turn;
  }
  if (expect.team !== undefined && expect.team !== null) {
    if (typeof expect.team !== 'string' || expect.team === '') return 'expect.team must be a team name';
    checked.team = expect.team;
  }
  return checked;
}
