/**
 * #/budget's chart: each unit's variance against budget per line, favourable or not. A pure builder
 * (rows → Plot options) that the view hands to PlotChart.
 */
import * as Plot from '@observablehq/plot';
import type { VarianceRow } from '../../lib/analyses/budget-variance';
import { formatCompact, formatMoney, formatPercent, type FormatOptions } from '../../lib/format/number';
import { t } from '../../lib/i18n/i18n.svelte';

export interface BudgetChartFormat extends FormatOptions {
  /** The currency's symbol for the axis. */
  unitSymbol: string;
  /** A budget line's name ("Revenue"). */
  lineLabel: (line: string) => string;
}

/** Actual − budget per unit and line (those with an actual; the company total, `companyLabel`, left out), coloured favourable or not. */
export function varianceChart(rows: VarianceRow[], companyLabel: string, width: number, f: BudgetChartFormat): Plot.PlotOptions {
  const data = rows
    .filter((r) => r.variance !== null && r.unit !== companyLabel)
    .map((r) => ({ ...r, label: `${r.unit} · ${f.lineLabel(r.line)}`, kind: r.favourable ? t('budget.favourable') : t('budget.unfavourable') }));
  return {
    height: Math.max(140, data.length * 28 + 60),
    marginLeft: Math.min(200, width * 0.4),
    x: { grid: true, label: t('budget.variance', { unit: f.unitSymbol }), tickFormat: (v: number) => formatCompact(v, f.locale), ticks: Math.floor(width / 110) },
    y: { label: null, domain: data.map((d) => d.label) },
    color: { domain: [t('budget.favourable'), t('budget.unfavourable')], range: ['var(--ahead)', 'var(--at-risk)'], legend: true },
    marks: [
      Plot.barX(data, { y: 'label', x: 'variance', fill: 'kind', insetTop: 4, insetBottom: 4 }),
      Plot.ruleX([0]),
      Plot.tip(data, Plot.pointerY({ y: 'label', x: 'variance', title: (d) => `${d.label}\n${formatMoney(d.variance, f)} (${formatPercent(d.variancePct, f.locale)})` })),
    ],
  };
}
