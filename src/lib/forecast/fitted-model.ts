/**
 * What every forecasting method of methods.ts returns (FittedModel), the
 * method names, and the small numeric helpers the methods share.
 */
export const METHODS = [
  'seasonal-naive',
  'hw-additive',
  'hw-additive-damped',
  'hw-multiplicative',
  'hw-multiplicative-damped',
  'regression',
  'naive',
  'drift',
  'ses',
  'theta',
  'combination',
] as const;
export type Method = (typeof METHODS)[number];

export interface FittedModel {
  method: Method;
  /** One-step in-sample fitted values (null where the method has none, e.g. the first season). */
  fitted: (number | null)[];
  /** Point forecasts for h = 1…horizon. */
  forecast(horizon: number): number[];
  /** Standard deviation of the forecast error for h = 1…horizon. */
  sd(horizon: number): number[];
  /** Smoothing parameters or coefficients, for display and tests. */
  params: Record<string, number>;
}

export const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
export const mean = (xs: number[]) => sum(xs) / xs.length;

/** √(Σ e² / (count − k)), over the non-null residuals. */
export function residualSd(residuals: number[], k: number): number {
  const n = residuals.length;
  if (n === 0) return 0;
  return Math.sqrt(sum(residuals.map((e) => e * e)) / Math.max(1, n - k));
}

export const range = (h: number) => Array.from({ length: h }, (_, i) => i + 1);
