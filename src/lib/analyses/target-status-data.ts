/**
 * The target status's data from the engine: the sales side (credited
 * actuals, last year's, each unit's forecast, rep → team and managers, kept
 * in a memo across plan versions) with the fiscal year's targets, nested per
 * level and unit; and the plan's version history.
 */
import type { SqlRunner } from '../engine/types';
import { addMonths, type DateRange } from '../model/period';
import { forecastMany } from '../forecast/forecast-client';
import type { ForecastPoint } from '../forecast/forecast';
import { buildUnitSeries, seriesFrame, type MonthlyRow } from './forecast-units';
import { PERIOD_KINDS, periodWindow } from '../targets/pacing';
import { fiscalTargetsSql, repManagerSql, repTeamSql, statusSalesSql, versionsSql, type StatusParams } from './target-status-sql';

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
