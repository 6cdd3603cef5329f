import type { CompiledQuery, QueryResult } from 'kysely';

/**
 * A query written with the Kysely builder once, compiled for the store's dialect once, and run many times with new
 * parameters, in the order the builder placed them. For the hot path, where building and compiling the query on
 * every call cost as much as running it.
 */
export function reusable<R>(compiled: CompiledQuery<R>): (...parameters: unknown[]) => CompiledQuery<R> {
  const expected = compiled.parameters.length;
  return (...parameters) => {
    if (parameters.length !== expected) {
      throw new Error(`query takes ${expected} parameters, got ${parameters.length}: ${compiled.sql}`);
    }
    return { ...compiled, parameters };
  };
}

/**
 * Runs a compiled query in a transaction that is already open and gives what Kysely's driver gives: through the
 * Kysely transaction on either dialect, or at once on SQLite (see SqliteStatements.run), hence the optional promise.
 */
export type RunQuery = <R>(query: CompiledQuery<R>) => QueryResult<R> | Promise<QueryResult<R>>;
