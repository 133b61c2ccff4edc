/**
 * Monthly summaries that split the period in two columns, a year and a month (年份 2024 · 月份 1月,
 * Year 2024 · Month Jan, Jahr · Monat 3): when no column is a date, the pair becomes one derived
 * column "year + month" holding `2024-01`, which the month format reads like any `YYYY-MM` column.
 * The same value is built in TS (for the mapping's samples) and in SQL (for the load), from the same
 * month table, so the two cannot disagree.
 */
import { normalizeHeader } from './header-synonyms';
import { isBlankCell, isBlankCellSql } from './blank';
import { sqlIdent as ident, sqlString as sqlQuote } from '../model/sql';

const YEAR_HEADERS = new Set(['year', 'yr', 'fiscalyear', '年', '年份', '年度', '财年', '会计年度', 'jahr', 'geschäftsjahr', 'année', 'annee', 'año', 'ano', 'anio', 'ejercicio', '年次', '연도', '년도']);
const MONTH_HEADERS = new Set(['month', 'mon', 'mth', '月', '月份', '月度', 'monat', 'mois', 'mes', '월']);
const YEAR_VALUE = /^(19|20)\d{2}\s*(年|年度)?$/;
const MONTH_NUMBER = /^(0?[1-9]|1[0-2])\s*(月|月份)?$/;
const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** Share of a column's non-empty sample that must read as years / months. */
const SHARE = 0.95;

export interface YearMonthColumns {
  year: string;
  month: string;
  /** The derived column's name, as the mapping and #/data show it. */
  column: string;
}

/**
 * A year or month cell as text: trimmed, and a whole number written as a float (`2024.0`, how numeric
 * columns of a Parquet or Excel file can read) without its `.0`. SQL does the same (yearMonthSql).
 */
function cellText(text: string): string {
  return text.trim().replace(/\.0+$/, '');
}
const CELL_TEXT_SQL = (expr: string) => `regexp_replace(trim(CAST(${expr} AS VARCHAR)), '\\.0+$', '')`;

function monthNumber(text: string): number | null {
  const t = cellText(text);
  const numeric = MONTH_NUMBER.exec(t);
  if (numeric) return Number(numeric[1]);
  const i = MONTH_NAMES.indexOf(t.slice(0, 3).toLowerCase());
  return i >= 0 && /^[a-z]+\.?$/i.test(t) ? i + 1 : null;
}

function mostly(values: string[], test: (v: string) => boolean): boolean {
  const filled = values.filter((v) => !isBlankCell(v));
  return filled.length > 0 && filled.filter(test).length >= filled.length * SHARE;
}

/** The year and month columns of a file without a date column, named by their headers and confirmed by their values. */
export function findYearMonth(header: string[], rows: string[][]): YearMonthColumns | null {
  const values = (i: number) => rows.map((r) => r[i] ?? '');
  const year = header.findIndex((h, i) => YEAR_HEADERS.has(normalizeHeader(h)) && mostly(values(i), (v) => YEAR_VALUE.test(cellText(v))));
  const month = header.findIndex((h, i) => MONTH_HEADERS.has(normalizeHeader(h)) && mostly(values(i), (v) => monthNumber(v) !== null));
  if (year < 0 || month < 0) return null;
  const column = `${header[year]} + ${header[month]}`;
  return header.includes(column) ? null : { year: header[year], month: header[month], column };
}

/** `YYYY-MM` from one row's year and month texts; '' when either is blank, the raw pair when it does not read. */
export function yearMonthValue(year: string, month: string): string {
  if (isBlankCell(year) || isBlankCell(month)) return '';
  const y = YEAR_VALUE.exec(cellText(year));
  const m = monthNumber(month);
  return y && m !== null ? `${cellText(year).slice(0, 4)}-${String(m).padStart(2, '0')}` : `${cellText(year)}-${cellText(month)}`;
}

/** The sniffed header and sample with the derived column appended. */
export function withYearMonth(header: string[], rows: string[][], c: YearMonthColumns): { header: string[]; rows: string[][] } {
  const y = header.indexOf(c.year);
  const m = header.indexOf(c.month);
  return { header: [...header, c.column], rows: rows.map((r) => [...r, yearMonthValue(r[y] ?? '', r[m] ?? '')]) };
}

/** The derived column over text columns `year` and `month`, as yearMonthValue builds it. */
export function yearMonthSql(c: YearMonthColumns): string {
  const y = CELL_TEXT_SQL(ident(c.year));
  const m = CELL_TEXT_SQL(ident(c.month));
  const names = `[${MONTH_NAMES.map(sqlQuote).join(', ')}]`;
  const number = `CASE WHEN regexp_full_match(${m}, ${sqlQuote(MONTH_NUMBER.source)}) THEN CAST(regexp_extract(${m}, '^0?(\\d+)', 1) AS INTEGER)
    WHEN regexp_full_match(${m}, '[A-Za-z]+\\.?') AND list_position(${names}, lower(left(${m}, 3))) > 0 THEN list_position(${names}, lower(left(${m}, 3))) END`;
  return `CASE WHEN ${isBlankCellSql(y)} OR ${isBlankCellSql(m)} THEN NULL
  WHEN regexp_full_match(${y}, ${sqlQuote(YEAR_VALUE.source)}) AND (${number}) IS NOT NULL THEN left(${y}, 4) || '-' || lpad(CAST(${number} AS VARCHAR), 2, '0')
  ELSE ${y} || '-' || ${m} END`;
}

/** A relation with the derived column appended. */
export function withYearMonthSql(relation: string, c: YearMonthColumns): string {
  return `(SELECT *, ${yearMonthSql(c)} AS ${ident(c.column)} FROM ${relation})`;
}
