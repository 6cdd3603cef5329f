import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSimulate, type SimulateOptions } from './simulate-command.ts';

const dir = mkdtempSync(join(tmpdir(), 'baton-simulate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(options: SimulateOptions): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runSimulate(options, { log: (line) => out.push(line), error: (line) => err.push(line) });
  return { code, out, err };
}

const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const TINY_YAML = `
name: tiny
hours: 2
teams:
  - name: support
    arrivalsPerHour: [60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 60]
    priorities: { normal: 3, high: 1 }
    handleTime: { distribution: lognormal, meanSeconds: 300, cv: 0.8 }
    patience: { distribution: weibull, meanSeconds: 600, shape: 1.5 }
    shifts:
      - { agents: 4, hours: "00:00-24:00" }
`;

describe('baton simulate', () => {
  it('reads a YAML (or JSON) scenario and prints one JSON line with --json', () => {
    const { code, out, err } = run({ scenario: file('tiny.yaml', TINY_YAML), json: true, seed: '7', hours: '1.5' });
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out).toHaveLength(1);
    const json = JSON.parse(out[0]!);
    expect(json).toMatchObject({ scenario: 'tiny', seed: 7, hours: 1.5, eta: { baselines: {} }, waits: {}, abandonRate: expect.any(Number) });
  });

  it('prints a table by default', () => {
    const { code, out } = run({ scenario: file('tiny.yaml', TINY_YAML) });
    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(/^baton simulate: scenario tiny, seed 1, 2 h of arrivals/);
  });

  it('exits 2 with the reason for a bad seed or hours', () => {
    for (const seed of ['abc', '-1', '1.5', '4294967296', '']) {
      const { code, err } = run({ seed });
      expect(code, seed).toBe(2);
      expect(err[0]).toMatch(/^baton simulate: --seed must be an integer from 0 to 4294967295/);
      expect(err[1]).toMatch(/^usage: baton simulate/);
    }
    for (const hours of ['0', 'x', '-3', '100000']) {
      const { code, err } = run({ hours });
      expect(code, hours).toBe(2);
      expect(err[0]).toMatch(/^baton simulate: --hours must be a number of hours above 0/);
    }
  });

  it('exits 2 with the file and the reason for a scenario it cannot use', () => {
    const missing = run({ scenario: join(dir, 'nope.json') });
    expect(missing.code).toBe(2);
    expect(missing.err[0]).toMatch(/--scenario .*nope\.json cannot be read \(ENOENT\)/);
    const garbled = run({ scenario: file('garbled.json', '{"teams": [') });
    expect(garbled.code).toBe(2);
    expect(garbled.err[0]).toMatch(/is neither JSON nor YAML/);
    const invalid = run({ scenario: file('invalid.json', JSON.stringify({ teams: [{ name: 'x', arrivalsPerHour: [1] }] })) });
    expect(invalid.code).toBe(2);
    expect(invalid.err[0]).toMatch(/--scenario .*invalid\.json: teams\.0\.arrivalsPerHour: /);
  });
});

describe('baton simulate, as a user runs it', () => {
  const baton = (args: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['bin/baton', 'simulate', ...args]);
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });

  it('exits 2 on an unknown option or a bad value, and 0 with the report otherwise', async () => {
    const unknown = await baton(['--bogus']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown option '--bogus'/);
    const bad = await baton(['--seed', 'x']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--seed must be an integer/);
    const ok = await baton(['--json', '--scenario', file('run.yaml', TINY_YAML), '--hours', '1']);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout.trim())).toMatchObject({ scenario: 'tiny', hours: 1 });
  });
});
