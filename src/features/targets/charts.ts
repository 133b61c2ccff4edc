/**
 * #/targets' charts: the focused unit's pacing path and months, each unit's attainment, and the units ×
 * months attainment heat map. Pure builders (rows → Plot options) that the view hands to PlotChart.
 */
import * as Plot from '@observablehq/plot';
import type { MonthCell, PacingPoint, StatusRow } from '../../lib/analyses/target-status';
import type { Status } from '../../lib/targets/pacing';
import { formatCompact, formatMoney, formatMonth, formatPercent, type FormatOptions } from '../../lib/format/number';
import { t } from '../../lib/i18n/i18n.svelte';

export interface TargetChartFormat extends FormatOptions {
  /** The currency's symbol for the axes ("¥"). */
  unitSymbol: string;
  statusLabel: (s: Status | null) => string;
}

const monthOf = (m: string, f: TargetChartFormat) => formatMonth(m, f.locale);
const revenueAxis = (f: TargetChartFormat) => ({ grid: true, label: t('chart.revenue', { unit: f.unitSymbol }), tickFormat: (v: number) => formatCompact(v, f.locale) });
/** Room for the longest unit name on the left. */
const unitMargin = (units: string[]) => Math.min(160, Math.max(60, ...units.map((u) => u.length * 12)));

/** Cumulative target, actual and projection through the year; `events`: competitor marks along it. */
export function pacingChart(path: PacingPoint[], width: number, f: TargetChartFormat, events: Plot.Markish[] = []): Plot.PlotOptions {
  const series = [
    { key: 'cumTarget', label: t('targets.series.target') },
    { key: 'cumActual', label: t('targets.series.actual') },
    { key: 'cumProjection', label: t('targets.series.projection') },
  ] as const;
  const points = series.flatMap((s) => path.filter((p) => p[s.key] !== null).map((p) => ({ month: new Date(p.month), series: s.label, value: p[s.key] as number })));
  const projection = series[2].label;
  return {
    height: 260,
    marginLeft: 64,
    x: { type: 'utc', label: null, tickFormat: (d: Date) => monthOf(d.toISOString().slice(0, 10), f), ticks: Math.floor(width / 90) },
    y: revenueAxis(f),
    color: { domain: series.map((s) => s.label), range: ['var(--text-muted)', 'var(--series-current)', 'var(--accent-2)'], legend: true },
    marks: [
      ...events,
      Plot.ruleY([0]),
      Plot.lineY(points.filter((d) => d.series !== projection), { x: 'month', y: 'value', stroke: 'series', strokeWidth: 2 }),
      Plot.lineY(points.filter((d) => d.series === projection), { x: 'month', y: 'value', stroke: 'series', strokeWidth: 2, strokeDasharray: '6 4' }),
      Plot.dot(points, { x: 'month', y: 'value', fill: 'series', r: 2.5 }),
      Plot.tip(points, Plot.pointerX({ x: 'month', y: 'value', title: (d) => `${d.series} · ${monthOf(d.month.toISOString().slice(0, 10), f)}\n${formatMoney(d.value, f)}` })),
    ],
  };
}

/** The focused unit's months: actual bars against target ticks. */
export function monthlyChart(cells: MonthCell[], width: number, f: TargetChartFormat): Plot.PlotOptions {
  const bars = cells.filter((c) => c.actual !== null).map((c) => ({ month: monthOf(c.month, f), actual: c.actual as number }));
  const ticks = cells.filter((c) => c.target !== null).map((c) => ({ month: monthOf(c.month, f), target: c.target as number }));
  return {
    height: 260,
    marginLeft: 64,
    marginBottom: width < 900 ? 56 : 30,
    x: { label: null, domain: cells.map((c) => monthOf(c.month, f)), tickRotate: width < 900 ? -45 : 0 },
    y: revenueAxis(f),
    color: { domain: [t('targets.series.actual'), t('targets.series.target')], range: ['var(--series-current)', 'var(--text)'], legend: true },
    marks: [
      Plot.barY(bars, { x: 'month', y: 'actual', fill: () => t('targets.series.actual'), insetLeft: 3, insetRight: 3 }),
      Plot.tickY(ticks, { x: 'month', y: 'target', stroke: () => t('targets.series.target'), strokeWidth: 2 }),
      Plot.ruleY([0]),
    ],
  };
}

/** The units the attainment chart shows: those with a target, best first. */
export const attainmentRanking = (rows: StatusRow[]) => rows.filter((r) => r.attainment !== null).sort((a, b) => (b.attainment ?? 0) - (a.attainment ?? 0));

/** Each unit's attainment (attainmentRanking's rows) as a bar coloured by its status. */
export function attainmentChart(ranking: StatusRow[], width: number, f: TargetChartFormat): Plot.PlotOptions {
  const pct = (v: number) => formatPercent(v, f.locale);
  const list = ranking.map((r) => ({ unit: r.unit, attainment: r.attainment as number, status: f.statusLabel(r.status) }));
  const statuses: Status[] = ['ahead', 'on-pace', 'behind', 'at-risk'];
  return {
    height: Math.max(120, list.length * 26 + 50),
    marginLeft: unitMargin(list.map((r) => r.unit)),
    x: { grid: true, label: t('targets.col.attainment'), tickFormat: pct, ticks: Math.floor(width / 100) },
    y: { label: null, domain: list.map((r) => r.unit) },
    color: {
      domain: [...statuses.map((s) => f.statusLabel(s)), f.statusLabel(null)],
      range: ['var(--ahead)', 'var(--on-pace)', 'var(--behind)', 'var(--at-risk)', 'var(--text-muted)'],
      legend: true,
    },
    marks: [
      Plot.barX(list, { y: 'unit', x: 'attainment', fill: 'status', insetTop: 3, insetBottom: 3 }),
      Plot.ruleX([0]),
      Plot.ruleX([1], { strokeDasharray: '4 3' }),
      Plot.tip(list, Plot.pointerY({ y: 'unit', x: 'attainment', title: (d) => `${d.unit}\n${pct(d.attainment)} · ${d.status}` })),
    ],
  };
}

/** Units × months, each cell coloured by the month's attainment (diverging around 100 %). */
export function attainmentHeatChart(cells: MonthCell[], width: number, f: TargetChartFormat): Plot.PlotOptions {
  const list = cells.filter((c) => c.attainment !== null).map((c) => ({ unit: c.unit, month: monthOf(c.month, f), attainment: c.attainment as number }));
  const units = [...new Set(cells.map((c) => c.unit))];
  return {
    height: Math.max(120, units.length * 26 + (width < 900 ? 90 : 60)),
    marginBottom: width < 900 ? 56 : 30,
    marginLeft: unitMargin(units),
    x: { label: null, domain: [...new Set(cells.map((c) => monthOf(c.month, f)))], tickRotate: width < 900 ? -45 : 0 },
    y: { label: null, domain: units },
    color: { type: 'diverging', pivot: 1, domain: [0.5, 1.5], scheme: 'BuRd', reverse: true, legend: true, label: t('targets.col.attainment'), tickFormat: (v: number) => formatPercent(v, f.locale) },
    marks: [
      Plot.cell(list, { x: 'month', y: 'unit', fill: 'attainment', inset: 1 }),
      width >= 600 ? Plot.text(list, { x: 'month', y: 'unit', text: (d) => formatPercent(d.attainment, f.locale, 0), fontSize: 10 }) : null,
    ],
  };
}
