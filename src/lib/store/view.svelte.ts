/**
 * The view state, mirrored in the URL hash both ways, so reloading or
 * sending the link reproduces the screen.
 */
import { formatHash, parseHash } from '../share/url-state';
import type { ViewState } from '../model/view-state';
import { periodEnd, previousRange, resolvePeriod, sameRangeLastYear, type DateRange } from '../model/period';
import type { WorkspaceInfo } from './workspace.svelte';

export const view: ViewState = $state(parseHash(typeof location === 'undefined' ? '' : location.hash));

export function startHashSync(): () => void {
  // The link is the whole state: a key it leaves out (asof, from, to) is unset, not kept from before.
  const onHash = () => Object.assign(view, { asOf: undefined, from: undefined, to: undefined }, parseHash(location.hash));
  window.addEventListener('hashchange', onHash);
  return () => window.removeEventListener('hashchange', onHash);
}

/** Applies a change and writes it to the URL (one history entry per change). */
export function updateView(patch: Partial<ViewState>): void {
  const next: ViewState = { ...$state.snapshot(view), ...patch };
  Object.assign(view, next);
  const hash = formatHash(next);
  if (location.hash !== hash) history.pushState(null, '', hash);
}

/**
 * Changes a view's own options (`o.<key>` in the URL): the one way views set them. null, undefined or ''
 * removes an option, so its default applies (and the link stays short).
 */
export function setOptions(patch: Record<string, string | null | undefined>): void {
  const options = { ...$state.snapshot(view.options) };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || value === undefined || value === '') delete options[key];
    else options[key] = value;
  }
  updateView({ options });
}

export interface Ranges {
  asOf: string;
  current: DateRange;
  previous: DateRange;
  lastYear: DateRange;
  /** The range the view compares with (previous or last year). */
  comparison: DateRange;
}

export function computeRanges(state: ViewState, info: WorkspaceInfo): Ranges {
  // In monthly or quarterly data a date is a whole period: an as-of date inside one means its end.
  const asOf = periodEnd(state.asOf ?? info.dataEnd, info.grain);
  const current = resolvePeriod({
    preset: state.period,
    asOf,
    fyStartMonth: state.fyStartMonth,
    from: state.from,
    to: state.to,
    dataStart: info.dataStart,
    dataEnd: info.dataEnd,
  });
  const previous = previousRange(current, state.period);
  const lastYear = sameRangeLastYear(current);
  return { asOf, current, previous, lastYear, comparison: state.compare === 'prev' ? previous : lastYear };
}
