import { QueryCancelledError } from '../engine/types';

/**
 * How every view runs its queries: call from an `$effect` and return the
 * result, so that a change of state (the effect re-runs) or leaving the view
 * aborts the pending queries in the worker. `load` does the queries and
 * returns `commit`, which writes the results into the view's state; it runs
 * only if this run is still the current one. Cancellations are not errors.
 */
export function runViewQueries(
  load: (signal: AbortSignal) => Promise<() => void>,
  status: { busy?: (busy: boolean) => void; fail: (message: string) => void },
): () => void {
  const controller = new AbortController();
  const { signal } = controller;
  status.busy?.(true);
  load(signal).then(
    (commit) => {
      if (signal.aborted) return;
      commit();
      status.busy?.(false);
    },
    (e: unknown) => {
      if (e instanceof QueryCancelledError || signal.aborted) return;
      status.fail(e instanceof Error ? e.message : String(e));
      status.busy?.(false);
    },
  );
  return () => controller.abort();
}
