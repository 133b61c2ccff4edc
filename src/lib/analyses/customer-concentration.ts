/**
 * Customer concentration: how much of the revenue depends on a few customers.
 * - top-10 share = net revenue of the 10 largest customers / total net revenue;
 * - HHI = Σ sᵢ² × 10 000 over customers, sᵢ = customer revenue / total
 *   (0 … 10 000; above 2 500 = highly concentrated). Customers whose net
 *   revenue is ≤ 0 (only returns in the period) count in the total but get
 *   share 0 in the HHI, so a share is never negative.
 * - Pareto: customers ranked by revenue, cumulative share; "x % of customers
 *   make 80 % of revenue" = the smallest rank whose cumulative share ≥ 80 %.
 * Pure: SQL building and row shaping; customer-ranking.ts runs it.
 */
import { moneyKey, sqlNumber } from '../model/sql';

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

/**
 * Concentration and the Pareto curve over `source` (customer, revenue: every
 * customer of the period), as CTEs ending in `pareto_rows`: one row per
 * Pareto point, each carrying the concentration figures; a single row with a
 * null rank when there is no customer. The curve is thinned to about
 * `maxPoints` points (every k-th rank plus the first 20 customers and the
 * last one) so a chart stays light with many customers.
 */
export function concentrationCtes(source: string, maxPoints = 200): string {
  return `revenue_ranked AS (SELECT customer, revenue, row_number() OVER (ORDER BY ${moneyKey('revenue')} DESC, customer) AS rank FROM ${source}),
cum AS (SELECT rank, customer, revenue, sum(revenue) OVER (ORDER BY rank) AS cum FROM revenue_ranked),
totals AS (
  SELECT count(*) AS customers, coalesce(sum(revenue), 0) AS revenue,
    coalesce(sum(revenue) FILTER (WHERE rank <= 10), 0) AS top10_revenue,
    sum(power(greatest(revenue, 0), 2)) AS sum_squares
  FROM revenue_ranked
),
reach80 AS (SELECT min(c.rank) AS rank FROM cum c, totals t WHERE c.cum >= 0.8 * t.revenue),
pareto_rows AS (
  SELECT t.customers, t.revenue, t.top10_revenue,
    CASE WHEN t.revenue > 0 THEN t.sum_squares / (t.revenue * t.revenue) * 10000 END AS hhi,
    CASE WHEN t.revenue > 0 THEN coalesce(r.rank, t.customers) ELSE 0 END AS customers_for_80,
    c.rank, c.customer, c.revenue AS customer_revenue, c.cum / nullif(t.revenue, 0) AS cum_share
  FROM totals t CROSS JOIN reach80 r
  LEFT JOIN cum c ON c.rank <= 20 OR c.rank = t.customers OR c.rank % greatest(1, ceil(t.customers / ${sqlNumber(maxPoints)})::BIGINT) = 0
)`;
}

export interface ConcentrationResult {
  concentration: Concentration;
  pareto: { points: ParetoPoint[]; customers: number };
}

/** Shapes the rows of `pareto_rows` (in rank order). */
export function concentrationFromRows(rows: Record<string, unknown>[]): ConcentrationResult {
  const row = rows[0];
  const revenue = Number(row?.revenue ?? 0);
  const top10Revenue = Number(row?.top10_revenue ?? 0);
  const customers = Number(row?.customers ?? 0);
  return {
    concentration: {
      customers,
      revenue,
      top10Revenue,
      top10Share: revenue > 0 ? top10Revenue / revenue : null,
      hhi: row?.hhi === null || row?.hhi === undefined ? null : Number(row.hhi),
      customersFor80: Number(row?.customers_for_80 ?? 0),
    },
    pareto: {
      points: rows
        .filter((r) => r.rank !== null && r.rank !== undefined)
        .map((r) => ({ rank: Number(r.rank), customer: String(r.customer), revenue: Number(r.customer_revenue), cumShare: Number(r.cum_share ?? 0) })),
      customers,
    },
  };
}
