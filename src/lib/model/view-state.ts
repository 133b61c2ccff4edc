import { DIMENSIONS, type Dimension } from './schema';
import type { PeriodPreset } from './period';
import type { MessageKey } from '../i18n/en';

export const ROUTES = ['brief', 'overview', 'targets', 'products', 'channels', 'customers', 'reps', 'regions', 'market', 'forecast', 'budget', 'data', 'sql'] as const;
export type Route = (typeof ROUTES)[number];

/** Each route's name in the navigation, a page's title and a printed header. */
export const ROUTE_LABELS: Record<Route, MessageKey> = Object.fromEntries(ROUTES.map((r) => [r, `nav.${r}`])) as Record<Route, MessageKey>;

export type Comparison = 'prev' | 'yoy';
export type Basis = 'net' | 'gross';

/** Everything that decides what a screen shows; lives in the URL hash. */
export interface ViewState {
  route: Route;
  period: PeriodPreset;
  /** Overrides the as-of date (default: last date in the data). */
  asOf?: string;
  from?: string;
  to?: string;
  fyStartMonth: number;
  compare: Comparison;
  basis: Basis;
  filters: Partial<Record<Dimension, string[]>>;
  /** View-specific options (thresholds, chosen dimension, …), `o.<key>=<value>` in the URL. */
  options: Record<string, string>;
}

export const DEFAULT_VIEW_STATE: ViewState = {
  // Leadership's read-only site opens on the brief; the manager's on the overview.
  route: __READ_ONLY__ ? 'brief' : 'overview',
  period: 'ytd',
  fyStartMonth: 1,
  compare: 'yoy',
  basis: 'net',
  filters: {},
  options: {},
};

export function isDimension(s: string): s is Dimension {
  return (DIMENSIONS as readonly string[]).includes(s);
}
