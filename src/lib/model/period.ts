/**
 * Periods as inclusive ISO date ranges, computed as of a date (by default the
 * last date in the data, never the computer's clock: DESIGN.md "as-of date").
 * Pure date arithmetic on 'YYYY-MM-DD' strings in UTC.
 */

export const PERIOD_PRESETS = ['mtd', 'qtd', 'ytd', 'l12m', 'all', 'custom'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export interface DateRange {
  start: string;
  end: string;
}

export interface PeriodSpec {
  preset: PeriodPreset;
  asOf: string;
  /** 1 = January; fiscal quarters and years start here. */
  fyStartMonth: number;
  /** For 'custom'. */
  from?: string;
  to?: string;
  /** The data's first and last dates, for 'all'. */
  dataStart: string;
  dataEnd: string;
}

function parts(iso: string): [number, number, number] {
  const [y, m, d] = iso.split('-').map(Number);
  return [y, m, d];
}

export function toIso(y: number, m: number, d: number): string {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.toISOString().slice(0, 10);
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function addDays(iso: string, days: number): string {
  const [y, m, d] = parts(iso);
  return toIso(y, m, d + days);
}

/** Same day n months later; the day is clamped to the month's length (Feb 29 → Feb 28). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = parts(iso);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return toIso(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

export function daysBetweenInclusive(range: DateRange): number {
  return Math.round((Date.parse(range.end) - Date.parse(range.start)) / 86_400_000) + 1;
}

/** The last day of the period that starts at or contains `iso`: the day itself, its ISO week's Sunday, its month's or its quarter's end. */
export function periodEnd(iso: string, grain: 'day' | 'week' | 'month' | 'quarter'): string {
  if (grain === 'day') return iso;
  if (grain === 'week') return addDays(iso, 6 - ((new Date(`${iso}T00:00:00Z`).getUTCDay() + 6) % 7));
  const [y, m] = parts(iso);
  const last = grain === 'month' ? m : Math.ceil(m / 3) * 3;
  return toIso(y, last, daysInMonth(y, last));
}

export function monthStart(iso: string): string {
  const [y, m] = parts(iso);
  return toIso(y, m, 1);
}

/** First day of the fiscal year that contains `iso`. */
export function fiscalYearStart(iso: string, fyStartMonth: number): string {
  const [y, m] = parts(iso);
  return toIso(m >= fyStartMonth ? y : y - 1, fyStartMonth, 1);
}

/** First day of the fiscal quarter that contains `iso`. */
export function fiscalQuarterStart(iso: string, fyStartMonth: number): string {
  const fy = fiscalYearStart(iso, fyStartMonth);
  const [fy_y, fy_m] = parts(fy);
  const [y, m] = parts(iso);
  const monthsIn = (y - fy_y) * 12 + (m - fy_m);
  return addMonths(fy, Math.floor(monthsIn / 3) * 3);
}

/** Fiscal year label: the calendar year in which the fiscal year ends (FY2019 = Jul 2018–Jun 2019). */
export function fiscalYearOf(iso: string, fyStartMonth: number): number {
  const [y, m] = parts(iso);
  return fyStartMonth === 1 || m < fyStartMonth ? y : y + 1;
}

export function resolvePeriod(spec: PeriodSpec): DateRange {
  const { asOf, fyStartMonth } = spec;
  switch (spec.preset) {
    case 'mtd':
      return { start: monthStart(asOf), end: asOf };
    case 'qtd':
      return { start: fiscalQuarterStart(asOf, fyStartMonth), end: asOf };
    case 'ytd':
      return { start: fiscalYearStart(asOf, fyStartMonth), end: asOf };
    case 'l12m':
      return { start: addDays(addMonths(asOf, -12), 1), end: asOf };
    case 'all':
      return { start: spec.dataStart, end: spec.dataEnd };
    case 'custom': {
      const start = spec.from ?? spec.dataStart;
      const end = spec.to ?? spec.dataEnd;
      return start <= end ? { start, end } : { start: end, end: start };
    }
  }
}

/** The same range one year earlier. */
export function sameRangeLastYear(range: DateRange): DateRange {
  return { start: addMonths(range.start, -12), end: addMonths(range.end, -12) };
}

/**
 * The comparable range just before: for to-date presets, the same elapsed
 * part of the previous month/quarter/year; otherwise the same number of days.
 */
export function previousRange(range: DateRange, preset: PeriodPreset): DateRange {
  const shift = preset === 'mtd' ? 1 : preset === 'qtd' ? 3 : preset === 'ytd' || preset === 'l12m' ? 12 : 0;
  if (shift > 0) return { start: addMonths(range.start, -shift), end: addMonths(range.end, -shift) };
  const days = daysBetweenInclusive(range);
  return { start: addDays(range.start, -days), end: addDays(range.start, -1) };
}

/** First days of every month that overlaps the range. */
export function monthsInRange(range: DateRange): string[] {
  const out: string[] = [];
  for (let m = monthStart(range.start); m <= range.end; m = addMonths(m, 1)) out.push(m);
  return out;
}

/**
 * The period widened to at least the `months` months to its end (from their first day), never before the
 * data starts: small multiples show a quarter's dip against its history.
 */
export function historyWindow(current: DateRange, dataStart: string, months = 24): DateRange {
  const start = [current.start, monthStart(addMonths(current.end, -(months - 1)))].sort()[0];
  return { start: start < dataStart ? monthStart(dataStart) : start, end: current.end };
}
