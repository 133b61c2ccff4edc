/**
 * Inputs of #/forecast: monthly net (or gross) revenue per unit of one level
 * (company, team, region, rep, category, channel) up to as-of, and each
 * unit's full-fiscal-year target from the plan in force. `buildUnitSeries`
 * turns the rows into one monthly series per unit (complete months only;
 * the partial as-of month counts in the actual to date).
 */
import type { SqlRunner } from '../engine/types';
import { addDays, addMonths, daysInMonth, monthStart, type DateRange } from '../model/period';
import { sqlDate, sqlIdent, sqlString, isoDate, SALES_MONTH } from '../model/sql';
import { dimensionPredicates, type DimensionFilters } from '../model/where';
import { sumsSource } from '../warehouse/sources';
import type { Basis } from '../model/view-state';

export const FORECAST_LEVELS = ['company', 'team', 'region', 'rep', 'category', 'channel'] as const;
export type ForecastLevel = (typeof FORECAST_LEVELS)[number];

export interface ForecastUnitsParams {
  level: ForecastLevel;
  asOf: string;
  /** The fiscal year containing as-of. */
  fiscalYear: DateRange;
  filters: DimensionFilters;
  basis: Basis;
  /** Label of the company unit. */
  companyUnit: string;
}

export interface MonthlyRow {
  unit: string;
  month: string;
  amount: number;
}

export function unitMonthlySql(p: ForecastUnitsParams): string {
  const unit = p.level === 'company' ? sqlString(p.companyUnit) : `CAST(${sqlIdent(p.level)} AS VARCHAR)`;
  const where = [`date <= ${sqlDate(p.asOf)}`, ...dimensionPredicates(p.filters, p.basis)];
  if (p.level !== 'company') where.push(`${sqlIdent(p.level)} IS NOT NULL`);
  return `SELECT ${unit} AS unit, ${isoDate(SALES_MONTH)} AS month, sum(amount) AS amount
FROM ${sumsSource(p.filters, p.level === 'company' ? [] : [p.level])} WHERE ${where.join(' AND ')}
GROUP BY 1, ${SALES_MONTH} ORDER BY unit, month`;
}

/** The Sunday that ends the last whole week (Monday–Sunday) on or before as-of. */
export function lastWholeWeekEnd(asOf: string): string {
  const weekday = new Date(`${asOf}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return weekday === 0 ? asOf : addDays(asOf, -weekday);
}

/** Weekly revenue (weeks from Monday, as DuckDB's date_trunc('week')) of one unit of the level, whole weeks only. */
export function unitWeeklySql(p: ForecastUnitsParams, unit: string): string {
  const where = [`date <= ${sqlDate(lastWholeWeekEnd(p.asOf))}`, ...dimensionPredicates(p.filters, p.basis)];
  if (p.level !== 'company') where.push(`CAST(${sqlIdent(p.level)} AS VARCHAR) = ${sqlString(unit)}`);
  return `SELECT ${isoDate("date_trunc('week', date)")} AS week, sum(amount) AS amount
FROM ${sumsSource(p.filters, p.level === 'company' ? [] : [p.level])} WHERE ${where.join(' AND ')}
GROUP BY date_trunc('week', date) ORDER BY 1`;
}

/** Consecutive weeks from the first to the last row, weeks without sales as 0. */
export function weeklySeries(rows: { week: string; amount: number }[]): { start: string; y: number[] } | null {
  if (rows.length === 0) return null;
  const byWeek = new Map(rows.map((r) => [r.week, Number(r.amount)]));
  const start = rows[0].week;
  const y: number[] = [];
  for (let w = start; w <= rows[rows.length - 1].week; w = addDays(w, 7)) y.push(byWeek.get(w) ?? 0);
  return { start, y };
}

export async function queryUnitWeekly(db: SqlRunner, p: ForecastUnitsParams, unit: string, signal?: AbortSignal) {
  return weeklySeries(await db.query<{ week: string; amount: number }>(unitWeeklySql(p, unit), { signal }));
}

/** Full-year target per unit at the level (company: the company rows, whatever the unit's name). */
export function unitTargetsSql(p: ForecastUnitsParams): string {
  const unit = p.level === 'company' ? sqlString(p.companyUnit) : 'unit';
  return `SELECT ${unit} AS unit, sum(amount) AS amount FROM targets
WHERE unit_type = ${sqlString(p.level)} AND period BETWEEN ${sqlDate(p.fiscalYear.start)} AND ${sqlDate(p.fiscalYear.end)}
GROUP BY ALL`;
}

export interface ForecastInputs {
  monthly: MonthlyRow[];
  /** unit → full fiscal-year target; empty when the plan has no targets at the level. */
  targets: Map<string, number>;
}

export async function queryForecastInputs(db: SqlRunner, p: ForecastUnitsParams, hasTargets: boolean, signal?: AbortSignal): Promise<ForecastInputs> {
  const [monthly, targets] = await Promise.all([
    db.query<MonthlyRow>(unitMonthlySql(p), { signal }),
    hasTargets ? db.query<{ unit: string; amount: number }>(unitTargetsSql(p), { signal }) : Promise.resolve([]),
  ]);
  return { monthly, targets: new Map(targets.map((r) => [r.unit, r.amount])) };
}

export interface UnitSeries {
  unit: string;
  /** First month of `y`. */
  start: string;
  /** Complete months' revenue, from the unit's first month with sales to the last complete month. */
  y: number[];
  /** Fiscal year start … as-of, incl. the partial month. */
  actualToDate: number;
  target: number | null;
}

export interface SeriesFrame {
  /** The last month fully elapsed by as-of. */
  lastComplete: string;
  /** The first forecast month (the as-of month when it is partial). */
  firstForecast: string;
  /** Share of the first forecast month still ahead (0 when as-of is a month end — then the first forecast month is the next one, share 1). */
  firstMonthRemaining: number;
  /** Forecast months up to the fiscal year end. */
  monthsToYearEnd: number;
}

export function seriesFrame(asOf: string, fiscalYear: DateRange): SeriesFrame {
  const [y, m, d] = asOf.split('-').map(Number);
  const isMonthEnd = d === daysInMonth(y, m);
  const asOfMonth = monthStart(asOf);
  const firstForecast = isMonthEnd ? addMonths(asOfMonth, 1) : asOfMonth;
  const firstMonthRemaining = isMonthEnd ? 1 : 1 - d / daysInMonth(y, m);
  let monthsToYearEnd = 0;
  for (let mo = firstForecast; mo <= fiscalYear.end; mo = addMonths(mo, 1)) monthsToYearEnd++;
  return { lastComplete: addMonths(firstForecast, -1), firstForecast, firstMonthRemaining, monthsToYearEnd };
}

export function buildUnitSeries(inputs: ForecastInputs, asOf: string, fiscalYear: DateRange): { frame: SeriesFrame; series: UnitSeries[] } {
  const frame = seriesFrame(asOf, fiscalYear);
  const byUnit = new Map<string, Map<string, number>>();
  for (const r of inputs.monthly) {
    if (!byUnit.has(r.unit)) byUnit.set(r.unit, new Map());
    byUnit.get(r.unit)!.set(r.month, r.amount);
  }
  const series: UnitSeries[] = [];
  for (const [unit, months] of byUnit) {
    const first = [...months.keys()].sort()[0];
    const y: number[] = [];
    for (let mo = first; mo <= frame.lastComplete; mo = addMonths(mo, 1)) y.push(months.get(mo) ?? 0);
    let actualToDate = 0;
    for (const [mo, amount] of months) if (mo >= fiscalYear.start && mo <= asOf) actualToDate += amount;
    series.push({ unit, start: first, y, actualToDate, target: inputs.targets.get(unit) ?? null });
  }
  return { frame, series: series.filter((s) => s.y.length > 0).sort((a, b) => a.unit.localeCompare(b.unit)) };
}

/** Month (first day, ISO) of forecast step h (1-based). */
export function forecastMonth(frame: SeriesFrame, h: number): string {
  return addMonths(frame.firstForecast, h - 1);
}

/** The last day of the fiscal year. */
export function fiscalYearEndOf(fiscalYear: DateRange): string {
  return addDays(addMonths(fiscalYear.start, 12), -1);
}
