/**
 * The growth columns of the analysis tables: revenue vs the previous period
 * and vs the same period last year. None when the period is not compared
 * (the whole history has nothing before it), as on the overview.
 */
import type { ShownColumn } from '../lib/share/on-screen';
import { t, i18n } from '../lib/i18n/i18n.svelte';
import { formatChange, relativeChange } from '../lib/format/number';

type Growth = 'vsPrev' | 'vsYoy';

export function growthColumns<R extends { revenue: number; previous: number; lastYear: number }>(
  compared: boolean,
  which: Growth[] = ['vsPrev', 'vsYoy'],
): (ShownColumn<R> & { format: (row: R) => string })[] {
  if (!compared) return [];
  const base = (r: R, g: Growth) => (g === 'vsPrev' ? r.previous : r.lastYear);
  return which.map((g) => ({
    key: g,
    label: t(`analysis.${g}`),
    numeric: true,
    value: (r: R) => relativeChange(r.revenue, base(r, g)),
    format: (r: R) => formatChange(relativeChange(r.revenue, base(r, g)), i18n.locale),
  }));
}
