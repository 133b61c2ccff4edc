/**
 * The competitor events for one time chart of a view: loads the workspace's
 * market notes, keeps the events that touch the chart's span under the
 * global filters (plus any the view adds, e.g. the forecast's unit), and
 * lists them as the screen's notes for snapshot links. Call once, during a
 * component's initialisation.
 */
import { ensureMarket, market } from './store.svelte';
import { eventNote, eventsInView, type DateSpan } from './annotations';
import type { CompetitorEvent } from './market-data';
import { showNotes } from '../share/on-screen';
import { view } from '../store/view.svelte';
import { workspace } from '../store/workspace.svelte';
import type { DimensionFilters } from '../model/where';

export function chartEvents(span: () => DateSpan | null, extraFilters: () => DimensionFilters = () => ({})): { readonly events: CompetitorEvent[] } {
  $effect(() => {
    void workspace.revision;
    void ensureMarket();
  });
  const events = $derived.by(() => {
    const s = span();
    return s && market.data ? eventsInView(market.data.events, s, { ...$state.snapshot(view.filters), ...extraFilters() }) : [];
  });
  $effect(() => showNotes(() => events.map(eventNote)));
  return {
    get events() {
      return events;
    },
  };
}
