import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Clock } from '../../clock.ts';
import type { Database } from './schema.ts';
import { SqliteStatements } from './sqlite-statements.ts';
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
  const statements = new SqliteStatements(file);
  return new SqlStore(new Kysely<Database>({ dialect: new SqliteDialect({ database: statements.database }) }), 'sqlite', clock, statements.run);
}
