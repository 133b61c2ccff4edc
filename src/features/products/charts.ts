/**
 * #/products' chart: the ABC (Pareto) analysis of products by revenue. A pure builder (rows → Plot options)
 * that the view hands to PlotChart.
 */
import * as Plot from '@observablehq/plot';
import type { AbcRow } from '../../lib/analyses/abc-pareto';
import { formatMoney, formatPercent, type FormatOptions } from '../../lib/format/number';
import { t } from '../../lib/i18n/i18n.svelte';

export interface ProductChartFormat extends FormatOptions {
  /** A member's name (a blank member's label). */
  label: (member: string | null) => string;
}

const classColors = { A: 'var(--series-current)', B: 'var(--accent-2)', C: 'var(--series-comparison)' };

/** Each product's share by rank, coloured by ABC class, with the cumulative share and the A/B thresholds. */
export function abcChart(abc: AbcRow[], thresholds: { a: number; b: number }, width: number, f: ProductChartFormat): Plot.PlotOptions {
  const rows = abc.filter((r) => r.revenue > 0).map((r) => ({ ...r, name: f.label(r.member) }));
  const cumulative = t('products.cumulative');
  return {
    height: 300,
    marginLeft: 56,
    marginBottom: 40,
    x: { label: `${t('products.rank')} →`, domain: rows.map((r) => r.rank), tickFormat: (d: number) => (rows.length <= 30 || d % 10 === 0 || d === 1 ? String(d) : ''), ticks: Math.floor(width / 40) },
    y: { grid: true, domain: [0, 1], label: t('analysis.shareAxis'), tickFormat: (v: number) => formatPercent(v, f.locale, 0) },
    color: { domain: ['A', 'B', 'C', cumulative], range: [classColors.A, classColors.B, classColors.C, 'var(--text)'], legend: true },
    marks: [
      Plot.barY(rows, { x: 'rank', y: 'share', fill: 'abcClass' }),
      Plot.lineY(rows, { x: 'rank', y: 'cumulativeShare', stroke: () => cumulative, strokeWidth: 2, curve: 'step-before' }),
      Plot.ruleY([thresholds.a, thresholds.b], { stroke: 'var(--text-muted)', strokeDasharray: '4 3' }),
      Plot.tip(
        rows,
        Plot.pointerX({
          x: 'rank',
          y: 'cumulativeShare',
          title: (d) => `#${d.rank} ${d.name} (${d.abcClass})\n${formatMoney(d.revenue, f)} · ${formatPercent(d.share, f.locale)}\n${cumulative}: ${formatPercent(d.cumulativeShare, f.locale)}`,
        }),
      ),
    ],
  };
}
