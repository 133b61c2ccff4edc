/** A date range kept in a view option as `YYYY-MM-DD..YYYY-MM-DD` (so links reproduce it). */
import type { DateRange } from './period';

const RANGE = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/;

export function parseRangeOption(text: string | undefined): DateRange | null {
  const m = text ? RANGE.exec(text) : null;
  if (!m || Number.isNaN(Date.parse(m[1])) || Number.isNaN(Date.parse(m[2]))) return null;
  return m[1] <= m[2] ? { start: m[1], end: m[2] } : { start: m[2], end: m[1] };
}

export function formatRangeOption(range: DateRange): string {
  return `${range.start}..${range.end}`;
}
