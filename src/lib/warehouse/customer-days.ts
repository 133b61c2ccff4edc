/**
 * Where customer queries (lifecycle, RFM, the overview KPIs, a rep's customers and orders) read their lines from.
 *
 * A prepared workspace (scripts/prepare-workspace.ts) carries `customer_days`: the lines summed per
 * date × customer × channel × region × rep × team × sign(amount) (lines without a customer too, for the
 * reps' totals), with `_lines` (how many lines), `_sales` and `_orders` (how many carry the order flags
 * `_sale_first`, `_order_first`) and `_returns` (return lines). Over it, every such query gives the lines'
 * numbers when its filters are on that grain: min/max dates, sums, "has a purchase" (amount > 0 picks whole
 * rows, as the sign is in the grain), line counts as sum(_lines), order counts by flag as sum(_sales) or
 * sum(_orders). Elsewhere, or with a product or category filter, the source is the lines, each with
 * `_lines` = 1 and, when flagged, `_sales` from its flag.
 */
import { FLAGGED_SALES } from './relations';
import type { Dimension } from '../model/schema';
import type { DimensionFilters } from '../model/where';

export const CUSTOMER_DAYS = 'customer_days';
export const CUSTOMER_DAYS_GRAIN = ['date', 'customer', 'channel', 'region', 'rep', 'team'] as const;
export const CUSTOMER_DAYS_SUMS = ['amount', 'quantity', 'cost', 'profit'] as const;
/** Line counts per row: lines, lines flagged `_sale_first` and `_order_first`, return lines (amount or quantity below 0). */
export const CUSTOMER_DAYS_COUNTS = ['_lines', '_sales', '_orders', '_returns'] as const;

/** True when `customer_days` answers a query with these filters (and this basis: gross is amount > 0, on the grain). */
export function customerDaysServe(filters: DimensionFilters): boolean {
  return (Object.keys(filters) as Dimension[]).every((d) => (filters[d]?.length ?? 0) === 0 || (CUSTOMER_DAYS_GRAIN as readonly string[]).includes(d));
}

/**
 * The source of a customer query: `customer_days` when the workspace has it (`rollup`) and serves the
 * filters, else the lines (`flagged`: from the flagged copy, with `_sales`; the caller counts orders by flag).
 */
export function customerLinesSource(filters: DimensionFilters, o: { rollup: boolean; flagged?: boolean }): string {
  if (o.rollup && customerDaysServe(filters)) return CUSTOMER_DAYS;
  return o.flagged ? `(SELECT *, 1 AS _lines, CAST(_sale_first AS INTEGER) AS _sales FROM ${FLAGGED_SALES})` : '(SELECT *, 1 AS _lines FROM sales)';
}

/** The exact customer-day rollup of canonical lines (`lines`: a table or view; `flagged`: it has the order flags, else their counts are 0). */
export function customerDaysSql(lines: string, flagged: boolean): string {
  const grain = CUSTOMER_DAYS_GRAIN.join(', ');
  const flag = (f: string) => (flagged ? `count(*) FILTER (WHERE ${f})` : '0');
  return `SELECT ${grain}, ${CUSTOMER_DAYS_SUMS.map((f) => `sum(${f}) AS ${f}`).join(', ')},
  CAST(count(*) AS INTEGER) AS _lines, CAST(${flag('_sale_first')} AS INTEGER) AS _sales, CAST(${flag('_order_first')} AS INTEGER) AS _orders,
  CAST(count(*) FILTER (WHERE amount < 0 OR quantity < 0) AS INTEGER) AS _returns, sign(amount) AS _amount_sign
FROM ${lines}
GROUP BY ${grain}, sign(amount)
ORDER BY date`;
}
