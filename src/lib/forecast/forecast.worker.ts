/// <reference lib="webworker" />
/**
 * Forecasts many series (e.g. every rep) off the main thread: the backtests
 * refit each method a dozen times per series.
 */
import { forecastSeries, type SeriesForecast } from './forecast';

export interface ForecastRequest {
  series: { unit: string; y: number[] }[];
  horizon: number;
  /** Seasonal period: 12 (months) or 52 (weeks). */
  m: number;
}
export type ForecastResponse = { ok: true; results: SeriesForecast[] } | { ok: false; error: string };

self.onmessage = (event: MessageEvent<ForecastRequest>) => {
  try {
    const { series, horizon, m } = event.data;
    const results = series.map((s) => forecastSeries(s.y, { horizon, m }));
    (self as DedicatedWorkerGlobalScope).postMessage({ ok: true, results } satisfies ForecastResponse);
  } catch (e) {
    (self as DedicatedWorkerGlobalScope).postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) } satisfies ForecastResponse);
  }
};
