/**
 * Money amounts as exported by real tools: `¥1,234.50`, `1.234,50`,
 * `(123.00)`, `12%`, `CNY 100`, `1 234,5`, `1234-`.
 *
 * One grammar, written once as a regular expression that both JavaScript and
 * DuckDB (RE2) understand, drives the TS reference parser and the SQL
 * expression, so the preview and the loaded table agree. A value that doesn't
 * fit the grammar is a reject, never a guess (e.g. `12,34` with '.' decimals).
 */
import { CELL_SPACE, isBlankCell, isBlankCellSql } from './blank';

export interface AmountFormat {
  decimal: '.' | ',';
}

/** Full-width digits and signs (Chinese IME input) and U+2212 minus, mapped to ASCII. */
const WIDE_CHARS = '０１２３４５６７８９．，－＋（）％−';
const NARROW_CHARS = '0123456789.,-+()%-';
/** Matches a text holding any of WIDE_CHARS (translate() is slow, so only run it when needed). */
const WIDE_CHAR_CLASS = '[０-９．，－＋（）％−]';

/** Characters that may group thousands besides the non-decimal one of ',' and '.'. */
const GROUP_EXTRA = " '’\u00A0\u202F";

const CURRENCY = '(?:[¥￥$€£]|US\\$|HK\\$|RMB|CNY|USD|EUR|GBP|HKD|JPY|元)';

function groupChars(format: AmountFormat): string {
  return (format.decimal === '.' ? ',' : '.') + GROUP_EXTRA;
}

/**
 * The amount grammar for `format` (match case-insensitively, for currency
 * codes). Digits may be grouped in threes; the sign is a leading or trailing
 * minus, or parentheses, never two of them. Exponents ('1E+05') are not
 * accepted: with them a '-' would no longer always mean negative.
 */
function amountPattern(format: AmountFormat): string {
  const space = `[${CELL_SPACE.replace('\t', '\\t').replace('\r', '\\r').replace('\n', '\\n')}]*`;
  const group = `[${groupChars(format).replace('.', '\\.')}]`;
  const decimal = format.decimal === '.' ? '\\.' : ',';
  const body = `(?:(?:\\d+|\\d{1,3}(?:${group}\\d{3})+)(?:${decimal}\\d*)?|${decimal}\\d+)`;
  const tail = `(?:%${space})?(?:${CURRENCY}${space})?`; // 12%, 100 元
  const unsigned = `(?:${CURRENCY}${space})?${body}${space}${tail}`;
  const alternatives = [
    `\\(${space}${unsigned}\\)`, // (123.00)
    `(?:[+-]${space})?${unsigned}`, // -¥5, +5, 5
    `${CURRENCY}${space}[+-]${space}${body}${space}${tail}`, // ¥-5
    `${unsigned}-`, // 1234- (SAP style)
  ];
  return `^${space}(?:${alternatives.join('|')})${space}$`;
}

function toAscii(text: string): string {
  let out = '';
  for (const ch of text) {
    const i = WIDE_CHARS.indexOf(ch);
    out += i === -1 ? ch : NARROW_CHARS[i];
  }
  return out;
}

/** Everything but the digits and the decimal separator (valid texts only). */
function nonDigitClass(format: AmountFormat): string {
  return format.decimal === '.' ? '[^0-9.]' : '[^0-9,]';
}

export function parseAmount(text: string, format: AmountFormat): number | null {
  if (isBlankCell(text)) return null;
  const ascii = toAscii(text);
  if (!new RegExp(amountPattern(format), 'i').test(ascii)) return NaN;
  // In a valid text '-' and '(' only ever mark a negative amount, '%' a percentage.
  const magnitude = Number(ascii.replace(new RegExp(nonDigitClass(format), 'g'), '').replace(',', '.'));
  const value = /[-(]/.test(ascii) ? -magnitude : magnitude;
  return ascii.includes('%') ? value / 100 : value;
}

/** SQL string literal. */
function lit(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

export function amountSql(col: string, format: AmountFormat): string {
  const ascii = `(CASE WHEN regexp_matches(${col}, ${lit(WIDE_CHAR_CLASS)}) THEN translate(${col}, ${lit(WIDE_CHARS)}, ${lit(NARROW_CHARS)}) ELSE ${col} END)`;
  const digits = `regexp_replace(${ascii}, ${lit(nonDigitClass(format))}, '', 'g')`;
  const magnitude = `TRY_CAST(${format.decimal === ',' ? `replace(${digits}, ',', '.')` : digits} AS DOUBLE)`;
  const signed = `(CASE WHEN contains(${ascii}, '-') OR contains(${ascii}, '(') THEN -${magnitude} ELSE ${magnitude} END)`;
  const value = `(CASE WHEN contains(${ascii}, '%') THEN ${signed} / 100 ELSE ${signed} END)`;
  return `(CASE WHEN regexp_full_match(${ascii}, ${lit(amountPattern(format))}, 'i') THEN ${value} END)`;
}

export function amountRejectSql(col: string, format: AmountFormat): string {
  return `(NOT ${isBlankCellSql(col)} AND ${amountSql(col, format)} IS NULL)`;
}

/** What one sample says about the decimal separator. */
type DecimalVote = '.' | ',' | 'unknown';

/**
 * '1,234.5' and '1.234,5': the later separator is the decimal. One separator
 * repeated ('1,234,567') groups thousands. One separator followed by exactly
 * three digits ('1,234') could be either, so it gives no vote.
 */
function decimalVote(sample: string): DecimalVote {
  const core = toAscii(sample).replace(/[^0-9.,]/g, '');
  const lastDot = core.lastIndexOf('.');
  const lastComma = core.lastIndexOf(',');
  if (lastDot !== -1 && lastComma !== -1) return lastDot > lastComma ? '.' : ',';
  const sep = lastDot !== -1 ? '.' : lastComma !== -1 ? ',' : null;
  if (!sep) return 'unknown';
  const pieces = core.split(sep);
  if (pieces.length > 2) return sep === '.' ? ',' : '.';
  const [before, after] = pieces;
  const couldGroup = after.length === 3 && before.length >= 1 && before.length <= 3 && !before.startsWith('0');
  return couldGroup ? 'unknown' : sep;
}

export function detectAmountFormat(samples: string[]): { format: AmountFormat; parsed: number; total: number } {
  const present = samples.filter((s) => !isBlankCell(s));
  let dot = 0;
  let comma = 0;
  for (const s of present) {
    const vote = decimalVote(s);
    if (vote === '.') dot++;
    else if (vote === ',') comma++;
  }
  // Ties (including no evidence, e.g. only '1,234') fall back to '.', the common export default.
  const format: AmountFormat = { decimal: comma > dot ? ',' : '.' };
  const parsed = present.filter((s) => Number.isFinite(parseAmount(s, format))).length;
  return { format, parsed, total: present.length };
}

/**
 * Numbers TRY_CAST(... AS DOUBLE) reads exactly as parseAmount does. TRY_CAST
 * also takes '1_000', ' 5', 'inf' and exponents, which the amount grammar
 * doesn't, so those leave the fast path.
 */
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

export function isPlainNumeric(samples: string[]): boolean {
  let numbers = 0;
  for (const s of samples) {
    if (isBlankCell(s)) continue; // null markers TRY_CAST to NULL, as they should
    if (!PLAIN_NUMBER.test(s)) return false;
    numbers++;
  }
  return numbers > 0;
}
