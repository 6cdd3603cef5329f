import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { systemClock } from '../src/clock.ts';
import { loadConfig } from '../src/config/config.ts';
import { customerMessage } from '../src/domain/commands.ts';
import { startService } from '../src/service.ts';
import { openStore } from '../src/store/sql/open-store.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'baton-start-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('baton start', () => {
  it('refuses a bad configuration, naming the file, the field and the reason', () => {
    const dir = tempDir();
    const file = join(dir, 'baton.yaml');
    writeFileSync(file, 'port: 3000\nescalation:\n  maxUnresolvedTurns: -1\n');
    const run = spawnSync(process.execPath, ['bin/baton', 'start', '--config', file, '--data', dir], { encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`file ${file}`);
    expect(run.stderr).toMatch(/escalation\.maxUnresolvedTurns: .*>=\s?1/);
  });

  it('refuses an escalation policy it cannot use, naming the file, the rule and the reason', () => {
    const dir = tempDir();
    const policy = join(dir, 'policy.yaml');
    writeFileSync(policy, 'rules:\n  - name: angry\n    when: { fact: signals, path: $.anger, operator: greaterThan, value: 0 }\n');
    const run = spawnSync(process.execPath, ['bin/baton', 'start', '--data', dir], {
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, BATON_POLICY_FILE: policy },
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${policy}: rule "angry" when: signals path must name a reason`);
  });

  it('refuses a routing workflow it cannot use, naming the file, the filter and the reason', () => {
    const dir = tempDir();
    const workflow = join(dir, 'workflow.yaml');
    writeFileSync(workflow, 'filters:\n  - name: spanish\n    when: { language: [es] }\n    targets: [{ team: general, skills: "spanish &&" }]\ndefault: { targets: [{ team: general }] }\n');
    const run = spawnSync(process.execPath, ['bin/baton', 'start', '--data', dir], {
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, BATON_WORKFLOW_FILE: workflow },
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`${workflow}: filter "spanish" targets.0.skills: must be skills joined by &&, || and !`);
  });

  it('refuses a bad environment value the same way', () => {
    const run = spawnSync(process.execPath, ['bin/baton', 'start'], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, DATABASE_URL: 'mysql://nope' } });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('databaseUrl: must be a postgres:// URL');
  });

  it('answers, on start, every customer message whose turn a crash cut short, each for what it said', async () => {
    const dataDir = tempDir();
    const store = openStore({ dataDir }, systemClock);
    await store.migrate();
    const id = randomUUID();
    await store.createConversation({ id, customerTokenHash: 'h', customer: { name: 'Dana' }, channel: 'web' });
    // As if the process died after storing each message and before the AI answered.
    await store.append(id, (s) => customerMessage(s, 'What payment methods do you accept?'));
    const other = randomUUID();
    await store.createConversation({ id: other, customerTokenHash: 'h2', customer: { name: 'Eve' }, channel: 'web' });
    await store.append(other, (s) => customerMessage(s, 'I want to talk to a real person please'));
    await store.append(other, (s) => customerMessage(s, 'how long does delivery take?'));
    await store.close();

    const running = await startService(loadConfig({ env: {}, overrides: { port: 0, host: '127.0.0.1', dataDir, logLevel: 'silent' } }));
    try {
      const events = await running.store.readEvents(id);
      const reply = events.find((e) => e.type === 'message.created' && e.data.role === 'ai');
      expect(reply).toMatchObject({ data: { replyTo: 2, intent: 'payment_methods' } });
      // Each message is answered for what it said: the request for a person is not drowned by the later question.
      const otherState = await running.store.getState(other);
      expect(otherState).toMatchObject({ owner: 'queue', handover: { reasons: [expect.objectContaining({ code: 'human_requested' })] }, pendingSeqs: [] });
      expect((await running.store.readEvents(other)).filter((e) => e.type === 'message.created' && e.data.role === 'ai')).toEqual([]);
      expect((await running.store.listPendingTurns()).map((s) => s.id)).not.toContain(id);
    } finally {
      await running.close();
    }
  });
});
