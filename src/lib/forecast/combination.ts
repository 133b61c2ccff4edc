/**
 * The combination: the equal-weight mean of Theta and the damped Holt-Winters.
 */
import type { FittedModel, Method } from './fitted-model';

/**
 * The members of the combination: Theta, damped additive Holt-Winters and,
 * when every month is positive, damped multiplicative Holt-Winters — the
 * M4-style equal-weight combination of Theta and damped-trend exponential
 * smoothing. Needs two full seasons (Holt-Winters).
 */
export function combinationMembers(y: number[]): Method[] {
  return y.every((v) => v > 0) ? ['theta', 'hw-additive-damped', 'hw-multiplicative-damped'] : ['theta', 'hw-additive-damped'];
}

/**
 * Equal-weight mean of fitted models: point forecasts and fitted values
 * (null where any member has none) are the members' means; the sd is the
 * mean of the members' sds — the sd of the mean when the members' errors are
 * fully correlated (an upper bound; it ignores the diversification).
 */
export function combineModels(members: FittedModel[]): FittedModel {
  const k = members.length;
  const meanOf = (rows: number[][]) => rows[0].map((_, i) => rows.reduce((a, r) => a + r[i], 0) / k);
  const params: Record<string, number> = {};
  for (const member of members) params[member.method] = 1 / k;
  return {
    method: 'combination',
    fitted: members[0].fitted.map((_, t) => {
      let total = 0;
      for (const member of members) {
        const v = member.fitted[t];
        if (v === null) return null;
        total += v;
      }
      return total / k;
    }),
    forecast: (h) => meanOf(members.map((member) => member.forecast(h))),
    sd: (h) => meanOf(members.map((member) => member.sd(h))),
    params,
  };
}
