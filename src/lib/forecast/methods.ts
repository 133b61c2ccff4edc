/**
 * Forecasting methods for short monthly series (tens of points, from SQL).
 * Each `fit…` takes the history `y` (oldest first) and the season length `m`
 * and returns a `FittedModel`: point forecasts and the standard deviation of
 * the forecast error for horizons 1…h.
 *
 * Error standard deviation per horizon (the prediction intervals):
 * σ₁ = the root mean square of the in-sample one-step residuals (degrees of
 * freedom corrected by the number of fitted parameters), grown with the
 * horizon by the method's own error-propagation formula (Hyndman &
 * Athanasopoulos, "Forecasting: Principles and Practice", tables 5.2 and
 * 8.8): naive σ√h, seasonal naive σ√(⌊(h−1)/m⌋+1), drift σ√(h(1+h/(n−1))),
 * simple exponential smoothing σ√(1+(h−1)α²), Holt-Winters (the additive
 * error model's) σ√(1+Σ_{j<h} c_j²) with c_j = α(1+β*φ_j) + γ·[j mod m = 0],
 * regression σ√(1 + xᵀ(XᵀX)⁻¹x), Theta the SES formula on the seasonally
 * adjusted series times the seasonal index. For multiplicative seasonality σ
 * is relative (residual / fitted) and scales with the point forecast — an
 * approximation of the exact multiplicative-error variance. The combination
 * (equal-weight mean of Theta and the damped Holt-Winters) takes the mean of
 * its members' sds: the sd of a mean of fully correlated errors, the cautious
 * case (the members' errors on one series are strongly correlated).
 */
import type { FittedModel, Method } from './fitted-model';
import { fitDrift, fitNaive, fitSeasonalNaive, fitSes } from './baselines';
import { fitHoltWinters } from './holt-winters';
import { fitTheta } from './theta';
import { combinationMembers, combineModels } from './combination';
import { fitRegression } from './regression';

// The methods by family: baselines.ts, holt-winters.ts, theta.ts, combination.ts, regression.ts (the method
// names, the shape of a fit and the shared helpers in fitted-model.ts); this module fits one by name.
export { METHODS, type FittedModel, type Method } from './fitted-model';

/**
 * Fits one named method; `quick` trades a little optimisation accuracy for
 * speed (backtest refits). `cache` (models already fitted on this same `y`,
 * `m` and `quick`) is read and filled, so the combination reuses its members'
 * fits when they are candidates too.
 */
export function fitMethod(method: Method, y: number[], m: number, quick = false, cache?: Map<Method, FittedModel>): FittedModel {
  const hit = cache?.get(method);
  if (hit) return hit;
  const model = fitUncached(method, y, m, quick, cache);
  cache?.set(method, model);
  return model;
}

function fitUncached(method: Method, y: number[], m: number, quick: boolean, cache?: Map<Method, FittedModel>): FittedModel {
  switch (method) {
    case 'seasonal-naive':
      return fitSeasonalNaive(y, m);
    case 'hw-additive':
      return fitHoltWinters(y, m, 'additive', false, quick);
    case 'hw-additive-damped':
      return fitHoltWinters(y, m, 'additive', true, quick);
    case 'hw-multiplicative':
      return fitHoltWinters(y, m, 'multiplicative', false, quick);
    case 'hw-multiplicative-damped':
      return fitHoltWinters(y, m, 'multiplicative', true, quick);
    case 'regression':
      return fitRegression(y, m);
    case 'naive':
      return fitNaive(y);
    case 'drift':
      return fitDrift(y);
    case 'ses':
      return fitSes(y);
    case 'theta':
      return fitTheta(y, m);
    case 'combination':
      return combineModels(combinationMembers(y).map((member) => fitMethod(member, y, m, quick, cache)));
  }
}
