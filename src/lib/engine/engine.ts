/**
 * DuckDB-WASM in its Web Worker, started lazily behind one promise, from the
 * EH bundle that our own build serves (no CDN: the site works offline).
 * Queries on one connection run one at a time (DuckDB-WASM allows one pending
 * query per connection); each can be cancelled through an AbortSignal.
 */
import type * as duckdb from '@duckdb/duckdb-wasm';
import wasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import workerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { tableToRows } from './rows';
import { IdleWork } from './idle-work';
import { QueryCancelledError, type QueryOptions, type Row, type SqlRunner } from './types';

export interface EngineProgress {
  phase: 'download' | 'start';
  fraction: number;
}

interface Started {
  db: duckdb.AsyncDuckDB;
  conn: duckdb.AsyncDuckDBConnection;
  /** DuckDBDataProtocol values (an enum of the lazily loaded module). */
  protocol: typeof duckdb.DuckDBDataProtocol;
}

let started: Promise<Started> | null = null;
const progressListeners = new Set<(p: EngineProgress) => void>();

export function onEngineProgress(listener: (p: EngineProgress) => void): () => void {
  progressListeners.add(listener);
  return () => progressListeners.delete(listener);
}

const queryProgressListeners = new Set<(fraction: number) => void>();

/** The running query's progress, 0–1, as DuckDB's progress bar measures it (a load's long CREATE TABLE AS). */
export function onQueryProgress(listener: (fraction: number) => void): () => void {
  queryProgressListeners.add(listener);
  return () => queryProgressListeners.delete(listener);
}

/**
 * DuckDB-WASM's worker posts its progress bar's updates (PROGRESS_UPDATE) while a query runs, to the handlers
 * in AsyncDuckDB's `_onExecutionProgress`; 1.32 has no public way to add one, so the list is reached directly.
 */
function listenToQueryProgress(db: duckdb.AsyncDuckDB): void {
  const handlers = (db as unknown as { _onExecutionProgress?: ((p: duckdb.ProgressEntry) => void)[] })._onExecutionProgress;
  handlers?.push((p) => {
    const fraction = Number(p.percentage) / 100;
    if (p.status !== 'in-progress' || !(fraction >= 0 && fraction <= 1)) return;
    for (const l of queryProgressListeners) l(fraction);
  });
}

function start(): Promise<Started> {
  started ??= (async () => {
    // Loaded on first use so the app shell paints without it.
    const duckdb = await import('@duckdb/duckdb-wasm');
    const worker = new Worker(workerUrl);
    const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
    await db.instantiate(wasmUrl, null, (p) => {
      const fraction = p.bytesTotal > 0 ? p.bytesLoaded / p.bytesTotal : 0;
      for (const l of progressListeners) l({ phase: 'download', fraction });
    });
    await db.open({
      query: { castBigIntToDouble: true, castDecimalToDouble: true },
      // A published workspace read on demand: ranges after a HEAD (static hosts answer it), the whole file
      // only from a host without ranges. (Left to its defaults, DuckDB-WASM 1.32 downloaded the whole file.)
      filesystem: { reliableHeadRequests: true, allowFullHTTPReads: true, forceFullHTTPReads: false },
    });
    const conn = await db.connect();
    await conn.query('SET enable_progress_bar = true');
    listenToQueryProgress(db);
    // Extensions would be fetched from a CDN; we never do that.
    await conn.query('SET autoload_known_extensions = false');
    await conn.query('SET autoinstall_known_extensions = false');
    for (const l of progressListeners) l({ phase: 'start', fraction: 1 });
    return { db, conn, protocol: duckdb.DuckDBDataProtocol };
  })();
  return started;
}

/** Serialises queries on the shared connection. */
let tail: Promise<unknown> = Promise.resolve();

async function runExclusive<T>(job: () => Promise<T>): Promise<T> {
  const run = tail.then(job, job);
  tail = run.catch(() => undefined);
  return run;
}

/** Background statements wait for this much quiet after the last query. */
const idle = new IdleWork(400);

function runQuery<T extends object>(sql: string, options: QueryOptions = {}): Promise<T[]> {
  return idle.foreground(() => execute<T>(sql, options));
}

/** One query's timing, for scripts/profile-queries.ts: it sets `window.__targetscopeQueryLog = []` before the app starts. */
export interface QueryTiming {
  sql: string;
  /** performance.now() when it started running */
  at: number;
  /** waiting behind other queries on the connection */
  queuedMs: number;
  /** running, including the rows' conversion */
  runMs: number;
  outcome: 'ok' | 'cancelled' | 'error';
}

function queryLog(): QueryTiming[] | undefined {
  const log = (globalThis as { __targetscopeQueryLog?: unknown }).__targetscopeQueryLog;
  return Array.isArray(log) ? (log as QueryTiming[]) : undefined;
}

async function execute<T extends object>(sql: string, options: QueryOptions = {}): Promise<T[]> {
  const log = queryLog();
  if (!log) return executeNow<T>(sql, options);
  const queued = performance.now();
  let running = queued;
  let outcome: QueryTiming['outcome'] = 'ok';
  try {
    return await executeNow<T>(sql, options, () => (running = performance.now()));
  } catch (e) {
    outcome = e instanceof QueryCancelledError ? 'cancelled' : 'error';
    throw e;
  } finally {
    log.push({ sql, at: running, queuedMs: running - queued, runMs: performance.now() - running, outcome });
  }
}

async function executeNow<T extends object>(sql: string, options: QueryOptions = {}, onStart?: () => void): Promise<T[]> {
  return tableToRows<T>(await executeArrow(sql, options, onStart));
}

/** The result as an Arrow table. */
async function executeArrow(sql: string, options: QueryOptions = {}, onStart?: () => void): Promise<import('apache-arrow').Table> {
  const { conn } = await start();
  return runExclusive(async () => {
    onStart?.();
    const { signal } = options;
    if (signal?.aborted) throw new QueryCancelledError();
    if (!signal) return conn.query(sql);
    // send() polls in steps, so a cancel message can reach the worker mid-query.
    const cancel = () => void conn.cancelSent();
    signal.addEventListener('abort', cancel, { once: true });
    try {
      const reader = await conn.send(sql);
      const batches = [];
      for await (const batch of reader) batches.push(batch);
      if (signal.aborted) throw new QueryCancelledError();
      const { Table } = await import('apache-arrow');
      return new Table(batches);
    } catch (e) {
      if (signal.aborted) throw new QueryCancelledError();
      throw e;
    } finally {
      signal.removeEventListener('abort', cancel);
    }
  });
}

export const engine: SqlRunner & {
  start(): Promise<void>;
  registerFile(name: string, file: File): Promise<void>;
  registerBuffer(name: string, bytes: Uint8Array): Promise<void>;
  registerUrl(name: string, url: string): Promise<void>;
  dropFile(name: string): Promise<void>;
  insertArrow(table: import('apache-arrow').Table, name: string): Promise<void>;
  /** Creates table `name` from Arrow IPC stream bytes (see exportIpcWhenIdle). */
  insertIpc(bytes: Uint8Array, name: string): Promise<void>;
  /**
   * A query run as background work after `quietMs` without queries (like whenIdle, whose wait is longer):
   * its rows, or null if `signal` aborted first.
   */
  queryWhenIdle<T extends object = Row>(sql: string, signal: AbortSignal, quietMs?: number): Promise<T[] | null>;
  /** A runner whose every query is background work (queryWhenIdle); once `signal` aborts they return no rows. */
  background(signal: AbortSignal, quietMs?: number): SqlRunner;
  /**
   * A query's whole result as Arrow IPC stream bytes, run as background work after `quietMs` without
   * queries (its last step holds the page briefly, so callers wait for a real pause); null if `signal` aborted first.
   */
  exportIpcWhenIdle(sql: string, signal: AbortSignal, quietMs?: number): Promise<Uint8Array | null>;
  /**
   * Runs the statements in order when the engine is idle; a query from the
   * user cancels them and they start over later. True once done, false if
   * `signal` aborted first.
   */
  whenIdle(statements: string[], signal: AbortSignal): Promise<boolean>;
} = {
  query: runQuery,
  async start() {
    await start();
  },
  async registerFile(name, file) {
    const { db, protocol } = await start();
    await db.registerFileHandle(name, file, protocol.BROWSER_FILEREADER, true);
  },
  async registerBuffer(name, bytes) {
    const { db } = await start();
    await db.registerFileBuffer(name, bytes);
  },
  async registerUrl(name, url) {
    const { db, protocol } = await start();
    await db.registerFileURL(name, url, protocol.HTTP, false);
  },
  async dropFile(name) {
    const { db } = await start();
    await db.dropFile(name);
  },
  async insertArrow(table, name) {
    const { conn } = await start();
    await idle.foreground(() => runExclusive(() => conn.insertArrowTable(table, { name, create: true })));
  },
  async insertIpc(bytes, name) {
    const { conn } = await start();
    await idle.foreground(() => runExclusive(() => conn.insertArrowFromIPCStream(bytes, { name, create: true })));
  },
  async queryWhenIdle<T extends object = Row>(sql: string, signal: AbortSignal, quietMs?: number) {
    let rows: T[] | null = null;
    const done = await idle.whenIdle(
      async (attempt) => {
        rows = await execute<T>(sql, { signal: attempt });
      },
      signal,
      quietMs,
    );
    return done ? rows : null;
  },
  background(signal, quietMs) {
    return { query: async <T extends object>(sql: string) => (await engine.queryWhenIdle<T>(sql, signal, quietMs)) ?? [] };
  },
  async exportIpcWhenIdle(sql, signal, quietMs) {
    let bytes: Uint8Array | null = null;
    const done = await idle.whenIdle(
      async (attempt) => {
        const table = await executeArrow(sql, { signal: attempt });
        if (attempt.aborted) return;
        const { tableToIPC } = await import('apache-arrow');
        bytes = tableToIPC(table, 'stream');
      },
      signal,
      quietMs,
    );
    return done ? bytes : null;
  },
  whenIdle(statements, signal) {
    return idle.whenIdle(async (attempt) => {
      for (const sql of statements) await execute(sql, { signal: attempt });
    }, signal);
  },
};
