/**
 * One line per route: the view component (loaded when first opened) and its
 * nav label. Adding a view = adding its route to ROUTES (model/view-state.ts)
 * and a line here.
 */
import type { Component } from 'svelte';
import type { Route } from '../lib/model/view-state';
import type { MessageKey } from '../lib/i18n/en';

export interface RouteEntry {
  label: MessageKey;
  load: () => Promise<{ default: Component }>;
}

export const VIEWS: Record<Route, RouteEntry> = {
  brief: { label: 'nav.brief', load: () => import('./Brief.svelte') },
  overview: { label: 'nav.overview', load: () => import('./Overview.svelte') },
  products: { label: 'nav.products', load: () => import('./Products.svelte') },
  channels: { label: 'nav.channels', load: () => import('./Channels.svelte') },
  customers: { label: 'nav.customers', load: () => import('./Customers.svelte') },
  reps: { label: 'nav.reps', load: () => import('./Reps.svelte') },
  regions: { label: 'nav.regions', load: () => import('./Regions.svelte') },
  data: { label: 'nav.data', load: () => import('./DataView.svelte') },
  sql: { label: 'nav.sql', load: () => import('./SqlView.svelte') },
  targets: { label: 'nav.targets', load: () => import('./Targets.svelte') },
  forecast: { label: 'nav.forecast', load: () => import('./Forecast.svelte') },
  budget: { label: 'nav.budget', load: () => import('./Budget.svelte') },
  market: { label: 'nav.market', load: () => import('./Market.svelte') },
};
