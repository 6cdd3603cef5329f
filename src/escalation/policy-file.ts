import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { REASON_CODES } from './policy.ts';

/**
 * The escalation policy as data: a YAML file a business edits, read and checked at start. Rules are conditions in
 * json-rules-engine's own form (all / any / not over facts, an operator and a value) and what follows when they hold.
 * Anything wrong stops start with the file, the rule and the reason: a policy that silently never hands over would
 * trap customers.
 */

export const DEFAULT_POLICY_FILE = fileURLToPath(new URL('./default-policy.yaml', import.meta.url));

/** The facts a rule may test; see RulesEscalationPolicy for how each is filled. */
export const POLICY_FACTS = {
  /** Score (0..1) of each escalation signal, by reason code, this turn: `path: $.frustration`. */
  signals: 'object',
  /** Score (0..1) of each topic detected in the conversation: `path: $.payment_dispute`. */
  topics: 'object',
  /** The customer's attributes from the account connector or the widget: `path: $.tier`. */
  customer: 'object',
  /** How many messages the customer has written, this one included. */
  customerTurns: 'number',
  /** AI replies in a row that did not understand the customer, before this turn. */
  misunderstoodStreak: 'number',
  /** Whether each team with business hours (config `routing.teamHours`) is open now: `path: $.billing`. */
  teamsOpen: 'object',
} as const;
export type PolicyFact = keyof typeof POLICY_FACTS;

const OPERATORS = [
  'equal',
  'notEqual',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
] as const;

export const TOPICS = [
  'order',
  'shipping',
  'refund',
  'billing',
  'payment_dispute',
  'fraud_security',
  'account',
  'legal',
  'complaint',
  'cancellation',
  'technical',
  'sales',
  'other',
] as const;

const TOPIC_NAMES = TOPICS as unknown as [string, ...string[]];

/** The brief's sensitive topics, each from the score at which its rule hands over: a mild complaint is not one. */
const DEFAULT_SENSITIVE_TOPICS: Record<string, number> = { payment_dispute: 0.5, fraud_security: 0.5, legal: 0.5, complaint: 0.5 };

const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

export interface FactCondition {
  fact: PolicyFact;
  path?: string;
  operator: (typeof OPERATORS)[number];
  value: unknown;
}
export type Condition = FactCondition | { all: Condition[] } | { any: Condition[] } | { not: Condition };

const FactConditionSchema = z
  .object({
    fact: z.enum(Object.keys(POLICY_FACTS) as [PolicyFact, ...PolicyFact[]]),
    path: z.string().regex(/^\$\.[A-Za-z_][\w.]*$/, 'must look like $.name').optional(),
    operator: z.enum(OPERATORS),
    value: z.unknown(),
  })
  .strict()
  .superRefine((condition, ctx) => {
    const name = condition.path?.slice(2);
    if (condition.fact === 'signals' && (!name || !REASON_CODES.has(name))) {
      ctx.addIssue({ code: 'custom', message: `signals path must name a reason: ${[...REASON_CODES].join(', ')}` });
    }
    if (condition.fact === 'topics' && (!name || !(TOPICS as readonly string[]).includes(name))) {
      ctx.addIssue({ code: 'custom', message: `topics path must name a topic: ${TOPICS.join(', ')}` });
    }
    if (condition.fact === 'customer' && !name) ctx.addIssue({ code: 'custom', message: 'customer needs a path, e.g. $.tier' });
    if (condition.fact === 'teamsOpen' && !name) ctx.addIssue({ code: 'custom', message: 'teamsOpen needs a path naming a team, e.g. $.billing' });
  });

/**
 * A condition tree, checked node by node so that an error names the very condition at fault (a union of schemas
 * would only say "invalid input").
 */
const ConditionSchema = z.unknown().superRefine((value, ctx) => checkCondition(value, [], ctx)) as unknown as z.ZodType<Condition>;

function checkCondition(value: unknown, path: (string | number)[], ctx: z.RefinementCtx): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    ctx.addIssue({ code: 'custom', path, message: 'a condition is an object: all, any, not, or fact/operator/value' });
    return;
  }
  const node = value as Record<string, unknown>;
  for (const group of ['all', 'any'] as const) {
    if (!(group in node)) continue;
    const parts = node[group];
    if (Object.keys(node).length !== 1 || !Array.isArray(parts) || parts.length === 0) {
      ctx.addIssue({ code: 'custom', path, message: `${group} takes a non-empty list of conditions and nothing beside it` });
      return;
    }
    parts.forEach((part, i) => checkCondition(part, [...path, group, i], ctx));
    return;
  }
  if ('not' in node) {
    if (Object.keys(node).length !== 1) ctx.addIssue({ code: 'custom', path, message: 'not takes one condition and nothing beside it' });
    else checkCondition(node.not, [...path, 'not'], ctx);
    return;
  }
  if ('fact' in node && !('value' in node)) {
    ctx.addIssue({ code: 'custom', path, message: 'a condition needs a value' });
    return;
  }
  const parsed = FactConditionSchema.safeParse(value);
  if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: [...path, ...issue.path], message: issue.message });
}

const RuleSchema = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be lower_snake_case'),
    description: z.string().optional(),
    when: ConditionSchema,
    then: z
      .object({
        /** Whether the AI steps aside. A rule may also only set priority or team for when another hands over. */
        handover: z.boolean().default(true),
        priority: z.enum(PRIORITIES).optional(),
        /** A team to route to; the router has the last word. */
        team: z.string().min(1).optional(),
      })
      .strict()
      .default({ handover: true }),
  })
  .strict();

const PolicyFileSchema = z
  .object({
    settings: z
      .object({
        /** Turns in a row the AI may fail to understand before `repeated_failure` fires. */
        maxUnresolvedTurns: z.number().int().min(1).max(10).default(2),
        /** Words or phrases that hand over with reason `keyword`, matched as whole words, any case. */
        keywords: z.array(z.string().trim().min(1)).default([]),
        /** Values of the customer's `tier` attribute that fire `vip`. */
        vipTiers: z.array(z.string().min(1)).default(['vip']),
        /** The topics that fire `sensitive_topic`, each from the score at which it does. */
        sensitiveTopics: z
          .partialRecord(z.enum(TOPIC_NAMES), z.number().gt(0).max(1))
          .default(DEFAULT_SENSITIVE_TOPICS),
      })
      .strict()
      .default({ maxUnresolvedTurns: 2, keywords: [], vipTiers: ['vip'], sensitiveTopics: DEFAULT_SENSITIVE_TOPICS }),
    rules: z.array(RuleSchema).min(1),
  })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.rules.forEach((rule, i) => {
      if (seen.has(rule.name)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'name'], message: `"${rule.name}" is used by an earlier rule` });
      seen.add(rule.name);
    });
  });

export type PolicyFile = z.infer<typeof PolicyFileSchema>;
export type PolicyRule = PolicyFile['rules'][number];

/** The policy file could not be used: says which file, which rule and why. */
export class PolicyFileError extends Error {
  override name = 'PolicyFileError';
}

/** Reads and checks a policy file (the shipped default when none is given). */
export function readPolicyFile(file = DEFAULT_POLICY_FILE): PolicyFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new PolicyFileError(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  return parsePolicy(text, file);
}

/** Parses and checks a policy's YAML text; `source` names it in errors. */
export function parsePolicy(text: string, source: string): PolicyFile {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? ` (line ${error.linePos[0].line})` : '';
    throw new PolicyFileError(`${source}${where}: not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = PolicyFileSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const [section, index] = issue.path;
  const rules = (data as { rules?: { name?: unknown }[] } | null)?.rules;
  const ruleName = section === 'rules' && typeof index === 'number' ? rules?.[index]?.name : undefined;
  const rule = section === 'rules' && typeof index === 'number' ? ` rule ${typeof ruleName === 'string' ? `"${ruleName}"` : `#${index + 1}`}` : '';
  const field = issue.path.slice(rule ? 2 : 0).join('.');
  throw new PolicyFileError(`${source}:${rule}${field ? ` ${field}:` : ''} ${issue.message}`);
}

/** The paths (without "$.") a condition tests on one fact: the teams a rule asks the hours of, say. */
export function pathsOf(condition: Condition, fact: PolicyFact): string[] {
  if ('all' in condition) return condition.all.flatMap((part) => pathsOf(part, fact));
  if ('any' in condition) return condition.any.flatMap((part) => pathsOf(part, fact));
  if ('not' in condition) return pathsOf(condition.not, fact);
  return condition.fact === fact && condition.path ? [condition.path.slice(2)] : [];
}
