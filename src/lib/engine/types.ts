/** A plain row: column name → JS value (numbers, strings, booleans, null). */
export type Row = Record<string, unknown>;

export interface QueryOptions {
  /** Aborting cancels the query (queued: skipped; running: cancelled in the worker). */
  signal?: AbortSignal;
}

/**
 * The one thing analyses need from an engine: run SQL, get plain rows.
 * The browser implements it with DuckDB-WASM in a worker; tests with the
 * blocking DuckDB-WASM build in Node (same dialect).
 */
export interface SqlRunner {
  query<T extends object = Row>(sql: string, options?: QueryOptions): Promise<T[]>;
}

export class QueryCancelledError extends Error {
  constructor() {
    super('query cancelled');
    this.name = 'QueryCancelledError';
  }
}
