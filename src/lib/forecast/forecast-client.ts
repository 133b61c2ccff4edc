/**
 * Runs `forecastSeries` for many series in a short-lived Web Worker (one per
 * request, terminated when done or aborted); where Workers do not exist
 * (Node tests) it runs in the calling thread.
 */
import { QueryCancelledError } from '../engine/types';
import { forecastSeries, type SeriesForecast } from './forecast';
import type { ForecastRequest, ForecastResponse } from './forecast.worker';

/** `m`: the seasonal period (12 for months, 52 for weeks). */
export function forecastMany(series: ForecastRequest['series'], horizon: number, signal?: AbortSignal, m = 12): Promise<SeriesForecast[]> {
  if (typeof Worker === 'undefined') return Promise.resolve(series.map((s) => forecastSeries(s.y, { horizon, m })));
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./forecast.worker.ts', import.meta.url), { type: 'module' });
    const onAbort = () => {
      worker.terminate();
      reject(new QueryCancelledError());
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.onmessage = (event: MessageEvent<ForecastResponse>) => {
      signal?.removeEventListener('abort', onAbort);
      worker.terminate();
      if (event.data.ok) resolve(event.data.results);
      else reject(new Error(event.data.error));
    };
    worker.onerror = (event) => {
      signal?.removeEventListener('abort', onAbort);
      worker.terminate();
      reject(new Error(event.message || 'forecast worker failed'));
    };
    worker.postMessage({ series, horizon, m } satisfies ForecastRequest);
  });
}
