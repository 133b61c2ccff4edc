/**
 * Whether a view's numbers are for another state: its queries for the current state, or a load, still
 * run. The view provides it once; its tables and charts read it and show a loading state
 * (data-state="loading", dimmed, aria-busy) instead of passing off the previous answer as this one's.
 */
import { getContext, setContext } from 'svelte';

const KEY = Symbol('view-loading');

export function provideViewLoading(loading: () => boolean): void {
  setContext(KEY, loading);
}

export function viewLoading(): () => boolean {
  return getContext<(() => boolean) | undefined>(KEY) ?? (() => false);
}
