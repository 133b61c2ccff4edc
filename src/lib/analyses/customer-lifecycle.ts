/**
 * Customer lifecycle: new vs returning customers per month, churned
 * customers with the revenue at risk, cohort retention, and one customer's
 * history. A purchase is a sales line with amount > 0 (returns are not
 * purchases); revenue is net (returns included) unless the basis is gross.
 * A customer's first purchase is their first in all the loaded data that
 * matches the dimension filters (not only in the selected period).
 */
import type { SqlRunner } from '../engine/types';
import { addDays, addMonths, monthsInRange, monthStart, type DateRange } from '../model/period';
import { moneyKey, sqlDate, sqlNumber, sqlString, isoDate, SALES_MONTH } from '../model/sql';
import { dateInRange, dimensionPredicates, whereClause, type DimensionFilters } from '../model/where';
import type { Basis } from '../model/view-state';
import { customerLinesSource } from '../warehouse/customer-days';
import { LINES_ONLY, type Warehouse } from '../warehouse/sources';

export interface LifecycleParams {
  filters: DimensionFilters;
  basis: Basis;
  /** What the warehouse holds (warehouse/sources.ts): decides how orders are counted and whether `customer_days` serves. */
  warehouse?: Warehouse;
}

/** Where the per-customer sums come from (`customer_days`, or the lines). */
function linesOf(p: LifecycleParams): string {
  return customerLinesSource(p.filters, { rollup: (p.warehouse ?? LINES_ONLY).customerDays });
}

function salesWhere(p: LifecycleParams, extra: string[] = []): string {
  return whereClause([...dimensionPredicates(p.filters, p.basis), 'customer IS NOT NULL', ...extra]);
}

// ---------------------------------------------------------------- new vs returning

export interface NewReturningRow {
  month: string;
  /** Customers whose first purchase is in this month. */
  newCustomers: number;
  /** Customers buying this month whose first purchase was in an earlier month. */
  returningCustomers: number;
  newRevenue: number;
  returningRevenue: number;
}

/** Each customer's first purchase month (in all the data matching the filters). */
function firstsCte(p: LifecycleParams): string {
  return `firsts AS MATERIALIZED (
  SELECT customer, date_trunc('month', min(date)) AS first_month FROM ${linesOf(p)} ${salesWhere(p, ['amount > 0'])} GROUP BY customer
)`;
}

/** CTEs `monthly` and `new_returning` (month, new_customers, …), over `firsts`. */
function newReturningCtes(p: LifecycleParams, window: DateRange): string {
  return `monthly AS (
  SELECT customer, date_trunc('month', date) AS month, sum(amount) AS revenue, sum(_lines) FILTER (WHERE amount > 0) AS purchases
  FROM ${linesOf(p)} ${salesWhere(p, [dateInRange(window)])} GROUP BY ALL
),
new_returning AS (
  SELECT m.month,
    count(*) FILTER (WHERE m.purchases > 0 AND f.first_month = m.month) AS new_customers,
    count(*) FILTER (WHERE m.purchases > 0 AND f.first_month < m.month) AS returning_customers,
    coalesce(sum(m.revenue) FILTER (WHERE f.first_month = m.month), 0) AS new_revenue,
    coalesce(sum(m.revenue) FILTER (WHERE f.first_month IS NULL OR f.first_month < m.month), 0) AS returning_revenue
  FROM monthly m LEFT JOIN firsts f USING (customer)
  GROUP BY m.month
)`;
}

// ---------------------------------------------------------------- churn

/** #/customers' default: churned = no purchase in the 90 days to the as-of date. */
export const DEFAULT_CHURN_DAYS = 90;

export interface ChurnParams extends LifecycleParams {
  asOf: string;
  /** A customer is churned when their last purchase is more than this many days before the as-of date. */
  days: number;
}

/** The 12 months up to and including the as-of date: the active base and the revenue at risk. */
export function churnBaseWindow(asOf: string): DateRange {
  return { start: addDays(addMonths(asOf, -12), 1), end: asOf };
}

export interface ChurnedCustomer {
  customer: string;
  lastPurchase: string;
  daysSince: number;
  /** Net revenue in the 12 months to the as-of date. */
  revenueAtRisk: number;
}

export interface ChurnSummary {
  /** Customers with a purchase in the 12 months to the as-of date. */
  activeBase: number;
  churned: number;
  churnRate: number | null;
  revenueAtRisk: number;
  /** Revenue of the whole base in the 12 months, for the share at risk. */
  baseRevenue: number;
}

/**
 * Churned = bought in the 12 months to the as-of date (the active base) but
 * not in the last `days` days: as-of − last purchase > days.
 */
function churnCte(p: ChurnParams): string {
  const base = churnBaseWindow(p.asOf);
  return `per_customer AS (
  SELECT customer, max(date) FILTER (WHERE amount > 0) AS last_purchase, sum(amount) AS revenue
  FROM ${linesOf(p)} ${salesWhere(p, [dateInRange(base)])} GROUP BY customer
  HAVING sum(_lines) FILTER (WHERE amount > 0) > 0
),
flagged AS MATERIALIZED (SELECT *, date_diff('day', last_purchase, ${sqlDate(p.asOf)}) AS days_since,
  date_diff('day', last_purchase, ${sqlDate(p.asOf)}) > ${sqlNumber(Math.floor(p.days))} AS churned FROM per_customer)`;
}

/** The summary and the churned customers (largest revenue at risk first, at most `limit`) in one pass: the summary on every row, and one row with a null customer when none churned. */
export function churnSql(p: ChurnParams, limit = 200): string {
  return `WITH ${churnCte(p)},
summary AS (
  SELECT count(*) AS active_base, count(*) FILTER (WHERE churned) AS churned,
    coalesce(sum(revenue) FILTER (WHERE churned), 0) AS revenue_at_risk, coalesce(sum(revenue), 0) AS base_revenue
  FROM flagged
),
listed AS (
  SELECT customer, last_purchase, days_since, revenue FROM flagged WHERE churned
  ORDER BY ${moneyKey('revenue')} DESC, customer LIMIT ${sqlNumber(Math.max(1, Math.floor(limit)))}
)
SELECT s.*, l.customer, strftime(l.last_purchase, '%Y-%m-%d') AS last_purchase, l.days_since, l.revenue AS customer_revenue_at_risk
FROM summary s LEFT JOIN listed l ON true
ORDER BY ${moneyKey('l.revenue')} DESC, l.customer`;
}

export async function queryChurn(db: SqlRunner, p: ChurnParams, signal?: AbortSignal, limit = 200): Promise<{ summary: ChurnSummary; customers: ChurnedCustomer[] }> {
  const rows = await db.query<Record<string, unknown>>(churnSql(p, limit), { signal });
  const s = rows[0];
  const activeBase = Number(s?.active_base ?? 0);
  const churned = Number(s?.churned ?? 0);
  return {
    summary: {
      activeBase,
      churned,
      churnRate: activeBase > 0 ? churned / activeBase : null,
      revenueAtRisk: Number(s?.revenue_at_risk ?? 0),
      baseRevenue: Number(s?.base_revenue ?? 0),
    },
    customers: rows
      .filter((r) => r.customer !== null && r.customer !== undefined)
      .map((r) => ({
        customer: String(r.customer),
        lastPurchase: String(r.last_purchase),
        daysSince: Number(r.days_since),
        revenueAtRisk: Number(r.customer_revenue_at_risk),
      })),
  };
}

// ---------------------------------------------------------------- cohorts

export interface CohortCell {
  /** First-purchase month (first day). */
  cohort: string;
  /** Months since the cohort month (0 = the first month, always 100 %). */
  k: number;
  size: number;
  customers: number;
  share: number;
}

/**
 * Cohorts = customers by first-purchase month, for first months in
 * [cohortsFrom, until]; share at k = customers of the cohort purchasing in
 * month cohort + k / cohort size. Months after `until` are not counted.
 * CTEs ending in `cohort_cells` (cohort, k, size, customers, share), over `firsts`.
 */
function cohortCtes(p: LifecycleParams, cohorts: DateRange): string {
  const from = sqlDate(monthStart(cohorts.start));
  const until = sqlDate(cohorts.end);
  return `members AS (SELECT customer, first_month AS cohort FROM firsts WHERE first_month BETWEEN ${from} AND ${until}),
sizes AS (SELECT cohort, count(*) AS size FROM members GROUP BY cohort),
activity AS (
  SELECT DISTINCT customer, date_trunc('month', date) AS month FROM ${linesOf(p)}
  ${salesWhere(p, ['amount > 0', `date >= ${from}`, `date <= ${until}`])}
),
cohort_cells AS (
  SELECT m.cohort, date_diff('month', m.cohort, a.month) AS k, s.size, count(*) AS customers, count(*) / s.size AS share
  FROM members m JOIN activity a USING (customer) JOIN sizes s USING (cohort)
  GROUP BY m.cohort, a.month, s.size
)`;
}

/**
 * New vs returning customers per month of `trend`, and the cohorts whose
 * first month is in `cohorts`: one query, since both start from every
 * customer's first purchase. Rows of both, told apart by `kind`.
 */
export function lifecycleSql(p: LifecycleParams, trend: DateRange, cohorts: DateRange): string {
  return `WITH ${firstsCte(p)},
${newReturningCtes(p, trend)},
${cohortCtes(p, cohorts)}
SELECT 'month' AS kind, ${isoDate('month')} AS month, new_customers, returning_customers, new_revenue, returning_revenue FROM new_returning
UNION ALL BY NAME
SELECT 'cohort' AS kind, ${isoDate('cohort')} AS cohort, k, size, customers, share FROM cohort_cells
ORDER BY kind, month, cohort, k`;
}

export interface Lifecycle {
  newReturning: NewReturningRow[];
  cohorts: CohortCell[];
}

export async function queryLifecycle(db: SqlRunner, p: LifecycleParams, trend: DateRange, cohorts: DateRange, signal?: AbortSignal): Promise<Lifecycle> {
  const rows = await db.query<Record<string, unknown>>(lifecycleSql(p, trend, cohorts), { signal });
  return {
    newReturning: rows
      .filter((r) => r.kind === 'month')
      .map((r) => ({
        month: String(r.month),
        newCustomers: Number(r.new_customers),
        returningCustomers: Number(r.returning_customers),
        newRevenue: Number(r.new_revenue),
        returningRevenue: Number(r.returning_revenue),
      })),
    cohorts: rows
      .filter((r) => r.kind === 'cohort')
      .map((r) => ({ cohort: String(r.cohort), k: Number(r.k), size: Number(r.size), customers: Number(r.customers), share: Number(r.share) })),
  };
}

// ---------------------------------------------------------------- one customer

export interface CustomerMonth {
  month: string;
  revenue: number;
  orders: number;
}

export interface CustomerOrder {
  orderId: string | null;
  date: string;
  revenue: number;
  lines: number;
}

export function customerMonthsSql(p: LifecycleParams, customer: string, hasOrderId: boolean): string {
  return `SELECT ${isoDate(SALES_MONTH)} AS month, sum(amount) AS revenue,
  ${hasOrderId ? 'count(DISTINCT order_id) FILTER (WHERE amount > 0)' : 'count(*) FILTER (WHERE amount > 0)'} AS orders
FROM sales ${salesWhere(p, [`customer = ${sqlString(customer)}`])} GROUP BY ${SALES_MONTH} ORDER BY 1`;
}

export function customerOrdersSql(p: LifecycleParams, customer: string, hasOrderId: boolean, limit = 100): string {
  const group = hasOrderId ? 'order_id' : 'date';
  return `SELECT ${hasOrderId ? 'order_id' : 'NULL'} AS order_id, strftime(min(date), '%Y-%m-%d') AS date, sum(amount) AS revenue, count(*) AS lines
FROM sales ${salesWhere(p, [`customer = ${sqlString(customer)}`])} GROUP BY ${group} ORDER BY min(date) DESC, ${group} DESC LIMIT ${sqlNumber(limit)}`;
}

export async function queryCustomerHistory(
  db: SqlRunner,
  p: LifecycleParams,
  customer: string,
  hasOrderId: boolean,
  signal?: AbortSignal,
): Promise<{ months: CustomerMonth[]; orders: CustomerOrder[] }> {
  const [months, orders] = await Promise.all([
    db.query<Record<string, unknown>>(customerMonthsSql(p, customer, hasOrderId), { signal }),
    db.query<Record<string, unknown>>(customerOrdersSql(p, customer, hasOrderId), { signal }),
  ]);
  return {
    months: fillMonths(months.map((r) => ({ month: String(r.month), revenue: Number(r.revenue), orders: Number(r.orders) }))),
    orders: orders.map((r) => ({ orderId: r.order_id === null ? null : String(r.order_id), date: String(r.date), revenue: Number(r.revenue), lines: Number(r.lines) })),
  };
}

/** Every month from the first to the last, months without purchases as zeros (so gaps show in the chart). */
export function fillMonths(months: CustomerMonth[]): CustomerMonth[] {
  if (months.length === 0) return [];
  const byMonth = new Map(months.map((m) => [m.month, m]));
  return monthsInRange({ start: months[0].month, end: months[months.length - 1].month }).map((month) => byMonth.get(month) ?? { month, revenue: 0, orders: 0 });
}
