/**
 * #/customers' charts: concentration (Pareto), RFM segments, new vs returning customers, cohort retention,
 * and one customer's months. Pure builders (rows → Plot options) that the view hands to PlotChart.
 */
import * as Plot from '@observablehq/plot';
import type { Concentration, ConcentrationResult } from '../../lib/analyses/customer-concentration';
import type { RfmSegmentRow } from '../../lib/analyses/rfm';
import type { CohortCell, CustomerMonth, NewReturningRow } from '../../lib/analyses/customer-lifecycle';
import { formatCompact, formatInteger, formatMoney, formatMonth, formatPercent, type FormatOptions } from '../../lib/format/number';
import { t } from '../../lib/i18n/i18n.svelte';

export interface CustomerChartFormat extends FormatOptions {
  /** The currency's symbol for the axes. */
  unitSymbol: string;
}

/** Cumulative share of revenue against the share of customers, largest first; the 80 % line and how few customers reach it. */
export function paretoChart(pareto: ConcentrationResult['pareto'] | null, c: Concentration | null, width: number, f: CustomerChartFormat): Plot.PlotOptions {
  const n = pareto?.customers ?? 0;
  const pts = [{ rank: 0, customer: '', revenue: 0, cumShare: 0 }, ...(pareto?.points ?? [])].map((p) => ({ ...p, customerShare: n ? p.rank / n : 0 }));
  const at80 = n && c ? c.customersFor80 / n : null;
  return {
    height: 260,
    marginLeft: 56,
    x: { label: t('customers.paretoX'), tickFormat: (v: number) => formatPercent(v, f.locale, 0), domain: [0, 1], ticks: Math.floor(width / 90) },
    y: { label: t('customers.paretoY'), tickFormat: (v: number) => formatPercent(v, f.locale, 0), domain: [0, 1], grid: true },
    marks: [
      Plot.ruleY([0.8], { stroke: 'var(--text-muted)', strokeDasharray: '4 3' }),
      ...(at80 === null ? [] : [Plot.ruleX([at80], { stroke: 'var(--text-muted)', strokeDasharray: '4 3' })]),
      Plot.areaY(pts, { x: 'customerShare', y: 'cumShare', fill: 'var(--series-current)', fillOpacity: 0.15 }),
      Plot.lineY(pts, { x: 'customerShare', y: 'cumShare', stroke: 'var(--series-current)', strokeWidth: 2 }),
      Plot.tip(
        pts.filter((p) => p.rank > 0),
        Plot.pointerX({
          x: 'customerShare',
          y: 'cumShare',
          title: (p) => t('customers.paretoTip', { rank: formatInteger(p.rank, f.locale), customer: p.customer, share: formatPercent(p.cumShare, f.locale) }),
        }),
      ),
    ],
  };
}

/** Customers per RFM segment, with their revenue in the tip. */
export function rfmChart(segments: RfmSegmentRow[], segmentLabel: (s: RfmSegmentRow['segment']) => string, width: number, f: CustomerChartFormat): Plot.PlotOptions {
  const rows = segments.map((s) => ({ ...s, name: segmentLabel(s.segment) }));
  return {
    height: rows.length * 30 + 50,
    marginLeft: Math.min(140, Math.max(70, ...rows.map((r) => r.name.length * 9))),
    x: { label: t('customers.customersAxis'), grid: true, ticks: Math.floor(width / 90) },
    y: { label: null, domain: rows.map((r) => r.name) },
    marks: [
      Plot.barX(rows, { y: 'name', x: 'customers', fill: 'var(--series-current)', insetTop: 3, insetBottom: 3 }),
      Plot.ruleX([0]),
      Plot.tip(
        rows,
        Plot.pointerY({
          y: 'name',
          x: 'customers',
          title: (r) => `${r.name}\n${t('customers.customersAxis')}: ${formatInteger(r.customers, f.locale)}\n${t('kpi.revenue')}: ${formatMoney(r.revenue, f)} (${formatPercent(r.revenueShare, f.locale)})`,
        }),
      ),
    ],
  };
}

/** New and returning customers per month, stacked. */
export function newReturningChart(data: NewReturningRow[], width: number, f: CustomerChartFormat): Plot.PlotOptions {
  const nNew = t('customers.new');
  const nRet = t('customers.returning');
  // Month labels, not ISO strings: a band scale of date-like strings makes Plot warn.
  const label = (m: string) => formatMonth(m, f.locale);
  const rows = data.flatMap((r) => [
    { month: label(r.month), series: nNew, customers: r.newCustomers, revenue: r.newRevenue },
    { month: label(r.month), series: nRet, customers: r.returningCustomers, revenue: r.returningRevenue },
  ]);
  const every = Math.max(1, Math.ceil(data.length / Math.max(1, Math.floor(width / 70))));
  return {
    height: 260,
    marginLeft: 56,
    x: { label: t('chart.month'), domain: data.map((r) => label(r.month)), ticks: data.filter((_, i) => i % every === 0).map((r) => label(r.month)) },
    y: { label: t('customers.customersAxis'), grid: true },
    color: { domain: [nNew, nRet], range: ['var(--series-current)', 'var(--series-comparison)'], legend: true },
    marks: [
      Plot.barY(rows, { x: 'month', y: 'customers', fill: 'series', order: [nNew, nRet] }),
      Plot.ruleY([0]),
      Plot.tip(rows, Plot.pointer(Plot.stackY({ x: 'month', y: 'customers', fill: 'series', order: [nNew, nRet], title: (r) => `${r.month} · ${r.series}\n${t('customers.customersAxis')}: ${formatInteger(r.customers, f.locale)}\n${t('kpi.revenue')}: ${formatMoney(r.revenue, f)}` }))),
    ],
  };
}

/** Retention by first-purchase month (rows) and months since (columns). */
export function cohortChart(cohortCells: CohortCell[], width: number, f: CustomerChartFormat): Plot.PlotOptions {
  const cells = cohortCells.map((c) => ({ ...c, label: formatMonth(c.cohort, f.locale) }));
  const cohorts = [...new Set(cells.map((c) => c.label))];
  const maxK = Math.max(0, ...cells.map((c) => c.k));
  return {
    height: cohorts.length * 22 + 70,
    marginLeft: 80,
    x: { label: t('customers.cohortK'), domain: Array.from({ length: maxK + 1 }, (_, k) => k), ticks: Array.from({ length: maxK + 1 }, (_, k) => k).filter((k) => k % Math.max(1, Math.ceil((maxK + 1) / Math.floor(width / 28))) === 0) },
    y: { label: t('customers.cohortMonth'), domain: cohorts },
    color: { type: 'linear', scheme: 'blues', domain: [0, 1], label: t('customers.retention'), legend: true, tickFormat: (v: number) => formatPercent(v, f.locale, 0) },
    marks: [
      Plot.cell(cells, { x: 'k', y: 'label', fill: 'share', inset: 0.5 }),
      Plot.tip(cells, Plot.pointer({ x: 'k', y: 'label', title: (c) => t('customers.cohortTip', { cohort: c.label, k: c.k, customers: formatInteger(c.customers, f.locale), size: formatInteger(c.size, f.locale), share: formatPercent(c.share, f.locale) }) })),
    ],
  };
}

/** One customer's revenue per month. */
export function historyChart(customerMonths: CustomerMonth[], width: number, f: CustomerChartFormat): Plot.PlotOptions {
  const months = customerMonths.map((m) => ({ ...m, label: formatMonth(m.month, f.locale) }));
  const every = Math.max(1, Math.ceil(months.length / Math.max(1, Math.floor(width / 70))));
  return {
    height: 220,
    marginLeft: 64,
    x: { label: t('chart.month'), domain: months.map((m) => m.label), ticks: months.filter((_, i) => i % every === 0).map((m) => m.label) },
    y: { label: t('chart.revenue', { unit: f.unitSymbol }), grid: true, tickFormat: (v: number) => formatCompact(v, f.locale) },
    marks: [
      Plot.barY(months, { x: 'label', y: 'revenue', fill: 'var(--series-current)' }),
      Plot.ruleY([0]),
      Plot.tip(months, Plot.pointerX({ x: 'label', y: 'revenue', title: (m) => `${m.label}\n${t('kpi.revenue')}: ${formatMoney(m.revenue, f)}\n${t('kpi.orders')}: ${formatInteger(m.orders, f.locale)}` })),
    ],
  };
}
