/**
 * The SQL of the target status (#/targets): the plan to measure against,
 * each level's credited sales, the status's monthly sales and targets, who
 * reports to whom, and the plan's version history.
 *
 * Sales credit: 'own' = the order's own rep/team/region; 'territory' = every
 * rep assigned to a region in `rep_regions` gets all that region's sales
 * (many-to-many), and a team gets the sales of the regions its reps cover,
 * each sale once: roll-ups never add up overlapping members.
 */
import { sumsSource } from '../warehouse/sources';
import { fiscalYearSql, sqlDate, sqlIdent, sqlString, isoDate, SALES_MONTH } from '../model/sql';
import type { Basis } from '../model/view-state';
import { PERIOD_KINDS, lastYearToDateRange, periodWindow } from '../targets/pacing';

export const CREDIT_RULES = ['own', 'territory'] as const;
export type CreditRule = (typeof CREDIT_RULES)[number];
export const PLAN_VERSIONS = ['current', 'original'] as const;
export type PlanVersion = (typeof PLAN_VERSIONS)[number];

/** Unit types whose units are values of a sales column (besides company = everything). */
const COLUMN_OF_LEVEL: Record<string, string> = { team: 'team', rep: 'rep', region: 'region', category: 'category', product: 'product', channel: 'channel' };
/** The level whose targets a unit's own target is allocated to. */
export const CHILD_LEVEL: Record<string, string> = { company: 'team', team: 'rep' };

export function isSupportedLevel(level: string): boolean {
  return level === 'company' || level in COLUMN_OF_LEVEL;
}

export interface StatusParams {
  levels: string[];
  credit: CreditRule;
  basis: Basis;
  asOf: string;
  fyStartMonth: number;
  version: PlanVersion;
  /** The company unit's name (from the plan), credited with every sale. */
  companyUnit: string;
  /** `targets_all` (all versions) exists: the original plan can be shown. */
  hasTargetsAll: boolean;
  /** `org(rep, team, …)` exists: a rep's team comes from it, else from sales. */
  hasOrg: boolean;
  /** `rep_regions(rep, region)` and `rep_titles(rep, title)` exist: the managers among the reps are known (repManagerSql). */
  hasManagers?: boolean;
  /** Forecast every unit's series for the projections (default true; the credit-rule check reads attainments only). */
  forecast?: boolean;
}

/**
 * The plan to measure against: the one in force, or each fiscal year's first
 * version (the original plan) from `targets_all`.
 */
export function targetsRelation(version: PlanVersion, hasTargetsAll: boolean, fyStartMonth: number): string {
  if (version === 'current' || !hasTargetsAll) return 'targets';
  return `(SELECT period, unit_type, unit, amount FROM targets_all t
  WHERE version = (SELECT min(version) FROM targets_all v WHERE ${fiscalYearSql('v.period', fyStartMonth)} = ${fiscalYearSql('t.period', fyStartMonth)}))`;
}

/**
 * Credited sales for one level as (unit, date, amount), read from `source`
 * (the sales view, or its daily pre-aggregate with the same columns).
 */
export function creditedSalesSql(level: string, credit: CreditRule, companyUnit: string, hasOrg = true, source = 'sales'): string {
  if (level === 'company') return `SELECT ${sqlString(companyUnit)} AS unit, s.date, s.amount FROM ${source} s`;
  if (credit === 'territory' && level === 'rep') {
    return `SELECT rr.rep AS unit, s.date, s.amount FROM ${source} s JOIN rep_regions rr ON s.region = rr.region`;
  }
  if (credit === 'territory' && level === 'team') {
    // Distinct (team, region) pairs: a region covered by two reps of a team counts once for it.
    return `SELECT tr.team AS unit, s.date, s.amount FROM ${source} s
  JOIN (SELECT DISTINCT o.parent AS team, rr.region FROM rep_regions rr JOIN (${repTeamSql(hasOrg)}) o ON o.child = rr.rep) tr ON s.region = tr.region`;
  }
  const col = COLUMN_OF_LEVEL[level];
  if (!col) throw new Error(`no sales column for unit type ${level}`);
  return `SELECT CAST(s.${sqlIdent(col)} AS VARCHAR) AS unit, s.date, s.amount FROM ${source} s WHERE s.${sqlIdent(col)} IS NOT NULL`;
}

/**
 * Per level, unit and month, over the whole history to as-of (the forecast
 * needs it): credited sales, and last year's sales over the elapsed part of
 * each period (summed over months in TS, for growth). Sales are scanned once
 * into a daily aggregate of just the columns the levels need.
 */
export function statusSalesSql(p: StatusParams): string {
  const columns = new Set<string>();
  for (const l of p.levels) if (COLUMN_OF_LEVEL[l]) columns.add(COLUMN_OF_LEVEL[l]);
  if (p.credit === 'territory') columns.add('region');
  const dims = [...columns].map((c) => `${sqlIdent(c)}, `).join('');
  const gross = p.basis === 'gross' ? ' AND amount > 0' : '';
  const cols: string[] = [];
  for (const kind of PERIOD_KINDS) {
    const w = periodWindow(kind, p.asOf, p.fyStartMonth);
    const ytd = lastYearToDateRange(w, p.asOf);
    cols.push(`coalesce(sum(amount) FILTER (WHERE date BETWEEN ${sqlDate(ytd.start)} AND ${sqlDate(ytd.end)}), 0) AS ${kind}_to_date`);
  }
  const credited = p.levels
    .map((l) => `SELECT ${sqlString(l)} AS level, c.* FROM (${creditedSalesSql(l, p.credit, p.companyUnit, p.hasOrg, 'daily')}) c`)
    .join('\nUNION ALL\n');
  return `WITH daily AS MATERIALIZED (
  SELECT ${dims}date, sum(amount) AS amount FROM ${sumsSource({}, [...columns])}
  WHERE date <= ${sqlDate(p.asOf)}${gross} GROUP BY ALL
), credited AS (${credited})
SELECT level, unit, ${isoDate(SALES_MONTH)} AS month, sum(amount) AS actual,
  ${cols.join(',\n  ')}
FROM credited GROUP BY level, unit, ${SALES_MONTH}`;
}

/** The fiscal year's monthly targets at every level (children sums need the level below). */
export function fiscalTargetsSql(p: StatusParams): string {
  const fy = periodWindow('ytd', p.asOf, p.fyStartMonth);
  return `SELECT unit_type AS level, unit, strftime(period, '%Y-%m-%d') AS month, sum(amount) AS amount
FROM ${targetsRelation(p.version, p.hasTargetsAll, p.fyStartMonth)}
WHERE period BETWEEN ${sqlDate(fy.start)} AND ${sqlDate(fy.end)}
GROUP BY ALL`;
}

/**
 * rep → team: the org chart when there is one, else each rep's team of most lines in the sales (equal counts
 * to the first name), counted from the rollup's line counts.
 */
export function repTeamSql(hasOrg: boolean): string {
  return hasOrg
    ? 'SELECT rep AS child, team AS parent FROM org WHERE rep IS NOT NULL AND team IS NOT NULL'
    : `SELECT rep AS child, first(team ORDER BY n DESC, team) AS parent FROM (SELECT rep, team, sum(_lines) AS n FROM ${sumsSource({}, ['rep', 'team'])} WHERE rep IS NOT NULL AND team IS NOT NULL GROUP BY ALL) GROUP BY rep`;
}

/** Job titles of people who manage others: director, manager, head, lead, chief, VP; 总监, 经理, 主管, 负责人. */
export const MANAGER_TITLE = '(director|manager|head|lead|chief|vp|vice president|总监|经理|主管|负责人|总经理)';

/**
 * rep → the person they report to, among the reps with a manager's title
 * (`rep_titles`), by territory (`rep_regions`): the manager whose
 * territories cover theirs with the fewest regions (a manager needs a strict
 * superset: managers with the same territories are peers). Adventure Works:
 * the reps report to their regional manager, the regional managers to the
 * director. Territories alone are not enough: a rep may cover a subset of
 * another rep's regions without reporting to them.
 */
export function repManagerSql(): string {
  return `WITH t AS (
  SELECT rep, list(DISTINCT region ORDER BY region) AS regions, count(DISTINCT region) AS n FROM rep_regions
  WHERE rep IS NOT NULL AND region IS NOT NULL GROUP BY rep
),
managers AS (SELECT t.* FROM t WHERE rep IN (SELECT rep FROM rep_titles WHERE regexp_matches(lower(title), ${sqlString(MANAGER_TITLE)}))),
pairs AS (
  SELECT c.rep AS child, m.rep AS parent, m.n FROM t c JOIN managers m ON m.rep <> c.rep AND list_has_all(m.regions, c.regions)
  WHERE m.n > c.n OR c.rep NOT IN (SELECT rep FROM managers)
)
SELECT child, first(parent ORDER BY n, parent) AS parent FROM pairs GROUP BY child ORDER BY child`;
}

/**
 * The version history, newest first, with what each version changed at the
 * company level. Fiscal years are labelled by the calendar year they end in.
 */
export function versionsSql(hasTargetsAll: boolean, fyStartMonth: number): string {
  const fyOf = fiscalYearSql('period', fyStartMonth);
  const totals = hasTargetsAll
    ? `(SELECT ${fyOf} AS fiscal_year, version, sum(amount) AS total FROM targets_all WHERE unit_type = 'company' GROUP BY ALL)`
    : '(SELECT NULL::INTEGER AS fiscal_year, NULL::INTEGER AS version, NULL::DOUBLE AS total WHERE false)';
  return `SELECT v.fiscal_year, v.version, strftime(v.created, '%Y-%m-%d') AS created, strftime(v.effective_from, '%Y-%m-%d') AS effective_from, v.reason, v.scope,
  t.total AS company_total,
  t.total - lag(t.total) OVER (PARTITION BY v.fiscal_year ORDER BY v.version) AS change
FROM target_versions v LEFT JOIN ${totals} t ON t.fiscal_year = v.fiscal_year AND t.version = v.version
ORDER BY v.fiscal_year DESC, v.version DESC`;
}
