/**
 * Opens the published workspace in `data/` (the sample, or one made with the
 * project's scripts): a manifest plus a DuckDB file ATTACHed read-only.
 */
import { CANONICAL_FIELDS, DIMENSIONS } from '../model/schema';
import { ORDER_FLAGS, SALES_ROLLUP } from '../warehouse/relations';
import { flaggedSalesViewSql, LINES_ROLLUP_VIEW, ROLLUP_FIELDS } from './sales-table';
import { sqlIdent, sqlString } from '../model/sql';
import { budgetViewStatements } from '../warehouse/budget';
import { targetsInForceSql } from '../warehouse/targets';
import { CUSTOMER_DAYS, CUSTOMER_DAYS_COUNTS, CUSTOMER_DAYS_GRAIN, CUSTOMER_DAYS_SUMS } from '../warehouse/customer-days';
import type { LoadEngine } from './load-file';
import { salesSummaryOf, type SalesSummary } from './sales-summary';
import { audienceOf, type WorkspaceAudience } from './audience';

export interface WorkspaceManifest {
  format: 'targetscope-workspace';
  version: number;
  name: string;
  currency: string;
  locale?: string;
  fiscalYearStartMonth?: number;
  asOf?: string;
  database: string;
  tables: Record<string, string>;
  market?: string;
  /**
   * Read the database by HTTP range requests as queries need its pages, instead of downloading it first
   * (prepare-workspace sets it for big files; the server must answer Range requests, as static hosts do).
   */
  readOnDemand?: boolean;
  /**
   * Date and the dimensions constant within orders, when the sales table carries the order flags
   * (`_order_first`, `_sale_first`; prepare-workspace writes both): orders are then counted by the flags.
   */
  orderConstant?: string[];
  /** What the page would measure of `sales` on opening (rows, dates, filled fields); prepare-workspace writes it. */
  summary?: SalesSummary;
  /** The audience this workspace was cut for (prepare-workspace --audience): it holds only that slice. */
  audience?: WorkspaceAudience;
}

/**
 * A published workspace that cannot be opened: `bad-folder` (a link naming something other than a folder
 * of the site), `missing` (no workspace.json there), `invalid` (not a workspace manifest or database).
 */
export class ManifestError extends Error {
  override name = 'ManifestError';
  constructor(
    message: string,
    readonly code: 'bad-folder' | 'missing' | 'invalid' = 'invalid',
    /** The folder or address concerned. */
    readonly where = '',
  ) {
    super(message);
  }
}

/** The default published workspace: the site's data/ folder. */
export const DEFAULT_WORKSPACE = 'data';

/**
 * The published workspace a link names (`?workspace=sales-2025`: a folder of the site holding a
 * workspace.json), or data/. Only plain folder names: a link must not point the app at another site.
 */
export function publishedWorkspaceFolder(search: string): string {
  const named = new URLSearchParams(search).get('workspace');
  if (named === null) return DEFAULT_WORKSPACE;
  const folder = named.replace(/\/+$/, '');
  if (!/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/.test(folder)) throw new ManifestError(`workspace=${named}: not a folder of this site (letters, digits, - and _ only)`, 'bad-folder', named);
  return folder;
}

export function parseManifest(json: unknown): WorkspaceManifest {
  const m = json as Partial<WorkspaceManifest> | null;
  if (!m || typeof m !== 'object' || m.format !== 'targetscope-workspace') throw new ManifestError('not a TargetScope workspace manifest');
  if (typeof m.database !== 'string' || !/^[\w.-]+\.duckdb$/.test(m.database)) throw new ManifestError('manifest has no valid database file');
  if (!m.tables || typeof m.tables.sales !== 'string') throw new ManifestError('manifest names no sales table');
  return {
    format: 'targetscope-workspace',
    version: Number(m.version ?? 1),
    name: String(m.name ?? 'workspace'),
    currency: String(m.currency ?? ''),
    locale: m.locale,
    fiscalYearStartMonth: Number(m.fiscalYearStartMonth ?? 1),
    asOf: m.asOf,
    database: m.database,
    tables: m.tables as Record<string, string>,
    market: m.market,
    readOnDemand: m.readOnDemand === true,
    orderConstant: Array.isArray(m.orderConstant) && m.orderConstant.every((f) => f === 'date' || (DIMENSIONS as readonly string[]).includes(f)) ? [...m.orderConstant] : undefined,
    // One that does not parse is measured again on opening instead.
    summary: salesSummaryOf(m.summary) ?? undefined,
    audience: audienceOf(m.audience) ?? undefined,
  };
}

/** Engine tables and views behind the contract views (sales, targets, budget): not listed to users, not for direct queries. */
export const INTERNAL_TABLE = /^(sales_data_|sales_flagged|targets_none|budget_none|budget_base|app_budget|raw_)/;

export const EMPTY_TARGETS = 'CREATE OR REPLACE TABLE targets_none (period DATE, unit_type VARCHAR, unit VARCHAR, amount DOUBLE)';
export const EMPTY_BUDGET = 'CREATE OR REPLACE TABLE budget_none (period DATE, unit_type VARCHAR, unit VARCHAR, line VARCHAR, amount DOUBLE)';

/** Points the contract views (sales, targets, budget) at a file-loaded table, with an empty plan and budget. */
export async function useFileTables(db: LoadEngine, salesView: string): Promise<void> {
  // The published workspace's other tables do not describe this file.
  const stale = await db.query<{ name: string }>(
    "SELECT view_name AS name FROM duckdb_views() WHERE NOT internal AND database_name = 'memory' AND view_name NOT IN ('sales', 'targets', 'budget', 'budget_base')",
  );
  for (const { name } of stale) await db.query(`DROP VIEW IF EXISTS ${sqlIdent(name)}`);
  await db.query(salesView);
  await db.query(EMPTY_TARGETS);
  await db.query(EMPTY_BUDGET);
  await db.query('CREATE OR REPLACE VIEW targets AS SELECT * FROM targets_none');
  for (const sql of budgetViewStatements('SELECT * FROM budget_none')) await db.query(sql);
}

export async function openPublishedWorkspace(
  db: LoadEngine & { registerUrl(name: string, url: string): Promise<void> },
  baseUrl: string,
  onProgress: (fraction: number | null) => void,
): Promise<WorkspaceManifest> {
  const res = await fetch(new URL('workspace.json', baseUrl));
  const where = new URL('workspace.json', baseUrl).pathname;
  if (!res.ok) throw new ManifestError(`workspace.json: HTTP ${res.status}`, 'missing', where);
  let json: unknown;
  try {
    json = JSON.parse(await res.text());
  } catch {
    // A host that answers every address with its start page (a single-page app fallback) has no manifest there.
    throw new ManifestError('workspace.json is not JSON', 'missing', where);
  }
  const manifest = parseManifest(json);
  const databaseUrl = new URL(manifest.database, baseUrl).href;
  if (manifest.readOnDemand) await db.registerUrl(manifest.database, databaseUrl);
  else await db.registerBuffer(manifest.database, await fetchWithProgress(databaseUrl, onProgress));
  await db.query(`DETACH DATABASE IF EXISTS ws`);
  await db.query(`ATTACH ${sqlString(manifest.database)} AS ws (READ_ONLY)`);
  const t = (name: string) => `ws.${sqlIdent(manifest.tables[name] ?? name)}`;
  const columns = await db.query<{ column_name: string }>(
    `SELECT column_name FROM duckdb_columns() WHERE database_name = 'ws' AND table_name = ${sqlString(manifest.tables.sales)}`,
  );
  const present = new Set(columns.map((c) => c.column_name));
  const select = CANONICAL_FIELDS.map((f) => {
    if (present.has(f)) return sqlIdent(f);
    if (f === 'profit' && present.has('cost')) return 'amount - cost AS profit';
    return `NULL AS ${sqlIdent(f)}`;
  });
  await db.query(`CREATE OR REPLACE VIEW sales AS SELECT ${select.join(', ')} FROM ${t('sales')}`);
  // The order flags serve order counts only when the table has them and every canonical column.
  const flagged = !!manifest.orderConstant && [...CANONICAL_FIELDS, ...ORDER_FLAGS].every((f) => present.has(f));
  if (flagged) await db.query(flaggedSalesViewSql(manifest.tables.sales, 'ws'));
  else delete manifest.orderConstant;
  await db.query(manifest.tables.sales_rollup ? publishedRollupViewSql(t('sales_rollup')) : LINES_ROLLUP_VIEW);
  if (manifest.tables.customer_days) await db.query(publishedCustomerDaysViewSql(t('customer_days')));
  if (manifest.tables.targets) {
    await db.query(`CREATE OR REPLACE VIEW targets_all AS SELECT * FROM ${t('targets')}`);
    await db.query(`CREATE OR REPLACE VIEW targets AS ${targetsInForceSql(t('targets'), manifest.fiscalYearStartMonth ?? 1)}`);
  } else {
    await db.query(EMPTY_TARGETS);
    await db.query('CREATE OR REPLACE VIEW targets AS SELECT * FROM targets_none');
  }
  // Every other table (org, rep_activity, opportunities, market_size, …) under its own name.
  for (const name of Object.keys(manifest.tables)) {
    if (['sales', 'sales_rollup', 'customer_days', 'targets', 'budget'].includes(name) || !/^[a-z_][a-z0-9_]*$/.test(name)) continue;
    await db.query(`CREATE OR REPLACE VIEW ${sqlIdent(name)} AS SELECT * FROM ${t(name)}`);
  }
  if (!manifest.tables.budget) await db.query(EMPTY_BUDGET);
  const budgetBase = manifest.tables.budget ? `SELECT period, unit_type, unit, line, amount FROM ${t('budget')}` : 'SELECT * FROM budget_none';
  for (const sql of budgetViewStatements(budgetBase)) await db.query(sql);
  return manifest;
}

/** A prepared workspace's exact daily rollup as `sales_rollup`, with its line counts (its sign columns left out). */
export function publishedRollupViewSql(table: string): string {
  return `CREATE OR REPLACE VIEW ${SALES_ROLLUP} AS SELECT ${[...ROLLUP_FIELDS, '_lines'].map(sqlIdent).join(', ')} FROM ${table}`;
}

/** A prepared workspace's customer-day rollup as `customer_days` (warehouse/customer-days.ts). */
export function publishedCustomerDaysViewSql(table: string): string {
  const columns = [...CUSTOMER_DAYS_GRAIN, ...CUSTOMER_DAYS_SUMS, ...CUSTOMER_DAYS_COUNTS];
  return `CREATE OR REPLACE VIEW ${CUSTOMER_DAYS} AS SELECT ${columns.map(sqlIdent).join(', ')} FROM ${table}`;
}

async function fetchWithProgress(url: string, onProgress: (f: number | null) => void): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok || !res.body) throw new ManifestError(`${url}: HTTP ${res.status}`);
  const total = Number(res.headers.get('Content-Length') ?? 0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.length;
    onProgress(total > 0 ? loaded / total : null);
  }
  const out = new Uint8Array(loaded);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}
