/**
 * #/reps' chart: each rep's weighted score, coloured by team, with a mark on reps that have a flagged KPI.
 * A pure builder (rows → Plot options) that the view hands to PlotChart.
 */
import * as Plot from '@observablehq/plot';
import type { RepKpi, ScoredRep } from '../../lib/analyses/rep-scorecard';
import { formatDecimal, type FormatOptions } from '../../lib/format/number';
import { t } from '../../lib/i18n/i18n.svelte';

export interface RepChartFormat extends FormatOptions {
  /** The currency's symbol in the KPIs' names. */
  unitSymbol: string;
}

/** The scored reps best first (`teams`: the colour domain's order), ⚠ beside a rep with a flagged KPI. */
export function scoreChart(scored: ScoredRep[], teams: (string | null)[], width: number, f: RepChartFormat): Plot.PlotOptions {
  const data = [...scored].filter((s) => s.score !== null).sort((a, b) => (b.score ?? 0) - (a.score ?? 0)).map((s) => ({
    rep: s.row.rep ?? '',
    team: s.row.team ?? t('overview.blank'),
    score: s.score ?? 0,
    flags: Object.keys(s.flags) as RepKpi[],
  }));
  return {
    height: data.length * 24 + 70,
    marginLeft: Math.min(140, Math.max(60, ...data.map((d) => d.rep.length * 14))),
    x: { label: t('reps.scoreAxis'), domain: [0, 100], grid: true, ticks: Math.floor(width / 80) },
    y: { label: null, domain: data.map((d) => d.rep) },
    color: { domain: teams.map((tm) => tm ?? t('overview.blank')), scheme: 'tableau10', legend: true },
    marks: [
      Plot.barX(data, { y: 'rep', x: 'score', fill: 'team', insetTop: 3, insetBottom: 3 }),
      Plot.text(data.filter((d) => d.flags.length > 0), { y: 'rep', x: 'score', text: () => '⚠', dx: 10, fill: 'var(--at-risk)' }),
      Plot.ruleX([0]),
      Plot.tip(
        data,
        Plot.pointerY({
          y: 'rep',
          x: 'score',
          title: (d) => `${d.rep} · ${d.team}\n${t('reps.score')}: ${formatDecimal(d.score, f.locale, 0)}${d.flags.length ? `\n⚠ ${d.flags.map((k: RepKpi) => t(`reps.kpi.${k}`, { unit: f.unitSymbol })).join(', ')}` : ''}`,
        }),
      ),
    ],
  };
}
