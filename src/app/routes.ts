/**
 * One line per route: the view component (loaded when first opened). Adding a view = adding its route
 * to ROUTES (model/view-state.ts, with its label nav.<route>) and a line here.
 */
import type { Component } from 'svelte';
import type { Route } from '../lib/model/view-state';

export interface RouteEntry {
  load: () => Promise<{ default: Component }>;
}

export const VIEWS: Record<Route, RouteEntry> = {
  brief: { load: () => import('../features/brief/View.svelte') },
  overview: { load: () => import('../features/overview/View.svelte') },
  products: { load: () => import('../features/products/View.svelte') },
  channels: { load: () => import('../features/channels/View.svelte') },
  customers: { load: () => import('../features/customers/View.svelte') },
  reps: { load: () => import('../features/reps/View.svelte') },
  regions: { load: () => import('../features/regions/View.svelte') },
  data: { load: () => import('../features/data/View.svelte') },
  sql: { load: () => import('../features/sql/View.svelte') },
  targets: { load: () => import('../features/targets/View.svelte') },
  forecast: { load: () => import('../features/forecast/View.svelte') },
  budget: { load: () => import('../features/budget/View.svelte') },
  market: { load: () => import('../features/market/View.svelte') },
};
