/**
 * Full-year revenue outlook against the budget (#/budget): per unit,
 * actual to date + the forecast of the rest of the fiscal year (the same
 * projection as #/forecast), its variance to the full-year revenue budget and
 * the probability of reaching it. Cost lines have no forecast here.
 */
import type { SeriesForecast } from '../forecast/forecast';
import { projectYearEnd } from '../forecast/projection';
import type { BudgetRow } from './budget-variance';
import type { SeriesFrame, UnitSeries } from './forecast-units';

export interface OutlookRow {
  unit: string;
  budget: number;
  actualToDate: number;
  remaining: number;
  outlook: number;
  /** outlook − budget (more revenue is favourable). */
  variance: number;
  variancePct: number | null;
  /** P(full year ≥ budget). */
  probability: number | null;
}

/** `fullYear`: budget rows over the whole fiscal year; only the revenue line is used. */
export function revenueOutlook(fullYear: BudgetRow[], series: UnitSeries[], forecasts: SeriesForecast[], frame: SeriesFrame): OutlookRow[] {
  const out: OutlookRow[] = [];
  for (const b of fullYear) {
    if (b.line !== 'revenue') continue;
    const i = series.findIndex((s) => s.unit === b.unit);
    const actualToDate = i >= 0 ? series[i].actualToDate : 0;
    const p =
      i >= 0
        ? projectYearEnd({ actualToDate, points: forecasts[i].points, firstMonthRemaining: frame.firstMonthRemaining, monthsToYearEnd: frame.monthsToYearEnd, target: b.budget })
        : null;
    const outlook = p ? p.projection : actualToDate;
    out.push({
      unit: b.unit,
      budget: b.budget,
      actualToDate,
      remaining: p ? p.remaining : 0,
      outlook,
      variance: outlook - b.budget,
      variancePct: b.budget !== 0 ? (outlook - b.budget) / b.budget : null,
      probability: p ? p.probability : null,
    });
  }
  return out.sort((a, b) => a.unit.localeCompare(b.unit));
}
