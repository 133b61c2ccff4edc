/**
 * RFM scoring of the customers who bought in the analysis window.
 * - recency R = days from the customer's last purchase to the analysis date
 *   (the window's end, i.e. the as-of date); frequency F = distinct orders
 *   (sales lines with amount > 0; a return is not an order; without an order
 *   id every sales line is an order); monetary M = net revenue in the window.
 * - Each is scored 1–5 by quintile: score = 1 + floor(5 × (rank − 1) / n),
 *   rank = the value's rank from worst to best among the n customers, where
 *   tied values share the lowest rank (SQL RANK()). So equal values always get
 *   the same score, and a tie takes the lower score. Best = most recent (fewest
 *   days), most orders, most revenue.
 * - Segments: the first matching rule of RFM_RULES (a table shown in the UI).
 */
import type { DateRange } from '../model/period';
import { moneyKey, sqlDate, sqlNumber, sqlString } from '../model/sql';
import { dateInRange, dimensionPredicates, whereClause, type DimensionFilters } from '../model/where';
import type { Basis } from '../model/view-state';
import { LINES_ONLY, orderCountFor, type Warehouse } from '../warehouse/sources';
import { customerLinesSource } from '../warehouse/customer-days';

export interface RfmParams {
  /** The window whose customers are scored; its end is the analysis date. */
  range: DateRange;
  filters: DimensionFilters;
  basis: Basis;
  hasOrderId: boolean;
  /** What the warehouse holds (warehouse/sources.ts): decides how orders are counted and whether `customer_days` serves. */
  warehouse?: Warehouse;
}

export const RFM_SEGMENTS = ['champions', 'loyal', 'new', 'promising', 'needAttention', 'atRisk', 'hibernating'] as const;
export type RfmSegment = (typeof RFM_SEGMENTS)[number];

type Bounds = [min: number, max: number];
export interface RfmRule {
  segment: RfmSegment;
  r: Bounds;
  f: Bounds;
  m: Bounds;
}

/** Evaluated top-down; the first rule whose R, F and M scores are all within bounds wins. The last rule catches the rest. */
export const RFM_RULES: RfmRule[] = [
  { segment: 'champions', r: [4, 5], f: [4, 5], m: [4, 5] },
  { segment: 'loyal', r: [3, 5], f: [4, 5], m: [1, 5] },
  { segment: 'new', r: [4, 5], f: [1, 1], m: [1, 5] },
  { segment: 'promising', r: [4, 5], f: [1, 3], m: [1, 5] },
  { segment: 'atRisk', r: [1, 2], f: [3, 5], m: [1, 5] },
  { segment: 'hibernating', r: [1, 2], f: [1, 2], m: [1, 5] },
  { segment: 'needAttention', r: [1, 5], f: [1, 5], m: [1, 5] },
];

export function rfmSegment(r: number, f: number, m: number): RfmSegment {
  const inside = (v: number, [lo, hi]: Bounds) => v >= lo && v <= hi;
  return (RFM_RULES.find((rule) => inside(r, rule.r) && inside(f, rule.f) && inside(m, rule.m)) ?? RFM_RULES[RFM_RULES.length - 1]).segment;
}

/** The same rule table as a SQL CASE over columns r, f, m. */
function segmentCaseSql(): string {
  const between = (col: string, [lo, hi]: Bounds) => `${col} BETWEEN ${sqlNumber(lo)} AND ${sqlNumber(hi)}`;
  const whens = RFM_RULES.map((rule) => `WHEN ${between('r', rule.r)} AND ${between('f', rule.f)} AND ${between('m', rule.m)} THEN ${sqlString(rule.segment)}`);
  return `CASE ${whens.join(' ')} ELSE ${sqlString(RFM_RULES[RFM_RULES.length - 1].segment)} END`;
}

/**
 * Every customer of the window (`per_customer`: recency, frequency, monetary,
 * purchases; also those with only returns), then the scores of those who
 * bought (`segmented`), as CTEs.
 */
export function rfmCtes(p: RfmParams): string {
  const asOf = sqlDate(p.range.end);
  const where = whereClause([...dimensionPredicates(p.filters, p.basis), dateInRange(p.range), 'customer IS NOT NULL']);
  const w = p.warehouse ?? LINES_ONLY;
  // Grouped on customer; `_sale_first` counts orders with a sale, so the gross basis drops none of them.
  const byFlag = p.hasOrderId && orderCountFor(w, { filters: p.filters, groupedOn: ['customer'] }) === 'flag';
  // Orders are lines (no order id) or counted by flag: sums over customer_days or the lines serve
  // (`_lines`, `_sales`); distinct order ids need the lines themselves.
  const summable = !p.hasOrderId || byFlag;
  const lines = summable
    ? `SELECT customer, date, amount, _lines${byFlag ? ', _sales' : ''} FROM ${customerLinesSource(p.filters, { rollup: w.customerDays, flagged: byFlag })} ${where}`
    : `SELECT customer, date, amount, 1 AS _lines, order_id FROM sales ${where}`;
  const frequency = byFlag ? 'sum(_sales)' : p.hasOrderId ? 'count(DISTINCT order_id) FILTER (WHERE amount > 0)' : 'sum(_lines) FILTER (WHERE amount > 0)';
  return `lines AS (${lines}),
per_customer AS MATERIALIZED (
  SELECT customer,
    date_diff('day', max(date) FILTER (WHERE amount > 0), ${asOf}) AS recency,
    coalesce(${frequency}, 0) AS frequency,
    sum(amount) AS monetary,
    strftime(max(date) FILTER (WHERE amount > 0), '%Y-%m-%d') AS last_order,
    coalesce(sum(_lines) FILTER (WHERE amount > 0), 0) AS purchases
  FROM lines GROUP BY customer
),
ranked AS (
  SELECT *, count(*) OVER () AS n,
    rank() OVER (ORDER BY recency DESC) AS r_rank,
    rank() OVER (ORDER BY frequency) AS f_rank,
    rank() OVER (ORDER BY ${moneyKey('monetary')}) AS m_rank
  FROM per_customer WHERE purchases > 0
),
scored AS (
  SELECT customer, recency, frequency, monetary, last_order,
    1 + floor(5 * (r_rank - 1) / n)::INTEGER AS r,
    1 + floor(5 * (f_rank - 1) / n)::INTEGER AS f,
    1 + floor(5 * (m_rank - 1) / n)::INTEGER AS m
  FROM ranked
),
segmented AS MATERIALIZED (SELECT *, ${segmentCaseSql()} AS segment FROM scored)`;
}

export interface RfmCustomer {
  customer: string;
  recency: number;
  frequency: number;
  monetary: number;
  lastOrder: string;
  r: number;
  f: number;
  m: number;
  segment: RfmSegment;
}

export interface RfmSegmentRow {
  segment: RfmSegment;
  customers: number;
  revenue: number;
  /** Share of the scored customers' revenue. */
  revenueShare: number | null;
  avgRecency: number;
  avgFrequency: number;
}

/**
 * After rfmCtes: `segments` (kind 'segment', over every scored customer) and
 * `listed` (kind 'customer': those matching `search`, largest first, at most
 * `limit`), as CTEs.
 */
export function rfmResultCtes(search = '', limit = 100): string {
  const filter = search.trim() ? `WHERE contains(lower(customer), lower(${sqlString(search.trim())}))` : '';
  return `segments AS (
  SELECT 'segment' AS kind, segment, count(*) AS customers, sum(monetary) AS revenue,
    sum(monetary) / nullif(sum(sum(monetary)) OVER (), 0) AS revenue_share,
    avg(recency) AS avg_recency, avg(frequency) AS avg_frequency
  FROM segmented GROUP BY segment
),
listed AS (
  SELECT 'customer' AS kind, *, row_number() OVER (ORDER BY ${moneyKey('monetary')} DESC, customer) AS position
  FROM segmented ${filter} ORDER BY ${moneyKey('monetary')} DESC, customer LIMIT ${sqlNumber(Math.max(1, Math.floor(limit)))}
)`;
}

export interface RfmResult {
  /** One row per segment in RFM_SEGMENTS order (empty segments included with zeros). */
  segments: RfmSegmentRow[];
  customers: RfmCustomer[];
}

/** Shapes the rows of `segments` and `listed` (told apart by kind; the list in position order). */
export function rfmFromRows(rows: Record<string, unknown>[]): RfmResult {
  const bySegment = new Map(rows.filter((r) => r.kind === 'segment').map((r) => [r.segment as RfmSegment, r]));
  const segments = RFM_SEGMENTS.map((segment) => {
    const r = bySegment.get(segment);
    return {
      segment,
      customers: Number(r?.customers ?? 0),
      revenue: Number(r?.revenue ?? 0),
      revenueShare: r?.revenue_share === null || r?.revenue_share === undefined ? null : Number(r.revenue_share),
      avgRecency: Number(r?.avg_recency ?? 0),
      avgFrequency: Number(r?.avg_frequency ?? 0),
    };
  });
  const customers = rows
    .filter((r) => r.kind === 'customer')
    .map((r) => ({
      customer: String(r.customer),
      recency: Number(r.recency),
      frequency: Number(r.frequency),
      monetary: Number(r.monetary),
      lastOrder: String(r.last_order),
      r: Number(r.r),
      f: Number(r.f),
      m: Number(r.m),
      segment: r.segment as RfmSegment,
    }));
  return { segments, customers };
}
