/**
 * From a file's header and sample rows to how to load it (pure): the
 * proposed mapping (with a derived "year + month" date), the amount and date
 * formats, the columns DuckDB's reader can type, and the read_csv relation.
 */
import type { Sniff } from '../ingest/sniff';
import { detectAmountFormat, isPlainNumeric, type AmountFormat } from '../ingest/amount';
import { detectDateFormat } from '../ingest/date';
import { proposeMapping, type ColumnOrigin } from '../ingest/mapping';
import { findYearMonth, withYearMonth, withYearMonthSql } from '../ingest/year-month';
import type { InputField, Mapping } from '../model/schema';
import { sqlString } from '../model/sql';
import { needsCleaning, type SalesTablePlan, type SourceKind } from './sales-table';
import { applicable, savedFormats, type SavedChoices } from './loaded-source';

/** Rows the mapping's content checks look at: enough to judge a column, few enough to stay instant. */
export const MAPPING_SAMPLE_ROWS = 400;

function samplesOf(header: string[], rows: string[][], column: string | undefined): string[] {
  if (!column) return [];
  const i = header.indexOf(column);
  return i < 0 ? [] : rows.map((r) => r[i] ?? '').filter((v) => v.trim() !== '');
}

function amountSamples(header: string[], rows: string[][], mapping: Mapping): string[] {
  const fields: InputField[] = ['amount', 'quantity', 'unit_price', 'cost', 'profit', 'discount'];
  return fields.flatMap((f) => samplesOf(header, rows, mapping[f]));
}

/** How to read a sniffed CSV: the mapping, the formats, and the relations to build the canonical table from. */
export interface CsvPlan {
  /** The file's columns, plus a derived "year + month" date column when the file has those two and no date (year-month.ts). */
  header: string[];
  /** The sniffed rows with the derived column's values. */
  rows: string[][];
  mapping: Mapping;
  reasons: Partial<Record<InputField, string>>;
  formats: ReturnType<typeof detectFormats>;
  /** Every column as text: always works, every value parsed by our grammars. */
  text: { relation: string; columnKinds: Record<string, SourceKind> };
  /** Plain columns typed by DuckDB's reader (fast), or null when no column qualifies. */
  typed: { relation: string; columnKinds: Record<string, SourceKind> } | null;
}

/** The canonical table's plan over one of a CSV plan's reads (typed or text), for runs outside the page (bench, prepare-workspace). */
export function csvSalesPlan(csv: CsvPlan, read: CsvPlan['text']): SalesTablePlan {
  return {
    from: read.relation,
    columnKinds: read.columnKinds,
    mapping: csv.mapping,
    amountFormat: csv.formats.amountFormat,
    dateFormat: csv.formats.dateFormat,
    textToClean: csv.formats.textToClean,
  };
}

/** Pure: from the sniffed head to the plan (the benchmark's native reference uses the same). */
export function planCsv(fileName: string, sniff: Sniff, saved?: SavedChoices): CsvPlan {
  const quote = sniff.quoteChar || '"';
  const { header, rows, derived, proposal } = proposeWithYearMonth(sniff.header, sniff.rows);
  const textKinds = Object.fromEntries(header.map((h) => [h, 'text' as SourceKind]));
  const choices = applicable(saved, header);
  const mapping = choices?.mapping ?? proposal.mapping;
  const detected = detectFormats(header, rows, mapping);
  const formats = { ...detected, ...savedFormats(choices) };
  const typed = typedColumns(header, rows, mapping, formats.amountFormat);
  const typedKinds = Object.fromEntries(Object.entries(typed).map(([c, t]) => [c, (t === 'DATE' ? 'date' : 'number') as SourceKind]));
  const relation = (types?: Record<string, 'DOUBLE' | 'DATE'>) => {
    const read = csvRelation(fileName, sniff.delimiter, quote, sniff.header, types);
    return derived ? withYearMonthSql(read, derived) : read;
  };
  return {
    header,
    rows,
    mapping,
    reasons: proposal.reasons,
    formats,
    text: { relation: relation(), columnKinds: textKinds },
    typed: Object.keys(typed).length > 0 ? { relation: relation(typed), columnKinds: { ...textKinds, ...typedKinds } } : null,
  };
}

/**
 * The mapping proposed from a file's header and sample (a text file's sniffed head, a Parquet file's first
 * rows); a file with no date column but a year and a month column gets their derived "year + month" column
 * as its date (reason 'year-month'), and the two are not mapped to anything else. `origins`: where each
 * column of a joined workspace came from (proposeMapping).
 */
export function proposeWithYearMonth(fileHeader: string[], sample: string[][], origins?: (ColumnOrigin | null)[]) {
  const proposal = proposeMapping(fileHeader, sample.slice(0, MAPPING_SAMPLE_ROWS), origins);
  const derived = proposal.mapping.date ? null : findYearMonth(fileHeader, sample);
  if (!derived) return { header: fileHeader, rows: sample, derived, proposal };
  const { header, rows } = withYearMonth(fileHeader, sample, derived);
  const mapping = Object.fromEntries(Object.entries(proposal.mapping).filter(([, c]) => c !== derived.year && c !== derived.month)) as Mapping;
  return {
    header,
    rows,
    derived,
    proposal: { mapping: { ...mapping, date: derived.column }, reasons: { ...proposal.reasons, date: 'year-month' } },
  };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Source columns DuckDB can read as DOUBLE or DATE directly, judged from the sample. */
function typedColumns(header: string[], rows: string[][], mapping: Mapping, amountFormat: AmountFormat): Record<string, 'DOUBLE' | 'DATE'> {
  const out: Record<string, 'DOUBLE' | 'DATE'> = {};
  const numericFields: InputField[] = ['amount', 'quantity', 'unit_price', 'cost', 'profit', 'discount'];
  for (const field of numericFields) {
    const column = mapping[field];
    const samples = samplesOf(header, rows, column);
    if (column && amountFormat.decimal === '.' && samples.length > 0 && isPlainNumeric(samples)) out[column] = 'DOUBLE';
  }
  const dates = samplesOf(header, rows, mapping.date);
  if (mapping.date && dates.length > 0 && dates.every((d) => ISO_DATE.test(d))) out[mapping.date] = 'DATE';
  return out;
}

/**
 * The file as text columns. The dialect comes from our sniff, so DuckDB's own
 * sniffer is off: it is faster, and a ragged row then fails with its line
 * number instead of "could not detect the dialect".
 */
export function csvRelation(
  name: string,
  delimiter: string,
  quote: string,
  header: string[],
  types: Record<string, string> = {},
  /** Pads short rows and ignores extra fields: only for lookup tables, with a warning (never for facts). */
  tolerant = false,
): string {
  const columns = header.map((h) => `${sqlString(h)}: ${sqlString(types[h] ?? 'VARCHAR')}`).join(', ');
  const lenient = tolerant ? ', strict_mode=false, null_padding=true' : '';
  return `read_csv(${sqlString(name)}, auto_detect=false, header=true, delim=${sqlString(delimiter)}, quote=${sqlString(quote)}, escape=${sqlString(quote)}, columns={${columns}}${lenient})`;
}

export function detectFormats(header: string[], rows: string[][], mapping: Mapping) {
  const amount = detectAmountFormat(amountSamples(header, rows, mapping));
  const date = detectDateFormat(samplesOf(header, rows, mapping.date));
  const textToClean = header.filter((h, i) => needsCleaning(rows.map((r) => r[i] ?? '')));
  return { amountFormat: amount.format, dateFormat: date.format, dateAmbiguous: date.ambiguous, textToClean };
}
