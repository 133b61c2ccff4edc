/**
 * Target status per unit (#/targets): each unit's credited sales against its
 * own target for the month, fiscal quarter and fiscal year to date, with
 * pacing, projections and the sum of its children's targets.
 *
 * SQL does every aggregate over sales (monthly credited actuals, last year's
 * same elapsed part for growth); each unit's monthly series is forecast by
 * the backtested forecast of #/forecast (one projection on every page);
 * `shapeStatus` combines them with the monthly targets through the pure
 * pacing math in lib/targets/pacing.ts.
 *
 * Sales credit: 'own' = the order's own rep/team/region; 'territory' = every
 * rep assigned to a region in `rep_regions` gets all that region's sales
 * (many-to-many), and a team gets the sales of the regions its reps cover,
 * each sale once: roll-ups never add up overlapping members.
 */
import { sumsSource } from '../model/where';
import type { SqlRunner } from '../engine/types';
import { addDays, addMonths, type DateRange } from '../model/period';
import { fiscalYearSql, sqlDate, sqlIdent, sqlString, isoDate, SALES_MONTH } from '../model/sql';
import type { Basis } from '../model/view-state';
import { forecastMany } from '../forecast/forecast-client';
import type { ForecastPoint } from '../forecast/forecast';
import { forecastOfRest, probabilityOfReaching } from '../forecast/projection';
import { buildUnitSeries, seriesFrame, type MonthlyRow } from './forecast-units';
import {
  PERIOD_KINDS,
  lastYearToDateRange,
  pacing,
  periodWindow,
  type Pacing,
  type PeriodKind,
  type Thresholds,
} from '../targets/pacing';

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


type Nested = Map<string, Map<string, Map<string, number>>>;

export interface StatusData {
  params: StatusParams;
  fiscalYear: DateRange;
  /** level → unit → month → target. */
  targets: Nested;
  /** level → unit → month → credited actual (the whole history to as-of). */
  actuals: Nested;
  /** level → unit → `${kind}_to_date` → last year's amount. */
  lastYear: Nested;
  /** level → unit → the forecast of the months after the last complete one (empty with `forecast: false`). */
  forecasts: Map<string, Map<string, ForecastPoint[]>>;
  /** child unit → parent unit (rep → team; team → company). */
  parentOf: Map<string, string>;
  /** rep → the rep they report to (repManagerSql; empty without titles and territories). */
  managerOf: Map<string, string>;
  /** The data reaches back a full year before the fiscal year: growth is possible. */
  hasLastYear: boolean;
}

function nest(rows: { level: string; unit: string; key: string; value: number }[]): Nested {
  const out: Nested = new Map();
  for (const r of rows) {
    let byUnit = out.get(r.level);
    if (!byUnit) out.set(r.level, (byUnit = new Map()));
    let byKey = byUnit.get(r.unit);
    if (!byKey) byUnit.set(r.unit, (byKey = new Map()));
    byKey.set(r.key, (byKey.get(r.key) ?? 0) + r.value);
  }
  return out;
}

type Link = { child: string; parent: string };

/** The sales side of the status: credited actuals and last year's, each unit's forecast, rep → team, managers. */
interface SalesSide {
  sales: Record<string, string | number>[];
  forecasts: Map<string, Map<string, ForecastPoint[]>>;
  parents: Link[];
  managers: Link[];
}

/**
 * The sales side per parameters, kept by the caller so that a new plan
 * version (which changes only the targets) recomputes without scanning the
 * sales again. The caller empties it when the data changes.
 */
export type StatusSalesMemo = Map<string, SalesSide>;

/** Everything the sales side depends on (not the plan version). */
function salesSideKey(p: StatusParams): string {
  const { levels, credit, basis, asOf, fyStartMonth, companyUnit, hasOrg, hasManagers } = p;
  return JSON.stringify({ levels, credit, basis, asOf, fyStartMonth, companyUnit, hasOrg, hasManagers: !!hasManagers, forecast: p.forecast !== false });
}

async function querySalesSide(db: SqlRunner, p: StatusParams, signal?: AbortSignal): Promise<SalesSide> {
  const withReps = p.levels.includes('rep');
  const [sales, parents, managers] = await Promise.all([
    p.levels.length > 0 ? db.query<Record<string, string | number>>(statusSalesSql(p), { signal }) : Promise.resolve([]),
    withReps ? db.query<Link>(repTeamSql(p.hasOrg), { signal }) : Promise.resolve([]),
    withReps && p.hasManagers ? db.query<Link>(repManagerSql(), { signal }) : Promise.resolve([]),
  ]);
  const forecasts = p.forecast === false ? new Map() : await forecastUnits(sales, p, signal);
  return { sales, forecasts, parents, managers };
}

/**
 * Each unit's complete months forecast as on #/forecast (forecast-units buildUnitSeries, then the
 * backtested forecast in a worker), far enough ahead for the fiscal year's end.
 */
async function forecastUnits(sales: Record<string, string | number>[], p: StatusParams, signal?: AbortSignal): Promise<SalesSide['forecasts']> {
  const fiscalYear = periodWindow('ytd', p.asOf, p.fyStartMonth);
  const frame = seriesFrame(p.asOf, fiscalYear);
  const series = p.levels.flatMap((level) => {
    const monthly: MonthlyRow[] = sales.filter((r) => r.level === level).map((r) => ({ unit: String(r.unit), month: String(r.month), amount: Number(r.actual) }));
    return buildUnitSeries({ monthly, targets: new Map() }, p.asOf, fiscalYear).series.map((s) => ({ level, ...s }));
  });
  const results = await forecastMany(series.map((s) => ({ unit: s.unit, y: s.y })), Math.max(frame.monthsToYearEnd, 1), signal);
  const out: SalesSide['forecasts'] = new Map();
  series.forEach((s, i) => {
    if (!out.has(s.level)) out.set(s.level, new Map());
    out.get(s.level)!.set(s.unit, results[i].points);
  });
  return out;
}

/**
 * Fills the memo's sales side for `p` ahead of need (run it as background work): a workspace without a plan
 * then recomputes at once when the first plan is saved. Nothing is kept once `signal` aborted.
 */
export async function warmStatusSales(db: SqlRunner, p: StatusParams, memo: StatusSalesMemo, signal: AbortSignal): Promise<void> {
  const key = salesSideKey(p);
  if (memo.has(key)) return;
  const side = await querySalesSide(db, p, signal);
  if (!signal.aborted && !memo.has(key)) memo.set(key, side);
}

export async function queryStatusData(db: SqlRunner, p: StatusParams, dataStart: string, signal?: AbortSignal, memo?: StatusSalesMemo): Promise<StatusData> {
  const key = salesSideKey(p);
  const known = memo?.get(key);
  const [targets, side] = await Promise.all([
    db.query<{ level: string; unit: string; month: string; amount: number }>(fiscalTargetsSql(p), { signal }),
    known ?? querySalesSide(db, p, signal),
  ]);
  if (memo && !known) {
    if (memo.size >= 8) memo.clear(); // a handful of periods and rules at a time
    memo.set(key, side);
  }
  const { sales, forecasts, parents, managers } = side;
  const fiscalYear = periodWindow('ytd', p.asOf, p.fyStartMonth);
  const parentOf = new Map(parents.map((r) => [r.child, r.parent]));
  const targetsNested = nest(targets.map((r) => ({ level: r.level, unit: r.unit, key: r.month, value: Number(r.amount) })));
  for (const team of targetsNested.get('team')?.keys() ?? []) parentOf.set(team, p.companyUnit);
  const lyRows = sales.flatMap((r) =>
    PERIOD_KINDS.map((k) => ({ level: String(r.level), unit: String(r.unit), key: `${k}_to_date`, value: Number(r[`${k}_to_date`]) })),
  );
  return {
    params: p,
    fiscalYear,
    targets: targetsNested,
    actuals: nest(sales.map((r) => ({ level: String(r.level), unit: String(r.unit), key: String(r.month), value: Number(r.actual) }))),
    lastYear: nest(lyRows),
    forecasts,
    parentOf,
    managerOf: new Map(managers.map((r) => [r.child, r.parent])),
    hasLastYear: dataStart <= addMonths(fiscalYear.start, -12),
  };
}

export interface StatusRow extends Pacing {
  level: string;
  unit: string;
  /** A rep's team, a team's company; null for the company. */
  parent: string | null;
  /** The rep this rep reports to (repManagerSql), if known. */
  manager: string | null;
  /** Sum of the children's targets for the whole period (allocated); null when the level has no children in the plan. */
  childTargets: number | null;
  /** own target − children's targets; positive = not yet allocated, negative = over-allocated. */
  unallocated: number | null;
  /** P(period end ≥ target) from the forecast's spread (as on #/forecast); null without a forecast or a target. */
  probability: number | null;
}

function sumMonths(m: Map<string, number> | undefined, window: DateRange): number {
  let s = 0;
  for (const [month, v] of m ?? []) if (month >= window.start && month <= window.end) s += v;
  return s;
}

/** Units of a level: every unit with a target in the fiscal year or credited sales in it (units without a target are kept). */
export function unitsOf(data: StatusData, level: string): string[] {
  const units = new Set(data.targets.get(level)?.keys() ?? []);
  for (const [unit, months] of data.actuals.get(level) ?? []) {
    if ([...months.keys()].some((m) => m >= data.fiscalYear.start)) units.add(unit);
  }
  return [...units].sort((a, b) => a.localeCompare(b));
}

export function shapeStatus(data: StatusData, level: string, kind: PeriodKind, thresholds: Thresholds): StatusRow[] {
  const { asOf, fyStartMonth } = data.params;
  const window = periodWindow(kind, asOf, fyStartMonth);
  const childLevel = CHILD_LEVEL[level];
  const childTargets = childLevel ? data.targets.get(childLevel) : undefined;
  const frame = seriesFrame(asOf, window);
  return unitsOf(data, level).map((unit) => {
    const monthly = data.targets.get(level)?.get(unit) ?? null;
    const hasTargetInWindow = !!monthly && [...monthly.keys()].some((m) => m >= window.start && m <= window.end);
    const ly = data.lastYear.get(level)?.get(unit);
    const points = data.forecasts.get(level)?.get(unit);
    const rest = points ? forecastOfRest(points, frame.firstMonthRemaining, frame.monthsToYearEnd) : null;
    const p = pacing(
      {
        window,
        asOf,
        monthlyTargets: hasTargetInWindow ? monthly : null,
        actual: sumMonths(data.actuals.get(level)?.get(unit), window),
        forecastRemaining: rest ? rest.mean : null,
        lastYearToDate: data.hasLastYear ? (ly?.get(`${kind}_to_date`) ?? 0) : null,
      },
      thresholds,
    );
    // Children: the level below (company → teams, team → its reps); at the rep level, the reps reporting to this one.
    const below =
      level === 'rep'
        ? [...(data.targets.get('rep') ?? [])].filter(([rep]) => data.managerOf.get(rep) === unit)
        : [...(childTargets ?? [])].filter(([child]) => level === 'company' || data.parentOf.get(child) === unit);
    const children = below.length > 0 ? below.reduce((s, [, m]) => s + sumMonths(m, window), 0) : null;
    return {
      ...p,
      level,
      unit,
      parent: level === 'rep' || level === 'team' ? (data.parentOf.get(unit) ?? null) : null,
      manager: level === 'rep' ? (data.managerOf.get(unit) ?? null) : null,
      childTargets: children,
      unallocated: children === null || p.target === null ? null : p.target - children,
      probability: rest ? probabilityOfReaching(p.target, p.projection, rest.sd) : null,
    };
  });
}

export interface MonthCell {
  unit: string;
  month: string;
  target: number | null;
  actual: number | null;
  attainment: number | null;
}

/** Units × fiscal months: the month's target, credited actual (to as-of) and attainment. */
export function monthlyCells(data: StatusData, level: string): MonthCell[] {
  const months: string[] = [];
  for (let m = data.fiscalYear.start; m <= data.fiscalYear.end; m = addMonths(m, 1)) months.push(m);
  return unitsOf(data, level).flatMap((unit) =>
    months.map((month) => {
      const target = data.targets.get(level)?.get(unit)?.get(month) ?? null;
      const actual = month <= data.params.asOf ? (data.actuals.get(level)?.get(unit)?.get(month) ?? 0) : null;
      return { unit, month, target, actual, attainment: target && actual !== null ? actual / target : null };
    }),
  );
}

export interface PacingPoint {
  month: string;
  /** Cumulative target at the month's end. */
  cumTarget: number | null;
  /** Cumulative actual at the month's end (or as-of); null after as-of. */
  cumActual: number | null;
  /** Actual to date + the forecast up to the month's end (the projection's path); from the as-of month on, null without a forecast. */
  cumProjection: number | null;
}

/** The fiscal year month by month for one unit: cumulative target, actual and the projection to year end. */
export function pacingPath(data: StatusData, level: string, unit: string): PacingPoint[] {
  const { asOf } = data.params;
  const monthly = data.targets.get(level)?.get(unit);
  const actual = data.actuals.get(level)?.get(unit);
  const points = data.forecasts.get(level)?.get(unit);
  const out: PacingPoint[] = [];
  let cumTarget = 0;
  let cumActual = 0;
  for (let m = data.fiscalYear.start; m <= data.fiscalYear.end; m = addMonths(m, 1)) {
    cumTarget += monthly?.get(m) ?? 0;
    const started = m <= asOf;
    if (started) cumActual += actual?.get(m) ?? 0;
    const isAsOfMonth = started && addMonths(m, 1) > asOf;
    // The projection at this month's end: the same forecastOfRest as the status row, over the months up to here.
    const frame = seriesFrame(asOf, { start: data.fiscalYear.start, end: addDays(addMonths(m, 1), -1) });
    const cumProjection = points && (isAsOfMonth || !started) ? cumActual + forecastOfRest(points, frame.firstMonthRemaining, frame.monthsToYearEnd).mean : null;
    out.push({ month: m, cumTarget: monthly ? cumTarget : null, cumActual: started ? cumActual : null, cumProjection });
  }
  return out;
}

export interface PlanVersionRow {
  fiscal_year: number;
  version: number;
  created: string | null;
  effective_from: string | null;
  reason: string | null;
  scope: string | null;
  /** The version's company target for the fiscal year (null without `targets_all` or a company level). */
  company_total: number | null;
  /** Change of that total against the previous version of the same year. */
  change: number | null;
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

export async function queryVersions(db: SqlRunner, hasTargetsAll: boolean, fyStartMonth: number, signal?: AbortSignal): Promise<PlanVersionRow[]> {
  const rows = await db.query<PlanVersionRow>(versionsSql(hasTargetsAll, fyStartMonth), { signal });
  return rows.map((r) => ({
    ...r,
    fiscal_year: Number(r.fiscal_year),
    version: Number(r.version),
    company_total: r.company_total === null ? null : Number(r.company_total),
    change: r.change === null ? null : Number(r.change),
  }));
}
