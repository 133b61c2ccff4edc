/**
 * Published workspaces scoped to an audience (`prepare-workspace --audience=region=华东`).
 *
 * A static site serves every file it holds to whoever has its link, so "the East director sees East" is a
 * separate workspace that holds only East. `scopeWorkspace` copies a published workspace (data/, or the
 * output of prepare-workspace) keeping only the audience's slice; `verifyAudience` checks a slice against
 * the full workspace it came from, independently of how the slice was cut.
 *
 * The rules, table by table (every table of the database is read; none is copied unexamined):
 * - a table with the audience's column (sales, customers, org, rep_regions, market_size…): its rows whose
 *   value is in the audience;
 * - the rollups (`sales_rollup`, `customer_days`) and the order flags: made again from the kept lines;
 * - any other table keyed by a unit related to the audience (rep, team, customer; product for a category
 *   audience): the rows of units *wholly inside* it — units that sell only inside it and, with territories,
 *   whose every territory is inside. A rep who also sells in another region is outside: their target,
 *   activity and pipeline cover that region too;
 * - targets and budget by `unit_type`/`unit`: the audience's own units, the related units wholly inside,
 *   and the company's rows **pro-rated** by the audience's share of sales in the fiscal year before (its
 *   first year: of that year). The share is recorded in the manifest and said on the page. Plan levels that
 *   cut across the audience (every category for a region audience) are left out;
 * - free text (a version's reason, market notes) that names a value outside the audience is removed;
 *   market events and SWOT items tagged outside it are dropped, untagged ones kept.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { customerDaysSql } from '../../../src/lib/warehouse/customer-days';
import { ORDER_FLAGS } from '../../../src/lib/warehouse/relations';
import { rollupSql } from '../../../src/lib/load/sales-table';
import { salesSummaryFromRow, salesSummarySql } from '../../../src/lib/load/sales-summary';
import { parseManifest, type WorkspaceManifest } from '../../../src/lib/load/sample';
import { AUDIENCE_DIMENSIONS, type Audience, type AudienceDimension, type WorkspaceAudience } from '../../../src/lib/load/audience';
import { CANONICAL_FIELDS } from '../../../src/lib/model/schema';
import { fiscalYearSql, sqlIdent, sqlString } from '../../../src/lib/model/sql';

export class AudienceError extends Error {
  override name = 'AudienceError';
}

/** `region=华东,华南` → the audience; a specific error otherwise. */
export function parseAudience(spec: string): Audience {
  const m = /^([a-z]+)=(.+)$/.exec(spec.trim());
  if (!m || !(AUDIENCE_DIMENSIONS as readonly string[]).includes(m[1])) {
    throw new AudienceError(`--audience=${spec}: expected <dimension>=<value>[,<value>…] with a dimension among ${AUDIENCE_DIMENSIONS.join(', ')}`);
  }
  const values = [...new Set(m[2].split(',').map((v) => v.trim()).filter(Boolean))];
  if (values.length === 0) throw new AudienceError(`--audience=${spec}: no value`);
  return { dimension: m[1] as AudienceDimension, values };
}

/** Units whose rows follow the audience: a table keyed by one of them, and no audience column, is scoped by it. */
export const RELATED_UNITS: Record<AudienceDimension, string[]> = {
  region: ['rep', 'team', 'customer'],
  team: ['rep', 'customer'],
  rep: ['customer'],
  channel: ['customer'],
  category: ['product'],
};

/** Key and code columns: compared whole. Every other text column is free text, searched for names inside it. */
export const KEY_COLUMNS = new Set<string>([...CANONICAL_FIELDS, 'unit_type', 'unit', 'line', 'opportunity_id', 'stage', 'segment', 'scope']);

/** The rollups made from the lines: made again from the kept lines, never filtered. */
const DERIVED_TABLES = new Set(['sales_rollup', 'customer_days']);

interface Column {
  name: string;
  type: string;
}

async function rowsOf<T>(c: DuckDBConnection, sql: string): Promise<T[]> {
  return (await c.runAndReadAll(sql)).getRowObjectsJS() as T[];
}

async function tablesOf(c: DuckDBConnection, database: string): Promise<Map<string, Column[]>> {
  const rows = await rowsOf<{ table_name: string; column_name: string; data_type: string }>(
    c,
    `SELECT table_name, column_name, data_type FROM duckdb_columns() WHERE database_name = ${sqlString(database)} ORDER BY table_name, column_index`,
  );
  const out = new Map<string, Column[]>();
  for (const r of rows) out.set(r.table_name, [...(out.get(r.table_name) ?? []), { name: r.column_name, type: r.data_type }]);
  return out;
}

const inList = (values: Iterable<string>) => `(${[...values].map(sqlString).join(', ') || 'NULL'})`;

/**
 * The values of the audience's dimension anywhere in the workspace: the database's columns of that name,
 * the plan's units of that type and the market file's tags and keys. Those not in the audience are what a
 * slice must never contain.
 */
async function dimensionValues(c: DuckDBConnection, db: string, tables: Map<string, Column[]>, dimension: AudienceDimension, market: unknown): Promise<Set<string>> {
  const values = new Set<string>();
  for (const [table, columns] of tables) {
    const from = `${sqlIdent(db)}.${sqlIdent(table)}`;
    if (columns.some((col) => col.name === dimension)) {
      for (const r of await rowsOf<{ v: string }>(c, `SELECT DISTINCT CAST(${sqlIdent(dimension)} AS VARCHAR) AS v FROM ${from} WHERE ${sqlIdent(dimension)} IS NOT NULL`)) values.add(r.v);
    }
    if (columns.some((col) => col.name === 'unit_type') && columns.some((col) => col.name === 'unit')) {
      for (const r of await rowsOf<{ v: string }>(c, `SELECT DISTINCT unit AS v FROM ${from} WHERE unit_type = ${sqlString(dimension)} AND unit IS NOT NULL`)) values.add(r.v);
    }
  }
  for (const tag of marketTags(market, dimension)) values.add(tag);
  return values;
}

/** The market file's values of `dimension`: events' fields of that name, SWOT scopes of that type, competitors' share keys for regions. */
function marketTags(market: unknown, dimension: AudienceDimension): string[] {
  const out: string[] = [];
  const m = market as { events?: Record<string, unknown>[]; swot?: { scope?: { type?: string; value?: string } }[]; competitors?: { share?: Record<string, number> }[] } | null;
  for (const e of m?.events ?? []) if (typeof e[dimension] === 'string') out.push(e[dimension] as string);
  for (const s of m?.swot ?? []) if (s.scope?.type === dimension && typeof s.scope.value === 'string') out.push(s.scope.value);
  if (dimension === 'region') for (const comp of m?.competitors ?? []) out.push(...Object.keys(comp.share ?? {}));
  return out;
}

/** Territory credit (rep_regions) with a region audience: a rep belongs to it through their territories, not their lines. */
function byTerritory(tables: Map<string, Column[]>, audience: Audience, unit: string): boolean {
  return audience.dimension === 'region' && unit === 'rep' && tables.has('rep_regions');
}

/**
 * The units of `unit` outside the audience, in the full workspace: with territories, reps with a territory
 * outside it; else units on a line outside it (or with no audience value), or placed outside it by `org`.
 */
function unitsOutsideSql(db: string, tables: Map<string, Column[]>, salesTable: string, audience: Audience, unit: string): string {
  const d = sqlIdent(audience.dimension);
  const values = inList(audience.values);
  const u = sqlIdent(unit);
  if (byTerritory(tables, audience, unit)) return `SELECT DISTINCT rep AS v FROM ${sqlIdent(db)}.rep_regions WHERE region NOT IN ${values}`;
  const parts = [`SELECT DISTINCT CAST(${u} AS VARCHAR) AS v FROM ${sqlIdent(db)}.${sqlIdent(salesTable)} WHERE ${u} IS NOT NULL AND (${d} IS NULL OR CAST(${d} AS VARCHAR) NOT IN ${values})`];
  const org = tables.get('org');
  if (org?.some((col) => col.name === unit) && org.some((col) => col.name === audience.dimension)) {
    parts.push(`SELECT DISTINCT CAST(${u} AS VARCHAR) FROM ${sqlIdent(db)}.org WHERE ${u} IS NOT NULL AND CAST(${d} AS VARCHAR) NOT IN ${values}`);
  }
  return parts.join(' UNION ');
}

/** The units of `unit` wholly inside the audience: those in it (by territory, lines or org) and not outside it. */
async function unitsInside(c: DuckDBConnection, db: string, tables: Map<string, Column[]>, salesTable: string, audience: Audience, unit: string): Promise<Set<string>> {
  const d = sqlIdent(audience.dimension);
  const values = inList(audience.values);
  const u = sqlIdent(unit);
  const candidates = byTerritory(tables, audience, unit)
    ? [`SELECT DISTINCT rep AS v FROM ${sqlIdent(db)}.rep_regions WHERE region IN ${values}`]
    : [`SELECT DISTINCT CAST(${u} AS VARCHAR) AS v FROM ${sqlIdent(db)}.${sqlIdent(salesTable)} WHERE CAST(${d} AS VARCHAR) IN ${values} AND ${u} IS NOT NULL`];
  const org = tables.get('org');
  if (!byTerritory(tables, audience, unit) && org?.some((col) => col.name === unit) && org.some((col) => col.name === audience.dimension)) {
    candidates.push(`SELECT DISTINCT CAST(${u} AS VARCHAR) FROM ${sqlIdent(db)}.org WHERE CAST(${d} AS VARCHAR) IN ${values} AND ${u} IS NOT NULL`);
  }
  const rows = await rowsOf<{ v: string }>(c, `(${candidates.join(' UNION ')}) EXCEPT (${unitsOutsideSql(db, tables, salesTable, audience, unit)})`);
  return new Set(rows.map((r) => r.v));
}

/** The SQL test that a text cell names one of `outside` (NULL-safe: true only when it does). */
function namesOutside(column: string, outside: Set<string>): string {
  return outside.size === 0 ? 'false' : `coalesce(${[...outside].map((v) => `contains(${column}, ${sqlString(v)})`).join(' OR ')}, false)`;
}

type CompanyShare = WorkspaceAudience['companyShares'][number];

export interface ScopeSummary {
  tables: Record<string, { before: number; after: number }>;
  shares: CompanyShare[];
  lines: number;
  revenue: number;
  /** Free-text cells and market items removed because they name a value outside the audience. */
  textRemoved: number;
}

/**
 * Writes to `outDir` the slice of the published workspace in `srcDir` for `audience`: a workspace.json with
 * the audience recorded, a workspace.duckdb of the kept rows, and the market file scrubbed.
 */
export async function scopeWorkspace(srcDir: string, outDir: string, audience: Audience, log: (s: string) => void = () => {}): Promise<ScopeSummary> {
  const manifest = parseManifest(JSON.parse(fs.readFileSync(path.join(srcDir, 'workspace.json'), 'utf8')));
  const raw = JSON.parse(fs.readFileSync(path.join(srcDir, 'workspace.json'), 'utf8')) as Record<string, unknown>;
  const market = manifest.market && fs.existsSync(path.join(srcDir, manifest.market)) ? JSON.parse(fs.readFileSync(path.join(srcDir, manifest.market), 'utf8')) : null;
  if (path.resolve(srcDir) === path.resolve(outDir)) throw new AudienceError('--out must be another folder than the workspace it scopes');
  fs.mkdirSync(outDir, { recursive: true });
  const target = path.join(outDir, manifest.database);
  const building = `${target}.building`;
  fs.rmSync(building, { force: true });
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  try {
    await c.run('SET autoload_known_extensions = false');
    await c.run(`ATTACH ${sqlString(path.join(srcDir, manifest.database))} AS src (READ_ONLY)`);
    await c.run(`ATTACH ${sqlString(building)} AS out`);
    const tables = await tablesOf(c, 'src');
    const salesTable = manifest.tables.sales;
    const salesColumns = tables.get(salesTable);
    if (!salesColumns?.some((col) => col.name === audience.dimension)) {
      throw new AudienceError(`this workspace's sales have no ${audience.dimension} column: it cannot be scoped by ${audience.dimension}`);
    }
    const known = new Set(
      (await rowsOf<{ v: string }>(c, `SELECT DISTINCT CAST(${sqlIdent(audience.dimension)} AS VARCHAR) AS v FROM src.${sqlIdent(salesTable)} WHERE ${sqlIdent(audience.dimension)} IS NOT NULL ORDER BY 1`)).map((r) => r.v),
    );
    const unknown = audience.values.filter((v) => !known.has(v));
    if (unknown.length) throw new AudienceError(`${unknown.join(', ')}: not a ${audience.dimension} of these sales (they have ${[...known].slice(0, 20).join(', ')})`);
    const outside = new Set([...(await dimensionValues(c, 'src', tables, audience.dimension, market))].filter((v) => !audience.values.includes(v)));
    const related = RELATED_UNITS[audience.dimension];
    const inside = new Map<string, Set<string>>();
    for (const unit of related) if (salesColumns.some((col) => col.name === unit)) inside.set(unit, await unitsInside(c, 'src', tables, salesTable, audience, unit));
    for (const [unit, set] of inside) log(`  ${unit}s wholly inside: ${set.size}`);

    const d = sqlIdent(audience.dimension);
    const values = inList(audience.values);
    const summary: ScopeSummary = { tables: {}, shares: [], lines: 0, revenue: 0, textRemoved: 0 };
    const fyStart = manifest.fiscalYearStartMonth ?? 1;
    const fyOf = (col: string) => fiscalYearSql(col, fyStart);
    const sales = `src.${sqlIdent(salesTable)}`;
    // The company's rows of a plan or budget become the audience's: × its share of the fiscal year before.
    const shareRows = await rowsOf<{ fy: number; share: number | null }>(
      c,
      `WITH y AS (SELECT ${fyOf('date')} AS fy, sum(amount) FILTER (WHERE CAST(${d} AS VARCHAR) IN ${values}) AS part, sum(amount) AS whole FROM ${sales} GROUP BY 1)
SELECT fy, part / nullif(whole, 0) AS share FROM y ORDER BY fy`,
    );
    const shareOf = new Map(shareRows.map((r) => [Number(r.fy), r.share === null ? 0 : Number(r.share)]));
    const companyShare = (fy: number): CompanyShare | null =>
      shareOf.has(fy - 1) ? { fiscalYear: fy, share: shareOf.get(fy - 1)!, basedOn: fy - 1 } : shareOf.has(fy) ? { fiscalYear: fy, share: shareOf.get(fy)!, basedOn: fy } : null;
    const sharesUsed = new Map<number, CompanyShare>();

    for (const [table, columns] of tables) {
      if (DERIVED_TABLES.has(table)) continue;
      const from = `src.${sqlIdent(table)}`;
      const names = new Set(columns.map((col) => col.name));
      const where: string[] = [];
      if (names.has(audience.dimension)) where.push(`CAST(${d} AS VARCHAR) IN ${values}`);
      else {
        for (const [unit, set] of inside) if (names.has(unit)) where.push(`(${sqlIdent(unit)} IS NULL OR CAST(${sqlIdent(unit)} AS VARCHAR) IN ${inList(set)})`);
      }
      let select = columns.map((col) => {
        if (KEY_COLUMNS.has(col.name) || col.type !== 'VARCHAR') return sqlIdent(col.name);
        return `CASE WHEN ${namesOutside(sqlIdent(col.name), outside)} THEN NULL ELSE ${sqlIdent(col.name)} END AS ${sqlIdent(col.name)}`;
      });
      if (names.has('unit_type') && names.has('unit')) {
        const kept = [`(unit_type = ${sqlString(audience.dimension)} AND unit IN ${values})`];
        for (const [unit, set] of inside) kept.push(`(unit_type = ${sqlString(unit)} AND unit IN ${inList(set)})`);
        if (names.has('period') && names.has('amount')) {
          const years = await rowsOf<{ fy: number }>(c, `SELECT DISTINCT ${fyOf('period')} AS fy FROM ${from} WHERE unit_type = 'company' ORDER BY 1`);
          const cases: string[] = [];
          for (const { fy } of years) {
            const share = companyShare(Number(fy));
            if (!share) continue;
            sharesUsed.set(share.fiscalYear, share);
            cases.push(`WHEN ${fyOf('period')} = ${share.fiscalYear} THEN ${share.share}`);
          }
          if (cases.length) {
            kept.push(`(unit_type = 'company' AND ${fyOf('period')} IN (${[...sharesUsed.keys()].join(', ')}))`);
            select = select.map((s, i) =>
              columns[i].name === 'amount' ? `CASE WHEN unit_type = 'company' THEN round(amount * CASE ${cases.join(' ')} END, 2) ELSE amount END AS amount` : s,
            );
          }
        }
        where.push(`(${kept.join(' OR ')})`);
      }
      const order = table === salesTable ? '' : ' ORDER BY ALL';
      if (table === salesTable && ORDER_FLAGS.every((f) => names.has(f))) {
        // An order's first line may have been another region's: the flags are set again over the kept lines.
        const plain = select.filter((_, i) => !(ORDER_FLAGS as readonly string[]).includes(columns[i].name));
        await c.run(`CREATE TABLE out.${sqlIdent(table)} AS
WITH kept AS (SELECT ${plain.join(', ')}, rowid AS _at FROM ${from} WHERE ${where.join(' AND ')})
SELECT ${columns.filter((col) => !(ORDER_FLAGS as readonly string[]).includes(col.name)).map((col) => sqlIdent(col.name)).join(', ')},
  order_id IS NOT NULL AND _at = min(_at) OVER (PARTITION BY order_id) AS _order_first,
  order_id IS NOT NULL AND amount > 0 AND _at = min(_at) FILTER (WHERE amount > 0) OVER (PARTITION BY order_id) AS _sale_first
FROM kept ORDER BY _at`);
      } else {
        await c.run(`CREATE TABLE out.${sqlIdent(table)} AS SELECT ${select.join(', ')} FROM ${from}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}${order}`);
      }
      const [before] = await rowsOf<{ n: bigint }>(c, `SELECT count(*) AS n FROM ${from}`);
      const [after] = await rowsOf<{ n: bigint }>(c, `SELECT count(*) AS n FROM out.${sqlIdent(table)}`);
      summary.tables[table] = { before: Number(before.n), after: Number(after.n) };
      for (const col of columns) {
        if (KEY_COLUMNS.has(col.name) || col.type !== 'VARCHAR' || outside.size === 0) continue;
        const [r] = await rowsOf<{ n: bigint }>(c, `SELECT count(*) AS n FROM ${from} WHERE ${where.length ? where.join(' AND ') : 'true'} AND ${namesOutside(sqlIdent(col.name), outside)}`);
        summary.textRemoved += Number(r.n);
      }
      log(`  ${table}: ${summary.tables[table].before.toLocaleString('en')} → ${summary.tables[table].after.toLocaleString('en')} rows`);
    }
    const flagged = ORDER_FLAGS.every((f) => salesColumns.some((col) => col.name === f));
    for (const table of DERIVED_TABLES) {
      if (!tables.has(table)) continue;
      const lines = `out.${sqlIdent(salesTable)}`;
      await c.run(`CREATE TABLE out.${sqlIdent(table)} AS ${table === 'sales_rollup' ? rollupSql(lines) : customerDaysSql(lines, flagged)}`);
      const [after] = await rowsOf<{ n: bigint }>(c, `SELECT count(*) AS n FROM out.${sqlIdent(table)}`);
      summary.tables[table] = { before: Number((await rowsOf<{ n: bigint }>(c, `SELECT count(*) AS n FROM src.${sqlIdent(table)}`))[0].n), after: Number(after.n) };
      log(`  ${table}: made again from the kept lines, ${Number(after.n).toLocaleString('en')} rows`);
    }
    const [totals] = await rowsOf<{ n: bigint; revenue: number | null }>(c, `SELECT count(*) AS n, sum(amount) AS revenue FROM out.${sqlIdent(salesTable)}`);
    summary.lines = Number(totals.n);
    summary.revenue = Number(totals.revenue ?? 0);
    summary.shares = [...sharesUsed.values()].sort((a, b) => a.fiscalYear - b.fiscalYear);
    const [summaryRow] = manifest.summary ? await rowsOf<Record<string, unknown>>(c, salesSummarySql(`out.${sqlIdent(salesTable)}`)) : [];
    await c.run('DETACH out');
    c.closeSync();
    instance.closeSync();
    fs.renameSync(building, target);

    const record: WorkspaceAudience = { ...audience, companyShares: summary.shares };
    const scoped: Record<string, unknown> = {
      ...raw,
      name: `${manifest.name} · ${audience.values.join(', ')}`,
      audience: record,
      ...(summaryRow ? { summary: salesSummaryFromRow(summaryRow, new Date().toISOString().slice(0, 10)) } : {}),
      readOnDemand: manifest.readOnDemand === true,
    };
    // The full workspace's row counts per source file say how big the other audiences are.
    delete scoped.sources;
    if (market && manifest.market) {
      const { value, removed } = scrubMarket(market, audience, outside);
      summary.textRemoved += removed;
      fs.writeFileSync(path.join(outDir, manifest.market), JSON.stringify(value, null, 1) + '\n');
    }
    fs.writeFileSync(path.join(outDir, 'workspace.json'), JSON.stringify(scoped, null, 2) + '\n');
    return summary;
  } finally {
    try {
      c.closeSync();
      instance.closeSync();
    } catch {
      // already closed
    }
    fs.rmSync(building, { force: true });
  }
}

/**
 * The market file for the audience: events and SWOT items tagged outside it dropped (untagged kept),
 * competitors' shares of other regions dropped, and any text naming a value outside it removed.
 */
export function scrubMarket(market: unknown, audience: Audience, outside: Set<string>): { value: unknown; removed: number } {
  let removed = 0;
  const names = (s: string) => [...outside].some((v) => s.includes(v));
  const taggedOutside = (item: unknown): boolean => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) return false;
    const o = item as Record<string, unknown>;
    const tag = o[audience.dimension];
    if (typeof tag === 'string' && !audience.values.includes(tag)) return true;
    const scope = o.scope as { type?: string; value?: string } | undefined;
    return scope?.type === audience.dimension && typeof scope.value === 'string' && !audience.values.includes(scope.value);
  };
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') {
      if (!names(value)) return value;
      removed++;
      return '';
    }
    if (Array.isArray(value)) {
      const kept = value.filter((v) => {
        const drop = taggedOutside(v) || (typeof v === 'string' && names(v));
        if (drop) removed++;
        return !drop;
      });
      return kept.map(walk);
    }
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        if (outside.has(k) || names(k)) {
          removed++;
          continue;
        }
        out[k] = walk(v);
      }
      return out;
    }
    return value;
  };
  return { value: walk(market), removed };
}

export interface AudienceProblem {
  where: string;
  what: string;
}

/**
 * Checks a slice against the full workspace it came from: no value of the audience's dimension outside it
 * in any table — in a column of that dimension (or a plan row of that unit type), or named inside free
 * text — nor in any text file; in tables without that dimension, no row keyed to a unit that sells outside
 * the audience (the pro-rated company rows are the audience's own).
 */
export async function verifyAudience(dir: string, fullDir: string): Promise<AudienceProblem[]> {
  const raw = JSON.parse(fs.readFileSync(path.join(dir, 'workspace.json'), 'utf8')) as { audience?: Audience };
  const audience = raw.audience;
  if (!audience || !(AUDIENCE_DIMENSIONS as readonly string[]).includes(audience.dimension) || !Array.isArray(audience.values)) {
    return [{ where: 'workspace.json', what: 'records no audience' }];
  }
  const manifest = parseManifest(raw);
  const full = parseManifest(JSON.parse(fs.readFileSync(path.join(fullDir, 'workspace.json'), 'utf8')));
  const fullMarket = full.market && fs.existsSync(path.join(fullDir, full.market)) ? JSON.parse(fs.readFileSync(path.join(fullDir, full.market), 'utf8')) : null;
  const problems: AudienceProblem[] = [];
  let outside = new Set<string>();
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  try {
    await c.run(`ATTACH ${sqlString(path.join(fullDir, full.database))} AS full_ws (READ_ONLY)`);
    await c.run(`ATTACH ${sqlString(path.join(dir, manifest.database))} AS slice (READ_ONLY)`);
    const fullTables = await tablesOf(c, 'full_ws');
    outside = new Set([...(await dimensionValues(c, 'full_ws', fullTables, audience.dimension, fullMarket))].filter((v) => !audience.values.includes(v)));
    const outsideUnits = new Map<string, Set<string>>();
    for (const unit of RELATED_UNITS[audience.dimension]) {
      if (!fullTables.get(full.tables.sales)?.some((col) => col.name === unit)) continue;
      const rows = await rowsOf<{ v: string }>(c, unitsOutsideSql('full_ws', fullTables, full.tables.sales, audience, unit));
      outsideUnits.set(unit, new Set(rows.map((r) => r.v)));
    }
    for (const [table, columns] of await tablesOf(c, 'slice')) {
      const from = `slice.${sqlIdent(table)}`;
      const names = new Set(columns.map((col) => col.name));
      for (const col of columns) {
        if (col.type !== 'VARCHAR' || outside.size === 0) continue;
        // Key columns of other entities are compared whole only where they hold this dimension: a customer
        // who shares a rep's name is not that rep. Free text is searched for the names inside it.
        const test = !KEY_COLUMNS.has(col.name)
          ? namesOutside(sqlIdent(col.name), outside)
          : col.name === audience.dimension || (audience.dimension === 'rep' && col.name === 'manager')
            ? `${sqlIdent(col.name)} IN ${inList(outside)}`
            : col.name === 'unit' && names.has('unit_type')
              ? `unit_type = ${sqlString(audience.dimension)} AND unit IN ${inList(outside)}`
              : null;
        if (!test) continue;
        const bad = await rowsOf<{ v: string }>(c, `SELECT DISTINCT ${sqlIdent(col.name)} AS v FROM ${from} WHERE ${test} LIMIT 3`);
        for (const b of bad) problems.push({ where: `${table}.${col.name}`, what: `names ${audience.dimension} outside the audience: ${b.v}` });
      }
      if (names.has(audience.dimension)) continue;
      for (const [unit, set] of outsideUnits) {
        if (set.size === 0) continue;
        if (names.has(unit)) {
          const bad = await rowsOf<{ v: string }>(c, `SELECT DISTINCT CAST(${sqlIdent(unit)} AS VARCHAR) AS v FROM ${from} WHERE CAST(${sqlIdent(unit)} AS VARCHAR) IN ${inList(set)} LIMIT 3`);
          for (const b of bad) problems.push({ where: `${table}.${unit}`, what: `a row of ${b.v}, who also sells outside the audience` });
        }
        if (names.has('unit_type') && names.has('unit')) {
          const bad = await rowsOf<{ v: string }>(c, `SELECT DISTINCT unit AS v FROM ${from} WHERE unit_type = ${sqlString(unit)} AND unit IN ${inList(set)} LIMIT 3`);
          for (const b of bad) problems.push({ where: `${table}.unit`, what: `a ${unit} row of ${b.v}, who also sells outside the audience` });
        }
      }
    }
  } finally {
    c.closeSync();
    instance.closeSync();
  }
  for (const file of fs.readdirSync(dir)) {
    if (file.endsWith('.duckdb') || !fs.statSync(path.join(dir, file)).isFile()) continue;
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    for (const v of outside) if (text.includes(v)) problems.push({ where: file, what: `names ${audience.dimension} outside the audience: ${v}` });
  }
  return problems;
}
