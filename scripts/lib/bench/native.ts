/**
 * Native DuckDB (same version as the wasm build) on the same file, with the
 * app's own plan: sniff the first 512 KB, propose the mapping, detect the
 * amount and date formats, then run the canonical CREATE TABLE AS the app
 * runs (salesTableSql), its load check and the overview's KPI query.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import fs from 'node:fs';
import { decodeHead, detectEncoding } from '../../../src/lib/ingest/encoding';
import { sniffText } from '../../../src/lib/ingest/sniff';
import { csvSalesPlan, planCsv } from '../../../src/lib/load/load-file';
import { loadCheckSql, salesTableSql, salesViewSql } from '../../../src/lib/load/sales-table';
import { kpiSql } from '../../../src/lib/analyses/overview';
import { previousRange, sameRangeLastYear } from '../../../src/lib/model/period';
import { sqlString } from '../../../src/lib/model/sql';
import type { Mapping } from '../../../src/lib/model/schema';

const HEAD_BYTES = 512 * 1024;

export interface NativeResult {
  threads: number;
  /** CREATE TABLE AS SELECT * FROM read_csv(all_varchar) — the raw read alone. */
  rawReadS: number;
  /** The app's canonical CTAS over its read_csv relation. */
  canonicalS: number;
  /** The app's load check query on the canonical table. */
  checkS: number;
  /** canonical + check: what the browser's load does in DuckDB (minus describe queries). */
  loadS: number;
  /** Overview KPI query (period = all, no filters). */
  kpiS: number;
  /** Same canonical CTAS with SET threads = 1 (DuckDB-WASM's EH build is single-threaded). */
  canonical1ThreadS: number | null;
  rows: number;
  mapping: Mapping;
  revenue: number;
}

/** The app's own plan (planCsv in src/lib/load/load-file.ts), with the file path instead of a registered name. */
export function planFor(file: string) {
  const fd = fs.openSync(file, 'r');
  const head = Buffer.alloc(Math.min(HEAD_BYTES, fs.fstatSync(fd).size));
  fs.readSync(fd, head, 0, head.length, 0);
  fs.closeSync(fd);
  const guess = detectEncoding(new Uint8Array(head));
  if (guess.encoding !== 'utf-8') throw new Error(`native reference expects UTF-8, got ${guess.encoding}`);
  const sniff = sniffText(decodeHead(new Uint8Array(head), guess), fs.statSync(file).size <= HEAD_BYTES);
  const csv = planCsv(file, sniff);
  // The browser takes the typed fast path when it can; so does the reference.
  const read = csv.typed ?? csv.text;
  return { relation: read.relation, plan: csvSalesPlan(csv, read) };
}

async function timed<T>(job: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const out = await job();
  return [out, (performance.now() - t) / 1000];
}

async function one(c: DuckDBConnection, sql: string): Promise<Record<string, unknown>> {
  const reader = await c.runAndReadAll(sql);
  return (reader.getRowObjectsJS()[0] ?? {}) as Record<string, unknown>;
}

export async function nativeReference(file: string, opts: { singleThread: boolean }): Promise<NativeResult> {
  const { plan } = planFor(file);
  const inst = await DuckDBInstance.create(':memory:');
  const c = await inst.connect();
  try {
    const threadsRow = await one(c, "SELECT current_setting('threads') AS t");
    const [, rawReadS] = await timed(() => c.run(`CREATE TABLE raw_t AS SELECT * FROM read_csv(${sqlString(file)}, all_varchar=true, header=true)`));
    await c.run('DROP TABLE raw_t');
    const [, canonicalS] = await timed(() => c.run(salesTableSql(plan, 'sales_data_1')));
    const [check, checkS] = await timed(() => one(c, loadCheckSql(plan, 'sales_data_1')));
    await c.run(salesViewSql('sales_data_1'));
    const current = { start: String(check.minDate), end: String(check.maxDate) };
    const params = {
      current,
      previous: previousRange(current, 'all'),
      lastYear: sameRangeLastYear(current),
      filters: {},
      basis: 'net' as const,
      hasOrderId: !!plan.mapping.order_id,
    };
    const [kpi, kpiS] = await timed(() => one(c, kpiSql(params)));
    let canonical1ThreadS: number | null = null;
    if (opts.singleThread) {
      await c.run('SET threads = 1');
      [, canonical1ThreadS] = await timed(() => c.run(salesTableSql(plan, 'sales_data_2')));
      await c.run('DROP TABLE sales_data_2');
    }
    return {
      threads: Number(threadsRow.t),
      rawReadS,
      canonicalS,
      checkS,
      loadS: canonicalS + checkS,
      kpiS,
      canonical1ThreadS,
      rows: Number(check.rows),
      mapping: plan.mapping,
      revenue: Number(kpi['current.revenue']),
    };
  } finally {
    c.closeSync();
    inst.closeSync();
  }
}
