import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { checkSkillExpression } from './skill-expression.ts';

/**
 * Routing as data (a YAML workflow, like Twilio TaskRouter's): ordered filters over a handover's topics, reasons,
 * priority and the customer's tier and language, each with targets (a team, an optional skill expression, a timeout)
 * tried in order. Read and checked at start: anything wrong stops start with the file, the filter and the reason.
 */

export const DEFAULT_WORKFLOW_FILE = fileURLToPath(new URL('./default-workflow.yaml', import.meta.url));

export class WorkflowFileError extends Error {
  override name = 'WorkflowFileError';
}

const Values = z.array(z.string().min(1)).min(1);

const ConditionSchema = z
  .object({ topics: Values.optional(), reasons: Values.optional(), priority: z.array(z.enum(['low', 'normal', 'high', 'urgent'])).min(1).optional(), tier: Values.optional(), language: Values.optional() })
  .strict()
  .refine((condition) => Object.keys(condition).length > 0, 'a condition names at least one of topics, reasons, priority, tier, language');

/** "billing && (german || french)", "!junior": identifiers, &&, ||, ! and parentheses. */
const SKILL_EXPRESSION = /^[\s()!]*[a-z][\w-]*[\s)]*(?:(?:&&|\|\|)[\s()!]*[a-z][\w-]*[\s)]*)*$/i;

const TargetSchema = z
  .object({
    team: z.string().min(1),
    skills: z
      .string()
      .regex(SKILL_EXPRESSION, 'must be skills joined by &&, || and !, e.g. billing && german')
      .refine(balanced, 'has unbalanced parentheses')
      // The regex and the balance give the friendlier message; the parser the queue board evaluates with has the last word.
      .superRefine((expression, ctx) => {
        const check = checkSkillExpression(expression);
        if (!check.ok) ctx.addIssue({ code: 'custom', message: check.reason });
      })
      .optional(),
    timeoutSeconds: z.number().int().positive().max(7 * 24 * 3600).optional(),
  })
  .strict();

const FilterSchema = z
  .object({
    name: z.string().regex(/^[a-z][\w-]*$/i, 'must be a name of letters, digits, - and _'),
    when: z.union([ConditionSchema, z.array(ConditionSchema).min(1)]),
    targets: z.array(TargetSchema).min(1),
  })
  .strict();

const WorkflowSchema = z
  .object({
    filters: z.array(FilterSchema).default([]),
    default: z.object({ targets: z.array(TargetSchema).min(1) }).strict(),
  })
  .strict()
  .superRefine((workflow, ctx) => {
    const seen = new Set<string>();
    workflow.filters.forEach((filter, i) => {
      if (seen.has(filter.name)) ctx.addIssue({ code: 'custom', path: ['filters', i, 'name'], message: `"${filter.name}" is used by an earlier filter` });
      seen.add(filter.name);
    });
  });

export type WorkflowCondition = z.infer<typeof ConditionSchema>;
export type WorkflowTarget = z.infer<typeof TargetSchema>;
export interface WorkflowFilter {
  name: string;
  /** Alternatives: any may match. */
  when: WorkflowCondition[];
  targets: WorkflowTarget[];
}
export interface Workflow {
  filters: WorkflowFilter[];
  defaultTargets: WorkflowTarget[];
}

function balanced(expression: string): boolean {
  let depth = 0;
  for (const c of expression) {
    if (c === '(') depth++;
    else if (c === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

export function parseWorkflow(text: string, source: string): Workflow {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? ` (line ${error.linePos[0].line})` : '';
    throw new WorkflowFileError(`${source}${where}: not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = WorkflowSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const [head, index] = issue.path;
    const raw = data as { filters?: { name?: unknown }[] };
    const filter = head === 'filters' && typeof index === 'number' ? raw.filters?.[index]?.name : undefined;
    const where = typeof filter === 'string' ? `filter "${filter}" ` : '';
    const field = issue.path.slice(head === 'filters' ? 2 : 0).join('.');
    throw new WorkflowFileError(`${source}: ${where}${field ? `${field}: ` : ''}${issue.message}`);
  }
  return {
    filters: parsed.data.filters.map((filter) => ({ ...filter, when: Array.isArray(filter.when) ? filter.when : [filter.when] })),
    defaultTargets: parsed.data.default.targets,
  };
}

export function readWorkflowFile(file: string = DEFAULT_WORKFLOW_FILE): Workflow {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new WorkflowFileError(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return parseWorkflow(text, file);
}
