import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import type { Clock } from '../../clock.ts';
import type { Database } from './schema.ts';
import { SqlStore } from './sql-store.ts';

// Positions are bigserial on PostgreSQL; they stay far below 2^53, so read them as numbers, as SQLite does.
pg.types.setTypeParser(20, (value: string) => Number(value));

export interface StoreLocation {
  /** postgres://… selects PostgreSQL; otherwise a SQLite file under dataDir. */
  databaseUrl?: string;
  dataDir: string;
}

export function openStore(location: StoreLocation, clock: Clock): SqlStore {
  if (location.databaseUrl) {
    const pool = new pg.Pool({ connectionString: location.databaseUrl, max: 10 });
    // An idle connection dropped by the server (restart, failover) must not crash the process; the pool reconnects.
    pool.on('error', (error) => console.error(`baton: PostgreSQL connection lost: ${error.message}`));
    return new SqlStore(new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), 'postgres', clock);
  }
  mkdirSync(location.dataDir, { recursive: true });
  const file = new BetterSqlite3(join(location.dataDir, 'baton.sqlite'));
  // WAL with synchronous=NORMAL: a commit is in the WAL before the call returns, so it survives a killed process.
  file.pragma('journal_mode = WAL');
  file.pragma('synchronous = NORMAL');
  file.pragma('busy_timeout = 5000');
  file.pragma('foreign_keys = ON');
  // A 64 MB page cache and memory-mapped reads keep hot conversations in memory instead of re-reading pages.
  file.pragma('cache_size = -65536');
  file.pragma('mmap_size = 268435456');
  return new SqlStore(new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(file) }) }), 'sqlite', clock);
}

/**
 * Kysely prepares every query anew; on the hot path that cost as much as running it. Queries of one shape compile
 * to the same SQL, so their prepared statements are kept (a bounded number, oldest dropped first).
 */
function withStatementCache(file: BetterSqlite3.Database, capacity = 500): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => file.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (!statement) {
        statement = file.prepare(sql);
        if (statements.size >= capacity) statements.delete(statements.keys().next().value!);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}
