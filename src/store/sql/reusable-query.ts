import type { CompiledQuery } from 'kysely';

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
