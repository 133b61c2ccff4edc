/**
 * Slow movers, as of a date: each product's velocity (net units per day over
 * the last `windowDays`), its revenue in that window against the window
 * before (falling sales), and the days since its last sale line (no sales in
 * N days). Products count when they sold anything in the `lookbackDays`
 * before the as-of date, so long-dead products do not crowd the list.
 * Pure: params → SQL → typed rows.
 */
import type { SqlRunner } from '../engine/types';
import { addDays } from '../model/period';
import { sqlDate, sqlNumber } from '../model/sql';
import { dateInRange, dimensionPredicates, whereClause, type DimensionFilters } from '../model/where';
import { sumsSource } from '../warehouse/sources';
import type { Basis } from '../model/view-state';

/** #/products' defaults: velocity over the last 90 days; idle = no sale line in 30 days. */
export const DEFAULT_SLOW_WINDOW_DAYS = 90;
export const DEFAULT_IDLE_DAYS = 30;

export interface SlowMoverParams {
  asOf: string;
  windowDays: number;
  /** "No sales in N days". */
  noSalesDays: number;
  lookbackDays: number;
  filters: DimensionFilters;
  basis: Basis;
}

export interface SlowMoverRow {
  product: string | null;
  category: string | null;
  lastSale: string | null;
  daysSinceLastSale: number | null;
  recentQuantity: number;
  recentRevenue: number;
  priorRevenue: number;
  /** Net units per day over the recent window. */
  velocity: number;
  falling: boolean;
  noRecentSales: boolean;
}

export function slowMoverWindows(p: Pick<SlowMoverParams, 'asOf' | 'windowDays' | 'lookbackDays'>) {
  return {
    recent: { start: addDays(p.asOf, -(p.windowDays - 1)), end: p.asOf },
    prior: { start: addDays(p.asOf, -(2 * p.windowDays - 1)), end: addDays(p.asOf, -p.windowDays) },
    lookback: { start: addDays(p.asOf, -(p.lookbackDays - 1)), end: p.asOf },
  };
}

export function slowMoverSql(p: SlowMoverParams): string {
  const w = slowMoverWindows(p);
  const recent = dateInRange(w.recent);
  const prior = dateInRange(w.prior);
  const start = w.prior.start < w.lookback.start ? w.prior.start : w.lookback.start;
  return `WITH per_product AS (
  SELECT product, min(category) AS category,
    max(date) FILTER (WHERE amount > 0) AS last_sale,
    coalesce(sum(quantity) FILTER (WHERE ${recent}), 0) AS recent_quantity,
    coalesce(sum(amount) FILTER (WHERE ${recent}), 0) AS recent_revenue,
    coalesce(sum(amount) FILTER (WHERE ${prior}), 0) AS prior_revenue,
    bool_or(${dateInRange(w.lookback)} AND amount > 0) AS sold_in_lookback
  FROM ${sumsSource(p.filters, ['product'])} ${whereClause([...dimensionPredicates(p.filters, p.basis), dateInRange({ start, end: p.asOf })])}
  GROUP BY 1
)
SELECT product, category, strftime(last_sale, '%Y-%m-%d') AS last_sale,
  date_diff('day', last_sale, ${sqlDate(p.asOf)}) AS days_since,
  recent_quantity, recent_revenue, prior_revenue,
  recent_quantity / ${sqlNumber(p.windowDays)} AS velocity,
  recent_revenue < prior_revenue AS falling,
  last_sale IS NULL OR date_diff('day', last_sale, ${sqlDate(p.asOf)}) >= ${sqlNumber(p.noSalesDays)} AS no_recent_sales
FROM per_product WHERE sold_in_lookback
ORDER BY velocity, recent_revenue, product NULLS LAST`;
}

export async function querySlowMovers(db: SqlRunner, p: SlowMoverParams, signal?: AbortSignal): Promise<SlowMoverRow[]> {
  const rows = await db.query<Record<string, unknown>>(slowMoverSql(p), { signal });
  return rows.map((r) => ({
    product: (r.product as string | null) ?? null,
    category: (r.category as string | null) ?? null,
    lastSale: (r.last_sale as string | null) ?? null,
    daysSinceLastSale: r.days_since === null || r.days_since === undefined ? null : Number(r.days_since),
    recentQuantity: Number(r.recent_quantity),
    recentRevenue: Number(r.recent_revenue),
    priorRevenue: Number(r.prior_revenue),
    velocity: Number(r.velocity),
    falling: Boolean(r.falling),
    noRecentSales: Boolean(r.no_recent_sales),
  }));
}
