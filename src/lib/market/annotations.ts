/**
 * Competitor events as annotations on a time chart (date x axis): a shaded
 * band for events with a duration, a rule for one-off events (launches),
 * each labelled with its title. Reusable by every view with a time chart.
 */
import * as Plot from '@observablehq/plot';
import type { Dimension } from '../model/schema';
import type { CompetitorEvent } from './market-data';

export interface DateSpan {
  /** ISO dates, inclusive. */
  start: string;
  end: string;
}

/**
 * The events to show on a chart covering `span` under `filters`: those whose
 * days overlap the span and whose scope is company-wide or matches the
 * region/category filters (an event in 华南 is hidden when only 华东 is shown).
 */
export function eventsInView(
  events: readonly CompetitorEvent[],
  span: DateSpan,
  filters: Partial<Record<Dimension, string[]>>,
): CompetitorEvent[] {
  const matches = (value: string | null, selected: string[] | undefined) =>
    value === null || !selected || selected.length === 0 || selected.includes(value);
  return events.filter((e) => {
    const last = e.end ?? e.date;
    return e.date <= span.end && last >= span.start && matches(e.region, filters.region) && matches(e.category, filters.category);
  });
}

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/**
 * Small multiples faceted (fy) by a dimension: an event scoped to one of its
 * members is drawn in that member's facet only; any other event in all.
 */
export interface EventFacets {
  dim: Dimension;
  /** The facet names, in the chart's order. */
  names: string[];
  /** The facet name of a member (e.g. a blank member's label). */
  name: (member: string) => string;
}

function facetsOf(e: CompetitorEvent, facets: EventFacets): string[] {
  const scoped = facets.dim === 'region' ? e.region : facets.dim === 'category' ? e.category : null;
  if (scoped === null) return facets.names;
  const name = facets.name(scoped);
  return facets.names.includes(name) ? [name] : [];
}

/**
 * Plot marks for the events (chosen with eventsInView), clipped to the span so they never widen the axis;
 * events wholly outside the span (one chart's events drawn on a shorter one) are left out.
 */
export function eventMarks(events: readonly CompetitorEvent[], span: DateSpan, facets?: EventFacets): Plot.Markish[] {
  const clip = (iso: string) => (iso < span.start ? span.start : iso > span.end ? span.end : iso);
  const rows = eventsInView(events, span, {}).flatMap((e) =>
    (facets ? facetsOf(e, facets) : [null]).map((fy) => ({
      title: e.title,
      x1: day(clip(e.date)),
      x2: day(clip(e.end ?? e.date)),
      ranged: e.end !== null,
      label: `${e.competitor}: ${e.title}${e.region ? ` · ${e.region}` : ''}${e.category ? ` · ${e.category}` : ''}`,
      fy,
    })),
  );
  const fy = facets ? { fy: 'fy' } : {};
  const bands = rows.filter((r) => r.ranged);
  const rules = rows.filter((r) => !r.ranged);
  return [
    Plot.rectX(bands, { x1: 'x1', x2: 'x2', fill: 'var(--at-risk)', fillOpacity: 0.12, title: 'label', ...fy }),
    Plot.ruleX(rules, { x: 'x1', stroke: 'var(--at-risk)', strokeDasharray: '4,3', strokeOpacity: 0.8, title: 'label', ...fy }),
    // Labels on three staggered lines so neighbouring events do not overprint each other.
    ...[0, 1, 2].map((line) =>
      Plot.text(
        rows.filter((_, i) => i % 3 === line),
        { x: 'x1', frameAnchor: 'top', text: 'title', textAnchor: 'start', dx: 3, dy: 4 + line * 13, fontSize: 10, fill: 'var(--text-muted)', ...fy },
      ),
    ),
  ];
}

/** An event as one line of a snapshot's notes. */
export function eventNote(e: CompetitorEvent): string {
  return `${e.date}${e.end ? ` – ${e.end}` : ''} ${e.competitor}: ${e.title}`;
}

/** The span of a monthly chart: from its first month's first day to its last month's last day. */
export function monthSpan(months: readonly string[]): DateSpan | null {
  if (months.length === 0) return null;
  const sorted = [...months].sort();
  const last = sorted[sorted.length - 1];
  const [y, m] = last.split('-').map(Number);
  const end = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  return { start: sorted[0], end };
}
