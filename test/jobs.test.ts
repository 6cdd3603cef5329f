import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Clock } from '../src/clock.ts';
import { JobRunner } from '../src/jobs/job-runner.ts';
import { openStore } from '../src/store/sql/open-store.ts';
import type { Job, JobStore, Store } from '../src/store/store.ts';
import { createTestDatabase, postgresReachable, serviceGate } from './support/services.ts';

/** Time that moves only when told to. */
class FakeClock implements Clock {
  constructor(private time: number) {}
  now(): Date {
    return new Date(this.time);
  }
  set(iso: string): void {
    this.time = Date.parse(iso);
  }
}

const T0 = Date.parse('2030-01-01T00:00:00.000Z');
/** The time `seconds` after T0, as the store keeps times. */
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
const FAR_FUTURE = '9999-01-01T00:00:00.000Z';

/** Removes every job, held or not, so each test starts from an empty table (the database is shared by the file). */
async function clearJobs(store: Store): Promise<void> {
  for (const job of await store.claimDueJobs(FAR_FUTURE, 100_000, 0)) await store.cancelJob(job.id);
}

/** A handler that records the jobs it ran. */
function recorder() {
  const ran: Job[] = [];
  const handler = async (job: Job) => {
    ran.push(job);
  };
  return { ran, handler };
}

/** Quiet runners: failures are what several tests are about. */
const quiet = { onError: () => {}, onStoreError: () => {} };

/** A store on the same database each call, as another node or a restarted process would open it. */
type Connect = (clock: Clock) => Store;

function jobsSuite(label: string, open: () => Promise<{ connect: Connect; cleanup: () => Promise<void> }>) {
  describe(`jobs: ${label}`, () => {
    const clock = new FakeClock(T0);
    let connect: Connect;
    let cleanup: () => Promise<void>;
    let store: Store;
    /** A second store on the same database: another node. */
    let other: Store;

    beforeAll(async () => {
      ({ connect, cleanup } = await open());
      store = connect(clock);
      await store.migrate();
      other = connect(clock);
    });
    afterAll(async () => {
      await other?.close();
      await store?.close();
      await cleanup?.();
    });
    beforeEach(async () => {
      clock.set(at(0));
      await clearJobs(store);
    });

    describe('store', () => {
      it('leases a job once it is due and not before, and completing deletes it', async () => {
        await store.scheduleJob({ id: 'j1', kind: 'remind', runAt: at(10), payload: { conversationId: 'c1', note: 'Ünï ✓' } });
        expect(await store.claimDueJobs(at(9), 10, 30_000)).toEqual([]);
        const [claimed, ...rest] = await store.claimDueJobs(at(10), 10, 30_000);
        expect(rest).toEqual([]);
        expect(claimed).toEqual({ id: 'j1', kind: 'remind', runAt: at(10), payload: { conversationId: 'c1', note: 'Ünï ✓' }, attempts: 0, version: 0, lastError: null });
        // Held: nobody else gets it while the lease lasts.
        expect(await other.claimDueJobs(at(11), 10, 30_000)).toEqual([]);
        await store.completeJob('j1', claimed!.version);
        expect(await store.getJob('j1')).toBeUndefined();
        expect(await store.nextJobAt()).toBeUndefined();
      });

      it('claims the earliest due first, up to the limit', async () => {
        for (const [id, seconds] of [['late', 3], ['early', 1], ['middle', 2], ['future', 100]] as const) {
          await store.scheduleJob({ id, kind: 'k', runAt: at(seconds) });
        }
        expect((await store.claimDueJobs(at(50), 2, 30_000)).map((j) => j.id)).toEqual(['early', 'middle']);
        expect((await store.claimDueJobs(at(50), 10, 30_000)).map((j) => j.id)).toEqual(['late']);
        expect((await store.getJob('future'))?.payload).toBeNull();
      });

      it('runs a job rescheduled while leased again at its new time instead of deleting it', async () => {
        await store.scheduleJob({ id: 'j2', kind: 'remind', runAt: at(0), payload: { n: 1 } });
        const [first] = await store.claimDueJobs(at(0), 10, 30_000);
        await store.scheduleJob({ id: 'j2', kind: 'remind', runAt: at(30), payload: { n: 2 } });
        await store.completeJob('j2', first!.version);
        expect(await store.getJob('j2')).toMatchObject({ runAt: at(30), payload: { n: 2 }, version: first!.version + 1 });
        // The lease was released: it comes back at its new time, not when the old lease would have run out.
        expect(await store.claimDueJobs(at(29), 10, 30_000)).toEqual([]);
        const [second] = await other.claimDueJobs(at(30), 10, 30_000);
        expect(second).toMatchObject({ id: 'j2', payload: { n: 2 } });
        await other.completeJob('j2', second!.version);
        expect(await store.getJob('j2')).toBeUndefined();
      });

      it('keeps an earlier time with keepEarlier, and a later one without', async () => {
        await store.scheduleJob({ id: 'j3', kind: 'sla', runAt: at(10), payload: 'first' });
        await store.scheduleJob({ id: 'j3', kind: 'sla', runAt: at(20), payload: 'second' }, { keepEarlier: true });
        expect(await store.getJob('j3')).toMatchObject({ runAt: at(10), payload: 'second', version: 1 });
        await store.scheduleJob({ id: 'j3', kind: 'sla', runAt: at(5), payload: 'third' }, { keepEarlier: true });
        expect(await store.getJob('j3')).toMatchObject({ runAt: at(5), payload: 'third', version: 2 });
        await store.scheduleJob({ id: 'j3', kind: 'sla', runAt: at(50), payload: 'fourth' });
        expect(await store.getJob('j3')).toMatchObject({ runAt: at(50), payload: 'fourth', version: 3 });
      });

      it('does not keep the earlier time of a job a runner holds: that time is being served', async () => {
        await store.scheduleJob({ id: 'j4', kind: 'sla', runAt: at(0) });
        const [held] = await store.claimDueJobs(at(0), 10, 30_000);
        clock.set(at(1));
        await store.scheduleJob({ id: 'j4', kind: 'sla', runAt: at(20) }, { keepEarlier: true });
        await store.completeJob('j4', held!.version);
        expect(await store.getJob('j4')).toMatchObject({ runAt: at(20) });
      });

      it('retries a failed job later, counting attempts and keeping the error', async () => {
        await store.scheduleJob({ id: 'j5', kind: 'k', runAt: at(0) });
        const [claimed] = await store.claimDueJobs(at(0), 10, 30_000);
        await store.retryJob('j5', claimed!.version, at(60), 'upstream timed out');
        expect(await store.getJob('j5')).toMatchObject({ runAt: at(60), attempts: 1, lastError: 'upstream timed out' });
        expect(await store.claimDueJobs(at(59), 10, 30_000)).toEqual([]);
        const [again] = await store.claimDueJobs(at(60), 10, 30_000);
        expect(again).toMatchObject({ id: 'j5', attempts: 1, lastError: 'upstream timed out' });
        await store.retryJob('j5', again!.version, at(120), 'still down');
        expect(await store.getJob('j5')).toMatchObject({ runAt: at(120), attempts: 2, lastError: 'still down' });
      });

      it('leaves a job rescheduled while it ran at its new time when the old run fails', async () => {
        await store.scheduleJob({ id: 'j6', kind: 'k', runAt: at(0) });
        const [claimed] = await store.claimDueJobs(at(0), 10, 30_000);
        await store.scheduleJob({ id: 'j6', kind: 'k', runAt: at(5) });
        await store.retryJob('j6', claimed!.version, at(60), 'boom');
        expect(await store.getJob('j6')).toMatchObject({ runAt: at(5), attempts: 0, lastError: null });
        expect((await store.claimDueJobs(at(5), 10, 30_000)).map((j) => j.id)).toEqual(['j6']);
      });

      it('lets another runner take a job whose lease ran out', async () => {
        await store.scheduleJob({ id: 'j7', kind: 'k', runAt: at(0) });
        expect(await store.claimDueJobs(at(0), 10, 5000)).toHaveLength(1);
        expect(await other.claimDueJobs(at(4), 10, 5000)).toEqual([]);
        const [taken] = await other.claimDueJobs(at(5), 10, 5000);
        expect(taken).toMatchObject({ id: 'j7' });
        await other.completeJob('j7', taken!.version);
        expect(await store.getJob('j7')).toBeUndefined();
      });

      it('cancels a job, held or not', async () => {
        await store.scheduleJob({ id: 'free', kind: 'k', runAt: at(0) });
        await store.scheduleJob({ id: 'held', kind: 'k', runAt: at(0) });
        await store.cancelJob('free');
        const claimed = await store.claimDueJobs(at(0), 10, 30_000);
        expect(claimed.map((j) => j.id)).toEqual(['held']);
        await store.cancelJob('held');
        await store.completeJob('held', claimed[0]!.version);
        expect(await store.getJob('held')).toBeUndefined();
        expect(await store.claimDueJobs(FAR_FUTURE, 10, 30_000)).toEqual([]);
        await store.cancelJob('never-was');
      });

      it('tells the earliest runAt of any job, held or not', async () => {
        expect(await store.nextJobAt()).toBeUndefined();
        await store.scheduleJob({ id: 'b', kind: 'k', runAt: at(20) });
        await store.scheduleJob({ id: 'a', kind: 'k', runAt: at(10) });
        expect(await store.nextJobAt()).toBe(at(10));
        await store.claimDueJobs(at(10), 10, 30_000);
        expect(await store.nextJobAt()).toBe(at(10));
      });

      it('hands each of 200 due jobs to exactly one of many claimers on two stores', async () => {
        const ids = Array.from({ length: 200 }, (_, i) => `c-${String(i).padStart(3, '0')}`);
        for (const id of ids) await store.scheduleJob({ id, kind: 'k', runAt: at(0) });
        const claimLoop = async (on: Store) => {
          const mine: string[] = [];
          for (;;) {
            const jobs = await on.claimDueJobs(at(1), 7, 60_000);
            if (jobs.length === 0) return mine;
            mine.push(...jobs.map((j) => j.id));
          }
        };
        const claimed = (await Promise.all([store, other, store, other, store, other].map(claimLoop))).flat();
        expect(claimed).toHaveLength(200);
        expect([...claimed].sort()).toEqual(ids);
      });
    });

    describe('runner', () => {
      it('runs 200 due jobs once each with two runners on two stores', async () => {
        const ids = Array.from({ length: 200 }, (_, i) => `r-${i}`);
        for (const id of ids) await store.scheduleJob({ id, kind: 'count', runAt: at(0), payload: { id } });
        const runs: string[] = [];
        const count = async (job: Job) => {
          await new Promise((resolve) => setImmediate(resolve));
          runs.push((job.payload as { id: string }).id);
        };
        const runners = [store, other].map((on) => new JobRunner({ store: on, clock, batch: 9, ...quiet }).handle('count', count));
        const drain = async (runner: JobRunner) => {
          while ((await runner.runDue()) > 0);
        };
        await Promise.all(runners.map(drain));
        expect(runs).toHaveLength(200);
        expect([...runs].sort()).toEqual([...ids].sort());
        expect(await store.nextJobAt()).toBeUndefined();
      });

      it('retries a job whose handler throws, with attempts and the error stored', async () => {
        await store.scheduleJob({ id: 'flaky', kind: 'flaky', runAt: at(0), payload: { n: 1 } });
        const errors: unknown[] = [];
        const seen: Job[] = [];
        const runner = new JobRunner({
          store,
          clock,
          onError: (error) => errors.push(error),
          onStoreError: () => {},
        }).handle('flaky', async (job) => {
          seen.push(job);
          if (seen.length === 1) throw new Error('payment provider unavailable');
        });
        expect(await runner.runDue()).toBe(1);
        // The default backoff waits 1 s after the first failure.
        expect(await store.getJob('flaky')).toMatchObject({ attempts: 1, lastError: 'payment provider unavailable', runAt: at(1) });
        expect(errors).toHaveLength(1);
        expect(await runner.runDue()).toBe(0);
        clock.set(at(1));
        expect(await runner.runDue()).toBe(1);
        expect(seen.map((j) => j.attempts)).toEqual([0, 1]);
        expect(seen[1]!.payload).toEqual({ n: 1 });
        expect(await store.getJob('flaky')).toBeUndefined();
      });

      it('retries a job of a kind nobody handles', async () => {
        await store.scheduleJob({ id: 'orphan', kind: 'nobody', runAt: at(0) });
        const runner = new JobRunner({ store, clock, backoff: () => 60_000, ...quiet });
        expect(await runner.runDue()).toBe(1);
        expect(await store.getJob('orphan')).toMatchObject({ attempts: 1, lastError: 'no handler for kind nobody', runAt: at(60) });
      });

      it('runs a job right away when kicked, without waiting for the poll', async () => {
        // The runner's store, watched: the runner asks for the next job's time once a round found nothing.
        let idleChecks = 0;
        const watched = new Proxy(store, {
          get(target, property) {
            if (property === 'nextJobAt') {
              return async () => {
                const next = await target.nextJobAt();
                idleChecks++;
                return next;
              };
            }
            const value = Reflect.get(target, property, target);
            return typeof value === 'function' ? value.bind(target) : value;
          },
        }) as JobStore;
        const { ran, handler } = recorder();
        const runner = new JobRunner({ store: watched, clock, pollMs: 3_600_000, ...quiet }).handle('ping', handler);
        runner.start();
        try {
          await vi.waitFor(() => expect(idleChecks).toBeGreaterThan(0), { timeout: 10_000 });
          // Idle now, for an hour: only the kick can run this before then.
          await store.scheduleJob({ id: 'now', kind: 'ping', runAt: at(0) });
          runner.kick();
          await vi.waitFor(() => expect(ran.map((j) => j.id)).toEqual(['now']), { timeout: 10_000 });
        } finally {
          await runner.stop();
        }
      });

      it('polls for jobs that come due', async () => {
        await store.scheduleJob({ id: 'later', kind: 'ping', runAt: at(30), payload: ['x'] });
        const { ran, handler } = recorder();
        const runner = new JobRunner({ store, clock, pollMs: 20, ...quiet }).handle('ping', handler);
        runner.start();
        try {
          clock.set(at(30));
          await vi.waitFor(() => expect(ran.map((j) => j.payload)).toEqual([['x']]), { timeout: 10_000 });
          await vi.waitFor(async () => expect(await store.getJob('later')).toBeUndefined(), { timeout: 10_000 });
        } finally {
          await runner.stop();
        }
      });

      it('waits for running handlers when stopped', async () => {
        await store.scheduleJob({ id: 'slow', kind: 'slow', runAt: at(0) });
        let release!: () => void;
        let started = false;
        const runner = new JobRunner({ store, clock, ...quiet }).handle('slow', async () => {
          started = true;
          await new Promise<void>((resolve) => (release = resolve));
        });
        const round = runner.runDue();
        await vi.waitFor(() => expect(started).toBe(true), { timeout: 10_000 });
        let stopped = false;
        const stopping = runner.stop().then(() => (stopped = true));
        await new Promise((resolve) => setTimeout(resolve, 20));
        expect(stopped).toBe(false);
        release();
        await stopping;
        expect(await round).toBe(1);
        expect(await store.getJob('slow')).toBeUndefined();
      });

      it('runs jobs scheduled before a restart, payloads intact', async () => {
        const before = connect(clock);
        const payloads = { a: { conversationId: 'c-1', minutes: 5 }, b: ['Ünïcödé ✓', null, 3.5], c: 'plain' };
        for (const [id, payload] of Object.entries(payloads)) await before.scheduleJob({ id: `restart-${id}`, kind: 'resume', runAt: at(0), payload });
        await before.close();

        const after = connect(clock);
        try {
          const { ran, handler } = recorder();
          const runner = new JobRunner({ store: after, clock, ...quiet }).handle('resume', handler);
          expect(await runner.runDue()).toBe(3);
          expect(Object.fromEntries(ran.map((j) => [j.id.replace('restart-', ''), j.payload]))).toEqual(payloads);
          expect(await after.nextJobAt()).toBeUndefined();
        } finally {
          await after.close();
        }
      });
    });
  });
}

jobsSuite('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'baton-jobs-'));
  return {
    connect: (clock) => openStore({ dataDir: dir }, clock),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

const postgres = serviceGate('PostgreSQL', await postgresReachable());
describe.runIf(postgres)('PostgreSQL', () => {
  jobsSuite('PostgreSQL', async () => {
    const db = await createTestDatabase();
    return { connect: (clock) => openStore({ databaseUrl: db.url, dataDir: '' }, clock), cleanup: db.drop };
  });
});
