import { closeSync, createReadStream, fstatSync, openSync, statSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { ConfigError, loadConfig, type Config } from '../config/config.ts';
import { PolicyFileError } from '../escalation/policy-file.ts';
import { parseCaseLine } from './cases.ts';
import { buildEvalPipeline } from './pipeline.ts';
import { replayCase, resultLine } from './replay.ts';
import { formatSummary, summaryJson, SummaryBuilder, type EvalSummary } from './summary.ts';

/** Exit code of a command used wrongly (a missing or unreadable file, a bad option or configuration). */
const USAGE = 2;
/** Results are written in chunks of about this many characters. */
const WRITE_CHUNK = 64 * 1024;

interface EvalOptions {
  cases?: string;
  out?: string;
  config?: string;
  json?: boolean;
}

export function registerEvalCommand(program: Command): void {
  program
    .command('eval')
    .description(
      'replay labelled conversations (JSON Lines, ../shared/spec/evaluation.md) through the offline brain, the escalation ' +
        'policy and the router, with no server; write one result a case and print a summary of the labelled ones',
    )
    .option('--cases <file>', 'the cases, one JSON object a line')
    .option('--out <file>', 'where the results go, one JSON object a line, in the order of the cases')
    .option('-c, --config <file>', 'YAML configuration file (env BATON_CONFIG): the escalation policy and routing it sets')
    .option('--json', 'print the summary as one JSON line instead of a table')
    // A wrong option is a usage error like a missing file: exit 2, not commander's 1.
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : USAGE))
    .action(async (options: EvalOptions) => {
      process.exitCode = await runEval(options);
    });
}

function usageError(message: string): number {
  console.error(`baton eval: ${message}`);
  console.error('usage: baton eval --cases CASES.jsonl --out RESULTS.jsonl [--config FILE] [--json]');
  return USAGE;
}

const reason = (error: unknown) => (error as NodeJS.ErrnoException).code ?? (error as Error).message;

/** Runs the evaluation; returns the exit code. */
export async function runEval(options: EvalOptions): Promise<number> {
  if (!options.cases) return usageError('--cases is required');
  if (!options.out) return usageError('--out is required');
  let casesFd: number;
  try {
    casesFd = openSync(options.cases, 'r');
    if (!fstatSync(casesFd).isFile()) {
      closeSync(casesFd);
      return usageError(`--cases ${options.cases} is not a file`);
    }
  } catch (error) {
    return usageError(`--cases ${options.cases} cannot be read (${reason(error)})`);
  }
  let config: Config;
  try {
    config = loadConfig({ file: options.config });
  } catch (error) {
    closeSync(casesFd);
    if (error instanceof ConfigError) return usageError(error.message);
    throw error;
  }
  const cases = fstatSync(casesFd);
  let out;
  try {
    out = statSync(options.out, { throwIfNoEntry: false });
  } catch {
    // Whatever is wrong with the path, opening it for writing says so below.
  }
  if (out && out.dev === cases.dev && out.ino === cases.ino) {
    closeSync(casesFd);
    return usageError(`--out ${options.out} is the cases file: writing the results would erase the cases`);
  }
  let outFd: number;
  try {
    outFd = openSync(options.out, 'w');
  } catch (error) {
    closeSync(casesFd);
    return usageError(`--out ${options.out} cannot be written (${reason(error)})`);
  }

  try {
    let pipeline;
    try {
      pipeline = await buildEvalPipeline(config);
    } catch (error) {
      if (error instanceof PolicyFileError) return usageError(`escalation policy ${error.message}`);
      throw error;
    }
    const summary = await replayFile(casesFd, outFd, options.cases, pipeline);
    console.log(options.json ? summaryJson(summary) : formatSummary(summary, options.cases));
    return 0;
  } finally {
    closeSync(outFd);
  }
}

/** Replays every case of the file in order, writing its result line; malformed lines are reported and skipped. */
async function replayFile(
  casesFd: number,
  outFd: number,
  source: string,
  pipeline: Awaited<ReturnType<typeof buildEvalPipeline>>,
): Promise<EvalSummary> {
  const lines = createInterface({ input: createReadStream('', { fd: casesFd, encoding: 'utf8' }), crlfDelay: Infinity });
  const builder = new SummaryBuilder();
  let malformed = 0;
  let lineNumber = 0;
  let pending = '';
  const started = performance.now();
  for await (const raw of lines) {
    lineNumber++;
    const line = lineNumber === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    const parsed = parseCaseLine(line);
    if ('blank' in parsed) continue;
    if ('problem' in parsed) {
      malformed++;
      console.error(`baton eval: ${source} line ${lineNumber}: ${parsed.problem}; skipped`);
      continue;
    }
    const result = await replayCase(pipeline.deciders, parsed.case);
    builder.add(result, parsed.case.expect);
    pending += `${resultLine(result)}\n`;
    if (pending.length >= WRITE_CHUNK) {
      writeAll(outFd, pending);
      pending = '';
    }
  }
  writeAll(outFd, pending);
  const seconds = (performance.now() - started) / 1000;
  return builder.summary({ seconds, trainingSeconds: pipeline.trainingSeconds }, malformed);
}

function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let written = 0;
  while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
}
