/**
 * #/market's chart: our share of the market month by month, per region and over all regions. Pure builders
 * (rows → Plot options) that the view hands to PlotChart.
 */
import * as Plot from '@observablehq/plot';
import { shareByMonth, type MarketShareRow } from '../../lib/analyses/market-share-trend';
import type { DateSpan } from '../../lib/market/annotations';
import { formatMonth, formatPercent, type FormatOptions } from '../../lib/format/number';
import { t } from '../../lib/i18n/i18n.svelte';

/** The dates the share chart spans: its first month's first day to its last month's first day. */
export function shareSpan(rows: MarketShareRow[]): DateSpan | null {
  const months = rows.map((r) => r.month).sort();
  return months.length ? { start: months[0], end: months[months.length - 1] } : null;
}

/** Each region's share (`regions`: the colour domain's order) and all regions' (a thicker line); `events`: competitor marks along it. */
export function shareChart(rows: MarketShareRow[], regions: string[], width: number, f: FormatOptions, events: Plot.Markish[] = []): Plot.PlotOptions {
  const all = t('market.allRegions');
  const points = [
    ...rows.map((r) => ({ month: new Date(r.month), series: r.region, share: r.share })),
    ...shareByMonth(rows).map((r) => ({ month: new Date(r.month), series: all, share: r.share })),
  ].filter((p) => p.share !== null);
  return {
    height: 300,
    marginLeft: 56,
    x: { type: 'utc', label: t('chart.month'), tickFormat: (d: Date) => formatMonth(d.toISOString().slice(0, 10), f.locale), ticks: Math.floor(width / 90) },
    y: { grid: true, label: t('market.shareAxis'), tickFormat: (v: number) => formatPercent(v, f.locale, 0), zero: true },
    color: { legend: true, domain: [...regions, all] },
    marks: [
      ...events,
      Plot.ruleY([0]),
      Plot.lineY(points, { x: 'month', y: 'share', stroke: 'series', strokeWidth: (d) => (d.series === all ? 3 : 1.5) }),
      Plot.tip(points, Plot.pointerX({ x: 'month', y: 'share', stroke: 'series', title: (d) => `${d.series} · ${formatMonth(d.month.toISOString().slice(0, 10), f.locale)}\n${formatPercent(d.share, f.locale)}` })),
    ],
  };
}
