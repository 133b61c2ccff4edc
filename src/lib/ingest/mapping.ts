/**
 * First guess at which source column holds which canonical field, from the
 * header names (English/Chinese synonyms) and, where headers say nothing,
 * from the sampled values. The user sees and corrects it in the UI.
 */
import { INPUT_FIELDS, NUMERIC_FIELDS, type InputField, type Mapping } from '../model/schema';
import { detectAmountFormat, parseAmount } from './amount';
import { detectDateFormat, type DateFormat } from './date';
import { isBlankCell } from './blank';
import { HEADER_SYNONYMS, isIdLikeHeader, isSecondaryDateHeader, normalizeHeader } from './header-synonyms';

export interface MappingProposal {
  mapping: Mapping;
  /** why each field was chosen, for the UI: 'header' | 'content' */
  reasons: Partial<Record<InputField, string>>;
}

/** Share of non-blank samples that must parse for a column to count as numeric / dates. */
const NUMERIC_SHARE = 0.8;
const HEADER_DATE_SHARE = 0.5;
const CONTENT_DATE_SHARE = 0.95;

/** Header words that suggest a money column when no amount synonym matched. */
const AMOUNT_HINTS = ['total', 'sum', 'value', 'gross', 'net', '合计', '总计', '总额', '总价', '额', '款'];

/** Money that is not sales: never taken as the amount by content (Northwind orders.freight). */
const NOT_SALES = ['freight', 'shipping', 'postage', 'tax', 'vat', 'fee', 'weight', 'fracht', 'porto', 'frais', 'envío', 'envio', '运费', '邮费', '税', '送料', '운임'];

const isNumericField = (f: InputField) => f === 'discount' || (NUMERIC_FIELDS as readonly string[]).includes(f);

interface Candidate {
  field: InputField;
  column: number;
  score: number;
}

/** How well a header names a field (0 = not at all). Exact synonyms beat "contains". */
function headerScore(field: InputField, header: string): number {
  const h = normalizeHeader(header);
  if (h === '') return 0;
  const { exact, contains } = HEADER_SYNONYMS[field];
  let score = 0;
  const exactIndex = exact.indexOf(h);
  if (exactIndex !== -1) score = 1000 - 2 * exactIndex;
  else {
    contains.forEach((syn, i) => {
      if (!h.includes(syn)) return;
      // The head noun comes last in both English and Chinese ('Product Category' is a category).
      const s = 500 - 2 * i + (h.endsWith(syn) ? 50 : 0) - Math.min(h.length - syn.length, 40);
      score = Math.max(score, s);
    });
  }
  if (score === 0) return 0;
  if (field !== 'order_id' && isIdLikeHeader(header)) {
    if (isNumericField(field)) return 0; // 'SalesTerritoryKey' is no amount
    score -= 300; // 'Customer Name' beats 'Customer ID'; 'OrderDateKey' is a last resort
  }
  if (field === 'date' && exactIndex === -1 && isSecondaryDateHeader(h)) score -= 200;
  return score;
}

function columnSamples(rows: string[][], column: number): string[] {
  return rows.map((r) => r[column] ?? '');
}

function mostlyNumeric(samples: string[]): boolean {
  const { parsed, total } = detectAmountFormat(samples);
  return total === 0 || parsed >= total * NUMERIC_SHARE;
}

/**
 * A running number or key (Row ID: unique integers, densely packed). It
 * parses as a number but summing it would be a silent wrong amount.
 */
function looksLikeIdValues(samples: string[]): boolean {
  const present = samples.filter((s) => !isBlankCell(s)).map((s) => s.trim());
  if (present.length < 10 || !present.every((s) => /^\d+$/.test(s))) return false;
  const values = present.map(Number);
  if (new Set(values).size !== values.length) return false;
  return Math.max(...values) - Math.min(...values) + 1 <= 2 * values.length;
}

/** Whether the sampled values are compatible with the field a header suggests. */
function contentFits(field: InputField, samples: string[]): boolean {
  if (field === 'date') {
    const { parsed, total } = detectDateFormat(samples);
    return total === 0 || parsed >= total * HEADER_DATE_SHARE;
  }
  if (isNumericField(field)) return mostlyNumeric(samples) && !(field === 'amount' && looksLikeIdValues(samples));
  return true;
}

/** Where a column of a joined workspace came from: a lookup table (its file name) and the column's own name. */
export interface ColumnOrigin {
  table: string;
  column: string;
}

/** Whether a lookup table's name names the field ('customers' → customer, 'categories' → category, 'shippers' → channel). */
function tableNamesField(field: InputField, table: string): boolean {
  const t = normalizeHeader(table);
  return HEADER_SYNONYMS[field].contains.some((syn) => t.includes(syn) || (syn.endsWith('y') && t.includes(syn.slice(0, -1) + 'i')));
}

/** A column that names its row ('companyName', 'lastName', 'description'): what a lookup contributes for a name field. */
function isNameColumn(column: string): boolean {
  const c = normalizeHeader(column);
  return c.endsWith('name') || ['title', 'description', 'label', '名称', '姓名', '名字'].includes(c);
}

/**
 * Header score for a column, using its lookup table when it has one: the
 * table's name breaks ties between equal columns (customers.companyName vs
 * shippers.companyName) and lets a table's name column stand for the field
 * (shippers.companyName → channel).
 */
function columnScore(field: InputField, header: string, origin: ColumnOrigin | null | undefined): number {
  if (!origin) return headerScore(field, header);
  const base = headerScore(field, origin.column);
  const named = tableNamesField(field, origin.table);
  if (base > 0) return base + (named ? 100 : 0);
  return named && isNameColumn(origin.column) && !isIdLikeHeader(origin.column) && !isNumericField(field) ? 300 : 0;
}

export function proposeMapping(header: string[], rows: string[][], origins?: (ColumnOrigin | null)[]): MappingProposal {
  const mapping: Mapping = {};
  const reasons: Partial<Record<InputField, string>> = {};
  const used = new Set<number>();
  const assign = (field: InputField, column: number, reason: 'header' | 'content') => {
    mapping[field] = header[column];
    reasons[field] = reason;
    used.add(column);
  };

  const candidates: Candidate[] = [];
  for (const field of INPUT_FIELDS) {
    header.forEach((name, column) => {
      const score = columnScore(field, name, origins?.[column]);
      // A header that names the field exactly is trusted even when its values
      // are bad: the load then reports the rejects instead of "no date column".
      // Running numbers are still never an amount: summing them is a silent wrong number.
      const samples = columnSamples(rows, column);
      const own = origins?.[column]?.column ?? name;
      const exact = HEADER_SYNONYMS[field].exact.includes(normalizeHeader(own)) && !isIdLikeHeader(own);
      const fits = exact ? !(isNumericField(field) && looksLikeIdValues(samples)) : contentFits(field, samples);
      if (score > 0 && fits) candidates.push({ field, column, score });
    });
  }
  // Best matches first; each field and each column is used once.
  candidates.sort(
    (a, b) => b.score - a.score || INPUT_FIELDS.indexOf(a.field) - INPUT_FIELDS.indexOf(b.field) || a.column - b.column,
  );
  for (const c of candidates) {
    if (mapping[c.field] === undefined && !used.has(c.column)) assign(c.field, c.column, 'header');
  }

  const free = header.map((_, i) => i).filter((i) => !used.has(i));
  if (mapping.date === undefined) {
    const column = dateColumnByContent(free, rows);
    if (column !== null) assign('date', column, 'content');
  }
  // Only a table with a date is a sales export; a lookup (products, customers) has numbers that are no amount.
  // With quantity and unit price the amount is their product (Northwind), never a guessed column.
  if (mapping.amount === undefined && mapping.date !== undefined && !(mapping.quantity && mapping.unit_price)) {
    const column = amountColumnByContent(header, rows, free.filter((i) => !used.has(i)));
    if (column !== null) assign('amount', column, 'content');
  }
  return { mapping, reasons };
}

/** A currency sign or code in a cell: the strongest sign that a number is money. */
const CURRENCY = /[¥$€£₩₹]|\b(?:CNY|RMB|USD|EUR|GBP|JPY|KRW)\b|元/;

/**
 * The free numeric column that is the amount, by evidence, when no header names one: a header hint
 * ('Total', '合计'), a currency sign, decimals, then the largest values. Ids, dates, codes (few
 * distinct integers) and money that is not sales (freight, tax) are never candidates. Ties are left
 * to the user (the error card lets them pick).
 */
function amountColumnByContent(header: string[], rows: string[][], free: number[]): number | null {
  const scored = free
    .filter((i) => !isIdLikeHeader(header[i]) && !NOT_SALES.some((w) => normalizeHeader(header[i]).includes(w)))
    .map((i) => ({ i, samples: columnSamples(rows, i).filter((v) => !isBlankCell(v)) }))
    .filter(({ samples }) => samples.length > 0 && contentFits('amount', samples) && detectDateFormat(samples).parsed < samples.length)
    .map(({ i, samples }) => {
      const { format } = detectAmountFormat(samples);
      const values = samples.map((v) => parseAmount(v, format)).filter((v): v is number => v !== null && Number.isFinite(v));
      const sorted = values.map(Math.abs).sort((a, b) => a - b);
      return {
        i,
        hint: AMOUNT_HINTS.some((hint) => normalizeHeader(header[i]).includes(hint)) ? 1 : 0,
        currency: samples.some((v) => CURRENCY.test(v)) ? 1 : 0,
        decimals: values.some((v) => !Number.isInteger(v)) ? 1 : 0,
        median: sorted[Math.floor(sorted.length / 2)] ?? 0,
        distinct: new Set(values).size,
      };
    })
    // Without a hint, a currency or decimals, only a column of many different values could be money (not 1–3 codes).
    .filter((c) => c.hint + c.currency + c.decimals > 0 || c.distinct > 10)
    // Plain integers (stock levels, counts) are the amount only when nothing else could be.
    .filter((c, _, all) => c.hint + c.currency + c.decimals > 0 || all.length === 1);
  const rank = (c: (typeof scored)[number]) => [c.hint, c.currency, c.decimals];
  scored.sort((a, b) => {
    const [ra, rb] = [rank(a), rank(b)];
    return rb[0] - ra[0] || rb[1] - ra[1] || rb[2] - ra[2] || b.median - a.median;
  });
  if (scored.length === 0) return null;
  const [best, next] = scored;
  // Two columns with the same evidence and similar values: no way to know which is money.
  if (next && rank(best).join() === rank(next).join() && best.median < 2 * next.median) return null;
  return best.i;
}

function hasValues(samples: string[]): boolean {
  return samples.some((s) => !isBlankCell(s));
}

/** Date forms that plain numbers also take (46027, 20260105, 202601, 2026.01, 1.2026): ids, codes, amounts. */
function looksLikeNumbers(format: DateFormat): boolean {
  return (
    format.kind === 'excel-serial' ||
    format.kind === 'compact' ||
    (format.kind === 'year-month' && (format.sep === '' || format.sep === '.')) ||
    (format.kind === 'month-year' && format.sep === '.')
  );
}

/**
 * The free column whose values parse as dates (at least 95 % of them). Forms
 * that numbers also take are left out: ids, postal codes and amounts look the same.
 */
function dateColumnByContent(free: number[], rows: string[][]): number | null {
  let best: { column: number; share: number } | null = null;
  for (const column of free) {
    const { format, parsed, total } = detectDateFormat(columnSamples(rows, column));
    if (!format || total === 0 || looksLikeNumbers(format)) continue;
    const share = parsed / total;
    if (share >= CONTENT_DATE_SHARE && (!best || share > best.share)) best = { column, share };
  }
  return best?.column ?? null;
}

export function missingRequired(mapping: Mapping): ('date' | 'amount')[] {
  const missing: ('date' | 'amount')[] = [];
  if (!mapping.date) missing.push('date');
  if (!mapping.amount && !(mapping.quantity && mapping.unit_price)) missing.push('amount');
  return missing;
}
