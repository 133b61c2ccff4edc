/**
 * Plot options shared by the analysis views: a horizontal waterfall, a
 * heat table (cells coloured by change vs a comparison) and small multiples
 * of monthly revenue per member. Pure builders; the
 * views pass them to PlotChart.
 */
import * as Plot from '@observablehq/plot';
import type { WaterfallStep } from '../lib/analyses/contribution';
import { formatChange, formatCompact, formatMoney, formatMonth, relativeChange, type FormatOptions } from '../lib/format/number';

export interface WaterfallLabels {
  axis: string;
  total: string;
  increase: string;
  decrease: string;
}

export function waterfallOptions(steps: WaterfallStep[], width: number, labels: WaterfallLabels, fmt: FormatOptions): Plot.PlotOptions {
  const kindLabel = { total: labels.total, increase: labels.increase, decrease: labels.decrease };
  const data = steps.map((s) => ({ ...s, kindText: kindLabel[s.kind] }));
  const longest = Math.max(...data.map((d) => d.label.length), 4);
  // Zoom on the levels the bars move between (totals are clipped at the left edge), so small effects stay visible.
  const levels = data.flatMap((d) => (d.kind === 'total' ? [d.end] : [d.start, d.end]));
  const lo = Math.min(...levels, 0 < Math.min(...levels) ? Infinity : 0);
  const hi = Math.max(...levels);
  const pad = (hi - lo) * 0.15 || Math.abs(hi) * 0.05 || 1;
  const domain = [lo >= 0 && lo - pad < 0 ? 0 : lo - pad, hi + pad];
  return {
    height: Math.max(140, data.length * 30 + 60),
    marginLeft: Math.min(170, Math.max(70, longest * 12)),
    marginRight: 24,
    x: { grid: true, domain, label: labels.axis, tickFormat: (v: number) => formatCompact(v, fmt.locale), ticks: Math.max(2, Math.floor(width / 110)) },
    y: { label: null, domain: data.map((d) => d.label) },
    color: {
      domain: [labels.total, labels.increase, labels.decrease],
      range: ['var(--series-current)', 'var(--ahead)', 'var(--at-risk)'],
      legend: true,
    },
    marks: [
      Plot.barX(data, { y: 'label', x1: 'start', x2: 'end', fill: 'kindText', insetTop: 3, insetBottom: 3, clip: true }),
      Plot.ruleX([0], { clip: true }),
      Plot.tip(
        data,
        Plot.pointerY({
          y: 'label',
          x: 'end',
          title: (d: (typeof data)[number]) => `${d.label}\n${d.kindText}: ${d.kind === 'total' ? formatMoney(d.value, fmt) : (d.value >= 0 ? '+' : '') + formatMoney(d.value, fmt)}`,
        }),
      ),
    ],
  };
}

export interface HeatCell {
  row: string;
  col: string;
  revenue: number;
  comparison: number;
}

export interface HeatLabels {
  legend: string;
  current: string;
  comparison: string;
}

/** Cells coloured by relative change (diverging around 0, capped at ±100 %), labelled with it. */
export function heatOptions(cells: HeatCell[], width: number, labels: HeatLabels, fmt: FormatOptions): Plot.PlotOptions {
  const data = cells.map((c) => ({ ...c, growth: relativeChange(c.revenue, c.comparison) }));
  const extent = Math.min(1, Math.max(0.1, ...data.map((d) => Math.abs(d.growth ?? 0))));
  const rows = [...new Set(data.map((d) => d.row))];
  const cols = [...new Set(data.map((d) => d.col))];
  const longest = Math.max(...rows.map((r) => r.length), 2);
  return {
    height: rows.length * 34 + 70,
    marginLeft: Math.min(160, Math.max(50, longest * 13)),
    marginBottom: 40,
    padding: 0.04,
    x: { label: null, domain: cols, tickRotate: width < 520 && cols.length > 4 ? -30 : 0 },
    y: { label: null, domain: rows },
    color: { type: 'diverging', scheme: 'RdBu', domain: [-extent, extent], pivot: 0, legend: true, label: labels.legend, tickFormat: (v: number) => formatChange(v, fmt.locale) },
    marks: [
      Plot.cell(data, { x: 'col', y: 'row', fill: (d: (typeof data)[number]) => (d.growth === null ? null : Math.max(-extent, Math.min(extent, d.growth))) }),
      Plot.text(data, {
        x: 'col',
        y: 'row',
        text: (d: (typeof data)[number]) => formatChange(d.growth, fmt.locale),
        fill: (d: (typeof data)[number]) => (Math.abs(d.growth ?? 0) > extent * 0.6 ? 'white' : 'black'),
        fontSize: 11,
      }),
      Plot.tip(
        data,
        Plot.pointer({
          x: 'col',
          y: 'row',
          title: (d: (typeof data)[number]) =>
            `${d.row} · ${d.col}\n${labels.current}: ${formatMoney(d.revenue, fmt)}\n${labels.comparison}: ${formatMoney(d.comparison, fmt)}\n${formatChange(d.growth, fmt.locale)}`,
        }),
      ),
    ],
  };
}

export interface MemberTrendLabels {
  /** The y axis, e.g. "Revenue (¥)". */
  axis: string;
  month: string;
}

/**
 * Small multiples: one panel per member (fy), monthly revenue as an area,
 * with `annotations` (e.g. competitor events, faceted with the same names)
 * drawn beneath the data.
 */
export function memberTrendsOptions(
  rows: { month: string; member: string | null; revenue: number }[],
  width: number,
  name: (member: string | null) => string,
  labels: MemberTrendLabels,
  fmt: FormatOptions,
  annotations: (names: string[]) => Plot.Markish[] = () => [],
): Plot.PlotOptions {
  const data = rows.map((r) => ({ ...r, name: name(r.member), date: new Date(r.month) }));
  const names = [...new Set(data.map((d) => d.name))];
  const month = (d: Date) => formatMonth(d.toISOString().slice(0, 10), fmt.locale);
  return {
    height: names.length * 80 + 50,
    marginLeft: 64,
    marginRight: 70,
    x: { type: 'utc', label: labels.month, ticks: Math.max(2, Math.floor(width / 110)), tickFormat: month },
    y: { grid: true, label: labels.axis, ticks: 3, tickFormat: (v: number) => formatCompact(v, fmt.locale) },
    fy: { label: null, domain: names },
    marks: [
      ...annotations(names),
      Plot.areaY(data, { x: 'date', y: 'revenue', fy: 'name', fill: 'var(--series-current)', fillOpacity: 0.15 }),
      Plot.lineY(data, { x: 'date', y: 'revenue', fy: 'name', stroke: 'var(--series-current)', strokeWidth: 1.5 }),
      Plot.ruleY([0]),
      Plot.tip(data, Plot.pointerX({ x: 'date', y: 'revenue', fy: 'name', title: (d) => `${d.name} · ${month(d.date)}\n${formatMoney(d.revenue, fmt)}` })),
    ],
  };
}
