/**
 * A long-term market-share target (e.g. from 12 % to 15 % over three years)
 * turned into the revenue path it implies, to set beside the annual targets
 * (DESIGN.md: "a long-term share target implies a revenue path").
 * Pure: the yearly market and sales totals come from SQL.
 */

export interface ShareYear {
  fiscalYear: number;
  market: number;
  sales: number;
  /** Months with a market estimate in that fiscal year. */
  months: number;
}

export interface SharePathPoint {
  fiscalYear: number;
  /** Market size: actual for the base year, projected at the base years' growth after it. */
  market: number;
  share: number;
  /** share × market: the revenue the share target implies. */
  revenue: number;
}

export interface SharePath {
  baseYear: number;
  baseShare: number;
  /** Yearly market growth used for the projection (compound growth over the full years available; 0 with one year). */
  marketGrowth: number;
  points: SharePathPoint[];
}

/**
 * Base = the latest fiscal year with a market estimate for all 12 months;
 * the share moves in equal steps from the base share to `targetShare` over
 * `years` years. Null when there is no full year of market data.
 */
export function sharePath(history: ShareYear[], targetShare: number, years: number): SharePath | null {
  const full = history.filter((h) => h.months === 12 && h.market > 0).sort((a, b) => a.fiscalYear - b.fiscalYear);
  const base = full.at(-1);
  if (!base || years < 1) return null;
  const first = full[0];
  const span = base.fiscalYear - first.fiscalYear;
  const marketGrowth = span > 0 ? Math.pow(base.market / first.market, 1 / span) - 1 : 0;
  const baseShare = base.sales / base.market;
  const points: SharePathPoint[] = [{ fiscalYear: base.fiscalYear, market: base.market, share: baseShare, revenue: base.sales }];
  for (let y = 1; y <= years; y++) {
    const market = base.market * Math.pow(1 + marketGrowth, y);
    const share = baseShare + ((targetShare - baseShare) * y) / years;
    points.push({ fiscalYear: base.fiscalYear + y, market, share, revenue: share * market });
  }
  return { baseYear: base.fiscalYear, baseShare, marketGrowth, points };
}

/** The horizon a share target is set over when none is chosen (years). */
export const DEFAULT_SHARE_YEARS = 3;

/** The target share when none is chosen, in percent: the base share + 3 points, rounded to a half point (15 with no base). */
export function defaultTargetSharePct(history: ShareYear[]): number {
  const base = sharePath(history, 0, 1);
  return base ? Math.round((base.baseShare * 100 + 3) * 2) / 2 : 15;
}
