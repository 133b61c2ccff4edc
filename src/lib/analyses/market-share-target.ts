/**
 * Yearly market size and our sales over the same months, for the long-term
 * market-share target on #/targets (needs a `market_size(period, region,
 * amount)` table, as in the sample workspace).
 */
import { sumsSource } from '../warehouse/sources';
import type { SqlRunner } from '../engine/types';
import { fiscalYearSql } from '../model/sql';
import type { ShareYear } from '../targets/market-share';


/** Only months that have a market estimate count on both sides, so the share compares like with like. */
export function marketShareYearsSql(fyStartMonth: number): string {
  return `WITH m AS (SELECT CAST(date_trunc('month', period) AS DATE) AS month, sum(amount) AS market FROM market_size GROUP BY 1),
s AS (SELECT CAST(date_trunc('month', date) AS DATE) AS month, sum(amount) AS sales FROM ${sumsSource({})} GROUP BY 1)
SELECT ${fiscalYearSql('m.month', fyStartMonth)} AS fiscal_year, sum(m.market) AS market, coalesce(sum(s.sales), 0) AS sales, count(*) AS months
FROM m LEFT JOIN s USING (month) GROUP BY 1 ORDER BY 1`;
}

export async function queryMarketShareYears(db: SqlRunner, fyStartMonth: number, signal?: AbortSignal): Promise<ShareYear[]> {
  const rows = await db.query<{ fiscal_year: number; market: number; sales: number; months: number }>(marketShareYearsSql(fyStartMonth), { signal });
  return rows.map((r) => ({ fiscalYear: Number(r.fiscal_year), market: Number(r.market), sales: Number(r.sales), months: Number(r.months) }));
}

/** The plan in force's company target per fiscal year (to set beside the share path). */
export function annualCompanyTargetsSql(fyStartMonth: number): string {
  return `SELECT ${fiscalYearSql('period', fyStartMonth)} AS fiscal_year, sum(amount) AS target, count(DISTINCT period) AS months
FROM targets WHERE unit_type = 'company' GROUP BY 1 ORDER BY 1`;
}

export async function queryAnnualCompanyTargets(db: SqlRunner, fyStartMonth: number, signal?: AbortSignal): Promise<Map<number, number>> {
  const rows = await db.query<{ fiscal_year: number; target: number; months: number }>(annualCompanyTargetsSql(fyStartMonth), { signal });
  // Only complete years: a partial year's sum is not an annual target.
  return new Map(rows.filter((r) => Number(r.months) === 12).map((r) => [Number(r.fiscal_year), Number(r.target)]));
}
