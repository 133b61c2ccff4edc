/**
 * Customer concentration: how much of the revenue depends on a few customers.
 * - top-10 share = net revenue of the 10 largest customers / total net revenue;
 * - HHI = Σ sᵢ² × 10 000 over customers, sᵢ = customer revenue / total
 *   (0 … 10 000; above 2 500 = highly concentrated). Customers whose net
 *   revenue is ≤ 0 (only returns in the period) count in the total but get
 *   share 0 in the HHI, so a share is never negative.
 * - Pareto: customers ranked by revenue, cumulative share; "x % of customers
 *   make 80 % of revenue" = the smallest rank whose cumulative share ≥ 80 %.
 * Pure: params → SQL → typed rows.
 */
import type { SqlRunner } from '../engine/types';
import type { DateRange } from '../model/period';
import { sqlNumber } from '../model/sql';
import { dateInRange, dimensionPredicates, whereClause, type DimensionFilters } from '../model/where';
import type { Basis } from '../model/view-state';

export interface CustomerRangeParams {
  range: DateRange;
  filters: DimensionFilters;
  basis: Basis;
}

export interface Concentration {
  customers: number;
  revenue: number;
  top10Revenue: number;
  /** null when the total is not positive. */
  top10Share: number | null;
  hhi: number | null;
  /** Customers needed to reach 80 % of revenue (0 when revenue ≤ 0). */
  customersFor80: number;
}

export interface ParetoPoint {
  rank: number;
  customer: string;
  revenue: number;
  /** Cumulative share of revenue up to and including this customer. */
  cumShare: number;
}

/** Per-customer revenue in the range, ranked (revenue desc, then name so ties are stable). */
function rankedSql(p: CustomerRangeParams): string {
  return `SELECT customer, sum(amount) AS revenue,
    row_number() OVER (ORDER BY sum(amount) DESC, customer) AS rank
  FROM sales ${whereClause([...dimensionPredicates(p.filters, p.basis), dateInRange(p.range), 'customer IS NOT NULL'])}
  GROUP BY customer`;
}

export function concentrationSql(p: CustomerRangeParams): string {
  return `WITH ranked AS (${rankedSql(p)}),
totals AS (SELECT count(*) AS customers, coalesce(sum(revenue), 0) AS revenue FROM ranked),
cum AS (SELECT rank, sum(revenue) OVER (ORDER BY rank) AS cum FROM ranked)
SELECT t.customers, t.revenue,
  coalesce((SELECT sum(revenue) FROM ranked WHERE rank <= 10), 0) AS top10_revenue,
  CASE WHEN t.revenue > 0 THEN (SELECT sum(power(greatest(revenue, 0) / t.revenue, 2)) * 10000 FROM ranked) END AS hhi,
  CASE WHEN t.revenue > 0 THEN coalesce((SELECT min(rank) FROM cum WHERE cum >= 0.8 * t.revenue), t.customers) ELSE 0 END AS customers_for_80
FROM totals t`;
}

export async function queryConcentration(db: SqlRunner, p: CustomerRangeParams, signal?: AbortSignal): Promise<Concentration> {
  const [row] = await db.query<{ customers: number; revenue: number; top10_revenue: number; hhi: number | null; customers_for_80: number }>(
    concentrationSql(p),
    { signal },
  );
  const revenue = Number(row?.revenue ?? 0);
  const top10Revenue = Number(row?.top10_revenue ?? 0);
  return {
    customers: Number(row?.customers ?? 0),
    revenue,
    top10Revenue,
    top10Share: revenue > 0 ? top10Revenue / revenue : null,
    hhi: row?.hhi === null || row?.hhi === undefined ? null : Number(row.hhi),
    customersFor80: Number(row?.customers_for_80 ?? 0),
  };
}

/**
 * The Pareto curve, thinned to about `maxPoints` points (every k-th rank plus
 * the first 20 customers and the last one) so a chart stays light with many customers.
 */
export function paretoSql(p: CustomerRangeParams, maxPoints = 200): string {
  return `WITH ranked AS (${rankedSql(p)}),
n AS (SELECT count(*) AS n, sum(revenue) AS total FROM ranked)
SELECT r.rank, r.customer, r.revenue, sum(r.revenue) OVER (ORDER BY r.rank) / nullif(n.total, 0) AS cum_share, n.n
FROM ranked r, n
QUALIFY r.rank <= 20 OR r.rank = n.n OR r.rank % greatest(1, ceil(n.n / ${sqlNumber(maxPoints)})::BIGINT) = 0
ORDER BY r.rank`;
}

export async function queryPareto(db: SqlRunner, p: CustomerRangeParams, signal?: AbortSignal, maxPoints = 200): Promise<{ points: ParetoPoint[]; customers: number }> {
  const rows = await db.query<{ rank: number; customer: string; revenue: number; cum_share: number | null; n: number }>(paretoSql(p, maxPoints), { signal });
  return {
    points: rows.map((r) => ({ rank: Number(r.rank), customer: r.customer, revenue: Number(r.revenue), cumShare: Number(r.cum_share ?? 0) })),
    customers: Number(rows[0]?.n ?? 0),
  };
}
