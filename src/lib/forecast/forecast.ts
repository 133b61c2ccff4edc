/**
 * Forecast one monthly series: candidate methods are compared by a
 * rolling-origin backtest (refit on the history up to each origin, forecast
 * up to `backtestHorizon` months ahead, compare with what happened); the one
 * with the lowest MASE (= lowest mean absolute error on this series) is
 * refitted on the whole history and forecasts the horizon with 80 % and 95 %
 * prediction intervals (mean ± z·sd, sd per horizon from methods.ts).
 *
 * Candidates on seasonal series: seasonal naive, Holt-Winters (additive /
 * multiplicative, damped or not), trend + month regression, Theta and the
 * equal-weight combination of Theta and the damped Holt-Winters (methods.ts).
 * Series shorter than two seasons + 3 months cannot be backtested with
 * seasonal methods: they fall back to naive / drift / simple exponential
 * smoothing, and Theta from two seasons on (reason 'short-series'); below 6
 * points only the naive method is used (reason 'very-short').
 */
import { fitMethod, type FittedModel, type Method } from './methods';

export const FALLBACK_REASONS = ['short-series', 'very-short'] as const;
export type FallbackReason = (typeof FALLBACK_REASONS)[number];

export const SEASONAL_CANDIDATES: Method[] = ['seasonal-naive', 'hw-additive', 'hw-additive-damped', 'hw-multiplicative', 'hw-multiplicative-damped', 'regression', 'theta', 'combination'];
export const SHORT_CANDIDATES: Method[] = ['naive', 'drift', 'ses'];
/**
 * Short series with two full seasons (2m ≤ n < 2m + 3) add Theta, which is
 * seasonally adjusted from n ≥ 2m on: the only seasonal method the short path
 * has. Below two seasons Theta is SES with a drift, between ses and drift, and
 * it did not improve the choice: on Superstore series with 18–23 training
 * months (windows ending by 2016) the chosen method's mean MAPE was the same
 * or up to 1.2 points worse with it; with 24 months it fell from 125 % to 103 %.
 */
export const SHORT_SEASONAL_CANDIDATES: Method[] = [...SHORT_CANDIDATES, 'theta'];

/** Standard normal quantiles for two-sided 80 % and 95 % intervals. */
export const Z80 = 1.2815515655446004;
export const Z95 = 1.959963984540054;

export interface Accuracy {
  method: Method;
  /** Mean absolute percentage error over the backtest (fraction, 0.1 = 10 %); null when every actual is 0. */
  mape: number | null;
  /** Mean absolute error / in-sample MAE of the seasonal naive (naive for short series); null when that scale is 0. */
  mase: number | null;
  /** Number of (origin, horizon) forecasts compared. */
  points: number;
}

export interface ForecastPoint {
  /** Steps ahead, 1 = the month after the last observed one. */
  h: number;
  mean: number;
  sd: number;
  lo80: number;
  hi80: number;
  lo95: number;
  hi95: number;
}

/** How the forecast made one month ago (same method, fitted on the history before the last complete month) did. */
export interface LastMonthCheck {
  actual: number;
  forecast: number;
  lo80: number;
  hi80: number;
  /** (actual − forecast) / actual; null when actual is 0. */
  error: number | null;
  within80: boolean;
}

export interface SeriesForecast {
  method: Method;
  /** The baseline the accuracy is compared with: seasonal naive (naive for short series). */
  baseline: Method;
  fallback: FallbackReason | null;
  accuracy: Accuracy | null;
  baselineAccuracy: Accuracy | null;
  /** Every candidate's backtest accuracy, best first. */
  candidates: Accuracy[];
  fitted: (number | null)[];
  points: ForecastPoint[];
  /** Null when the history one month shorter is too short for the method. */
  lastMonth: LastMonthCheck | null;
}

export interface ForecastOptions {
  /** Season length (12 for monthly). */
  m?: number;
  horizon: number;
  /** How far ahead each backtest origin forecasts (default 12). */
  backtestHorizon?: number;
  /** Number of backtest origins, the last ones of the series (default 12). */
  origins?: number;
  /** Restrict the candidates (tests). */
  methods?: Method[];
}

/** In-sample mean absolute lag-`lag` difference: the MASE scale. */
export function maseScale(y: number[], lag: number): number {
  let total = 0;
  let count = 0;
  for (let t = lag; t < y.length; t++) {
    total += Math.abs(y[t] - y[t - lag]);
    count++;
  }
  return count ? total / count : 0;
}

/**
 * Rolling-origin backtest of one method: for each origin o (the first o
 * points are the training set), forecast min(horizon, n − o) steps.
 * `fits` (per origin, the models already fitted on y[0, o)) is shared by the
 * candidates of one series, so the combination reuses its members' refits.
 */
export function backtest(
  y: number[],
  method: Method,
  m: number,
  originList: number[],
  horizon: number,
  scale: number,
  fits?: Map<number, Map<Method, FittedModel>>,
): Accuracy {
  let absErr = 0;
  let absPct = 0;
  let pctCount = 0;
  let points = 0;
  for (const o of originList) {
    let cache = fits?.get(o);
    if (fits && !cache) fits.set(o, (cache = new Map()));
    const model = fitMethod(method, y.slice(0, o), m, true, cache);
    const steps = Math.min(horizon, y.length - o);
    const f = model.forecast(steps);
    for (let h = 0; h < steps; h++) {
      const actual = y[o + h];
      const e = Math.abs(actual - f[h]);
      absErr += e;
      points++;
      if (actual !== 0) {
        absPct += e / Math.abs(actual);
        pctCount++;
      }
    }
  }
  return {
    method,
    mape: pctCount ? absPct / pctCount : null,
    mase: scale > 0 && points ? absErr / points / scale : null,
    points,
  };
}

export function lastMonthCheck(y: number[], method: Method, m: number): LastMonthCheck | null {
  const history = y.slice(0, -1);
  const minimum = method.startsWith('hw-') || method === 'combination' ? 2 * m : method === 'regression' ? m + 2 : method === 'seasonal-naive' ? m : method === 'theta' ? 3 : 2;
  if (history.length < minimum) return null;
  const [p] = intervals(fitMethod(method, history, m), 1);
  const actual = y[y.length - 1];
  return { actual, forecast: p.mean, lo80: p.lo80, hi80: p.hi80, error: actual !== 0 ? (actual - p.mean) / actual : null, within80: actual >= p.lo80 && actual <= p.hi80 };
}

function intervals(model: FittedModel, horizon: number): ForecastPoint[] {
  const means = model.forecast(horizon);
  const sds = model.sd(horizon);
  return means.map((mean, i) => ({
    h: i + 1,
    mean,
    sd: sds[i],
    lo80: mean - Z80 * sds[i],
    hi80: mean + Z80 * sds[i],
    lo95: mean - Z95 * sds[i],
    hi95: mean + Z95 * sds[i],
  }));
}

const errorRank = (a: Accuracy) => a.mase ?? a.mape ?? Infinity;

export function forecastSeries(y: number[], options: ForecastOptions): SeriesForecast {
  const m = options.m ?? 12;
  const horizon = options.horizon;
  const btHorizon = options.backtestHorizon ?? 12;
  const n = y.length;
  if (n === 0) throw new Error('empty series');
  const seasonal = n >= 2 * m + 3;
  const fallback: FallbackReason | null = seasonal ? null : n >= 6 ? 'short-series' : 'very-short';
  const baseline: Method = seasonal ? 'seasonal-naive' : 'naive';
  if (fallback === 'very-short') {
    const model = fitMethod('naive', y, m);
    return {
      method: 'naive',
      baseline,
      fallback,
      accuracy: null,
      baselineAccuracy: null,
      candidates: [],
      fitted: model.fitted,
      points: intervals(model, horizon),
      lastMonth: lastMonthCheck(y, 'naive', m),
    };
  }
  const positive = y.every((v) => v > 0);
  let candidates = options.methods ?? (seasonal ? SEASONAL_CANDIDATES : n >= 2 * m ? SHORT_SEASONAL_CANDIDATES : SHORT_CANDIDATES);
  if (!positive) candidates = candidates.filter((c) => !c.startsWith('hw-multiplicative'));
  if (!candidates.includes(baseline)) candidates = [baseline, ...candidates];
  // Each origin keeps enough training data for every candidate (two seasons for Holt-Winters, 3 points otherwise).
  const minTrain = seasonal ? 2 * m : 3;
  const firstOrigin = Math.max(minTrain, n - (options.origins ?? 12));
  const originList: number[] = [];
  for (let o = firstOrigin; o < n; o++) originList.push(o);
  const scale = maseScale(y, seasonal ? m : 1);
  const fits = new Map<number, Map<Method, FittedModel>>();
  const scored = candidates.map((c) => backtest(y, c, m, originList, btHorizon, scale, fits));
  const ranked = [...scored].sort((a, b) => errorRank(a) - errorRank(b));
  const chosen = ranked[0];
  const model = fitMethod(chosen.method, y, m);
  return {
    method: chosen.method,
    baseline,
    fallback,
    accuracy: chosen,
    baselineAccuracy: scored.find((s) => s.method === baseline) ?? null,
    candidates: ranked,
    fitted: model.fitted,
    points: intervals(model, horizon),
    lastMonth: lastMonthCheck(y, chosen.method, m),
  };
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 erf approximation, |error| < 1.5e-7). */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}
