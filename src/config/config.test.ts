import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function yamlFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'baton-config-'));
  dirs.push(dir);
  const file = join(dir, 'baton.yaml');
  writeFileSync(file, text);
  return file;
}

describe('configuration', () => {
  it('defaults to the embedded setup: port 3000, SQLite in ./data, no Redis', () => {
    const config = loadConfig({ env: {} });
    expect(config).toMatchObject({ port: 3000, dataDir: './data', seedDemo: true });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
  });

  it('layers file, then environment, then flags', () => {
    const file = yamlFile('port: 4000\ndataDir: /var/baton\nescalation:\n  maxUnresolvedTurns: 3\n');
    const config = loadConfig({ file, env: { PORT: '5000', DATABASE_URL: 'postgres://db/baton' }, overrides: { dataDir: '/tmp/x', port: undefined } });
    expect(config).toMatchObject({ port: 5000, dataDir: '/tmp/x', databaseUrl: 'postgres://db/baton', escalation: { maxUnresolvedTurns: 3 } });
  });

  it('names the field and the reason for a bad value', () => {
    expect(() => loadConfig({ env: { PORT: 'eighty' } })).toThrow(ConfigError);
    expect(() => loadConfig({ env: { PORT: 'eighty' } })).toThrow(/port: /);
    expect(() => loadConfig({ env: { DATABASE_URL: 'mysql://x' } })).toThrow(/databaseUrl: must be a postgres:\/\/ URL/);
    const file = yamlFile('escalation:\n  maxUnresolvedTurns: 0\n');
    expect(() => loadConfig({ file, env: {} })).toThrow(new RegExp(`file ${file}.*escalation\\.maxUnresolvedTurns`));
  });

  it('refuses unknown keys, so a typo does not pass silently', () => {
    expect(() => loadConfig({ file: yamlFile('prot: 3000\n'), env: {} })).toThrow(/prot/);
  });

  it('says which file cannot be read or parsed', () => {
    expect(() => loadConfig({ file: '/nonexistent/baton.yaml', env: {} })).toThrow(/config file \/nonexistent\/baton.yaml: cannot be read/);
    expect(() => loadConfig({ file: yamlFile('port: [1, 2\n'), env: {} })).toThrow(/not valid YAML/);
  });

  it('takes the model from the file and its key from the environment', () => {
    const file = yamlFile('llm:\n  baseUrl: http://127.0.0.1:11434/v1\n  model: small\n');
    const config = loadConfig({ file, env: { BATON_LLM_API_KEY: 'secret', BATON_LLM_TIMEOUT_MS: '2000' } });
    expect(config.llm).toEqual({ baseUrl: 'http://127.0.0.1:11434/v1', model: 'small', apiKey: 'secret', provider: 'openai-compatible', timeoutMs: 2000 });
    expect(() => loadConfig({ env: { BATON_LLM_BASE_URL: 'not a url' } })).toThrow(/llm\.baseUrl/);
  });
});
