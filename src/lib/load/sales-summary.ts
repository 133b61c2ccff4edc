/**
 * What the app measures of `sales` when a workspace opens: rows, first and last date, and which canonical
 * fields have values. A published workspace carries it in its manifest (prepare-workspace measures it),
 * and a kept table in the browser beside its rows, so neither scans every line again to open.
 */
import { CANONICAL_FIELDS, type CanonicalField } from '../model/schema';
import { sqlIdent } from '../model/sql';

export interface SalesSummary {
  rows: number;
  dataStart: string;
  dataEnd: string;
  fields: CanonicalField[];
}

export function salesSummarySql(from = 'sales'): string {
  const counts = CANONICAL_FIELDS.map((f) => `count(${sqlIdent(f)}) AS ${sqlIdent(f)}`).join(', ');
  return `SELECT count(*) AS _rows, strftime(min(date), '%Y-%m-%d') AS _start, strftime(max(date), '%Y-%m-%d') AS _end, ${counts} FROM ${from}`;
}

/** The summary from salesSummarySql's row (`today` stands in for the dates of an empty table). */
export function salesSummaryFromRow(row: Record<string, unknown>, today: string): SalesSummary {
  return {
    rows: Number(row._rows),
    dataStart: (row._start as string) ?? today,
    dataEnd: (row._end as string) ?? today,
    fields: CANONICAL_FIELDS.filter((f) => Number(row[f]) > 0),
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
  return ok ? { rows: s.rows, dataStart: s.dataStart, dataEnd: s.dataEnd, fields: [...s.fields] } : null;
}
