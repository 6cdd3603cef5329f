/**
 * Helpers for tests that move time: polling until something holds, a Baton that can be closed and started again on
 * the same data (SQLite directory or PostgreSQL database), a routing workflow file, and a recording WebSocket stream.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { loadConfig } from '../../src/config/config.ts';
import { startService, type RunningService, type ServiceOverrides } from '../../src/service.ts';
import { createTestDatabase } from './services.ts';

/** Retries `probe` every 50 ms until it returns without throwing, for up to 10 s; then throws its last error. */
export async function eventually<T>(probe: () => T | Promise<T>, options: { timeoutMs?: number; intervalMs?: number } = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const intervalMs = options.intervalMs ?? 50;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (Date.now() >= deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Runs rounds of due jobs until a round finds none (jobs that schedule jobs due now run too). */
export async function runJobs(running: RunningService, maxRounds = 20): Promise<void> {
  for (let i = 0; i < maxRounds; i++) if ((await running.jobs.runDue()) === 0) return;
}

/** Where one Baton's data lives, kept across restarts: a SQLite data directory, or a PostgreSQL database. */
export interface BatonSite {
  store: 'sqlite' | 'postgres';
  dataDir: string;
  databaseUrl?: string;
  /** Starts a service on this site's data (each call a new process-like service, as after a restart). */
  start(options?: { config?: Record<string, unknown>; overrides?: ServiceOverrides }): Promise<RunningService>;
  /** Closes every service it started that is still open, and removes the data. */
  destroy(): Promise<void>;
}

export async function createSite(store: 'sqlite' | 'postgres'): Promise<BatonSite> {
  const dataDir = mkdtempSync(join(tmpdir(), 'baton-site-'));
  const db = store === 'postgres' ? await createTestDatabase() : undefined;
  const open = new Set<RunningService>();
  return {
    store,
    dataDir,
    databaseUrl: db?.url,
    async start(options = {}) {
      const config = loadConfig({
        env: {},
        overrides: { port: 0, host: '127.0.0.1', dataDir, logLevel: 'silent', databaseUrl: db?.url, seedDemoHistory: false, ...options.config },
      });
      const running = await startService(config, options.overrides);
      const close = running.close.bind(running);
      let closed: Promise<void> | undefined;
      running.close = () => {
        open.delete(running);
        return (closed ??= close());
      };
      open.add(running);
      return running;
    },
    async destroy() {
      for (const running of [...open]) await running.close().catch(() => {});
      await db?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Writes a routing workflow (YAML) to a fresh temporary directory; returns its path. */
export function writeWorkflow(yaml: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'baton-workflow-')), 'workflow.yaml');
  writeFileSync(file, yaml);
  return file;
}

/** A stream connection that records every frame and can wait for the ones a test expects. */
export class StreamClient {
  readonly frames: any[] = [];
  private waiters: { test: () => boolean; resolve: () => void }[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.frames.push(JSON.parse(String(data)));
      this.waiters = this.waiters.filter((w) => (w.test() ? (w.resolve(), false) : true));
    });
  }

  /** Opens `/api/v1/stream` on the Baton at `baseUrl` (http://…) with a token, and waits for its `ready` frame. */
  static async open(baseUrl: string, token: string, after = 0): Promise<StreamClient> {
    const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/v1/stream?token=${encodeURIComponent(token)}&after=${after}`);
    const stream = new StreamClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    await stream.until((frames) => frames.some((f) => f.type === 'ready'));
    return stream;
  }

  /** Resolves once `test` holds for the frames received; rejects after 10 s, listing them. */
  until(test: (frames: any[]) => boolean, timeoutMs = 10_000): Promise<void> {
    if (test(this.frames)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`stream frames so far: ${JSON.stringify(this.frames)}`)), timeoutMs);
      this.waiters.push({ test: () => test(this.frames), resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  /** Closes the socket and waits until it is closed. */
  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    const closed = new Promise<void>((resolve) => this.socket.once('close', () => resolve()));
    this.socket.close();
    await closed;
  }
}
