import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { systemClock } from '../src/clock.ts';
import { openStore } from '../src/store/sql/open-store.ts';
import { createTestDatabase, postgresReachable, serviceGate } from './support/services.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'baton-kb-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Runs `baton kb import` as a user would; DATABASE_URL is cleared unless given, so the store is SQLite under --data. */
function kbImport(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['bin/baton', 'kb', 'import', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, DATABASE_URL: '', BATON_CONFIG: '', ...env },
  });
}

function helpCentre(): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'returns.md'), '---\nid: return-policy\ntitle: Our return policy\ntags: [returns]\n---\nReturn within 30 days.\n');
  writeFileSync(join(dir, 'delivery.md'), '# Delivery times\n\n2–4 working days in the EU.\n');
  writeFileSync(join(dir, 'broken.md'), '---\ntitle: [unclosed\n---\nbody\n');
  writeFileSync(join(dir, 'payment.html'), '<html><head><title>Payment methods</title></head><body><p>Visa &amp; PayPal.</p></body></html>');
  writeFileSync(join(dir, 'faq.json'), JSON.stringify([{ question: 'Do you sell gift cards?', answer: 'Yes, from €20.' }, { question: 'No answer here' }]));
  writeFileSync(join(dir, 'README.txt'), 'not an article');
  return dir;
}

async function storedArticles(location: { dataDir: string; databaseUrl?: string }) {
  const store = openStore(location, systemClock);
  try {
    return await store.listArticles();
  } finally {
    await store.close();
  }
}

const postgres = serviceGate('PostgreSQL', await postgresReachable());

describe('baton kb import', () => {
  it('imports every article file, prints what was imported and what was rejected and why, and stores them', async () => {
    const dir = helpCentre();
    const data = tempDir();
    const run = kbImport([dir, '--data', data]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^imported 4, updated 0, unchanged 0, rejected 2 \(5 files in /);
    expect(run.stdout).toMatch(/rejected broken\.md: the front matter is not valid YAML/);
    expect(run.stdout).toContain('rejected faq.json: entry 2: needs a "body" or "answer"');

    const articles = await storedArticles({ dataDir: data });
    expect(articles.map((a) => [a.id, a.title])).toEqual([
      ['delivery', 'Delivery times'],
      ['do-you-sell-gift-cards', 'Do you sell gift cards?'],
      ['payment', 'Payment methods'],
      ['return-policy', 'Our return policy'],
    ]);
    expect(articles.find((a) => a.id === 'payment')!.body).toBe('Visa & PayPal.');
  });

  it('counts a re-import as unchanged, and an edited file as updated', async () => {
    const dir = helpCentre();
    const data = tempDir();
    expect(kbImport([dir, '--data', data]).status).toBe(0);
    writeFileSync(join(dir, 'delivery.md'), '# Delivery times\n\n1–3 working days in the EU.\n');
    const run = kbImport([dir, '--data', data]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^imported 0, updated 1, unchanged 3, rejected 2 /);
    expect((await storedArticles({ dataDir: data })).find((a) => a.id === 'delivery')!.body).toBe('1–3 working days in the EU.');
  });

  it('fails with a message when the directory is missing, and writes nothing', async () => {
    const data = tempDir();
    const missing = join(tempDir(), 'no-such-dir');
    const run = kbImport([missing, '--data', data]);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(`${missing} is not a directory`);
    const file = join(tempDir(), 'file.md');
    writeFileSync(file, '# Not a directory\n\ntext');
    expect(kbImport([file, '--data', data]).status).not.toBe(0);
    expect(existsSync(join(data, 'baton.sqlite'))).toBe(false);
  });

  it('refuses a bad configuration like baton start does', () => {
    const run = kbImport([helpCentre(), '--data', tempDir()], { DATABASE_URL: 'mysql://nope' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('databaseUrl: must be a postgres:// URL');
  });

  it.runIf(postgres)('imports into PostgreSQL when DATABASE_URL says so', async () => {
    const db = await createTestDatabase();
    try {
      const run = kbImport([helpCentre()], { DATABASE_URL: db.url });
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/^imported 4, .*store: PostgreSQL\)/);
      expect((await storedArticles({ dataDir: '', databaseUrl: db.url })).map((a) => a.id)).toHaveLength(4);
    } finally {
      await db.drop();
    }
  });
});
