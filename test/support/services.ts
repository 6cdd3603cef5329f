import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';

/** PostgreSQL and Redis as the CI machines run them; override for other machines. */
export const PG_ADMIN_URL = process.env.BATON_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.BATON_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** With BATON_REQUIRE_SERVICES=1 (set by .ci/run) an unreachable service fails the run instead of skipping. */
export const servicesRequired = process.env.BATON_REQUIRE_SERVICES === '1';

export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export async function redisReachable(): Promise<boolean> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/**
 * Whether tests needing a service run. When it is unreachable the reason is printed, and the run fails if services
 * are required.
 */
export function serviceGate(name: string, reachable: boolean): boolean {
  if (reachable) return true;
  const reason = `${name} is not reachable`;
  if (servicesRequired) throw new Error(`${reason}, and BATON_REQUIRE_SERVICES=1 requires it`);
  console.warn(`SKIPPED: tests needing ${name}: ${reason} (set BATON_REQUIRE_SERVICES=1 to fail instead)`);
  return false;
}

/** A fresh database for one test file; drop it when done. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `baton_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: PG_ADMIN_URL });
      await client.connect();
      // A closed pool's backends can linger a moment; forcing them out would report errors to pools still ending.
      for (let i = 0; i < 40; i++) {
        const { rows } = await client.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
        if (rows[0].n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
