/**
 * Plans built or revised in the app, kept in in-memory DuckDB tables
 * (`plan_targets`, `plan_versions`; the store keeps them in the browser via
 * exportPlanTables / restorePlanTables). The first save copies the workspace's plan (all versions)
 * into them, then the contract views read from them:
 * `targets` = each fiscal year's highest version, `targets_all`, `target_versions`.
 */
import { sumsSource } from '../warehouse/sources';
import type { SqlRunner } from '../engine/types';
import { addDays, addMonths, fiscalYearOf } from '../model/period';
import { fiscalYearSql, sqlDate, sqlNumber, sqlString, isoDate, SALES_MONTH } from '../model/sql';
import type { Basis } from '../model/view-state';
import type { PlanHistory, TargetRow } from '../targets/plan';
import { repTeamSql } from './target-status';

export interface PlanTables {
  unitTypes: string[];
  companyUnit: string | null;
  hasTargetsAll: boolean;
  hasVersions: boolean;
  /** The contract views already read from the app's plan tables. */
  appPlan: boolean;
}

async function views(db: SqlRunner, signal?: AbortSignal): Promise<Map<string, string>> {
  const rows = await db.query<{ name: string; sql: string }>(
    "SELECT view_name AS name, sql FROM duckdb_views() WHERE NOT internal AND database_name = 'memory' AND view_name IN ('targets', 'targets_all', 'target_versions')",
    { signal },
  );
  return new Map(rows.map((r) => [r.name, r.sql]));
}

/**
 * What the plan in force looks like. `appPlanKnown`: the caller saw the contract views read the app's plan
 * tables (which always come with targets_all and target_versions) and nothing has replaced them since, so the
 * catalog — the slow part — is not read again.
 */
export async function queryPlanTables(db: SqlRunner, signal?: AbortSignal, appPlanKnown = false): Promise<PlanTables> {
  // One query (views, unit types, company unit): #/targets runs it after every plan change.
  const catalog = appPlanKnown
    ? "['targets_all', 'target_versions'] AS views, 'plan_targets' AS targets_sql"
    : `(SELECT list(view_name) FROM duckdb_views() WHERE NOT internal AND database_name = 'memory' AND view_name IN ('targets_all', 'target_versions')) AS views,
  (SELECT any_value(sql) FROM duckdb_views() WHERE NOT internal AND database_name = 'memory' AND view_name = 'targets') AS targets_sql`;
  const [row] = await db.query<{ views: string[] | null; targets_sql: string | null; unit_types: string[] | null; company: string | null }>(
    `SELECT ${catalog},
  (SELECT list(DISTINCT unit_type) FROM targets) AS unit_types,
  (${COMPANY_UNIT_SQL}) AS company`,
    { signal },
  );
  const views = new Set(listOf(row?.views));
  return {
    unitTypes: listOf(row?.unit_types),
    companyUnit: row?.company ?? null,
    hasTargetsAll: views.has('targets_all'),
    hasVersions: views.has('target_versions'),
    appPlan: (row?.targets_sql ?? '').includes('plan_targets'),
  };
}

/** A DuckDB LIST as JS strings (the engine returns arrays, or Arrow vectors in Node tests). */
function listOf(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  return Array.from(value as Iterable<unknown>, (v) => String(v));
}

const COMPANY_UNIT_SQL = "SELECT unit FROM targets WHERE unit_type = 'company' GROUP BY unit ORDER BY count(*) DESC, unit LIMIT 1";

/** The company unit's name in the plan (e.g. 公司), or null when the plan has no company level. */
export async function queryCompanyUnit(db: SqlRunner, signal?: AbortSignal): Promise<string | null> {
  const [row] = await db.query<{ unit: string }>(COMPANY_UNIT_SQL, { signal });
  return row?.unit ?? null;
}

/**
 * What a new plan is based on: company monthly sales of the `years` fiscal
 * years before the planned one, and the last of them per team and per rep
 * (own-rep credit; the rep's team from `org` when present).
 */
export function planHistorySql(fiscalYearStart: string, years: number, basis: Basis): string {
  const from = addMonths(fiscalYearStart, -12 * years);
  const gross = basis === 'gross' ? ' AND amount > 0' : '';
  return `SELECT ${isoDate(SALES_MONTH)} AS month, sum(amount) AS amount
FROM ${sumsSource({})} WHERE date BETWEEN ${sqlDate(from)} AND ${sqlDate(addDays(fiscalYearStart, -1))}${gross}
GROUP BY ${SALES_MONTH} ORDER BY 1`;
}

/**
 * Teams and reps to cascade to: every one with sales since the base year
 * began, weighted by their base-year sales (0 for newcomers; when all are 0
 * the split is even).
 */
export function baseYearUnitsSql(fiscalYearStart: string, basis: Basis, hasOrg: boolean, hasTeam: boolean, hasRep: boolean): string {
  const from = sqlDate(addMonths(fiscalYearStart, -12));
  const inBase = (p: string) => `${p}date BETWEEN ${from} AND ${sqlDate(addDays(fiscalYearStart, -1))}${basis === 'gross' ? ` AND ${p}amount > 0` : ''}`;
  const parts: string[] = [];
  if (hasTeam) {
    parts.push(`SELECT 'team' AS level, team AS unit, NULL AS team, coalesce(sum(amount) FILTER (WHERE ${inBase('')}), 0) AS amount
FROM ${sumsSource({})} WHERE team IS NOT NULL AND date >= ${from} GROUP BY team`);
  }
  if (hasRep && hasTeam) {
    const teamOf = `(SELECT child AS rep, parent AS team FROM (${repTeamSql(hasOrg)}))`;
    parts.push(`SELECT 'rep' AS level, s.rep AS unit, any_value(o.team) AS team, coalesce(sum(s.amount) FILTER (WHERE ${inBase('s.')}), 0) AS amount
FROM ${sumsSource({})} s JOIN ${teamOf} o ON o.rep = s.rep WHERE s.rep IS NOT NULL AND s.date >= ${from} GROUP BY s.rep`);
  }
  return parts.length ? parts.join('\nUNION ALL\n') + '\nORDER BY level, unit' : 'SELECT NULL AS level, NULL AS unit, NULL AS team, 0 AS amount WHERE false';
}

export async function queryPlanHistory(
  db: SqlRunner,
  fiscalYearStart: string,
  opts: { years: number; basis: Basis; hasOrg: boolean; hasTeam: boolean; hasRep: boolean },
  signal?: AbortSignal,
): Promise<PlanHistory> {
  const [months, units] = await Promise.all([
    db.query<{ month: string; amount: number }>(planHistorySql(fiscalYearStart, opts.years, opts.basis), { signal }),
    db.query<{ level: string; unit: string; team: string | null; amount: number }>(baseYearUnitsSql(fiscalYearStart, opts.basis, opts.hasOrg, opts.hasTeam, opts.hasRep), { signal }),
  ]);
  const byMonth = new Map(months.map((m) => [m.month, Number(m.amount)]));
  const years: number[][] = [];
  for (let y = opts.years; y >= 1; y--) {
    const start = addMonths(fiscalYearStart, -12 * y);
    const values = Array.from({ length: 12 }, (_, i) => byMonth.get(addMonths(start, i)) ?? 0);
    if (values.some((v) => v !== 0)) years.push(values);
  }
  return {
    years,
    teams: units.filter((u) => u.level === 'team').map((u) => ({ unit: u.unit, weight: Number(u.amount) })),
    reps: units.filter((u) => u.level === 'rep' && u.team).map((u) => ({ unit: u.unit, team: u.team as string, weight: Number(u.amount) })),
  };
}

/** The contract views over the app's plan tables. */
const PLAN_VIEWS = [
  'CREATE OR REPLACE VIEW targets_all AS SELECT period, unit_type, unit, amount, version FROM plan_targets',
  'CREATE OR REPLACE VIEW target_versions AS SELECT * FROM plan_versions',
  `CREATE OR REPLACE VIEW targets AS SELECT period, unit_type, unit, amount FROM plan_targets t
    WHERE version = (SELECT max(version) FROM plan_targets v WHERE v.fiscal_year = t.fiscal_year)`,
];

async function pointViewsAtPlanTables(db: SqlRunner): Promise<void> {
  for (const sql of PLAN_VIEWS) await db.query(sql);
}

/** The app's plan as plain rows (to keep in the browser), or null when no plan was built or revised here. */
export interface SavedPlan {
  targets: { period: string; unit_type: string; unit: string; amount: number; version: number; fiscal_year: number }[];
  versions: { fiscal_year: number; version: number; created: string | null; effective_from: string | null; reason: string | null; scope: string | null }[];
}

export async function exportPlanTables(db: SqlRunner): Promise<SavedPlan | null> {
  if (!(await queryPlanTables(db)).appPlan) return null;
  const targets = await db.query<SavedPlan['targets'][number]>(
    "SELECT strftime(period, '%Y-%m-%d') AS period, unit_type, unit, amount, version, fiscal_year FROM plan_targets ORDER BY fiscal_year, version, period, unit_type, unit",
  );
  const versions = await db.query<SavedPlan['versions'][number]>(
    "SELECT fiscal_year, version, strftime(created, '%Y-%m-%d') AS created, strftime(effective_from, '%Y-%m-%d') AS effective_from, reason, scope FROM plan_versions ORDER BY fiscal_year, version",
  );
  return { targets, versions };
}

/** Recreates a kept plan and makes it the plan in force. */
export async function restorePlanTables(db: SqlRunner, plan: SavedPlan): Promise<void> {
  await db.query('CREATE OR REPLACE TABLE plan_targets (period DATE, unit_type VARCHAR, unit VARCHAR, amount DOUBLE, version INTEGER, fiscal_year INTEGER)');
  await db.query('CREATE OR REPLACE TABLE plan_versions (fiscal_year INTEGER, version INTEGER, created DATE, effective_from DATE, reason VARCHAR, scope VARCHAR)');
  const orNull = (v: string | null, f: (x: string) => string) => (v === null ? 'NULL' : f(v));
  for (let i = 0; i < plan.targets.length; i += 2000) {
    const values = plan.targets
      .slice(i, i + 2000)
      .map((r) => `(${sqlDate(r.period)}, ${sqlString(r.unit_type)}, ${sqlString(r.unit)}, ${sqlNumber(Number(r.amount))}, ${sqlNumber(Number(r.version))}, ${sqlNumber(Number(r.fiscal_year))})`);
    if (values.length) await db.query(`INSERT INTO plan_targets VALUES ${values.join(', ')}`);
  }
  const versions = plan.versions.map(
    (v) =>
      `(${sqlNumber(Number(v.fiscal_year))}, ${sqlNumber(Number(v.version))}, ${orNull(v.created, sqlDate)}, ${orNull(v.effective_from, sqlDate)}, ${orNull(v.reason, sqlString)}, ${orNull(v.scope, sqlString)})`,
  );
  if (versions.length) await db.query(`INSERT INTO plan_versions VALUES ${versions.join(', ')}`);
  await pointViewsAtPlanTables(db);
}

/** Copies the workspace's plan into the app's tables (once) and points the contract views at them. */
async function ensurePlanTables(db: SqlRunner, fyStartMonth: number): Promise<void> {
  const v = await views(db);
  if ((v.get('targets') ?? '').includes('plan_targets')) return;
  // Each row keyed by its fiscal year, as savePlanVersion keys a new version: a calendar year here would put
  // July–December of a July-start plan in the year before, in force beside the revision that replaces them.
  const fiscalYear = `CAST(${fiscalYearSql('CAST(period AS DATE)', fyStartMonth)} AS INTEGER) AS fiscal_year`;
  const source = v.has('targets_all')
    ? `SELECT CAST(period AS DATE) AS period, CAST(unit_type AS VARCHAR) AS unit_type, CAST(unit AS VARCHAR) AS unit, CAST(amount AS DOUBLE) AS amount, CAST(version AS INTEGER) AS version, ${fiscalYear} FROM targets_all`
    : `SELECT CAST(period AS DATE) AS period, CAST(unit_type AS VARCHAR) AS unit_type, CAST(unit AS VARCHAR) AS unit, CAST(amount AS DOUBLE) AS amount, 1 AS version, ${fiscalYear} FROM targets`;
  const versions = v.has('target_versions')
    ? `CREATE OR REPLACE TABLE plan_versions AS SELECT CAST(fiscal_year AS INTEGER) AS fiscal_year, CAST(version AS INTEGER) AS version, CAST(created AS DATE) AS created,
          CAST(effective_from AS DATE) AS effective_from, CAST(reason AS VARCHAR) AS reason, CAST(scope AS VARCHAR) AS scope FROM target_versions`
    : 'CREATE OR REPLACE TABLE plan_versions (fiscal_year INTEGER, version INTEGER, created DATE, effective_from DATE, reason VARCHAR, scope VARCHAR)';
  // One round trip (the first plan saved waits for it). A workspace plan without a version table still gets
  // one row per fiscal year, so the history is complete.
  await db.query(
    [
      `CREATE OR REPLACE TABLE plan_targets AS ${source}`,
      versions,
      `INSERT INTO plan_versions SELECT DISTINCT fiscal_year, version, NULL, NULL, NULL, NULL FROM plan_targets t
    WHERE NOT EXISTS (SELECT 1 FROM plan_versions v WHERE v.fiscal_year = t.fiscal_year AND v.version = t.version)`,
      ...PLAN_VIEWS,
    ].join(';\n'),
  );
}

export interface VersionMeta {
  fiscalYearStart: string;
  fyStartMonth: number;
  created: string;
  effectiveFrom: string;
  reason: string;
  scope: string;
}

/**
 * Saves a full fiscal year's rows as the next version of that year's plan; returns the version number.
 * `planTablesReady`: the caller saw the contract views read the app's plan tables already (PlanTables.appPlan),
 * so the catalog need not be checked again.
 */
export async function savePlanVersion(db: SqlRunner, rows: TargetRow[], meta: VersionMeta, options: { planTablesReady?: boolean } = {}): Promise<number> {
  if (!options.planTablesReady) await ensurePlanTables(db, meta.fyStartMonth);
  // Labelled by the calendar year the fiscal year ends in (FY2019 = Jul 2018–Jun 2019), like the workspace's plans.
  const fy = fiscalYearOf(meta.fiscalYearStart, meta.fyStartMonth);
  // One round trip: the next version number is computed in SQL by both inserts (plan_versions changes only
  // in the last one), and read back at the end. Rows go in as lists (DuckDB parses them faster than VALUES).
  const next = `(SELECT coalesce(max(version), 0) + 1 FROM plan_versions WHERE fiscal_year = ${sqlNumber(fy)})`;
  const list = (values: string[], type: string) => `unnest([${values.join(', ')}]::${type}[])`;
  const insertRows =
    rows.length > 0
      ? `INSERT INTO plan_targets SELECT ${list(rows.map((r) => sqlDate(r.period)), 'DATE')}, ${list(rows.map((r) => sqlString(r.unit_type)), 'VARCHAR')},
  ${list(rows.map((r) => sqlString(r.unit)), 'VARCHAR')}, ${list(rows.map((r) => sqlNumber(r.amount)), 'DOUBLE')}, ${next}, ${sqlNumber(fy)};\n`
      : '';
  const [row] = await db.query<{ v: number }>(
    insertRows +
      `INSERT INTO plan_versions SELECT ${sqlNumber(fy)}, ${next}, ${sqlDate(meta.created)}, ${sqlDate(meta.effectiveFrom)}, ${sqlString(meta.reason)}, ${sqlString(meta.scope)};
SELECT max(version) AS v FROM plan_versions WHERE fiscal_year = ${sqlNumber(fy)}`,
  );
  const version = Number(row.v);
  return version;
}

/** The plan in force for a fiscal year's months, long form (for a revision's base and the export). */
export async function queryPlanRows(db: SqlRunner, fiscalYearStart: string, signal?: AbortSignal): Promise<TargetRow[]> {
  const rows = await db.query<TargetRow>(
    `SELECT strftime(period, '%Y-%m-%d') AS period, unit_type, unit, amount FROM targets
WHERE period BETWEEN ${sqlDate(fiscalYearStart)} AND ${sqlDate(addDays(addMonths(fiscalYearStart, 12), -1))}
ORDER BY period, unit_type, unit`,
    { signal },
  );
  return rows.map((r) => ({ ...r, amount: Number(r.amount) }));
}
