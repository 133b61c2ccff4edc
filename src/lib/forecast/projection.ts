/**
 * "Will we hit the target?": year-end projection = actual to date + the
 * forecast of the rest of the fiscal year, against the plan's full-year
 * target, with the probability of reaching it.
 *
 * The as-of month is partly elapsed: its forecast counts for the remaining
 * days only (mean and sd × remaining days / days in month). The projection's
 * standard deviation is the sum of the monthly forecast sds — monthly errors
 * of one forecast path are strongly positively correlated, and the sum is
 * the fully correlated (cautious) case. Probability of reaching the target =
 * P(N(projection, sd²) ≥ target) = 1 − Φ((target − projection) / sd).
 */
import { normalCdf, type ForecastPoint } from './forecast';

export interface ProjectionInput {
  /** Actual from the fiscal year's start to as-of (incl. the partial as-of month). */
  actualToDate: number;
  /** Forecast points for the months after the last complete month, first = the as-of month when it is partial. */
  points: ForecastPoint[];
  /** Share of the first point's month still ahead (1 − elapsed days / days in month); 0 when as-of is a month end. */
  firstMonthRemaining: number;
  /** Number of forecast months up to the fiscal year end (incl. the partial as-of month). */
  monthsToYearEnd: number;
  /** The plan's full fiscal-year target; null without a plan. */
  target: number | null;
}

export interface Projection {
  actualToDate: number;
  /** Forecast of the rest of the year. */
  remaining: number;
  projection: number;
  sd: number;
  lo80: number;
  hi80: number;
  target: number | null;
  /** target − projection (positive = projected short). */
  gap: number | null;
  /** P(year-end ≥ target) under the normal approximation; null without a target. */
  probability: number | null;
  /** Growth over the forecast the remaining months need to hit the target: (target − actual) / remaining − 1. */
  requiredGrowth: number | null;
}

/**
 * The forecast of the rest of a period: the first point's month counts for the share of it still ahead,
 * then whole months, `months` points in all. The one projection of every page (#/targets for MTD/QTD/YTD,
 * #/forecast, #/budget) is actual to date + this mean.
 */
export function forecastOfRest(points: ForecastPoint[], firstMonthRemaining: number, months: number): { mean: number; sd: number } {
  let mean = 0;
  let sd = 0;
  points.slice(0, months).forEach((p, i) => {
    const share = i === 0 ? firstMonthRemaining : 1;
    mean += share * p.mean;
    sd += share * p.sd;
  });
  return { mean, sd };
}

/** P(N(projection, sd²) ≥ target): the chance of reaching the target; null without one. */
export function probabilityOfReaching(target: number | null, projection: number, sd: number): number | null {
  if (target === null) return null;
  return sd > 0 ? 1 - normalCdf((target - projection) / sd) : projection >= target ? 1 : 0;
}

export function projectYearEnd(input: ProjectionInput): Projection {
  const { mean: remaining, sd } = forecastOfRest(input.points, input.firstMonthRemaining, input.monthsToYearEnd);
  const projection = input.actualToDate + remaining;
  const target = input.target;
  const z80 = 1.2815515655446004;
  const probability = probabilityOfReaching(target, projection, sd);
  return {
    actualToDate: input.actualToDate,
    remaining,
    projection,
    sd,
    lo80: projection - z80 * sd,
    hi80: projection + z80 * sd,
    target,
    gap: target === null ? null : target - projection,
    probability,
    requiredGrowth: target === null || remaining <= 0 ? null : (target - input.actualToDate) / remaining - 1,
  };
}
