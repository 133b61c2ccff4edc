import { QueryCancelledError } from '../engine/types';
import { workspace } from './workspace.svelte';

/**
 * How every view runs its queries: call from an `$effect` and return the
 * result, so that a change of state (the effect re-runs) or leaving the view
 * aborts the pending queries in the worker. `load` does the queries and
 * returns `commit`, which writes the results into the view's state; it runs
 * only if this run is still the current one. Cancellations are not errors.
 *
 * While a load runs nothing is asked: `sales` may already read the new table while the view's state
 * (ranges, order flags) is still the previous workspace's, and the answers would be thrown away anyway,
 * after delaying the load's own queries. The effect runs again when the load ends (it read the status).
 */
export function runViewQueries(
  load: (signal: AbortSignal) => Promise<() => void>,
  status: { busy?: (busy: boolean) => void; fail: (message: string) => void },
): () => void {
  status.busy?.(true);
  if (workspace.status === 'loading') return () => {};
  const controller = new AbortController();
  const { signal } = controller;
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
