/**
 * What the app measures of `sales` when a workspace opens: rows, first and last date, and which canonical
 * fields have values. A published workspace carries it in its manifest (prepare-workspace measures it),
 * and a kept table in the browser beside its rows, so neither scans every line again to open.
 */
import { CANONICAL_FIELDS, type CanonicalField } from '../model/schema';
import { sqlIdent } from '../model/sql';
import { periodEnd } from '../model/period';
import type { Grain } from '../ingest/date';

export interface SalesSummary {
  rows: number;
  dataStart: string;
  /** The end of the data: its last date, or for monthly/quarterly data the last day of its last period. */
  dataEnd: string;
  fields: CanonicalField[];
  /** What one date stands for: a day, or a whole month or quarter (a periodic summary export). */
  grain: Grain;
}

/**
 * The grain the dates themselves show: every date on the 1st of a month (and more than one date) is a
 * monthly summary; on the 1st of Jan/Apr/Jul/Oct only, a quarterly one. Daily data has other days.
 */
export function grainOfDates(allFirsts: boolean | null, allQuarterStarts: boolean | null, start: string | null, end: string | null): Grain {
  if (!allFirsts || start === null || start === end) return 'day';
  return allQuarterStarts ? 'quarter' : 'month';
}

/** SQL columns `_firsts`, `_quarter_starts` for grainOfDates (no DISTINCT: one pass with the other sums). */
export const GRAIN_COLUMNS_SQL = 'bool_and(day(date) = 1) AS _firsts, bool_and(day(date) = 1 AND month(date) % 3 = 1) AS _quarter_starts';

export function salesSummarySql(from = 'sales'): string {
  const counts = CANONICAL_FIELDS.map((f) => `count(${sqlIdent(f)}) AS ${sqlIdent(f)}`).join(', ');
  return `SELECT count(*) AS _rows, strftime(min(date), '%Y-%m-%d') AS _start, strftime(max(date), '%Y-%m-%d') AS _end, ${GRAIN_COLUMNS_SQL}, ${counts} FROM ${from}`;
}

/** The summary from salesSummarySql's row (`today` stands in for the dates of an empty table). */
/**
 * `known`: the grain the file's load check decided (it also reads the date column's format: a single
 * `2024-03` is a month, where the dates alone — one date — cannot tell); else the dates decide.
 */
export function salesSummaryFromRow(row: Record<string, unknown>, today: string, known?: Grain): SalesSummary {
  const start = (row._start as string | null) ?? null;
  const end = (row._end as string | null) ?? null;
  const grain = known ?? grainOfDates(row._firsts as boolean | null, row._quarter_starts as boolean | null, start, end);
  return {
    rows: Number(row._rows),
    dataStart: start ?? today,
    dataEnd: end === null ? today : periodEnd(end, grain),
    fields: CANONICAL_FIELDS.filter((f) => Number(row[f]) > 0),
    grain,
  };
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A summary read from storage or a manifest, if it is one. */
export function salesSummaryOf(x: unknown): SalesSummary | null {
  const s = x as SalesSummary | null;
  const ok =
    !!s &&
    typeof s === 'object' &&
    Number.isInteger(s.rows) &&
    s.rows >= 0 &&
    typeof s.dataStart === 'string' &&
    ISO_DAY.test(s.dataStart) &&
    typeof s.dataEnd === 'string' &&
    ISO_DAY.test(s.dataEnd) &&
    Array.isArray(s.fields) &&
    s.fields.every((f) => CANONICAL_FIELDS.includes(f));
  // Summaries written before the grain was measured are of daily data (periodic files were refused then).
  if (!ok) return null;
  const grain = s.grain === 'week' || s.grain === 'month' || s.grain === 'quarter' ? s.grain : 'day';
  return { rows: s.rows, dataStart: s.dataStart, dataEnd: s.dataEnd, fields: [...s.fields], grain };
}
