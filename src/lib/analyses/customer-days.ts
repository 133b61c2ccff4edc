/**
 * Where customer queries (lifecycle, RFM, a rep's customers and orders) read their lines from.
 *
 * A prepared workspace (scripts/prepare-workspace.ts) carries `customer_days`: the lines summed per
 * date × customer × channel × region × rep × team × sign(amount) (lines without a customer too, for the
 * reps' totals), with `_lines` (how many
 * lines) and `_sales` (how many carry the order flag `_sale_first`). Over it, every customer query gives
 * the lines' numbers when its filters are on that grain: min/max dates, sums, "has a purchase"
 * (amount > 0 picks whole rows, as the sign is in the grain), line counts as sum(_lines) and order counts
 * by flag as sum(_sales). Elsewhere, or with a product or category filter, the source is the lines, each
 * with `_lines` = 1 and, when flagged, `_sales` from its flag.
 */
import { FLAGGED_SALES } from '../load/sales-table';
import type { Dimension } from '../model/schema';
import type { DimensionFilters } from '../model/where';

export const CUSTOMER_DAYS = 'customer_days';
export const CUSTOMER_DAYS_GRAIN = ['date', 'customer', 'channel', 'region', 'rep', 'team'] as const;
export const CUSTOMER_DAYS_SUMS = ['amount', 'profit'] as const;

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

/** The exact customer-day rollup of canonical lines (`lines`: a table or view; `flagged`: it has `_sale_first`, else `_sales` is 0). */
export function customerDaysSql(lines: string, flagged: boolean): string {
  const grain = CUSTOMER_DAYS_GRAIN.join(', ');
  const sales = flagged ? 'count(*) FILTER (WHERE _sale_first)' : '0';
  return `SELECT ${grain}, ${CUSTOMER_DAYS_SUMS.map((f) => `sum(${f}) AS ${f}`).join(', ')},
  CAST(count(*) AS INTEGER) AS _lines, CAST(${sales} AS INTEGER) AS _sales, sign(amount) AS _amount_sign
FROM ${lines}
GROUP BY ${grain}, sign(amount)
ORDER BY date`;
}
