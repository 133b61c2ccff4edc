/**
 * #/forecast's chart: history, forecast and 80/95 % bands of one unit, by month or by week. Pure builders
 * (forecast → rows → Plot options) that the view hands to PlotChart.
 */
import * as Plot from '@observablehq/plot';
import type { SeriesForecast } from '../../lib/forecast/forecast';
import { addDays } from '../../lib/model/period';
import { formatCompact, formatMoney, formatMoneyCompact, formatMonth, type FormatOptions } from '../../lib/format/number';
import { t } from '../../lib/i18n/i18n.svelte';

export interface ChartRow {
  /** The month's first day, or the week's Monday. */
  month: string;
  actual: number | null;
  forecast: number | null;
  lo80: number | null;
  hi80: number | null;
  lo95: number | null;
  hi95: number | null;
}

/** The last `keep` observed points (dated by `dateOf(i)`, i their index in `y`), then the forecast's (dated by `futureOf(h)`). */
export function chartRows(y: number[], keep: number, dateOf: (i: number) => string, forecast: SeriesForecast, steps: number, futureOf: (h: number) => string): ChartRow[] {
  const history = y.slice(-keep).map((v, i, arr) => ({ month: dateOf(y.length - arr.length + i), actual: v, forecast: null, lo80: null, hi80: null, lo95: null, hi95: null }));
  const future = forecast.points.slice(0, steps).map((p) => ({ month: futureOf(p.h), actual: null, forecast: p.mean, lo80: p.lo80, hi80: p.hi80, lo95: p.lo95, hi95: p.hi95 }));
  return [...history, ...future];
}

/** The dates a weekly chart spans: its first Monday to its last Sunday. */
export const weekSpan = (rows: ChartRow[]) => (rows.length ? { start: rows[0].month, end: addDays(rows[rows.length - 1].month, 6) } : null);

export interface ForecastChartFormat extends FormatOptions {
  unitSymbol: string;
  /** Names a point in the tip: a month, or a week's Monday. */
  dateLabel: (iso: string) => string;
}

/** History, forecast and 80/95 % bands; `events`: competitor marks along the chart. */
export function forecastChart(chart: ChartRow[], width: number, f: ForecastChartFormat, events: Plot.Markish[] = []): Plot.PlotOptions {
  const rows = chart.map((r) => ({ ...r, date: new Date(r.month) }));
  const hist = rows.filter((r) => r.actual !== null);
  const last = hist[hist.length - 1];
  // The forecast line starts at the last actual so the two connect.
  const fc = [...(last ? [{ ...last, forecast: last.actual, lo80: last.actual, hi80: last.actual, lo95: last.actual, hi95: last.actual }] : []), ...rows.filter((r) => r.forecast !== null)];
  const actualLabel = t('forecast.actual');
  const forecastLabel = t('forecast.forecast');
  const band = (lo: number | null, hi: number | null) => `${formatMoneyCompact(lo, f)} – ${formatMoneyCompact(hi, f)}`;
  return {
    height: 300,
    marginLeft: 64,
    marginRight: 24,
    x: { type: 'utc', label: null, tickFormat: (d: Date) => formatMonth(d.toISOString().slice(0, 10), f.locale), ticks: Math.floor(width / 90) },
    y: { grid: true, label: t('chart.revenue', { unit: f.unitSymbol }), tickFormat: (v: number) => formatCompact(v, f.locale) },
    color: { domain: [actualLabel, forecastLabel], range: ['var(--series-current)', 'var(--accent)'], legend: true },
    marks: [
      ...events,
      Plot.areaY(fc, { x: 'date', y1: 'lo95', y2: 'hi95', fill: 'var(--accent)', fillOpacity: 0.12 }),
      Plot.areaY(fc, { x: 'date', y1: 'lo80', y2: 'hi80', fill: 'var(--accent)', fillOpacity: 0.22 }),
      Plot.lineY(hist, { x: 'date', y: 'actual', stroke: () => actualLabel, strokeWidth: 2 }),
      Plot.lineY(fc, { x: 'date', y: 'forecast', stroke: () => forecastLabel, strokeWidth: 2, strokeDasharray: '5,3' }),
      Plot.tip(
        rows,
        Plot.pointerX({
          x: 'date',
          y: (d: ChartRow) => d.actual ?? d.forecast,
          title: (d: ChartRow) =>
            `${f.dateLabel(d.month)}\n` +
            (d.actual !== null ? `${actualLabel}: ${formatMoney(d.actual, f)}` : `${forecastLabel}: ${formatMoney(d.forecast, f)}\n80 %: ${band(d.lo80, d.hi80)}\n95 %: ${band(d.lo95, d.hi95)}`),
        }),
      ),
    ],
  };
}
