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
 */
import { addDays, addMonths, type DateRange } from '../model/period';
import { forecastOfRest, probabilityOfReaching } from '../forecast/projection';
import { seriesFrame } from './forecast-units';
import { pacing, periodWindow, type Pacing, type PeriodKind, type Thresholds } from '../targets/pacing';
import { CHILD_LEVEL } from './target-status-sql';
import type { StatusData } from './target-status-data';

// Its parts: target-status-sql.ts (the SQL), target-status-data.ts (running it, with the forecasts); this
// module shapes the status rows, the month grid and the pacing path.
export {
  CHILD_LEVEL,
  CREDIT_RULES,
  MANAGER_TITLE,
  PLAN_VERSIONS,
  creditedSalesSql,
  fiscalTargetsSql,
  isSupportedLevel,
  repManagerSql,
  repTeamSql,
  statusSalesSql,
  targetsRelation,
  versionsSql,
  type CreditRule,
  type PlanVersion,
  type StatusParams,
} from './target-status-sql';
export { queryStatusData, queryVersions, warmStatusSales, type PlanVersionRow, type StatusData, type StatusSalesMemo } from './target-status-data';

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
