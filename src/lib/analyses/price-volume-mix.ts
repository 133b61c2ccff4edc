/**
 * Price–volume–mix: splits the revenue change between a base period (0) and
 * a current period (1) at product level into effects that add up to the
 * change exactly.
 *
 * Products sold in both periods (net quantity > 0 in each) are "continuing";
 * for them, with q = net quantity, r = net revenue, p = r / q (average net
 * price), Q = Σq, s = q / Q (quantity share), P̄0 = R0 / Q0:
 *   volume = (Q1 − Q0) · P̄0              per product: (Q1 − Q0) · r0 / Q0
 *   mix    = Σ (s1 − s0) · Q1 · p0        per product: (q1 − Q1 · s0) · p0
 *   price  = Σ (p1 − p0) · q1             per product: r1 − q1 · p0
 * and volume + mix + price = R1 − R0 over continuing products (each
 * product's three effects add up to its own r1 − r0).
 * New products (net quantity ≤ 0 in the base, > 0 now) contribute their
 * r1 − r0 as "new"; products with net quantity ≤ 0 now contribute r1 − r0
 * as "discontinued". So volume + mix + price + new + discontinued = total
 * revenue change, whatever the product sets are.
 */
import type { SqlRunner } from '../engine/types';
import type { DateRange } from '../model/period';
import { dateInRange, dimensionPredicates, whereClause, type DimensionFilters } from '../model/where';
import { sumsSource } from '../warehouse/sources';
import type { Basis } from '../model/view-state';

export interface PvmParams {
  base: DateRange;
  current: DateRange;
  filters: DimensionFilters;
  basis: Basis;
}

export type PvmStatus = 'continuing' | 'new' | 'discontinued';

export interface PvmProductRow {
  product: string | null;
  status: PvmStatus;
  r0: number;
  r1: number;
  q0: number;
  q1: number;
  volume: number;
  mix: number;
  price: number;
}

export interface PvmResult {
  r0: number;
  r1: number;
  change: number;
  volume: number;
  mix: number;
  price: number;
  newProducts: number;
  discontinued: number;
  products: PvmProductRow[];
}

export function pvmSql(p: PvmParams): string {
  const b = dateInRange(p.base);
  const c = dateInRange(p.current);
  return `WITH per_product AS (
  SELECT product,
    coalesce(sum(amount) FILTER (WHERE ${b}), 0) AS r0,
    coalesce(sum(amount) FILTER (WHERE ${c}), 0) AS r1,
    coalesce(sum(quantity) FILTER (WHERE ${b}), 0) AS q0,
    coalesce(sum(quantity) FILTER (WHERE ${c}), 0) AS q1
  FROM ${sumsSource(p.filters)} ${whereClause([...dimensionPredicates(p.filters, p.basis), `(${b} OR ${c})`])}
  GROUP BY 1
), classified AS (
  SELECT *, CASE WHEN q1 <= 0 THEN 'discontinued' WHEN q0 <= 0 THEN 'new' ELSE 'continuing' END AS status
  FROM per_product
), totals AS (
  SELECT sum(q0) FILTER (WHERE status = 'continuing') AS big_q0,
         sum(q1) FILTER (WHERE status = 'continuing') AS big_q1
  FROM classified
)
SELECT product, status, r0, r1, q0, q1,
  CASE WHEN status = 'continuing' THEN (big_q1 - big_q0) * r0 / big_q0 ELSE 0 END AS volume,
  CASE WHEN status = 'continuing' THEN (q1 - big_q1 * q0 / big_q0) * (r0 / q0) ELSE 0 END AS mix,
  CASE WHEN status = 'continuing' THEN r1 - q1 * (r0 / q0) ELSE 0 END AS price
FROM classified, totals
ORDER BY abs(r1 - r0) DESC, product NULLS LAST`;
}

export async function queryPvm(db: SqlRunner, p: PvmParams, signal?: AbortSignal): Promise<PvmResult> {
  const rows = await db.query<Record<string, unknown>>(pvmSql(p), { signal });
  const products: PvmProductRow[] = rows.map((r) => ({
    product: (r.product as string | null) ?? null,
    status: r.status as PvmStatus,
    r0: Number(r.r0),
    r1: Number(r.r1),
    q0: Number(r.q0),
    q1: Number(r.q1),
    volume: Number(r.volume),
    mix: Number(r.mix),
    price: Number(r.price),
  }));
  return summarisePvm(products);
}

/** Totals of the per-product effects; new/discontinued products count as their whole change. */
export function summarisePvm(products: PvmProductRow[]): PvmResult {
  const total = (pick: (r: PvmProductRow) => number, status?: PvmStatus) =>
    products.filter((r) => !status || r.status === status).reduce((s, r) => s + pick(r), 0);
  const r0 = total((r) => r.r0);
  const r1 = total((r) => r.r1);
  return {
    r0,
    r1,
    change: r1 - r0,
    volume: total((r) => r.volume, 'continuing'),
    mix: total((r) => r.mix, 'continuing'),
    price: total((r) => r.price, 'continuing'),
    newProducts: total((r) => r.r1 - r.r0, 'new'),
    discontinued: total((r) => r.r1 - r.r0, 'discontinued'),
    products,
  };
}
