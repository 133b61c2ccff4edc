/**
 * Performance by member of a dimension (product, category, channel, …):
 * revenue, quantity and profit in the current period, and revenue in the
 * previous period and the same period last year, for growth.
 * Pure: params → SQL → typed rows.
 */
import type { SqlRunner } from '../engine/types';
import type { DateRange } from '../model/period';
import type { Dimension } from '../model/schema';
import { sqlIdent } from '../model/sql';
import { dateInRange, dimensionPredicates, whereClause, type DimensionFilters } from '../model/where';
import { sumsSource } from '../warehouse/sources';
import type { Basis } from '../model/view-state';

export interface PerformanceParams {
  dim: Dimension;
  current: DateRange;
  /** null: not compared (e.g. the whole history has nothing before it); previous and lastYear are then 0. */
  previous: DateRange | null;
  lastYear: DateRange | null;
  filters: DimensionFilters;
  basis: Basis;
  /** Adds each member's category (for products); needs a mapped category. */
  withCategory?: boolean;
}

export interface PerformanceRow {
  member: string | null;
  category: string | null;
  revenue: number;
  quantity: number;
  profit: number;
  previous: number;
  lastYear: number;
}

export function performanceSql(p: PerformanceParams): string {
  const cur = dateInRange(p.current);
  const compared = [p.previous, p.lastYear].filter((r): r is DateRange => r !== null).map((r) => dateInRange(r));
  const revenueIn = (range: DateRange | null) => (range ? `coalesce(sum(amount) FILTER (WHERE ${dateInRange(range)}), 0)` : '0');
  return `SELECT ${sqlIdent(p.dim)} AS member,
  ${p.withCategory ? 'min(category)' : 'NULL'} AS category,
  coalesce(sum(amount) FILTER (WHERE ${cur}), 0) AS revenue,
  coalesce(sum(quantity) FILTER (WHERE ${cur}), 0) AS quantity,
  coalesce(sum(profit) FILTER (WHERE ${cur}), 0) AS profit,
  ${revenueIn(p.previous)} AS previous,
  ${revenueIn(p.lastYear)} AS last_year
FROM ${sumsSource(p.filters, [p.dim])} ${whereClause([...dimensionPredicates(p.filters, p.basis), `(${[cur, ...compared].join(' OR ')})`])}
GROUP BY 1
ORDER BY revenue DESC, member NULLS LAST`;
}

export async function queryPerformance(db: SqlRunner, p: PerformanceParams, signal?: AbortSignal): Promise<PerformanceRow[]> {
  const rows = await db.query<Record<string, unknown>>(performanceSql(p), { signal });
  return rows.map((r) => ({
    member: (r.member as string | null) ?? null,
    category: (r.category as string | null) ?? null,
    revenue: Number(r.revenue),
    quantity: Number(r.quantity),
    profit: Number(r.profit),
    previous: Number(r.previous),
    lastYear: Number(r.last_year),
  }));
}

/** profit / revenue, or null without revenue. */
export function marginOf(r: { revenue: number; profit: number }): number | null {
  return r.revenue !== 0 ? r.profit / r.revenue : null;
}
