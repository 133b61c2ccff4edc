/**
 * File → DuckDB: sniff the head (encoding, delimiter, header, preview),
 * propose the mapping and formats, register the bytes (transcoded to UTF-8
 * only when needed), build the canonical table in a staging name and swap it
 * in only when it checks out, so a failed load never touches the workspace.
 */
import { decodeHead, detectEncoding, EncodingError, needsTranscode, transcodeToUtf8, type EncodingGuess } from '../ingest/encoding';
import { sniffText, SniffError, raggedRows, type Sniff } from '../ingest/sniff';
import { detectAmountFormat, isPlainNumeric, type AmountFormat } from '../ingest/amount';
import { describeDateFormat, detectDateFormat, periodGrain, SUPPORTED_DATE_FORMATS, type DateFormat } from '../ingest/date';
import { grainOfDates } from './sales-summary';
import { isBlankCell } from '../ingest/blank';
import { proposeMapping, missingRequired } from '../ingest/mapping';
import { findYearMonth, withYearMonth, withYearMonthSql } from '../ingest/year-month';
import { CANONICAL_FIELDS, type InputField, type Mapping } from '../model/schema';
import { sqlIdent, sqlString } from '../model/sql';
import type { SqlRunner } from '../engine/types';
import { LoadError, MAX_FILE_BYTES, MIN_PARSED_SHARE, type LoadWarning } from './errors';
import { amountIsDerived, loadCheckSql, missingAmountExamplesSql, needsCleaning, rejectExamplesSql, salesTableSql, type LoadCheck, type SalesTablePlan, type SourceKind } from './sales-table';
import { ORDER_FLAGS } from '../warehouse/relations';

/** What the engine must offer besides SQL to load files. */
export interface LoadEngine extends SqlRunner {
  registerFile(name: string, file: File): Promise<void>;
  registerBuffer(name: string, bytes: Uint8Array): Promise<void>;
  insertArrow(table: import('apache-arrow').Table, name: string): Promise<void>;
  /** Creates table `name` from Arrow IPC stream bytes. */
  insertIpc(bytes: Uint8Array, name: string): Promise<void>;
}

export type LoadPhase = 'reading' | 'transcoding' | 'loading' | 'checking';
export type ProgressFn = (phase: LoadPhase, fraction: number | null) => void;

/** Everything the data page shows about a loaded file, and what is needed to rebuild it with another mapping. */
export interface LoadedSource {
  fileName: string;
  fileSize: number;
  format: 'csv' | 'parquet';
  encoding: string | null;
  delimiter: string | null;
  header: string[];
  preview: string[][];
  columnKinds: Record<string, SourceKind>;
  /** SQL relation the canonical table is built from. */
  relation: string;
  mapping: Mapping;
  mappingReasons: Partial<Record<InputField, string>>;
  amountFormat: AmountFormat;
  dateFormat: DateFormat | null;
  dateAmbiguous: boolean;
  /** Text columns whose sample has padding or null markers. */
  textToClean: string[];
  /** The engine table behind the `sales` view. */
  table: string;
  check: LoadCheck;
  warnings: LoadWarning[];
  /**
   * Restored from the table kept in the browser (restoreKeptTable): `table`
   * holds the canonical columns and order flags only, and `relation` names a
   * file registered by an earlier page, so another mapping reloads the file.
   */
  keptTable?: boolean;
}

const HEAD_BYTES = 512 * 1024;
/** Rows the mapping's content checks look at: enough to judge a column, few enough to stay instant. */
export const MAPPING_SAMPLE_ROWS = 400;
let loadCounter = 0;

function extension(name: string): string {
  return name.toLowerCase().split('.').pop() ?? '';
}

function samplesOf(header: string[], rows: string[][], column: string | undefined): string[] {
  if (!column) return [];
  const i = header.indexOf(column);
  return i < 0 ? [] : rows.map((r) => r[i] ?? '').filter((v) => v.trim() !== '');
}

function amountSamples(header: string[], rows: string[][], mapping: Mapping): string[] {
  const fields: InputField[] = ['amount', 'quantity', 'unit_price', 'cost', 'profit', 'discount'];
  return fields.flatMap((f) => samplesOf(header, rows, mapping[f]));
}

/** Choices the user made for a file before (restored from storage): used instead of the proposals. */
export interface SavedChoices {
  mapping: Mapping;
  /** Absent when only the columns were chosen (the error card's picker): the formats are then detected. */
  amountFormat?: AmountFormat;
  dateFormat?: DateFormat | null;
  /** A multi-file workspace's roles and joins as the user set them on #/data (by file name). */
  workspace?: WorkspaceChoices;
}

/** What a user changed in a multi-file workspace; absent parts are proposed by the app. */
export interface WorkspaceChoices {
  /** File name → its role ('sales' | 'lookup' | 'targets' | 'ignored'). */
  roles?: Record<string, string>;
  /** The joins in force, in order; each from the facts or a lookup joined before it. */
  joins?: JoinChoice[];
  /** After the user changed roles or joins: map the fields the saved mapping leaves empty from the new columns. */
  fillMapping?: boolean;
}

export interface JoinChoice {
  fromFile: string;
  fromColumn: string;
  toFile: string;
  toColumn: string;
}

/** The formats a saved choice fixes, to lay over the detected ones. */
export function savedFormats(choices: SavedChoices | undefined): { amountFormat?: AmountFormat; dateFormat?: DateFormat | null; dateAmbiguous?: boolean } {
  if (!choices?.amountFormat) return {};
  return { amountFormat: choices.amountFormat, dateFormat: choices.dateFormat ?? null, dateAmbiguous: false };
}

/** Saved choices apply only when every column they name is still in the file. */
function applicable(choices: SavedChoices | undefined, header: string[]): SavedChoices | undefined {
  if (!choices) return undefined;
  return Object.values(choices.mapping).every((c) => c && header.includes(c)) ? choices : undefined;
}

/** Refuses what can never be a table (empty, too large, a workbook or archive) before reading it. */
export function checkFile(file: File): void {
  const facts = { file: file.name };
  if (file.size === 0) throw new LoadError('empty', facts);
  if (file.size > MAX_FILE_BYTES) throw new LoadError('too-large', { ...facts, limit: MAX_FILE_BYTES, count: file.size });
  const ext = extension(file.name);
  if (['xls', 'zip', 'pdf', 'docx', 'png', 'jpg', 'gz'].includes(ext)) {
    throw new LoadError('unsupported-type', { ...facts, detail: ext });
  }
}

/** A delimited text file, sniffed and registered with the engine as UTF-8. */
export interface OpenedText {
  guess: EncodingGuess;
  sniff: Sniff;
  /** The engine's name for the (transcoded) bytes. */
  registered: string;
}

/** Reads the head (encoding, dialect, header, sample rows) and registers the bytes, transcoded to UTF-8 only if needed. */
export async function openTextFile(db: LoadEngine, file: File, id: number, head: Uint8Array, progress: ProgressFn): Promise<OpenedText> {
  const facts = { file: file.name };
  let guess: EncodingGuess;
  try {
    guess = detectEncoding(head);
  } catch (e) {
    if (e instanceof EncodingError) throw new LoadError('binary', { ...facts, detail: e.message });
    throw e;
  }
  let sniff: Sniff;
  try {
    sniff = sniffText(decodeHead(head, guess), file.size <= HEAD_BYTES);
  } catch (e) {
    if (e instanceof SniffError) {
      const code = e.code === 'empty' ? 'empty' : e.code === 'header-only' ? 'header-only' : e.code === 'ragged' ? 'ragged' : 'read-failed';
      throw new LoadError(code, { ...facts, detail: e.message });
    }
    throw e;
  }
  const registered = `src_${id}.csv`;
  if (needsTranscode(guess)) {
    const bytes = await transcodeToUtf8(file, guess, (f) => progress('transcoding', f));
    await db.registerBuffer(registered, bytes);
  } else {
    await db.registerFile(registered, file);
  }
  return { guess, sniff, registered };
}

export function nextLoadId(): number {
  return ++loadCounter;
}

export async function readHead(file: File): Promise<Uint8Array> {
  return new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
}

export function isParquetFile(file: File, head: Uint8Array): boolean {
  return extension(file.name) === 'parquet' || isParquet(head);
}

export async function loadSalesFile(db: LoadEngine, file: File, progress: ProgressFn = () => {}, saved?: SavedChoices): Promise<LoadedSource> {
  const facts = { file: file.name };
  checkFile(file);
  const id = nextLoadId();
  progress('reading', null);
  const head = await readHead(file);
  if (isParquetFile(file, head)) return loadParquet(db, file, id, progress, saved);
  const { guess, sniff, registered } = await openTextFile(db, file, id, head, progress);
  const plan = planCsv(registered, sniff, saved);
  const warnings: LoadWarning[] = [];
  const ragged = raggedRows(sniff);
  if (ragged.length > 0) {
    warnings.push({ code: 'ragged-rows', facts: { ...facts, count: ragged.length, row: ragged[0].line, detail: `${ragged[0].fields}/${sniff.header.length}` } });
  }
  const source = {
    fileName: file.name,
    fileSize: file.size,
    format: 'csv' as const,
    encoding: guess.encoding + (guess.bom ? ' (BOM)' : ''),
    delimiter: sniff.delimiter,
    header: plan.header,
    preview: plan.rows.slice(0, 20),
    ...plan.text,
    mapping: plan.mapping,
    mappingReasons: plan.reasons,
    ...plan.formats,
    table: `sales_data_${id}`,
    warnings,
  };
  // Fast path: let DuckDB's CSV reader type the columns whose sample is plain
  // (numbers, ISO dates). If any row disagrees, the read fails and the robust
  // text path parses everything and reports each reject.
  if (plan.typed) {
    try {
      return await buildSalesTable(db, { ...source, ...plan.typed }, progress);
    } catch (e) {
      if (!(e instanceof LoadError && e.code === 'conversion')) throw e;
    }
  }
  return buildSalesTable(db, source, progress);
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

/**
 * A one-file workspace from its table kept in the browser (see
 * store/persist.ts): the canonical columns and the order flags of the
 * compacted copy go back in as they were, nothing is parsed again. Throws
 * when the bytes or the saved source do not fit together; the caller then
 * loads the file as usual.
 */
export async function restoreKeptTable(db: LoadEngine, ipc: Uint8Array, saved: unknown): Promise<LoadedSource> {
  const source = saved as LoadedSource;
  const valid =
    !!source && typeof source.table === 'string' && typeof source.fileName === 'string' && typeof source.mapping === 'object' && Number.isFinite(source.check?.rows);
  if (!valid) throw new Error('the kept table has no usable description');
  // Read here first: damaged bytes would leave the engine's Arrow reader stuck for later inserts.
  const { tableFromIPC } = await import('apache-arrow');
  tableFromIPC(ipc);
  const table = `sales_data_${nextLoadId()}`;
  await db.insertIpc(ipc, table);
  try {
    const columns = [...CANONICAL_FIELDS, ...ORDER_FLAGS].map(sqlIdent).join(', ');
    const [row] = await db.query<{ rows: number }>(`SELECT count(*) AS rows FROM (SELECT ${columns} FROM ${sqlIdent(table)})`);
    if (Number(row?.rows) !== source.check.rows) throw new Error(`the kept table has ${row?.rows} rows, its file ${source.check.rows}`);
  } catch (e) {
    await db.query(`DROP TABLE IF EXISTS ${sqlIdent(table)}`);
    throw e;
  }
  return { ...source, table, keptTable: true };
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
 * as its date (reason 'year-month'), and the two are not mapped to anything else.
 */
function proposeWithYearMonth(fileHeader: string[], sample: string[][]) {
  const proposal = proposeMapping(fileHeader, sample.slice(0, MAPPING_SAMPLE_ROWS));
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

/** The Parquet magic number at the start of the bytes. */
export function isParquet(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31; // "PAR1"
}

async function loadParquet(db: LoadEngine, file: File, id: number, progress: ProgressFn, saved?: SavedChoices): Promise<LoadedSource> {
  const { readParquet } = await import('./parquet');
  let parsed;
  try {
    parsed = await readParquet(await file.arrayBuffer());
  } catch (e) {
    throw new LoadError('read-failed', { file: file.name, detail: e instanceof Error ? e.message : String(e) });
  }
  if (parsed.rows === 0) throw new LoadError('header-only', { file: file.name });
  progress('loading', null);
  const rawTable = `raw_${id}`;
  await db.insertArrow(parsed.table, rawTable);
  const preview = await db.query(`SELECT * FROM ${sqlIdent(rawTable)} LIMIT 200`);
  const sample = preview.map((r) => parsed.names.map((n) => (r[n] === null || r[n] === undefined ? '' : String(r[n]))));
  // Year and month columns (integers in a warehouse export) make the date as in a text file.
  const { header, rows, derived, proposal } = proposeWithYearMonth(parsed.names, sample);
  const choices = applicable(saved, header);
  const formats = { ...detectFormats(header, rows, choices?.mapping ?? proposal.mapping), ...savedFormats(choices) };
  return buildSalesTable(
    db,
    {
      fileName: file.name,
      fileSize: file.size,
      format: 'parquet',
      encoding: null,
      delimiter: null,
      header,
      preview: rows.slice(0, 20),
      columnKinds: derived ? { ...parsed.kinds, [derived.column]: 'text' } : parsed.kinds,
      relation: derived ? withYearMonthSql(sqlIdent(rawTable), derived) : sqlIdent(rawTable),
      mapping: choices?.mapping ?? proposal.mapping,
      mappingReasons: proposal.reasons,
      table: `sales_data_${id}`,
      warnings: [],
      ...formats,
    },
    progress,
  );
}

export function detectFormats(header: string[], rows: string[][], mapping: Mapping) {
  const amount = detectAmountFormat(amountSamples(header, rows, mapping));
  const date = detectDateFormat(samplesOf(header, rows, mapping.date));
  const textToClean = header.filter((h, i) => needsCleaning(rows.map((r) => r[i] ?? '')));
  return { amountFormat: amount.format, dateFormat: date.format, dateAmbiguous: date.ambiguous, textToClean };
}

type SourceWithoutCheck = Omit<LoadedSource, 'check'>;

/**
 * Builds (or rebuilds, after the user corrects the mapping or a format) the
 * canonical table in a staging name, checks it, and only then swaps the
 * `sales` view to it. On any error the staging table is dropped and the
 * previous workspace is untouched.
 */
export async function buildSalesTable(db: LoadEngine, source: SourceWithoutCheck, progress: ProgressFn = () => {}): Promise<LoadedSource> {
  const facts = { file: source.fileName };
  const missing = missingRequired(source.mapping);
  // The header and the proposal go with the error: its card lets the user pick the columns and load.
  const pick = { ...facts, detail: source.header.join(', '), columns: source.header, proposed: source.mapping };
  if (missing.includes('date')) throw new LoadError('no-date', pick);
  if (missing.includes('amount')) throw new LoadError('no-amount', pick);
  const staging = `${source.table}_staging`;
  progress('loading', null);
  const plan: SalesTablePlan = {
    from: source.relation,
    columnKinds: source.columnKinds,
    mapping: source.mapping,
    amountFormat: source.amountFormat,
    dateFormat: source.dateFormat,
    textToClean: source.textToClean,
  };
  try {
    await db.query(salesTableSql(plan, staging));
  } catch (e) {
    await db.query(`DROP TABLE IF EXISTS ${sqlIdent(staging)}`).catch(() => undefined);
    throw translateEngineError(e, source.fileName);
  }
  progress('checking', null);
  const [raw] = await db.query<Record<string, unknown>>(loadCheckSql(plan, staging));
  const check: LoadCheck = {
    rows: Number(raw.rows),
    badDates: Number(raw.badDates),
    missingDates: Number(raw.nullDates) - Number(raw.badDates),
    badAmounts: Number(raw.badAmounts),
    missingAmounts: Number(raw.nullAmounts) - Number(raw.badAmounts),
    missingQuantities: Number(raw.nullQuantities),
    minDate: (raw.minDate as string | null) ?? null,
    maxDate: (raw.maxDate as string | null) ?? null,
    grain: 'day',
  };
  // A month or quarter form (2024-01, 2024Q1) is periodic by itself; ISO dates all on the 1st are too.
  const formatGrain = periodGrain(source.dateFormat);
  check.grain = formatGrain !== 'day' ? formatGrain : grainOfDates(raw._firsts as boolean | null, raw._quarter_starts as boolean | null, check.minDate, check.maxDate);
  const warnings = source.warnings.filter((w) => w.code === 'ragged-rows');
  try {
    if (check.rows === 0) throw new LoadError('header-only', facts);
    const dateColumn = source.mapping.date;
    const amountColumn = amountIsDerived(source.mapping) ? `${source.mapping.quantity} × ${source.mapping.unit_price}` : source.mapping.amount;
    const judge = async (kind: 'date' | 'amount', bad: number, column: string | undefined, expected: string) => {
      if (bad === 0) return;
      const examples = (await db.query<{ row: number; value: string }>(rejectExamplesSql(plan, staging, kind))).map((r) => ({
        row: Number(r.row),
        value: String(r.value),
      }));
      const f = { ...facts, column, count: bad, total: check.rows, expected, examples, row: examples[0]?.row };
      if (bad > check.rows * (1 - MIN_PARSED_SHARE)) throw new LoadError(kind === 'date' ? 'bad-dates' : 'bad-amounts', f);
      warnings.push({ code: kind === 'date' ? 'some-bad-dates' : 'some-bad-amounts', facts: f });
    };
    // No format fits the column at all: name every format it could have been in.
    await judge('date', check.badDates, dateColumn, source.dateFormat ? describeDateFormat(source.dateFormat) : SUPPORTED_DATE_FORMATS);
    await judge('amount', check.badAmounts, amountColumn, source.amountFormat.decimal === ',' ? '1.234,50' : '1,234.50');
    if (check.missingAmounts > 0) {
      const tokens = await db.query<{ value: string; n: number; row: number }>(missingAmountExamplesSql(staging, plan));
      const detail = tokens.map((r) => `“${r.value}” ×${Number(r.n)}`).join(', ');
      warnings.push({ code: 'missing-amounts', facts: { ...facts, column: amountColumn, count: check.missingAmounts, total: check.rows, detail, row: Number(tokens[0]?.row) } });
    }
    if (check.missingQuantities > 0) {
      warnings.push({ code: 'missing-quantities', facts: { ...facts, column: source.mapping.quantity, count: check.missingQuantities, total: check.rows } });
    }
    if (check.grain !== 'day') {
      const [{ periods }] = await db.query<{ periods: number }>(`SELECT count(DISTINCT date) AS periods FROM ${sqlIdent(staging)}`);
      const at = source.header.indexOf(dateColumn ?? '');
      const examples = source.preview.slice(0, 3).map((r, i) => ({ row: i + 2, value: r[at] ?? '' }));
      warnings.push({ code: GRAIN_WARNING[check.grain], facts: { ...facts, column: dateColumn, count: Number(periods), examples } });
    }
    if (check.missingDates > 0) warnings.push({ code: 'missing-dates', facts: { ...facts, column: dateColumn, count: check.missingDates } });
    if (source.dateAmbiguous) warnings.push({ code: 'ambiguous-dates', facts: { ...facts, column: dateColumn } });
    if (source.mappingReasons.date === 'year-month' && dateColumn) {
      const at = source.header.indexOf(dateColumn);
      const examples = source.preview.map((r, i) => ({ row: i + 2, value: r[at] ?? '' })).filter((e) => !isBlankCell(e.value)).slice(0, 3);
      warnings.push({ code: 'date-from-year-month', facts: { ...facts, column: dateColumn, examples } });
    }
    for (const field of ['date', 'amount'] as const) {
      const column = source.mapping[field];
      if (source.mappingReasons[field] !== 'content' || !column) continue;
      const at = source.header.indexOf(column);
      // Preview row i is the file's line i + 2 (after the header).
      const examples = source.preview.map((r, i) => ({ row: i + 2, value: r[at] ?? '' })).filter((e) => !isBlankCell(e.value)).slice(0, 3);
      warnings.push({ code: field === 'date' ? 'date-by-content' : 'amount-by-content', facts: { ...facts, column, examples } });
    }
  } catch (e) {
    await db.query(`DROP TABLE IF EXISTS ${sqlIdent(staging)}`).catch(() => undefined);
    throw e;
  }
  await db.query(`DROP TABLE IF EXISTS ${sqlIdent(source.table)}`);
  await db.query(`ALTER TABLE ${sqlIdent(staging)} RENAME TO ${sqlIdent(source.table)}`);
  return { ...source, check, warnings };
}

/** The load notice that says a file is a periodic summary. */
const GRAIN_WARNING = { week: 'weekly', month: 'monthly', quarter: 'quarterly' } as const;

function translateEngineError(e: unknown, file: string): LoadError {
  const message = e instanceof Error ? e.message : String(e);
  if (/out of memory|memory limit|could not allocate|Allocation failure/i.test(message)) {
    return new LoadError('out-of-memory', { file, detail: message });
  }
  const line = /line:? (\d+)/i.exec(message);
  const columns = /Expected Number of Columns: (\d+) Found: (\d+)/i.exec(message);
  if (columns) {
    return new LoadError('ragged', { file, row: line ? Number(line[1]) : undefined, detail: `${columns[2]}/${columns[1]}` });
  }
  if (/Conversion Error|Could not convert/i.test(message)) return new LoadError('conversion', { file, row: line ? Number(line[1]) : undefined, detail: message.split('\n')[0] });
  if (/invalid unicode/i.test(message)) return new LoadError('encoding', { file, row: line ? Number(line[1]) : undefined, detail: message.split('\n')[0] });
  return new LoadError('read-failed', { file, row: line ? Number(line[1]) : undefined, detail: message.split('\n').slice(0, 2).join(' ') });
}
