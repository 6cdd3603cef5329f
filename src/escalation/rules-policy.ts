import { Engine, type RuleProperties } from 'json-rules-engine';
import type { Priority } from '../domain/events.ts';
import { isOpenAt, type BusinessHours } from '../routing/business-hours.ts';
import { detectSignals, type SignalDetectors } from './detect-signals.ts';
import type { Condition, PolicyFile, PolicyRule } from './policy-file.ts';
import type { EscalationDecision, EscalationInput, EscalationPolicy } from './policy.ts';

const PRIORITY_RANK: Record<Priority, number> = { low: 0, normal: 1, high: 2, urgent: 3 };

/**
 * The escalation policy from a policy file: the signal detectors read the turn, and json-rules-engine runs the file's
 * rules over what they found. The decision names every signal that fired (with its evidence), the topics, and the
 * rules that held, so the person taking over sees why.
 */
export class RulesEscalationPolicy implements EscalationPolicy {
  private readonly engine: Engine;
  private readonly rules = new Map<string, PolicyRule>();
  /**
   * Whether every rule needs some signal or topic it names to score above 0. Then a turn on which none of the signals
   * and topics the rules name fired (most turns) cannot make any rule hold, and the engine, about 25 µs a rule and
   * more, is not run for it.
   */
  private readonly rulesNeedDetection: boolean;
  /** The signals and topics the rules name, as `signals.<reason>` and `topics.<topic>`. */
  private readonly named = new Set<string>();

  constructor(
    private readonly policy: PolicyFile,
    private readonly detectors: SignalDetectors,
    /** Business hours by team, for the `teamsOpen` fact. */
    private readonly teamHours: Record<string, BusinessHours> = {},
  ) {
    this.engine = new Engine([], { allowUndefinedFacts: true, pathResolver: resolvePath });
    policy.rules.forEach((rule, i) => {
      this.rules.set(rule.name, rule);
      // Earlier rules first: json-rules-engine runs higher priorities first, and the first rule naming a team wins.
      const properties: RuleProperties = {
        name: rule.name,
        priority: policy.rules.length - i,
        conditions: topLevel(rule.when) as RuleProperties['conditions'],
        event: { type: rule.name },
      };
      this.engine.addRule(properties);
    });
    this.rulesNeedDetection = policy.rules.every((rule) => needsDetection(rule.when));
    for (const rule of policy.rules) collectNamed(rule.when, this.named);
  }

  async decide(input: EscalationInput): Promise<EscalationDecision> {
    const signals = detectSignals(input, this.policy.settings, this.detectors);
    const topicNames = [...new Set(signals.topics.map((t) => t.topic))];
    const named =
      signals.reasons.some((r) => this.named.has(`signals.${r.code}`)) || signals.topics.some((t) => this.named.has(`topics.${t.topic}`));
    if (!named && this.rulesNeedDetection) {
      return { handover: false, reasons: signals.reasons, topics: topicNames, priority: 'normal', rules: [] };
    }
    const facts = {
      signals: Object.fromEntries(signals.reasons.map((r) => [r.code, r.score])),
      topics: Object.fromEntries(signals.topics.map((t) => [t.topic, Math.max(t.score, 0)])),
      customer: input.state.customer.attributes ?? {},
      customerTurns: input.state.customerTurns,
      misunderstoodStreak: input.state.misunderstoodStreak,
      teamsOpen: teamsOpenAt(this.teamHours, input.state.updatedAt),
    };
    const { events } = await this.engine.run(facts);
    const held = events.map((event) => this.rules.get(event.type)!).filter(Boolean);
    let priority: Priority = 'normal';
    let team: string | undefined;
    for (const rule of held) {
      if (rule.then.priority && PRIORITY_RANK[rule.then.priority] > PRIORITY_RANK[priority]) priority = rule.then.priority;
      team ??= rule.then.team;
    }
    return {
      handover: held.some((rule) => rule.then.handover),
      reasons: signals.reasons,
      topics: topicNames,
      priority,
      ...(team ? { team } : {}),
      rules: held.map((rule) => rule.name),
    };
  }
}

/**
 * A condition's path, "$.name" or "$.a.b" (policy-file checks that form), as a walk over properties: JSONPath's
 * parser on every condition of every run, and the error it builds for each missing signal, cost more than the rest.
 */
function resolvePath(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.slice(2).split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Whether each team with hours is open when the message being answered came (unknown time: open). */
function teamsOpenAt(teamHours: Record<string, BusinessHours>, at: string): Record<string, boolean> {
  const when = new Date(at);
  const known = !Number.isNaN(when.getTime());
  const open: Record<string, boolean> = {};
  for (const [team, hours] of Object.entries(teamHours)) open[team] = !known || isOpenAt(hours, when);
  return open;
}

/** Adds the signals and topics a condition tests, as `signals.<reason>` and `topics.<topic>`. */
function collectNamed(condition: Condition, into: Set<string>): void {
  if ('all' in condition) condition.all.forEach((part) => collectNamed(part, into));
  else if ('any' in condition) condition.any.forEach((part) => collectNamed(part, into));
  else if ('not' in condition) collectNamed(condition.not, into);
  else if ((condition.fact === 'signals' || condition.fact === 'topics') && condition.path) into.add(`${condition.fact}.${condition.path.slice(2)}`);
}

/** json-rules-engine wants all, any or not at the top of a rule's conditions. */
function topLevel(condition: Condition): Condition {
  return 'all' in condition || 'any' in condition || 'not' in condition ? condition : { all: [condition] };
}

/**
 * Whether a condition can only hold when some signal or topic scored above 0: a score test that 0 (or a missing
 * score) fails, or an `all` with one such part, or an `any` all of whose parts are such. Conservative: anything else
 * (a `not`, a test on the customer or on counts) may hold on a quiet turn.
 */
function needsDetection(condition: Condition): boolean {
  if ('all' in condition) return condition.all.some(needsDetection);
  if ('any' in condition) return condition.any.every(needsDetection);
  if ('not' in condition) return false;
  if (condition.fact !== 'signals' && condition.fact !== 'topics') return false;
  if (typeof condition.value !== 'number') return false;
  if (condition.operator === 'greaterThan') return condition.value >= 0;
  if (condition.operator === 'greaterThanInclusive') return condition.value > 0;
  if (condition.operator === 'equal') return condition.value !== 0;
  return false;
}
