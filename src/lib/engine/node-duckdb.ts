/**
 * DuckDB-WASM's blocking build in Node, for tests: the same engine and SQL
 * dialect as the browser, without a worker. Never imported by the app.
 */
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import path from 'node:path';
import { tableToRows } from './rows';
import type { Row, SqlRunner } from './types';

export interface NodeDuckDB extends SqlRunner {
  db: duckdb.DuckDBBindings;
  conn: duckdb.DuckDBConnection;
  registerText(name: string, text: string): void;
  registerBuffer(name: string, bytes: Uint8Array): Promise<void>;
  registerFile(name: string, file: File): Promise<void>;
  insertArrow(table: import('apache-arrow').Table, name: string): Promise<void>;
  insertIpc(bytes: Uint8Array, name: string): Promise<void>;
  close(): void;
}

export async function openNodeDuckDB(): Promise<NodeDuckDB> {
  const dist = path.resolve('node_modules/@duckdb/duckdb-wasm/dist');
  const bundles = {
    mvp: { mainModule: `${dist}/duckdb-mvp.wasm`, mainWorker: '' },
    eh: { mainModule: `${dist}/duckdb-eh.wasm`, mainWorker: '' },
  };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate(() => {});
  db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true } });
  const conn = db.connect();
  conn.query('SET autoload_known_extensions = false; SET autoinstall_known_extensions = false');
  return {
    db,
    conn,
    async query<T extends object = Row>(sql: string): Promise<T[]> {
      return tableToRows<T>(conn.query(sql));
    },
    registerText(name, text) {
      db.registerFileText(name, text);
    },
    async registerBuffer(name, bytes) {
      db.registerFileBuffer(name, bytes);
    },
    async registerFile(name, file) {
      db.registerFileBuffer(name, new Uint8Array(await file.arrayBuffer()));
    },
    async insertArrow(table, name) {
      conn.insertArrowTable(table, { name, create: true });
    },
    async insertIpc(bytes, name) {
      conn.insertArrowFromIPCStream(bytes, { name, create: true });
    },
    close() {
      conn.close();
    },
  };
}
