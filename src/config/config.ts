import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ASSIGNMENT_STRATEGIES } from '../routing/agent-selection.ts';
import { BusinessHoursSchema } from '../routing/business-hours.ts';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const ConfigSchema = z
  .object({
    port: z.coerce.number().int().min(0).max(65535).default(3000),
    host: z.string().min(1).default('0.0.0.0'),
    /** Where the SQLite file lives when no databaseUrl is set. */
    dataDir: z.string().min(1).default('./data'),
    databaseUrl: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional(),
    redisUrl: z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
      .optional(),
    logLevel: z.enum(LOG_LEVELS).default('info'),
    /** Seed the demo company (teams, agents) on first start. */
    seedDemo: z.boolean().default(true),
    /** With the demo: past conversations the demo teams handled, so wait promises have history from the start. */
    seedDemoHistory: z.boolean().default(true),
    agentSessionHours: z.number().positive().max(24 * 30).default(12),
    escalation: z
      .object({
        /** The policy file (YAML rules); the shipped default when not given. */
        policyFile: z.string().min(1).optional(),
        /** Turns in a row the AI may fail to understand before a person takes over; overrides the policy file's. */
        maxUnresolvedTurns: z.number().int().min(1).max(10).optional(),
      })
      .strict()
      .default({}),
    /** The business's own account API; without it the AI consults the demo store's data. */
    accounts: z
      .object({
        baseUrl: z.url().optional(),
        token: z.string().min(1).optional(),
        timeoutMs: z.coerce.number().int().min(100).max(60_000).default(5000),
      })
      .strict()
      .default({ timeoutMs: 5000 }),
    /** An OpenAI-compatible (or Ollama) model; without it the offline brain answers. */
    llm: z
      .object({
        baseUrl: z.url().optional(),
        model: z.string().min(1).optional(),
        apiKey: z.string().min(1).optional(),
        provider: z.enum(['openai-compatible', 'ollama']).default('openai-compatible'),
        timeoutMs: z.coerce.number().int().min(100).max(600_000).default(15_000),
      })
      .strict()
      .default({ provider: 'openai-compatible', timeoutMs: 15_000 }),
    /** What redacted views mask (card numbers, emails, phones), and where they are used. */
    redaction: z
      .object({
        /** Handover packets carried by webhooks are redacted (off by default: a help desk needs the customer's email). */
        webhooks: z.boolean().default(false),
        /** Log lines are redacted. */
        logs: z.boolean().default(false),
        cards: z.boolean().default(true),
        emails: z.boolean().default(true),
        phones: z.boolean().default(true),
      })
      .strict()
      .default({ webhooks: false, logs: false, cards: true, emails: true, phones: true }),
    routing: z
      .object({
        /** The routing workflow (YAML filters and targets); the shipped default when not given. */
        workflowFile: z.string().min(1).optional(),
        /** Business hours by team id; a team without any is always open. */
        teamHours: z.record(z.string().min(1), BusinessHoursSchema).default({}),
        /** How waiting conversations are given to agents: by default, to the agent idle longest. */
        assignment: z.enum(ASSIGNMENT_STRATEGIES).default('longest_idle'),
        /** Per team, a strategy other than `assignment`. */
        teamAssignment: z.record(z.string().min(1), z.enum(ASSIGNMENT_STRATEGIES)).default({}),
        /** Every this many seconds waited move a conversation up one priority class, so nothing starves. */
        agingSeconds: z.number().int().min(1).max(86_400).default(300),
        /** A person should answer within this many seconds of a handover; missing it is recorded (an SLA breach). */
        firstResponseSeconds: z.number().int().min(1).max(7 * 86_400).default(300),
        /** A customer whose widget closed while queued, and who left no email, counts as gone after this long. */
        abandonAfterSeconds: z.number().int().min(1).max(7 * 86_400).default(600),
        /** How often waiting customers' promises are refreshed as time passes. */
        etaRefreshSeconds: z.number().int().min(1).max(3600).default(30),
      })
      .strict()
      .default({ teamHours: {}, assignment: 'longest_idle', teamAssignment: {}, agingSeconds: 300, firstResponseSeconds: 300, abandonAfterSeconds: 600, etaRefreshSeconds: 30 }),
  })
  .strict();

export type Config = z.infer<typeof ConfigSchema>;

/** A configuration Baton will not start with; the message names the source, the field and the reason. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const ENV_KEYS: Record<string, keyof Config> = {
  PORT: 'port',
  HOST: 'host',
  BATON_DATA_DIR: 'dataDir',
  DATABASE_URL: 'databaseUrl',
  REDIS_URL: 'redisUrl',
  BATON_LOG_LEVEL: 'logLevel',
  BATON_SEED_DEMO: 'seedDemo',
};

const LLM_ENV_KEYS: Record<string, string> = {
  BATON_LLM_BASE_URL: 'baseUrl',
  BATON_LLM_MODEL: 'model',
  BATON_LLM_API_KEY: 'apiKey',
  BATON_LLM_PROVIDER: 'provider',
  BATON_LLM_TIMEOUT_MS: 'timeoutMs',
};

function fromEnv(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const llm: Record<string, unknown> = {};
  for (const [name, key] of Object.entries(LLM_ENV_KEYS)) {
    const raw = env[name];
    if (raw !== undefined && raw !== '') llm[key] = raw;
  }
  if (Object.keys(llm).length > 0) values.llm = llm;
  const accounts: Record<string, unknown> = {};
  if (env.BATON_ACCOUNTS_URL) accounts.baseUrl = env.BATON_ACCOUNTS_URL;
  if (env.BATON_ACCOUNTS_TOKEN) accounts.token = env.BATON_ACCOUNTS_TOKEN;
  if (Object.keys(accounts).length > 0) values.accounts = accounts;
  if (env.BATON_POLICY_FILE) values.escalation = { policyFile: env.BATON_POLICY_FILE };
  if (env.BATON_WORKFLOW_FILE) values.routing = { workflowFile: env.BATON_WORKFLOW_FILE };
  for (const [name, key] of Object.entries(ENV_KEYS)) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    values[key] = key === 'seedDemo' ? !['0', 'false', 'no'].includes(raw.toLowerCase()) : raw;
  }
  return values;
}

function fromFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`config file ${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? error})`);
  }
  let parsed: unknown;
  try {
    parsed = parseYaml(text);
  } catch (error) {
    throw new ConfigError(`config file ${path}: not valid YAML: ${(error as Error).message}`);
  }
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) throw new ConfigError(`config file ${path}: must be a mapping`);
  return parsed as Record<string, unknown>;
}

/**
 * Loads the configuration: the YAML file (`--config` or BATON_CONFIG), then the environment, then command-line
 * flags, each overriding the one before.
 */
export function loadConfig(options: { file?: string; env?: NodeJS.ProcessEnv; overrides?: Record<string, unknown> } = {}): Config {
  const env = options.env ?? process.env;
  const file = options.file ?? env.BATON_CONFIG;
  const fileValues = file ? fromFile(file) : {};
  const envValues = fromEnv(env);
  const merged: Record<string, unknown> = {
    ...fileValues,
    ...envValues,
    ...Object.fromEntries(Object.entries(options.overrides ?? {}).filter(([, v]) => v !== undefined)),
  };
  // The model's settings may come part from the file, part from the environment (the key, typically).
  for (const section of ['llm', 'accounts']) {
    if (fileValues[section] && envValues[section]) merged[section] = { ...(fileValues[section] as object), ...(envValues[section] as object) };
  }
  const result = ConfigSchema.safeParse(merged);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new ConfigError(`invalid configuration${file ? ` (file ${file}, environment and flags)` : ''}: ${problems.join('; ')}`);
  }
  return result.data;
}
