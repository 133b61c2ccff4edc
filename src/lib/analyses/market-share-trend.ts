/**
 * Our market share per region and month: our net sales over the market size
 * (`market_size(period, region, amount)`, monthly, as in the sample
 * workspace). Whole months that overlap the period are compared, and only
 * months with a market estimate count (research lags the sales).
 * Market size covers every category and channel, so only the region filter
 * applies: a category filter would compare a part of our sales with the whole market.
 */
import { sumsSource } from '../warehouse/sources';
import type { SqlRunner } from '../engine/types';
import { monthStart, type DateRange } from '../model/period';
import { sqlDate, sqlString } from '../model/sql';

export interface MarketShareRow {
  /** First day of the month, ISO. */
  month: string;
  region: string;
  sales: number;
  market: number;
  /** sales / market; null when the market size is 0. */
  share: number | null;
}

export interface MarketShareParams {
  range: DateRange;
  /** Regions to keep (empty or undefined = all). */
  regions?: string[];
}

// Not `date_trunc('month', period) BETWEEN a AND b`: DuckDB 1.4.3 (native and wasm) wrongly keeps the month after b for a column.
export function marketShareSql({ range, regions }: MarketShareParams): string {
  const first = sqlDate(monthStart(range.start));
  const last = sqlDate(monthStart(range.end));
  const regionFilter = regions && regions.length > 0 ? `AND region IN (${regions.map(sqlString).join(', ')})` : '';
  return `WITH m AS (
  SELECT CAST(date_trunc('month', period) AS DATE) AS month, region, sum(amount) AS market
  FROM market_size WHERE period >= ${first} AND period < ${last} + INTERVAL 1 MONTH ${regionFilter} GROUP BY 1, 2),
s AS (
  SELECT CAST(date_trunc('month', date) AS DATE) AS month, region, sum(amount) AS sales
  FROM ${sumsSource({})} WHERE date >= ${first} AND date < ${last} + INTERVAL 1 MONTH ${regionFilter} GROUP BY 1, 2)
SELECT strftime(m.month, '%Y-%m-%d') AS month, m.region, coalesce(s.sales, 0) AS sales, m.market,
  CASE WHEN m.market = 0 THEN NULL ELSE coalesce(s.sales, 0) / m.market END AS share
FROM m LEFT JOIN s ON s.month = m.month AND s.region = m.region
ORDER BY m.month, m.region`;
}

export async function queryMarketShare(db: SqlRunner, params: MarketShareParams, signal?: AbortSignal): Promise<MarketShareRow[]> {
  const rows = await db.query<MarketShareRow>(marketShareSql(params), { signal });
  return rows.map((r) => ({
    month: String(r.month),
    region: String(r.region),
    sales: Number(r.sales),
    market: Number(r.market),
    share: r.share === null ? null : Number(r.share),
  }));
}

export interface ShareTotal {
  /** A region, or null for all regions together. */
  region: string | null;
  sales: number;
  market: number;
  share: number | null;
  months: number;
}

/** Share over the whole period, per region and for all regions (sum of sales / sum of market). */
export function shareTotals(rows: readonly MarketShareRow[]): ShareTotal[] {
  const byRegion = new Map<string, ShareTotal>();
  const all: ShareTotal = { region: null, sales: 0, market: 0, share: null, months: 0 };
  const months = new Set<string>();
  for (const r of rows) {
    const t = byRegion.get(r.region) ?? { region: r.region, sales: 0, market: 0, share: null, months: 0 };
    t.sales += r.sales;
    t.market += r.market;
    t.months += 1;
    byRegion.set(r.region, t);
    all.sales += r.sales;
    all.market += r.market;
    months.add(r.month);
  }
  all.months = months.size;
  const out = [...byRegion.values()].sort((a, b) => (b.share ?? 0) - (a.share ?? 0) || String(a.region).localeCompare(String(b.region)));
  if (rows.length > 0) out.push(all);
  for (const t of out) t.share = t.market > 0 ? t.sales / t.market : null;
  return out;
}

/** All regions together per month (for the company line of the trend chart). */
export function shareByMonth(rows: readonly MarketShareRow[]): MarketShareRow[] {
  const byMonth = new Map<string, MarketShareRow>();
  for (const r of rows) {
    const t = byMonth.get(r.month) ?? { month: r.month, region: '', sales: 0, market: 0, share: null };
    t.sales += r.sales;
    t.market += r.market;
    byMonth.set(r.month, t);
  }
  return [...byMonth.values()].map((t) => ({ ...t, share: t.market > 0 ? t.sales / t.market : null }));
}
