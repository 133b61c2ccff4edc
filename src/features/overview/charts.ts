/**
 * #/overview's charts: the monthly revenue trend against last year, and revenue by one dimension's members.
 * Pure builders (rows → Plot options) that the view hands to PlotChart.
 */
import * as Plot from '@observablehq/plot';
import { topWithOther, type BreakdownRow, type TrendPoint } from '../../lib/analyses/overview';
import { formatCompact, formatMoney, formatMonth, type FormatOptions } from '../../lib/format/number';
import { t } from '../../lib/i18n/i18n.svelte';

export interface OverviewChartFormat extends FormatOptions {
  /** The currency's symbol for the axes. */
  unitSymbol: string;
}

/** Monthly revenue this year and last year; `events`: competitor marks along it. */
export function trendChart(data: TrendPoint[], width: number, f: OverviewChartFormat, events: Plot.Markish[] = []): Plot.PlotOptions {
  const rows = data.flatMap((p) => [
    { month: new Date(p.month), series: t('overview.thisYear'), revenue: p.revenue },
    ...(p.lastYear === null ? [] : [{ month: new Date(p.month), series: t('overview.lastYear'), revenue: p.lastYear }]),
  ]);
  return {
    height: 260,
    marginLeft: 64,
    marginRight: 32,
    x: { type: 'utc', label: t('chart.month'), tickFormat: (d: Date) => formatMonth(d.toISOString().slice(0, 10), f.locale), ticks: Math.min(data.length, Math.floor(width / 90)) },
    y: { grid: true, label: t('chart.revenue', { unit: f.unitSymbol }), tickFormat: (v: number) => formatCompact(v, f.locale) },
    color: { domain: [t('overview.thisYear'), t('overview.lastYear')], range: ['var(--series-current)', 'var(--series-comparison)'], legend: true },
    marks: [
      ...events,
      Plot.ruleY([0]),
      Plot.lineY(rows, { x: 'month', y: 'revenue', stroke: 'series', strokeWidth: 2, }),
      Plot.dot(rows, { x: 'month', y: 'revenue', fill: 'series', r: 2.5 }),
      Plot.tip(rows, Plot.pointerX({ x: 'month', y: 'revenue', title: (d) => `${d.series} · ${formatMonth(d.month.toISOString().slice(0, 10), f.locale)}\n${formatMoney(d.revenue, f)}` })),
    ],
  };
}

/** A breakdown row's name: "other" for the folded tail, "blank" for a missing member. */
function label(r: BreakdownRow & { other?: boolean }) {
  return r.other ? t('overview.other') : (r.member ?? t('overview.blank'));
}

/** The top 8 members' revenue (the rest folded into "other") as bars, with the comparison period as ticks. */
export function breakdownChart(breakdown: BreakdownRow[], width: number, f: OverviewChartFormat): Plot.PlotOptions {
  const rows = topWithOther(breakdown, 8).map((r) => ({ ...r, name: label(r) }));
  const current = t('overview.current');
  const comparison = t('overview.comparison');
  return {
    height: Math.max(120, rows.length * 34 + 50),
    marginLeft: Math.min(160, Math.max(60, ...rows.map((r) => r.name.length * 11))),
    x: { grid: true, label: t('chart.revenue', { unit: f.unitSymbol }), tickFormat: (v: number) => formatCompact(v, f.locale), ticks: Math.floor(width / 100) },
    y: { label: null, domain: rows.map((r) => r.name) },
    color: rows.some((r) => r.comparison !== null) ? { domain: [current, comparison], range: ['var(--series-current)', 'var(--text)'], legend: true } : { domain: [current], range: ['var(--series-current)'], legend: true },
    marks: [
      Plot.barX(rows, { y: 'name', x: 'revenue', fill: () => current, insetTop: 4, insetBottom: 4 }),
      Plot.tickX(rows.filter((r) => r.comparison !== null), { y: 'name', x: 'comparison', stroke: () => comparison, strokeWidth: 2 }),
      Plot.ruleX([0]),
      Plot.tip(rows, Plot.pointerY({ y: 'name', x: 'revenue', title: (d) => `${d.name}\n${t('overview.current')}: ${formatMoney(d.revenue, f)}\n${d.comparison === null ? '' : `${t('overview.comparison')}: ${formatMoney(d.comparison, f)}`}` })),
    ],
  };
}
