/**
 * The one engine, lent to the pages' queries (src/features/<route>/queries.ts): an analysis is
 * `(db, params, signal) => rows`; bound here, a view calls it with its params only and never touches the
 * engine, which stays behind lib/store and lib/load.
 */
import { engine } from '../engine/engine';
import { QueryCancelledError, type SqlRunner } from '../engine/types';

export function onEngine<A extends unknown[], R>(query: (db: SqlRunner, ...args: A) => R): (...args: A) => R {
  return (...args: A) => query(engine, ...args);
}

/** The same, run as background work: after `quietMs` without queries, given way to any query from the user (engine.background). */
export function inBackground<A extends unknown[], R>(query: (db: SqlRunner, ...args: A) => R, signal: AbortSignal, quietMs: number): (...args: A) => R {
  const db = engine.background(signal, quietMs);
  return (...args: A) => query(db, ...args);
}

/** A query ended because it was cancelled (a newer one superseded it, or the user stopped it), not because it failed. */
export const wasCancelled = (e: unknown): boolean => e instanceof QueryCancelledError;
