/**
 * Order dates as exported by real tools: `2026-01-05`, `2017/07/01`,
 * `1996-07-04 00:00:00.000`, `11/8/2016`, `03/01/19`, `05.01.2026`,
 * `2026年1月5日`, Excel serial numbers, `20260105` — and the periods of
 * monthly or quarterly summaries: `2024-01`, `202401`, `01.2024`,
 * `2024年1月`, `Jan 2024`, `Jan-24`, `2024Q1`, `Q1 2024`, `2024年第1季度`, and ISO
 * weeks `2024-W05`, `2024W05`, `2024年第5周` (each read as the period's first day,
 * a week's Monday; `periodGrain` says it is a period).
 *
 * Like amounts, each format is one regular expression shared by the TS
 * reference parser and the DuckDB SQL (RE2: no back-references), so both
 * read the same dates and reject the same texts. Impossible calendar dates
 * (Feb 30) are rejects, never rolled over.
 */
import { CELL_SPACE, isBlankCell, isBlankCellSql } from './blank';

export type DateOrder = 'ymd' | 'dmy' | 'mdy';

export type DateFormat =
  /** YYYY-MM-DD with optional time/T/Z/ms, also YYYY/MM/DD and YYYY.MM.DD */
  | { kind: 'iso' }
  | { kind: 'numeric'; order: 'dmy' | 'mdy'; sep: string; twoDigitYear: boolean }
  /** 2026年1月5日 */
  | { kind: 'chinese' }
  /** 1900 date system, e.g. 46027 = 2026-01-05 */
  | { kind: 'excel-serial' }
  /** 20260105 */
  | { kind: 'compact' }
  /** a month: 2024-01, 2024/01, 2024.01 or 202401 (sep '') */
  | { kind: 'year-month'; sep: '-' | '/' | '.' | '' }
  /** a month: 01/2024, 1.2024, 01-2024 */
  | { kind: 'month-year'; sep: '-' | '/' | '.' }
  /** a month: 2024年1月 */
  | { kind: 'chinese-month' }
  /** a month by its English name: Jan 2024, Jan-24, January 2024, Sept. 2024 */
  | { kind: 'month-name' }
  /** a quarter: 2024Q1 / 2024-Q1 ('yq'), Q1 2024 ('qy'), 2024年第1季度 ('chinese') */
  | { kind: 'quarter'; layout: 'yq' | 'qy' | 'chinese' }
  /** an ISO 8601 week: 2024-W05 / 2024W05 / 2024 W5 ('yw'), 2024年第5周 ('chinese'); read as its Monday */
  | { kind: 'week'; layout: 'yw' | 'chinese' };

/** The period one value of a format stands for: a day, or a whole week, month or quarter (its first day). */
export type Grain = 'day' | 'week' | 'month' | 'quarter';

export function periodGrain(format: DateFormat | null): Grain {
  if (!format) return 'day';
  if (format.kind === 'quarter') return 'quarter';
  if (format.kind === 'week') return 'week';
  if (format.kind === 'year-month' || format.kind === 'month-year' || format.kind === 'chinese-month' || format.kind === 'month-name') return 'month';
  return 'day';
}

/**
 * Two-digit years follow Excel's window: 00-29 → 2000-2029, 30-99 → 1930-1999.
 * (Sales exports with two-digit years come from Excel.)
 */
export const TWO_DIGIT_YEAR_PIVOT = 30;

/** Excel serials before 61 sit on Excel's fictitious 1900-02-29; 2958465 is 9999-12-31. */
const EXCEL_SERIAL_MIN = 61;
const EXCEL_SERIAL_MAX = 2958465;

const SPACE = `[${CELL_SPACE.replace('\t', '\\t').replace('\r', '\\r').replace('\n', '\\n')}]*`;
/** An optional time of day and zone after the date; ignored (the day is what counts). */
const TIME =
  '(?:[ T]+\\d{1,2}:\\d{2}(?::\\d{2}(?:[.,]\\d+)?)?(?: *[AaPp][Mm])?)?(?: *(?:Z|[+-]\\d{2}:?\\d{2}))?';
const YEAR4 = '([1-9]\\d{3})';

/** Capturing groups: year (2 or 4 digits), month, day, quarter (1-4 or 一-四), English month name, ISO week. */
type Part = 'y' | 'm' | 'd' | 'q' | 'mon' | 'w';

/** A format as a pattern whose capturing groups are the date parts in `parts` order (missing day = 1st). */
interface DatePattern {
  pattern: string;
  parts: Part[];
}

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const QUARTER_DIGITS = ['1', '2', '3', '4', '一', '二', '三', '四'];

/** Escapes regex metacharacters only (RE2 rejects some needless escapes). */
function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function datePattern(format: Exclude<DateFormat, { kind: 'excel-serial' }>): DatePattern {
  const wrap = (core: string) => `^${SPACE}${core}${SPACE}$`;
  switch (format.kind) {
    case 'iso':
      return { pattern: wrap(`${YEAR4}[-/.](\\d{1,2})[-/.](\\d{1,2})${TIME}`), parts: ['y', 'm', 'd'] };
    case 'chinese':
      return { pattern: wrap(`${YEAR4} *年 *(\\d{1,2}) *月 *(\\d{1,2}) *[日号]${TIME}`), parts: ['y', 'm', 'd'] };
    case 'compact':
      return { pattern: wrap(`${YEAR4}(\\d{2})(\\d{2})`), parts: ['y', 'm', 'd'] };
    case 'numeric': {
      const sep = escapeRegex(format.sep);
      const year = format.twoDigitYear ? '(\\d{2})' : YEAR4;
      const parts: Part[] = format.order === 'dmy' ? ['d', 'm', 'y'] : ['m', 'd', 'y'];
      return { pattern: wrap(`(\\d{1,2})${sep}(\\d{1,2})${sep}${year}${TIME}`), parts };
    }
    case 'year-month':
      return format.sep === ''
        ? { pattern: wrap(`${YEAR4}(\\d{2})`), parts: ['y', 'm'] }
        : { pattern: wrap(`${YEAR4}${escapeRegex(format.sep)}(\\d{1,2})`), parts: ['y', 'm'] };
    case 'month-year':
      return { pattern: wrap(`(\\d{1,2})${escapeRegex(format.sep)}${YEAR4}`), parts: ['m', 'y'] };
    case 'chinese-month':
      return { pattern: wrap(`${YEAR4} *年 *(\\d{1,2}) *月(?:份)?`), parts: ['y', 'm'] };
    case 'month-name':
      return { pattern: wrap(`([A-Za-z]{3})[A-Za-z]*\\.? *[-/ ']? *(\\d{4}|\\d{2})`), parts: ['mon', 'y'] };
    case 'quarter':
      if (format.layout === 'yq') return { pattern: wrap(`${YEAR4} *[-/ ]? *[Qq]([1-4])`), parts: ['y', 'q'] };
      if (format.layout === 'qy') return { pattern: wrap(`[Qq]([1-4]) *[-/ ]? *${YEAR4}`), parts: ['q', 'y'] };
      return { pattern: wrap(`${YEAR4} *年 *第? *([1-4一二三四]) *季度?`), parts: ['y', 'q'] };
    case 'week':
      if (format.layout === 'yw') return { pattern: wrap(`${YEAR4} *-? *[Ww] *(\\d{1,2})`), parts: ['y', 'w'] };
      return { pattern: wrap(`${YEAR4} *年 *第 *(\\d{1,2}) *周`), parts: ['y', 'w'] };
  }
}

/** The Monday of ISO week `week` of `year` (week 1 holds 4 January), or 'invalid' past the year's last week (52 or 53). */
function isoWeekMonday(year: number, week: number): string | 'invalid' {
  const jan4 = Date.UTC(year, 0, 4);
  const monday1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * 86_400_000;
  const nextMonday1 = Date.UTC(year + 1, 0, 4) - ((new Date(Date.UTC(year + 1, 0, 4)).getUTCDay() + 6) % 7) * 86_400_000;
  const weeks = Math.round((nextMonday1 - monday1) / (7 * 86_400_000));
  if (week < 1 || week > weeks) return 'invalid';
  return new Date(monday1 + (week - 1) * 7 * 86_400_000).toISOString().slice(0, 10);
}

const EXCEL_SERIAL_PATTERN = `^${SPACE}(\\d{1,7})(?:\\.\\d+)?${SPACE}$`;

/** A two-digit year (03/01/19, Jan-24) is read in Excel's window; four digits are as written. */
function fullYear(text: string): number {
  const year = Number(text);
  if (text.length !== 2) return year;
  return year < TWO_DIGIT_YEAR_PIVOT ? 2000 + year : 1900 + year;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isoDate(year: number, month: number, day: number): string | 'invalid' {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return 'invalid';
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function excelSerialDate(serial: number): string | 'invalid' {
  if (serial < EXCEL_SERIAL_MIN || serial > EXCEL_SERIAL_MAX) return 'invalid';
  return new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10);
}

export function parseDate(text: string, format: DateFormat): string | null | 'invalid' {
  if (isBlankCell(text)) return null;
  if (format.kind === 'excel-serial') {
    const m = new RegExp(EXCEL_SERIAL_PATTERN).exec(text);
    return m ? excelSerialDate(Number(m[1])) : 'invalid';
  }
  const p = datePattern(format);
  const m = new RegExp(p.pattern).exec(text);
  if (!m) return 'invalid';
  const group = (part: Part) => (p.parts.includes(part) ? m[p.parts.indexOf(part) + 1] : undefined);
  if (format.kind === 'week') return isoWeekMonday(Number(group('y')), Number(group('w')));
  const name = group('mon');
  const quarter = group('q');
  const month = name !== undefined ? MONTH_NAMES.indexOf(name.toLowerCase()) + 1 : quarter !== undefined ? (QUARTER_DIGITS.indexOf(quarter) % 4) * 3 + 1 : Number(group('m'));
  if (month === 0) return 'invalid';
  return isoDate(fullYear(group('y')!), month, Number(group('d') ?? 1));
}

/** SQL string literal. */
function lit(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

export function dateSql(col: string, format: DateFormat): string {
  if (format.kind === 'excel-serial') {
    const serial = `TRY_CAST(regexp_extract(${col}, ${lit(EXCEL_SERIAL_PATTERN)}, 1) AS INTEGER)`;
    return `(CASE WHEN ${serial} BETWEEN ${EXCEL_SERIAL_MIN} AND ${EXCEL_SERIAL_MAX} THEN DATE '1899-12-30' + ${serial} END)`;
  }
  const p = datePattern(format);
  const parts = `regexp_extract(${col}, ${lit(p.pattern)}, [${p.parts.map(lit).join(', ')}])`;
  const text = (name: Part) => `struct_extract(${parts}, ${lit(name)})`;
  const part = (name: Part) => `TRY_CAST(${text(name)} AS INTEGER)`;
  const year = `(CASE WHEN length(${text('y')}) = 2 THEN CASE WHEN ${part('y')} < ${TWO_DIGIT_YEAR_PIVOT} THEN 2000 ELSE 1900 END ELSE 0 END + ${part('y')})`;
  const list = (items: string[]) => `[${items.map(lit).join(', ')}]`;
  const month = p.parts.includes('mon')
    ? `nullif(list_position(${list(MONTH_NAMES)}, lower(${text('mon')})), 0)`
    : p.parts.includes('q')
      ? `((list_position(${list(QUARTER_DIGITS)}, ${text('q')}) - 1) % 4 * 3 + 1)`
      : part('m');
  if (format.kind === 'week') {
    // Week 1's Monday is the Monday on or before 4 January; a week past the year's last (52 or 53) is a reject.
    const monday1 = (y: string) => `(make_date(${y}, 1, 4) - CAST(isodow(make_date(${y}, 1, 4)) - 1 AS INTEGER))`;
    const weeks = `(date_diff('day', ${monday1(year)}, ${monday1(`${year} + 1`)}) // 7)`;
    return `(CASE WHEN ${part('w')} BETWEEN 1 AND ${weeks} THEN CAST(${monday1(year)} + 7 * (${part('w')} - 1) AS DATE) END)`;
  }
  const day = p.parts.includes('d') ? part('d') : '1';
  // TRY_CAST of the ISO text rejects impossible days (2026-02-30) and months (13).
  return `TRY_CAST(printf('%04d-%02d-%02d', ${year}, ${month}, ${day}) AS DATE)`;
}

export function dateRejectSql(col: string, format: DateFormat): string {
  return `(NOT ${isBlankCellSql(col)} AND ${dateSql(col, format)} IS NULL)`;
}

export function describeDateFormat(f: DateFormat): string {
  switch (f.kind) {
    case 'iso':
      return 'YYYY-MM-DD';
    case 'chinese':
      return 'YYYY年M月D日';
    case 'excel-serial':
      return 'Excel serial';
    case 'compact':
      return 'YYYYMMDD';
    case 'numeric': {
      const year = f.twoDigitYear ? 'YY' : 'YYYY';
      return (f.order === 'dmy' ? ['D', 'M', year] : ['M', 'D', year]).join(f.sep);
    }
    case 'year-month':
      return `YYYY${f.sep}MM`;
    case 'month-year':
      return `MM${f.sep}YYYY`;
    case 'chinese-month':
      return 'YYYY年M月';
    case 'month-name':
      return 'Mon YYYY';
    case 'quarter':
      return f.layout === 'yq' ? 'YYYYQn' : f.layout === 'qy' ? 'Qn YYYY' : 'YYYY年第n季度';
    case 'week':
      return f.layout === 'yw' ? 'YYYY-Www' : 'YYYY年第n周';
  }
}

/** The formats a date column may be in, for the message when none fits. */
export const SUPPORTED_DATE_FORMATS = 'YYYY-MM-DD, D.M.YYYY, M/D/YYYY, D/M/YY, YYYY年M月D日, YYYYMMDD, Excel serial, YYYY-MM, MM/YYYY, YYYY年M月, Mon YYYY, YYYYQn, Qn YYYY, YYYY年第n季度, YYYY-Www, YYYY年第n周';

/** Day-month-year shapes like 5/1/2026 or 03.01.19 (detection only, so a JS back-reference is fine). */
const NUMERIC_SHAPE = new RegExp(`^${SPACE}(\\d{1,2})([/.-])(\\d{1,2})\\2(\\d{4}|\\d{2})${TIME}${SPACE}$`);

/**
 * The numeric format the samples share: the commonest separator and year
 * width; day-first when some first part exceeds 12, month-first when some
 * second part does, otherwise undecided.
 */
function numericFormat(samples: string[]): { format: DateFormat; ambiguous: boolean } | null {
  const shapes = samples.map((s) => NUMERIC_SHAPE.exec(s)).filter((m): m is RegExpExecArray => m !== null);
  if (shapes.length === 0) return null;
  const sep = mostCommon(shapes.map((m) => m[2]));
  const twoDigitYear = mostCommon(shapes.map((m) => String(m[4].length))) === '2';
  let dayFirst = 0;
  let monthFirst = 0;
  for (const m of shapes) {
    if (m[2] !== sep) continue;
    if (Number(m[1]) > 12) dayFirst++;
    if (Number(m[3]) > 12) monthFirst++;
  }
  const ambiguous = dayFirst === monthFirst;
  const order = ambiguous ? (sep === '.' ? 'dmy' : 'mdy') : dayFirst > monthFirst ? 'dmy' : 'mdy';
  return { format: { kind: 'numeric', order, sep, twoDigitYear }, ambiguous };
}

function mostCommon(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0][0];
}

/**
 * Serial numbers and 8-digit numbers also look like ids, codes and amounts,
 * so they only count as dates when they fall in a plausible span.
 */
function isPlausible(iso: string, format: DateFormat): boolean {
  if (format.kind !== 'excel-serial' && format.kind !== 'compact' && !(format.kind === 'year-month' && format.sep === '')) return true;
  const year = Number(iso.slice(0, 4));
  return year >= 1950 && year <= 2100;
}

export function detectDateFormat(samples: string[]): {
  format: DateFormat | null;
  ambiguous: boolean;
  parsed: number;
  total: number;
} {
  const present = samples.filter((s) => !isBlankCell(s));
  const numeric = numericFormat(present);
  // Listed in order of preference when equally good.
  const candidates: DateFormat[] = [
    { kind: 'iso' },
    { kind: 'chinese' },
    ...(numeric ? [numeric.format] : []),
    { kind: 'compact' },
    { kind: 'excel-serial' },
    ...(['-', '/', '.', ''] as const).map((sep): DateFormat => ({ kind: 'year-month', sep })),
    ...(['/', '.', '-'] as const).map((sep): DateFormat => ({ kind: 'month-year', sep })),
    { kind: 'chinese-month' },
    { kind: 'month-name' },
    ...(['yq', 'qy', 'chinese'] as const).map((layout): DateFormat => ({ kind: 'quarter', layout })),
    ...(['yw', 'chinese'] as const).map((layout): DateFormat => ({ kind: 'week', layout })),
  ];
  let best: { format: DateFormat; plausible: number; parsed: number } | null = null;
  for (const format of candidates) {
    let parsed = 0;
    let plausible = 0;
    for (const s of present) {
      const iso = parseDate(s, format);
      if (iso === null || iso === 'invalid') continue;
      parsed++;
      if (isPlausible(iso, format)) plausible++;
    }
    if (plausible > 0 && (!best || plausible > best.plausible)) best = { format, plausible, parsed };
  }
  if (!best) return { format: null, ambiguous: false, parsed: 0, total: present.length };
  const ambiguous = best.format.kind === 'numeric' && numeric !== null && numeric.ambiguous;
  return { format: best.format, ambiguous, parsed: best.parsed, total: present.length };
}
