/**
 * Test-only helpers over the shared Node DuckDB-WASM (engine/node-duckdb.ts):
 * the same engine and version the app runs in the browser, so tests check
 * that generated SQL speaks its dialect. Not imported by app code.
 */
import type * as duckdb from '@duckdb/duckdb-wasm/blocking';
import { openNodeDuckDB, type NodeDuckDB } from '../engine/node-duckdb';

export type TestDuckDBConnection = duckdb.DuckDBConnection;
export { sqlString } from '../model/sql';

let shared: Promise<NodeDuckDB> | null = null;
/** One DuckDB-WASM instance per test worker (instantiating takes ~1 s). */
const instance = () => (shared ??= openNodeDuckDB());

export async function openTestDuckDB(): Promise<TestDuckDBConnection> {
  return (await instance()).conn;
}

/** Makes `bytes` readable by SQL as the file `name` (e.g. read_csv('name')). */
export async function registerTestFile(name: string, bytes: Uint8Array): Promise<void> {
  await (await instance()).registerBuffer(name, bytes);
}

/** Runs a query and returns plain row objects. */
export function queryRows(conn: TestDuckDBConnection, sql: string): Record<string, unknown>[] {
  return conn.query(sql).toArray().map((r) => r.toJSON() as Record<string, unknown>);
}
