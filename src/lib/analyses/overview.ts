/**
 * Overview: KPI totals for the selected period and its comparisons, the
 * monthly trend with last year, and breakdowns by a dimension.
 * Pure: params → SQL → typed rows. Runs on any SqlRunner.
 */
import type { SqlRunner } from '../engine/types';
import { addDays, addMonths, monthStart, monthsInRange, type DateRange } from '../model/period';
import type { Dimension } from '../model/schema';
import { sqlIdent, sqlString, isoDate } from '../model/sql';
import { FLAGGED_SALES } from '../warehouse/relations';
import { LINES_ONLY, orderCountFor, type Warehouse } from '../warehouse/sources';
import { CUSTOMER_DAYS, customerDaysServe } from '../warehouse/customer-days';
import { dateInRange, dimensionPredicates, whereClause, type DimensionFilters } from '../model/where';
import { sumsSource } from '../warehouse/sources';
import type { Basis } from '../model/view-state';

export interface OverviewParams {
  current: DateRange;
  /** null: not compared (the whole history has no comparable period). */
  previous: DateRange | null;
  lastYear: DateRange | null;
  filters: DimensionFilters;
  basis: Basis;
  /** Without an order id, every line counts as an order. */
  hasOrderId: boolean;
  /** What the warehouse holds (warehouse/sources.ts): orders count by `_order_first` when exact; `customer_days` serves when it can. */
  warehouse?: Warehouse;
}

export interface KpiTotals {
  revenue: number;
  orders: number;
  customers: number;
  quantity: number;
  cost: number;
  profit: number;
  lines: number;
  returnLines: number;
}

export interface KpiSet {
  current: KpiTotals;
  previous: KpiTotals;
  lastYear: KpiTotals;
}

const RANGE_KEYS = ['current', 'previous', 'lastYear'] as const;
type RangeKey = (typeof RANGE_KEYS)[number];

/** A KPI: an aggregate over the lines of a range, optionally of those lines that also meet `when`. */
interface Measure {
  aggregate: string;
  when?: string;
  /** A sum: 0, not NULL, over no rows. */
  sum?: boolean;
}

function measures(hasOrderId: boolean, firstLine = false): Record<keyof KpiTotals, Measure> {
  return {
    revenue: { aggregate: 'sum(amount)', sum: true },
    orders: !hasOrderId ? { aggregate: 'count(*)' } : firstLine ? { aggregate: 'count(*)', when: '_order_first' } : { aggregate: 'count(DISTINCT order_id)' },
    customers: { aggregate: 'count(DISTINCT customer)' },
    quantity: { aggregate: 'sum(quantity)', sum: true },
    cost: { aggregate: 'sum(cost)', sum: true },
    profit: { aggregate: 'sum(profit)', sum: true },
    lines: { aggregate: 'count(*)' },
    returnLines: { aggregate: 'count(*)', when: 'amount < 0 OR quantity < 0' },
  };
}

/** The same KPIs over `customer_days`: line and order counts are sums of its counts. */
function customerDayMeasures(hasOrderId: boolean): Record<keyof KpiTotals, Measure> {
  return {
    ...measures(hasOrderId),
    orders: { aggregate: hasOrderId ? 'sum(_orders)' : 'sum(_lines)', sum: true },
    lines: { aggregate: 'sum(_lines)', sum: true },
    returnLines: { aggregate: 'sum(_returns)', sum: true },
  };
}

const sameRange = (a: DateRange, b: DateRange) => a.start === b.start && a.end === b.end;

/** The distinct ranges to compute (YTD's previous period is last year's: computed once); ranges not compared are left out. */
function distinctRanges(p: OverviewParams): { key: RangeKey; range: DateRange }[] {
  const out: { key: RangeKey; range: DateRange }[] = [];
  for (const key of RANGE_KEYS) {
    const range = p[key];
    if (range && !out.some((o) => sameRange(o.range, range))) out.push({ key, range });
  }
  return out;
}

/** Ranges that touch or overlap, gathered into spans of consecutive days (YTD and last year make one span). */
export function dateSpans<T extends { range: DateRange }>(ranges: T[]): { span: DateRange; members: T[] }[] {
  const spans: { span: DateRange; members: T[] }[] = [];
  for (const r of [...ranges].sort((a, b) => (a.range.start < b.range.start ? -1 : 1))) {
    const last = spans[spans.length - 1];
    if (last && r.range.start <= addDays(last.span.end, 1)) {
      last.members.push(r);
      if (r.range.end > last.span.end) last.span = { start: last.span.start, end: r.range.end };
    } else spans.push({ span: { ...r.range }, members: [r] });
  }
  return spans;
}

/**
 * One scan per span of consecutive days, each range's KPIs as FILTERed aggregates, glued by UNION ALL.
 * A span scans only its own dates (row groups outside it are skipped when the rows are in date order), and
 * when the rows are in no order it reads each line once, not once per range: YTD with last year is one
 * scan (~1.5× faster at 1M unsorted rows than one per range), and MTD with last year's month two.
 */
export function kpiSql(p: OverviewParams): string {
  const w = p.warehouse ?? LINES_ONLY;
  // The gross basis drops return lines, so an order's first line may be dropped: its flag would not count.
  const firstLine = p.hasOrderId && orderCountFor(w, { filters: p.filters, dropsLines: p.basis === 'gross' }) === 'flag';
  // Per customer and day, every KPI is a sum (or the distinct customers), far fewer rows than the lines.
  const fromDays = w.customerDays && (!p.hasOrderId || firstLine) && customerDaysServe(p.filters);
  const kpis = Object.entries(fromDays ? customerDayMeasures(p.hasOrderId) : measures(p.hasOrderId, firstLine));
  const dims = dimensionPredicates(p.filters, p.basis);
  const from = fromDays ? CUSTOMER_DAYS : firstLine ? FLAGGED_SALES : 'sales';
  const column = ({ aggregate, when, sum }: Measure, range: DateRange) => {
    const filtered = `${aggregate} FILTER (WHERE ${when ? `(${when}) AND ` : ''}${dateInRange(range)})`;
    return sum ? `coalesce(${filtered}, 0)` : filtered;
  };
  return dateSpans(distinctRanges(p))
    .map(({ span, members }) => {
      const columns = members.flatMap(({ key, range }) => kpis.map(([name, m]) => `${column(m, range)} AS ${sqlIdent(`${key}.${name}`)}`));
      return `SELECT ${columns.join(',\n  ')}\nFROM ${from} ${whereClause([...dims, dateInRange(span)])}`;
    })
    .join('\nUNION ALL BY NAME\n');
}

export async function queryKpis(db: SqlRunner, p: OverviewParams, signal?: AbortSignal): Promise<KpiSet> {
  // One row per span; each holds its ranges' columns (`current.revenue`, …) and NULL for the others'.
  const rows = await db.query<Record<string, unknown>>(kpiSql(p), { signal });
  const ranges = distinctRanges(p);
  const pick = (key: RangeKey): KpiTotals => {
    const range = p[key];
    const computed = range ? ranges.find((r) => sameRange(r.range, range))?.key : undefined;
    const out = {} as KpiTotals;
    for (const name of Object.keys(measures(true)) as (keyof KpiTotals)[]) {
      const value = computed ? rows.map((row) => row[`${computed}.${name}`]).find((v) => v !== null && v !== undefined) : undefined;
      out[name] = Number(value ?? 0);
    }
    return out;
  };
  return { current: pick('current'), previous: pick('previous'), lastYear: pick('lastYear') };
}

/**
 * Months shown in the trend: the period's own months, or the 12 months to its
 * end when it is shorter than 3 months; never before the data starts.
 */
export function trendWindow(current: DateRange, dataStart: string): DateRange {
  const wanted = monthsInRange(current).length >= 3 ? current : { start: monthStart(addMonths(current.end, -11)), end: current.end };
  const first = monthStart(dataStart);
  return wanted.start < first && first <= wanted.end ? { start: first, end: wanted.end } : wanted;
}

export interface TrendPoint {
  month: string;
  revenue: number;
  lastYear: number | null;
}

export function trendSql(window: DateRange, filters: DimensionFilters, basis: Basis): string {
  const from = monthStart(addMonths(window.start, -12));
  // Days first, then months: grouping on the date column is cheaper than truncating every row (≈3× at 1M rows).
  return `SELECT ${isoDate("date_trunc('month', day)")} AS month, sum(revenue) AS revenue
FROM (SELECT date AS day, sum(amount) AS revenue
  FROM ${sumsSource(filters)} ${whereClause([...dimensionPredicates(filters, basis), dateInRange({ start: from, end: window.end })])}
  GROUP BY date)
GROUP BY date_trunc('month', day) ORDER BY 1`;
}

/** Pairs each month of the window with the same month a year earlier (null when that month has no data). */
export function shapeTrend(window: DateRange, rows: { month: string; revenue: number }[]): TrendPoint[] {
  const byMonth = new Map(rows.map((r) => [r.month, Number(r.revenue)]));
  return monthsInRange(window).map((month) => ({
    month,
    revenue: byMonth.get(month) ?? 0,
    lastYear: byMonth.get(addMonths(month, -12)) ?? null,
  }));
}

export async function queryTrend(
  db: SqlRunner,
  current: DateRange,
  dataStart: string,
  filters: DimensionFilters,
  basis: Basis,
  signal?: AbortSignal,
) {
  const window = trendWindow(current, dataStart);
  const rows = await db.query<{ month: string; revenue: number }>(trendSql(window, filters, basis), { signal });
  return shapeTrend(window, rows);
}

export interface BreakdownRow {
  member: string | null;
  revenue: number;
  /** null when nothing is compared. */
  comparison: number | null;
}

/**
 * Revenue by member of each dimension, in the current and the comparison
 * range: one scan for all dimensions. The scan groups on every dimension at
 * once (few combinations: channel × region × category), and GROUPING SETS
 * then run over those sums: in DuckDB-WASM that is ~1.5× faster than
 * GROUPING SETS over the lines, whose sets each hash every line.
 */
export function breakdownsSql(dims: Dimension[], current: DateRange, comparison: DateRange | null, filters: DimensionFilters, basis: Basis): string {
  const cols = dims.map(sqlIdent);
  const which = dims.map((d, i) => `WHEN grouping(${cols[i]}) = 0 THEN ${sqlString(d)}`).join(' ');
  const member = dims.map((_, i) => `WHEN grouping(${cols[i]}) = 0 THEN CAST(${cols[i]} AS VARCHAR)`).join(' ');
  const sums = comparison
    ? `sum(amount) FILTER (WHERE ${dateInRange(current)}) AS revenue, sum(amount) FILTER (WHERE ${dateInRange(comparison)}) AS comparison`
    : 'sum(amount) AS revenue, NULL::DOUBLE AS comparison';
  const dates = comparison ? `(${dateInRange(current)} OR ${dateInRange(comparison)})` : dateInRange(current);
  return `WITH combinations AS (
  SELECT ${cols.join(', ')}, ${sums}
  FROM ${sumsSource(filters, dims)} ${whereClause([...dimensionPredicates(filters, basis), dates])}
  GROUP BY ${cols.join(', ')})
SELECT CASE ${which} END AS dim, CASE ${member} END AS member, coalesce(sum(revenue), 0) AS revenue,
  ${comparison ? 'coalesce(sum(comparison), 0)' : 'NULL::DOUBLE'} AS comparison
FROM combinations
GROUP BY GROUPING SETS (${cols.map((c) => `(${c})`).join(', ')})
ORDER BY dim, revenue DESC, member`;
}

/** Each dimension's members, by revenue in the current range (largest first). */
export async function queryBreakdowns(
  db: SqlRunner,
  dims: Dimension[],
  current: DateRange,
  comparison: DateRange | null,
  filters: DimensionFilters,
  basis: Basis,
  signal?: AbortSignal,
): Promise<Partial<Record<Dimension, BreakdownRow[]>>> {
  const out: Partial<Record<Dimension, BreakdownRow[]>> = Object.fromEntries(dims.map((d) => [d, []]));
  if (dims.length === 0) return out;
  const rows = await db.query<BreakdownRow & { dim: Dimension }>(breakdownsSql(dims, current, comparison, filters, basis), { signal });
  for (const r of rows) out[r.dim]?.push({ member: r.member, revenue: Number(r.revenue), comparison: r.comparison === null ? null : Number(r.comparison) });
  return out;
}

/** Keeps the top n members and folds the rest into one "other" row (member = null is a blank value; other is flagged). */
export function topWithOther(rows: BreakdownRow[], n: number): (BreakdownRow & { other?: boolean })[] {
  if (rows.length <= n) return rows;
  const head = rows.slice(0, n);
  const tail = rows.slice(n);
  const compared = rows.some((r) => r.comparison !== null);
  const other = tail.reduce((acc, r) => ({ ...acc, revenue: acc.revenue + r.revenue, comparison: compared ? (acc.comparison ?? 0) + (r.comparison ?? 0) : null }), {
    member: null as string | null,
    revenue: 0,
    comparison: (compared ? 0 : null) as number | null,
  });
  return [...head, { ...other, other: true }];
}
