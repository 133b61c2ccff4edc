/**
 * `npm run prepare-workspace`: sales exports of any size → a published workspace (workspace.json +
 * workspace.duckdb) that the site opens read-only, like the sample in data/.
 *
 * Native DuckDB (@duckdb/node-api, pinned to the wasm build's DuckDB 1.4.3, so the file opens in the
 * browser) runs the app's own load plan on every file: the same sniffing, column mapping, amount and
 * date parsing as a file dropped on the page (load-file.ts, sales-table.ts). It writes:
 * - `sales`: the canonical lines, sorted by date, with the order flags the app's compaction adds;
 * - `sales_rollup`: the exact daily rollup (sales-table.ts rollupSql), which every query that only sums
 *   reads (warehouse/sources.ts sumsSource) — far fewer rows than the lines on a long, dense history;
 * - `customer_days`: the exact customer-day rollup (warehouse/customer-days.ts) that the customer
 *   lifecycle, RFM and the reps' customers and orders read;
 * - `targets` / `budget` from a targets or budget file, normalised as the app does (long or wide form).
 * Intermediate tables live in a scratch database on disk, so inputs larger than memory spill there.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { decodeChunks, decodeHead, detectEncoding, TRANSCODE_CHUNK_BYTES } from '../../../src/lib/ingest/encoding';
import { sniffText } from '../../../src/lib/ingest/sniff';
import { csvRelation, csvSalesPlan, detectFormats, isParquet, planCsv } from '../../../src/lib/load/load-file';
import { proposeWithYearMonth } from '../../../src/lib/load/load-plan';
import { withYearMonthSql } from '../../../src/lib/ingest/year-month';
import { customerDaysSql } from '../../../src/lib/warehouse/customer-days';
import { FLAGGED_SALES } from '../../../src/lib/warehouse/relations';
import { loadCheckSql, orderConstantSql, rejectExamplesSql, rollupSql, salesTableSql, type SalesTablePlan, type SourceKind } from '../../../src/lib/load/sales-table';
import { loadTargetsTable } from '../../../src/lib/load/targets-file';
import {
  applyWorkspaceTerritories,
  classifyFile,
  joinedSource,
  proposeJoins,
  readTextFile,
  targetUnitNames,
  type FileRole,
  type WorkspaceFile,
  type WorkspaceShape,
} from '../../../src/lib/load/workspace-files';
import { loadBudgetTable } from '../../../src/lib/load/budget-file';
import { CANONICAL_FIELDS, DIMENSIONS } from '../../../src/lib/model/schema';
import { sqlIdent, sqlString } from '../../../src/lib/model/sql';
import type { SqlRunner } from '../../../src/lib/engine/types';
import { workbookToCsvFiles } from '../../../src/lib/load/xlsx';
import { salesSummaryFromRow, salesSummarySql } from '../../../src/lib/load/sales-summary';
import type { WorkspaceManifest } from '../../../src/lib/load/sample';

const HEAD_BYTES = 512 * 1024;

export interface PrepareOptions {
  /** Sales files (CSV/TXT in UTF-8, or Parquet) or folders of them; every file must map to the same fields. */
  sales: string[];
  out: string;
  name?: string;
  currency?: string;
  locale?: string;
  fiscalYearStartMonth?: number;
  targets?: string;
  budget?: string;
  /** Let the site read the database by range requests instead of downloading it (default: when it is over 64 MB). */
  readOnDemand?: boolean;
  log?: (line: string) => void;
}

/** Above this a published database is read on demand: downloading it whole would keep the first view waiting. */
export const READ_ON_DEMAND_BYTES = 64 * 1024 * 1024;

export interface PrepareSummary {
  files: { file: string; rows: number }[];
  lines: number;
  rollupRows: number;
  customerDayRows: number;
  minDate: string;
  maxDate: string;
  targets: number | null;
  budget: number | null;
  manifest: WorkspaceManifest;
}

/** A specific, located reason the inputs cannot be prepared (the CLI prints it and exits 1). */
export class PrepareError extends Error {
  override name = 'PrepareError';
}

/** The node-api connection as the app's SqlRunner, so the app's loaders run unchanged. */
export function nodeRunner(c: DuckDBConnection): SqlRunner {
  return {
    async query<T extends object>(sql: string): Promise<T[]> {
      const reader = await c.runAndReadAll(sql);
      return reader.getRowObjectsJS() as T[];
    },
  };
}

const SALES_FILE = /\.(csv|txt|tsv|parquet|xlsx)$/i;

/** Files named on the command line, and the sales files inside named folders (sorted by name). */
export function expandInputs(inputs: string[]): string[] {
  const out: string[] = [];
  for (const input of inputs) {
    if (!fs.existsSync(input)) throw new PrepareError(`${input}: no such file or folder`);
    if (fs.statSync(input).isDirectory()) {
      const inside = fs.readdirSync(input).filter((f) => SALES_FILE.test(f)).sort();
      if (inside.length === 0) throw new PrepareError(`${input}: no .csv, .txt, .tsv, .parquet or .xlsx files in this folder`);
      out.push(...inside.map((f) => path.join(input, f)));
    } else out.push(input);
  }
  return out;
}

/** Each Excel workbook as its sheets, written as CSV files in `scratchDir` by the page's own reader (load/xlsx.ts). */
async function expandWorkbooks(files: string[], scratchDir: string, log: (s: string) => void): Promise<string[]> {
  const out: string[] = [];
  for (const file of files) {
    if (!/\.xlsx$/i.test(file)) {
      out.push(file);
      continue;
    }
    let sheets: File[];
    try {
      sheets = await workbookToCsvFiles(new File([fs.readFileSync(file)], path.basename(file)));
    } catch (e) {
      throw new PrepareError(e instanceof Error ? e.message : `${file}: ${String(e)}`);
    }
    for (const sheet of sheets) {
      // Numbered: two workbooks may have sheets of the same name.
      const csv = path.join(scratchDir, `${out.length}-${sheet.name.replace(/[^\p{L}\p{N}._ -]+/gu, '_')}`);
      fs.writeFileSync(csv, Buffer.from(await sheet.arrayBuffer()));
      out.push(csv);
    }
    log(`  ${path.basename(file)}: ${sheets.length} sheet(s) read as tables`);
  }
  return out;
}

function readHead(file: string): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(Math.min(HEAD_BYTES, fs.fstatSync(fd).size));
    fs.readSync(fd, head, 0, head.length, 0);
    return head;
  } finally {
    fs.closeSync(fd);
  }
}


/**
 * A text file DuckDB can read: the file itself when it is UTF-8, else a UTF-8 copy in `scratchDir`
 * (UTF-16, GBK/GB18030 and Windows-1252 are detected and decoded as the page does, chunk by chunk).
 */
async function utf8File(file: string, scratchDir: string, log: (s: string) => void): Promise<string> {
  const head = readHead(file);
  if (head.length === 0) throw new PrepareError(`${file}: the file is empty`);
  if (isParquet(head)) return file;
  const guess = detectEncoding(new Uint8Array(head));
  if (guess.encoding === 'utf-8') return file;
  const copy = path.join(scratchDir, `${path.basename(file)}.${fs.readdirSync(scratchDir).length}.utf8`);
  const fd = fs.openSync(copy, 'w');
  try {
    for await (const text of decodeChunks(await fs.openAsBlob(file), guess, TRANSCODE_CHUNK_BYTES, () => {})) fs.writeSync(fd, text);
  } finally {
    fs.closeSync(fd);
  }
  log(`  ${path.basename(file)}: ${guess.encoding}, read as UTF-8`);
  return copy;
}

/** A UTF-8 text file's head, sniffed as the app does. */
function sniffFile(file: string) {
  const head = readHead(file);
  if (head.length === 0) throw new PrepareError(`${file}: the file is empty`);
  return sniffText(decodeHead(new Uint8Array(head), detectEncoding(new Uint8Array(head))), fs.statSync(file).size <= HEAD_BYTES);
}

/** The app's plan for one sales file: the typed fast path when the sample allows it, else text. */
async function planFile(c: DuckDBConnection, file: string, index: number): Promise<SalesTablePlan[]> {
  const head = readHead(file);
  if (isParquet(head)) {
    const raw = `raw_${index}`;
    await c.run(`CREATE OR REPLACE TABLE ${raw} AS SELECT * FROM read_parquet(${sqlString(file)})`);
    const described = (await c.runAndReadAll(`DESCRIBE ${raw}`)).getRowObjectsJS() as { column_name: string; column_type: string }[];
    const names = described.map((d) => d.column_name);
    const preview = (await c.runAndReadAll(`SELECT * FROM ${raw} LIMIT 200`)).getRowObjectsJS();
    const rows = preview.map((r) => names.map((n) => (r[n] === null || r[n] === undefined ? '' : String(r[n]))));
    const kinds = Object.fromEntries(
      described.map((d) => [d.column_name, (/^(DATE|TIMESTAMP)/.test(d.column_type) ? 'date' : /INT|DOUBLE|FLOAT|DECIMAL|REAL/.test(d.column_type) ? 'number' : 'text') as SourceKind]),
    );
    // Year and month columns make the date, as in the app (load-file.ts loadParquet) and in a text file.
    const { header, rows: withDates, derived, proposal } = proposeWithYearMonth(names, rows);
    const formats = detectFormats(header, withDates, proposal.mapping);
    return [
      {
        from: derived ? withYearMonthSql(raw, derived) : raw,
        columnKinds: derived ? { ...kinds, [derived.column]: 'text' } : kinds,
        mapping: proposal.mapping,
        amountFormat: formats.amountFormat,
        dateFormat: formats.dateFormat,
        textToClean: formats.textToClean,
      },
    ];
  }
  const sniff = sniffFile(file);
  const csv = planCsv(file, sniff);
  return csv.typed ? [csvSalesPlan(csv, csv.typed), csvSalesPlan(csv, csv.text)] : [csvSalesPlan(csv, csv.text)];
}

/** Loads one sales file into `lines_<index>` with the app's canonical CREATE TABLE; rejects stop with file, row and value. */
async function loadSalesFile(c: DuckDBConnection, file: string, index: number, scratchDir: string, log: (s: string) => void): Promise<{ rows: number; mapping: SalesTablePlan['mapping'] }> {
  return loadPlanned(c, file, await planFile(c, await utf8File(file, scratchDir, log), index), `lines_${index}`, log);
}

/** Runs the first of `plans` that reads (the typed one, then text) into `table`, and checks it as the app does. */
async function loadPlanned(c: DuckDBConnection, file: string, plans: SalesTablePlan[], table: string, log: (s: string) => void): Promise<{ rows: number; mapping: SalesTablePlan['mapping'] }> {
  let used: SalesTablePlan | null = null;
  let lastError: unknown = null;
  for (const plan of plans) {
    try {
      await c.run(salesTableSql(plan, table));
      used = plan;
      break;
    } catch (e) {
      lastError = e; // the typed read failed on a later row: read as text, as the app does
    }
  }
  if (!used) throw new PrepareError(`${file}: ${lastError instanceof Error ? lastError.message.split('\n')[0] : String(lastError)}`);
  if (!used.mapping.date || !(used.mapping.amount || (used.mapping.quantity && used.mapping.unit_price))) {
    throw new PrepareError(`${file}: no date or amount column recognised (columns mapped: ${JSON.stringify(used.mapping)})`);
  }
  const [check] = (await c.runAndReadAll(loadCheckSql(used, table))).getRowObjectsJS() as Record<string, unknown>[];
  for (const kind of ['date', 'amount'] as const) {
    const bad = Number(check[kind === 'date' ? 'badDates' : 'badAmounts']);
    if (bad > 0) {
      const examples = (await c.runAndReadAll(rejectExamplesSql(used, table, kind))).getRowObjectsJS() as { row: unknown; value: unknown }[];
      const column = used.mapping[kind] ?? kind;
      throw new PrepareError(
        `${file}: ${bad} ${kind === 'date' ? 'dates' : 'amounts'} in column "${column}" cannot be read, e.g. ${examples.map((x) => `row ${x.row}: "${x.value}"`).join(', ')}`,
      );
    }
  }
  const rows = Number(check.rows);
  if (rows === 0) throw new PrepareError(`${file}: the file has a header but no rows`);
  log(`  ${path.basename(file)}: ${rows.toLocaleString('en')} lines, ${check.minDate} … ${check.maxDate}`);
  return { rows, mapping: used.mapping };
}

/** What each input is, judged as the page judges a dropped set of files; one file is always the sales. */
function classifyInputs(files: string[]): { file: string; role: FileRole }[] {
  return files.map((file) => {
    if (files.length === 1 || isParquet(readHead(file))) return { file, role: 'sales' as FileRole };
    const sniff = sniffFile(file);
    return { file, role: classifyFile(sniff.header, sniff.rows, path.basename(file)) };
  });
}

/**
 * An ERP's order lines plus lookup tables (Adventure Works, Northwind): every file read as text, the
 * lookups joined to the facts through the keys the page proposes (same names, else value overlap), the
 * joined relation mapped and loaded as the page does, into `lines_0`. Several facts files (one per year)
 * must share their columns. Returns the shape the targets' unit names and the territories need.
 */
async function loadJoinedSales(
  c: DuckDBConnection,
  salesFiles: string[],
  lookupFiles: string[],
  scratchDir: string,
  log: (s: string) => void,
): Promise<{ rows: number; mapping: SalesTablePlan['mapping']; shape: WorkspaceShape }> {
  const db = nodeRunner(c);
  const readable = await Promise.all(salesFiles.map((f) => utf8File(f, scratchDir, log)));
  const first = sniffFile(readable[0]);
  const parts = readable.map((file, i) => {
    if (isParquet(readHead(file))) return `SELECT COLUMNS(*)::VARCHAR FROM read_parquet(${sqlString(file)})`;
    const sniff = i === 0 ? first : sniffFile(file);
    if (sniff.header.join('\u0001') !== first.header.join('\u0001')) {
      throw new PrepareError(`${salesFiles[i]}: its columns (${sniff.header.join(', ')}) differ from ${salesFiles[0]}'s (${first.header.join(', ')}); prepare them separately`);
    }
    return `SELECT * FROM ${csvRelation(file, sniff.delimiter, sniff.quoteChar || '"', sniff.header)}`;
  });
  await c.run(`CREATE OR REPLACE TABLE facts_text AS ${parts.join('\nUNION ALL BY NAME\n')}`);
  const [{ n }] = (await c.runAndReadAll('SELECT count(*) AS n FROM facts_text')).getRowObjectsJS() as { n: bigint }[];
  const facts: WorkspaceFile = {
    id: 0, fileName: path.basename(salesFiles[0]), name: 'facts', table: 'facts_text', header: first.header, rows: Number(n),
    encoding: null, delimiter: first.delimiter, role: 'sales', sample: first.rows.slice(0, 200), warnings: [],
  };
  const lookups: WorkspaceFile[] = [];
  for (const [i, file] of lookupFiles.entries()) {
    const text = await utf8File(file, scratchDir, log);
    const lookup = await readTextFile(db, { id: i + 1, fileName: path.basename(file), readable: text, sniff: sniffFile(text), role: 'lookup', encoding: null });
    for (const w of lookup.warnings) log(`  ${lookup.fileName}: rows with extra fields from row ${w.facts.row ?? '?'} read leniently (keys and names come first)`);
    lookups.push(lookup);
  }
  const joins = await proposeJoins(db, facts, lookups);
  const name = (id: number) => (id === 0 ? facts.fileName : lookups[id - 1].fileName);
  for (const j of joins) {
    log(`  join ${name(j.fromFile)}.${j.fromColumn} → ${name(j.toFile)}.${j.toColumn}: ${j.matchedRows.toLocaleString('en')} of ${j.keyedRows.toLocaleString('en')} keyed rows matched` +
      (j.unmatched.length ? `; unmatched keys e.g. ${j.unmatched.slice(0, 5).join(', ')}` : ''));
  }
  const unjoined = lookups.filter((l) => !joins.some((j) => j.toFile === l.id));
  if (unjoined.length) log(`  not joined to the sales lines (a bridge table, or no key in common): ${unjoined.map((l) => l.fileName).join(', ')}`);
  const { joined, view, proposal, detected } = await joinedSource(db, facts, [facts, ...lookups], joins);
  const plan: SalesTablePlan = {
    from: sqlIdent(view),
    columnKinds: Object.fromEntries(joined.columns.map((col) => [col, 'text' as SourceKind])),
    mapping: proposal.mapping,
    amountFormat: detected.amountFormat,
    dateFormat: detected.dateFormat,
    textToClean: detected.textToClean,
  };
  log(`  mapped: ${CANONICAL_FIELDS.filter((f) => plan.mapping[f]).map((f) => `${f} ← ${plan.mapping[f]}`).join(', ')}`);
  const label = salesFiles.length > 1 ? `${salesFiles[0]} (+ ${salesFiles.length - 1})` : salesFiles[0];
  const loaded = await loadPlanned(c, label, [plan], 'lines_0', log);
  return { ...loaded, shape: { files: [facts, ...lookups], joins, origins: joined.origins, source: { mapping: plan.mapping, header: joined.columns } } };
}

/** A targets or budget file as an all-text table plus its sniffed head (for the app's layout detection). */
async function loadSideFile(c: DuckDBConnection, file: string, table: string, scratchDir: string, log: (s: string) => void) {
  const readable = await utf8File(file, scratchDir, log);
  const sniff = sniffFile(readable);
  await c.run(`CREATE OR REPLACE TABLE ${sqlIdent(table)} AS SELECT * FROM ${csvRelation(readable, sniff.delimiter, sniff.quoteChar || '"', sniff.header)}`);
  return sniff;
}

export async function prepareWorkspace(opts: PrepareOptions): Promise<PrepareSummary> {
  const log = opts.log ?? (() => {});
  const inputs = expandInputs(opts.sales);
  if (inputs.length === 0) throw new PrepareError('no sales files given');
  fs.mkdirSync(opts.out, { recursive: true });
  const database = 'workspace.duckdb';
  const target = path.join(opts.out, database);
  const scratchDir = fs.mkdtempSync(path.join(os.tmpdir(), 'targetscope-prepare-'));
  const files = await expandWorkbooks(inputs, scratchDir, log);
  const building = `${target}.building`;
  fs.rmSync(building, { force: true });
  const instance = await DuckDBInstance.create(path.join(scratchDir, 'scratch.duckdb'));
  const c = await instance.connect();
  try {
    await c.run(`SET temp_directory = ${sqlString(scratchDir)}`);
    // Nothing is fetched: the app never loads extensions, and neither does its preparation.
    await c.run('SET autoload_known_extensions = false');
    const roles = classifyInputs(files);
    const salesFiles = roles.filter((x) => x.role === 'sales').map((x) => x.file);
    const lookupFiles = roles.filter((x) => x.role === 'lookup').map((x) => x.file);
    const targetsFile = opts.targets ?? roles.find((x) => x.role === 'targets')?.file;
    const budgetFile = opts.budget ?? roles.find((x) => x.role === 'budget')?.file;
    if (files.length > 1) for (const x of roles) log(`  ${path.basename(x.file)}: ${x.role}`);
    if (salesFiles.length === 0) {
      throw new PrepareError(`no sales file among ${files.map((f) => path.basename(f)).join(', ')}: none has a date and an amount (or quantity × price) column`);
    }
    log(`reading ${salesFiles.length} sales file(s)${lookupFiles.length ? ` and ${lookupFiles.length} lookup table(s)` : ''}`);
    const loaded: { file: string; rows: number }[] = [];
    let mapping: SalesTablePlan['mapping'] | null = null;
    let shape: WorkspaceShape | null = null;
    if (lookupFiles.length > 0) {
      const joined = await loadJoinedSales(c, salesFiles, lookupFiles, scratchDir, log);
      mapping = joined.mapping;
      shape = joined.shape;
      loaded.push({ file: salesFiles.join(' + '), rows: joined.rows });
    } else {
      for (const [i, file] of salesFiles.entries()) {
        const one = await loadSalesFile(c, file, i, scratchDir, log);
        const fields = (m: SalesTablePlan['mapping']) => CANONICAL_FIELDS.filter((f) => m[f]).join(',');
        if (mapping && fields(mapping) !== fields(one.mapping)) {
          throw new PrepareError(`${file}: its columns map to ${fields(one.mapping)}, the first file's to ${fields(mapping)}; prepare them separately`);
        }
        mapping ??= one.mapping;
        loaded.push({ file, rows: one.rows });
      }
    }
    const hasOrderId = !!mapping?.order_id;
    // One row key across files: the file's index, then its spreadsheet row.
    const union = loaded.map((_, i) => `SELECT ${CANONICAL_FIELDS.map(sqlIdent).join(', ')}, ${i}::BIGINT * 10000000000 + _row AS _key FROM lines_${i}`).join('\nUNION ALL\n');
    await c.run(`CREATE OR REPLACE TABLE lines AS ${union}`);
    for (const i of loaded.keys()) await c.run(`DROP TABLE lines_${i}`);

    await c.run(`ATTACH ${sqlString(building)} AS out`);
    log('writing sales (lines, sorted by date, with order flags)');
    const flags = hasOrderId
      ? `, _key IN (SELECT min(_key) FROM lines WHERE order_id IS NOT NULL GROUP BY order_id) AS _order_first,
  _key IN (SELECT min(_key) FILTER (WHERE amount > 0) FROM lines WHERE order_id IS NOT NULL GROUP BY order_id) AS _sale_first`
      : '';
    await c.run(`CREATE TABLE out.sales AS SELECT ${CANONICAL_FIELDS.map(sqlIdent).join(', ')}${flags} FROM lines ORDER BY date, _key`);
    // Which of date and the dimensions never vary within an order: the app then counts orders by the flags.
    let orderConstant: string[] | null = null;
    if (hasOrderId) {
      const checked = ['date', ...DIMENSIONS.filter((d) => mapping?.[d])];
      await c.run(`CREATE OR REPLACE VIEW ${FLAGGED_SALES} AS SELECT * FROM out.sales`);
      const [row] = (await c.runAndReadAll(orderConstantSql(checked))).getRowObjectsJS() as Record<string, boolean | null>[];
      orderConstant = checked.filter((f) => row?.[f] !== false);
      await c.run(`DROP VIEW ${FLAGGED_SALES}`);
    }
    log('writing sales_rollup (the exact daily rollup)');
    await c.run(`CREATE TABLE out.sales_rollup AS ${rollupSql('out.sales')}`);
    log('writing customer_days (the exact customer-day rollup)');
    await c.run(`CREATE TABLE out.customer_days AS ${customerDaysSql('out.sales', hasOrderId)}`);

    const db = nodeRunner(c);
    // The app's loaders measure targets against `sales` (to guess "in thousands").
    await c.run('CREATE OR REPLACE VIEW sales AS SELECT * FROM out.sales');
    let targets: number | null = null;
    if (targetsFile) {
      const sniff = await loadSideFile(c, targetsFile, 'targets_file', scratchDir, log);
      // Units named by a key (Adventure Works' EmployeeID) get the sales' names through the lookup that has both.
      const names = shape ? targetUnitNames(shape, sniff.header, sniff.rows) : null;
      const load = await loadTargetsTable(db, 'targets_file', sniff.header, sniff.rows, path.basename(targetsFile), names, 'targets_loaded');
      if (!load) throw new PrepareError(`${targetsFile}: not recognised as targets (expected a period or M01..M12 columns, a unit and an amount)`);
      await c.run('CREATE TABLE out.targets AS SELECT period, unit_type, unit, amount, 1 AS version FROM targets_loaded ORDER BY period, unit_type, unit');
      targets = load.rows;
      log(`targets: ${load.rows} rows, ${load.layout.kind} form, × ${load.multiplier}` + (load.unmatchedUnits.length ? `; units without sales: ${load.unmatchedUnits.join(', ')}` : ''));
    }
    let budget: number | null = null;
    if (budgetFile) {
      const sniff = await loadSideFile(c, budgetFile, 'budget_file', scratchDir, log);
      const load = await loadBudgetTable(db, 'budget_file', sniff.header, sniff.rows, 'budget_loaded');
      if (!load) throw new PrepareError(`${budgetFile}: not recognised as a budget (expected period, unit, line and amount columns)`);
      await c.run('CREATE TABLE out.budget AS SELECT period, unit_type, unit, line, amount FROM budget_loaded ORDER BY period, unit_type, unit, line');
      budget = load.rows;
      log(`budget: ${load.rows} rows`);
    }
    // Territories from a bridge table (Adventure Works' SalespersonRegion) and the reps' titles, as the page makes them.
    const extraTables: string[] = [];
    if (shape && (await applyWorkspaceTerritories(db, shape))) extraTables.push('rep_regions');
    if (shape && (await c.runAndReadAll("SELECT 1 FROM duckdb_views() WHERE view_name = 'rep_titles' AND database_name = current_database()")).getRows().length > 0) extraTables.push('rep_titles');
    for (const t of extraTables) await c.run(`CREATE TABLE out.${t} AS SELECT * FROM ${t} ORDER BY ALL`);
    if (extraTables.length) log(`territories: ${extraTables.join(', ')}`);
    // What the page measures on opening (rows, dates, filled fields), measured once here for the manifest.
    const [summaryRow] = (await c.runAndReadAll(salesSummarySql('out.sales'))).getRowObjectsJS() as Record<string, unknown>[];
    const summary = salesSummaryFromRow(summaryRow, new Date().toISOString().slice(0, 10));
    const [stats] = (await c.runAndReadAll(
      'SELECT (SELECT count(*) FROM out.sales_rollup) AS rollup, (SELECT count(*) FROM out.customer_days) AS customer_days',
    )).getRowObjectsJS() as { rollup: bigint; customer_days: bigint }[];
    await c.run('DROP VIEW sales');
    await c.run('DETACH out');
    c.closeSync();
    instance.closeSync();
    fs.renameSync(building, target);

    const tables: Record<string, string> = { sales: 'sales', sales_rollup: 'sales_rollup', customer_days: 'customer_days' };
    if (targets !== null) tables.targets = 'targets';
    if (budget !== null) tables.budget = 'budget';
    for (const t of extraTables) tables[t] = t;
    const manifest: WorkspaceManifest & { generatedBy: string; sources: { file: string; rows: number }[] } = {
      format: 'targetscope-workspace',
      version: 1,
      name: opts.name ?? path.basename(path.resolve(opts.out)),
      currency: opts.currency ?? 'CNY',
      ...(opts.locale ? { locale: opts.locale } : {}),
      fiscalYearStartMonth: opts.fiscalYearStartMonth ?? 1,
      asOf: summary.dataEnd,
      database,
      tables,
      readOnDemand: opts.readOnDemand ?? fs.statSync(target).size > READ_ON_DEMAND_BYTES,
      ...(orderConstant ? { orderConstant } : {}),
      summary,
      generatedBy: 'scripts/prepare-workspace.ts',
      sources: loaded.map((l) => ({ file: path.basename(l.file), rows: l.rows })),
    };
    fs.writeFileSync(path.join(opts.out, 'workspace.json'), JSON.stringify(manifest, null, 2) + '\n');
    return {
      files: loaded,
      lines: summary.rows,
      rollupRows: Number(stats.rollup),
      customerDayRows: Number(stats.customer_days),
      minDate: summary.dataStart,
      maxDate: summary.dataEnd,
      targets,
      budget,
      manifest,
    };
  } finally {
    try {
      c.closeSync();
      instance.closeSync();
    } catch {
      // already closed
    }
    fs.rmSync(scratchDir, { recursive: true, force: true });
    fs.rmSync(building, { force: true });
  }
}
