/**
 * Which physical relation serves a query: decided here, from what the open workspace's warehouse holds
 * (`Warehouse`) and what the query needs, never by a view. Analyses take the `Warehouse` and ask:
 *
 * - how to count orders (`orderCountFor`): by a flag instead of distinct order ids. The compacted copy of
 *   a loaded file and a prepared workspace's lines (`sales_flagged`) flag one line per order: `_order_first`
 *   (its first line) and `_sale_first` (its first line with amount > 0). Counting flagged lines gives the
 *   distinct-order count exactly when nothing in the query can split an order: the date range, every
 *   filtered dimension and every column grouped on must be constant within orders (`orderConstant`,
 *   measured after the compaction), and the query must not drop some of an order's lines (the gross basis
 *   drops return lines, so `_order_first` may be one of them). `count(DISTINCT order_id)` costs ~70 ms per
 *   million rows in DuckDB-WASM; a flag count costs a few;
 * - whether `customer_days` serves it (customer-days.ts customerDaysServe), when the workspace has one;
 * - which relation a sum reads (`sumsSource`): `sales_rollup`, which every workspace has, unless customers matter.
 */
import type { Dimension } from '../model/schema';
import type { DimensionFilters } from '../model/where';
import { SALES_ROLLUP } from './relations';

export interface Warehouse {
  /** Date and the dimensions that never vary within an order; null while the lines carry no order flags. */
  orderConstant: readonly string[] | null;
  /** The workspace has `customer_days` (a prepared one). */
  customerDays: boolean;
}

/** Lines only: no order flags, no customer_days (a file just loaded, before its compaction). */
export const LINES_ONLY: Warehouse = { orderConstant: null, customerDays: false };

export type OrderCount = 'distinct' | 'flag';

/** 'flag' when counting flagged lines is exact for this query (see above), else 'distinct'. */
export function orderCountFor(w: Warehouse, q: { filters: DimensionFilters; groupedOn?: readonly Dimension[]; dropsLines?: boolean }): OrderCount {
  const constant = w.orderConstant;
  if (!constant || !constant.includes('date') || q.dropsLines) return 'distinct';
  const filtered = (Object.keys(q.filters) as Dimension[]).filter((d) => (q.filters[d]?.length ?? 0) > 0);
  return [...filtered, ...(q.groupedOn ?? [])].every((d) => constant.includes(d)) ? 'flag' : 'distinct';
}

/**
 * Where a query that only sums money and quantities reads from: `sales_rollup`, whose sums equal the
 * lines' for any date range and any filter on the dimensions it keeps. In a prepared workspace
 * (scripts/prepare-workspace.ts) it is the exact daily rollup, far fewer rows than the lines; elsewhere
 * it is the lines themselves. It has no customer, so a query that filters or groups on customers reads `sales`.
 */
export function sumsSource(filters: DimensionFilters, grouped: readonly string[] = []): string {
  return (filters.customer?.length ?? 0) > 0 || grouped.includes('customer') ? 'sales' : SALES_ROLLUP;
}
