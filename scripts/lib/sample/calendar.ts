/**
 * Dates as whole days since 1970-01-01 (UTC). Integers compare, add and index
 * arrays cheaply and never suffer from time zones or DST.
 */

export type Day = number;

const MS_PER_DAY = 86_400_000;
const isoCache = new Map<Day, string>();

export function dayFromIso(iso: string): Day {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
}

export function dayFromParts(year: number, month: number, dom: number): Day {
  return Date.UTC(year, month - 1, dom) / MS_PER_DAY;
}

/** 'YYYY-MM-DD' (cached: the generator formats the same few thousand days). */
export function isoFromDay(day: Day): string {
  let s = isoCache.get(day);
  if (s === undefined) {
    s = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    isoCache.set(day, s);
  }
  return s;
}

/** 'YYYYMMDD', as used in order ids. */
export function compactFromDay(day: Day): string {
  return isoFromDay(day).replaceAll('-', '');
}

export interface DateParts {
  year: number;
  month: number; // 1..12
  dom: number; // 1..31
}

export function partsOf(day: Day): DateParts {
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, dom: d.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(day: Day): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** First day of the month as 'YYYY-MM-01'. */
export function monthIso(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}-01`;
}

/** A month as one integer (year * 12 + month - 1) for map keys and ranges. */
export function monthIndex(year: number, month: number): number {
  return year * 12 + month - 1;
}

export function monthOfIndex(index: number): { year: number; month: number } {
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}
