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
  brief: { label: 'nav.brief', load: () => import('../features/brief/View.svelte') },
  overview: { label: 'nav.overview', load: () => import('../features/overview/View.svelte') },
  products: { label: 'nav.products', load: () => import('../features/products/View.svelte') },
  channels: { label: 'nav.channels', load: () => import('../features/channels/View.svelte') },
  customers: { label: 'nav.customers', load: () => import('../features/customers/View.svelte') },
  reps: { label: 'nav.reps', load: () => import('../features/reps/View.svelte') },
  regions: { label: 'nav.regions', load: () => import('../features/regions/View.svelte') },
  data: { label: 'nav.data', load: () => import('../features/data/View.svelte') },
  sql: { label: 'nav.sql', load: () => import('../features/sql/View.svelte') },
  targets: { label: 'nav.targets', load: () => import('../features/targets/View.svelte') },
  forecast: { label: 'nav.forecast', load: () => import('../features/forecast/View.svelte') },
  budget: { label: 'nav.budget', load: () => import('../features/budget/View.svelte') },
  market: { label: 'nav.market', load: () => import('../features/market/View.svelte') },
};
