/**
 * #/channels' chart: each channel's share of revenue month by month. A pure builder (rows → Plot options)
 * that the view hands to PlotChart.
 */
import * as Plot from '@observablehq/plot';
import type { MonthlyMemberRow } from '../../lib/analyses/channel-mix';
import { formatMoney, formatMonth, formatPercent, type FormatOptions } from '../../lib/format/number';
import { t } from '../../lib/i18n/i18n.svelte';

export interface ChannelChartFormat extends FormatOptions {
  /** A member's name (a blank member's label). */
  label: (member: string | null) => string;
}

/** The channels' shares stacked to 100 % per month, in `members`' order; `events`: competitor marks along it. */
export function mixChart(monthly: MonthlyMemberRow[], members: string[], width: number, f: ChannelChartFormat, events: Plot.Markish[] = []): Plot.PlotOptions {
  const data = monthly.map((r) => ({ ...r, name: f.label(r.member), date: new Date(r.month) }));
  return {
    height: 280,
    marginLeft: 56,
    x: { type: 'utc', label: t('chart.month'), ticks: Math.max(2, Math.floor(width / 100)), tickFormat: (d: Date) => formatMonth(d.toISOString().slice(0, 10), f.locale) },
    y: { grid: true, label: t('analysis.shareAxis'), domain: [0, 1], tickFormat: (v: number) => formatPercent(v, f.locale, 0) },
    color: { domain: members, scheme: 'observable10', legend: true },
    marks: [
      Plot.areaY(data, { x: 'date', y: (d) => Math.max(0, d.share ?? 0), fill: 'name', order: members, offset: 'normalize' }),
      ...events,
      Plot.ruleY([0]),
      Plot.tip(
        data,
        Plot.pointerX(
          Plot.stackY({ x: 'date', y: (d) => Math.max(0, d.share ?? 0), fill: 'name', order: members, offset: 'normalize', title: (d) => `${d.name} · ${formatMonth(d.month, f.locale)}\n${formatPercent(d.share, f.locale)} · ${formatMoney(d.revenue, f)}` }),
        ),
      ),
    ],
  };
}
