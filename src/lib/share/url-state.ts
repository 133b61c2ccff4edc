/**
 * ViewState ⇄ URL hash, e.g. `#/overview?period=ytd&fy=7&f.region=华东~华南`.
 * Explicit converters, one per key; unknown keys are ignored and invalid
 * values fall back to defaults, so an edited or old link still opens.
 */
import { PERIOD_PRESETS, type PeriodPreset } from '../model/period';
import { DIMENSIONS } from '../model/schema';
import { DEFAULT_VIEW_STATE, ROUTES, isDimension, type Route, type ViewState } from '../model/view-state';

const ISO = /^\d{4}-\d{2}-\d{2}$/;
/** Separates the values of one multi-select filter. Escaped in values with encodeURIComponent. */
const LIST_SEP = '~';
/** Never written into an object from a URL (prototype pollution). */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function encodeList(values: string[]): string {
  return values.map((v) => encodeURIComponent(v).replaceAll('~', '%7E')).join(LIST_SEP);
}

function decodeList(text: string): string[] {
  return text
    .split(LIST_SEP)
    .filter((v) => v.length > 0)
    .map((v) => {
      try {
        return decodeURIComponent(v);
      } catch {
        return v;
      }
    });
}

function validIso(s: string | null): string | undefined {
  if (!s || !ISO.test(s)) return undefined;
  return Number.isNaN(Date.parse(s)) ? undefined : s;
}

export function parseHash(hash: string): ViewState {
  const text = hash.replace(/^#/, '');
  const q = text.indexOf('?');
  const path = (q >= 0 ? text.slice(0, q) : text).replace(/^\/+/, '');
  const query = q >= 0 ? text.slice(q + 1) : '';
  const route: Route = (ROUTES as readonly string[]).includes(path) ? (path as Route) : DEFAULT_VIEW_STATE.route;
  const params = new Map<string, string>();
  for (const pair of query.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const key = eq >= 0 ? pair.slice(0, eq) : pair;
    const value = eq >= 0 ? pair.slice(eq + 1) : '';
    params.set(key, value);
  }
  const period = params.get('period');
  const fy = Number(params.get('fy'));
  const state: ViewState = {
    ...DEFAULT_VIEW_STATE,
    route,
    filters: {},
    options: {},
    period: (PERIOD_PRESETS as readonly string[]).includes(period ?? '') ? (period as PeriodPreset) : DEFAULT_VIEW_STATE.period,
    fyStartMonth: Number.isInteger(fy) && fy >= 1 && fy <= 12 ? fy : DEFAULT_VIEW_STATE.fyStartMonth,
    compare: params.get('cmp') === 'prev' ? 'prev' : DEFAULT_VIEW_STATE.compare,
    basis: params.get('basis') === 'gross' ? 'gross' : 'net',
  };
  const asOf = validIso(params.get('asof') ?? null);
  if (asOf) state.asOf = asOf;
  const from = validIso(params.get('from') ?? null);
  const to = validIso(params.get('to') ?? null);
  if (state.period === 'custom') {
    if (from) state.from = from;
    if (to) state.to = to;
  }
  for (const [key, value] of params) {
    if (key.startsWith('o.') && key.length > 2) {
      const [option] = decodeList(key.slice(2));
      const [text] = decodeList(value);
      if (option && text !== undefined && !UNSAFE_KEYS.has(option)) state.options[option] = text;
      continue;
    }
    if (!key.startsWith('f.')) continue;
    const dim = key.slice(2);
    if (!isDimension(dim)) continue;
    const values = decodeList(value);
    if (values.length > 0) state.filters[dim] = values;
  }
  return state;
}

export function formatHash(state: ViewState): string {
  const params: string[] = [];
  if (state.period !== DEFAULT_VIEW_STATE.period) params.push(`period=${state.period}`);
  if (state.period === 'custom') {
    if (state.from) params.push(`from=${state.from}`);
    if (state.to) params.push(`to=${state.to}`);
  }
  if (state.asOf) params.push(`asof=${state.asOf}`);
  if (state.fyStartMonth !== DEFAULT_VIEW_STATE.fyStartMonth) params.push(`fy=${state.fyStartMonth}`);
  if (state.compare !== DEFAULT_VIEW_STATE.compare) params.push(`cmp=${state.compare}`);
  if (state.basis !== DEFAULT_VIEW_STATE.basis) params.push(`basis=${state.basis}`);
  for (const dim of DIMENSIONS) {
    const values = state.filters[dim];
    if (values && values.length > 0) params.push(`f.${dim}=${encodeList(values)}`);
  }
  for (const key of Object.keys(state.options ?? {}).sort()) {
    const value = state.options[key];
    if (key && value !== undefined && value !== '') params.push(`o.${encodeList([key])}=${encodeList([value])}`);
  }
  return `#/${state.route}${params.length ? `?${params.join('&')}` : ''}`;
}
