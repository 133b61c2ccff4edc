/**
 * CSV dialect and header from the decoded head of a file (never the whole
 * file: DuckDB reads that). The result drives the column mapping and the
 * read_csv options, and turns unreadable files into specific errors.
 */
import Papa from 'papaparse';

export interface Sniff {
  delimiter: string;
  /** column names: trimmed, blanks named `column_N`, duplicates suffixed `_2`, `_3` … */
  header: string[];
  /** data rows of the sample (header excluded) */
  rows: string[][];
  /** data rows in the sample */
  sampleRowCount: number;
  /** line ending */
  newline: string;
  /** true when the head text was cut mid-file (last partial line dropped) */
  truncated: boolean;
  quoteChar: string;
  /** 1-based line in the file where each of `rows` starts (the header is line 1 unless blank lines precede it) */
  rowLines: number[];
}

export type SniffErrorCode = 'empty' | 'header-only' | 'no-delimiter' | 'ragged';

export class SniffError extends Error {
  constructor(
    message: string,
    public code: SniffErrorCode,
  ) {
    super(message);
    this.name = 'SniffError';
  }
}

/** Delimiters tried, in order of preference when equally good. */
export const DELIMITER_CANDIDATES = [',', ';', '\t', '|'] as const;

const QUOTE = '"';

interface ParsedRow {
  fields: string[];
  line: number;
}

export function sniffText(text: string, isWholeFile: boolean): Sniff {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.trim() === '') throw new SniffError('The file is empty.', 'empty');
  const newline = detectNewline(body);
  const truncated = !isWholeFile;
  const best = chooseDelimiter(body, newline, truncated);
  if (!best) {
    throw new SniffError(
      'No delimiter found: every line is a single column (tried comma, semicolon, tab and |).',
      'no-delimiter',
    );
  }
  const [headerRow, ...dataRows] = best.rows;
  if (dataRows.length === 0) throw new SniffError('The file has a header but no data rows.', 'header-only');
  const header = columnNames(headerRow.fields);
  const sniff: Sniff = {
    delimiter: best.delimiter,
    header,
    rows: dataRows.map((r) => r.fields),
    sampleRowCount: dataRows.length,
    newline,
    truncated,
    quoteChar: QUOTE,
    rowLines: dataRows.map((r) => r.line),
  };
  const ragged = raggedRows(sniff);
  if (ragged.length * 2 > dataRows.length) {
    const first = ragged[0];
    throw new SniffError(
      `Rows don't match the header: row ${first.line} has ${first.fields} fields, the header has ${header.length} ` +
        `(${ragged.length} of ${dataRows.length} sampled rows differ).`,
      'ragged',
    );
  }
  return sniff;
}

/** Sample rows whose field count differs from the header's, with their file line. */
export function raggedRows(s: Sniff): { line: number; fields: number }[] {
  const out: { line: number; fields: number }[] = [];
  s.rows.forEach((row, i) => {
    if (row.length !== s.header.length) out.push({ line: s.rowLines[i] ?? i + 2, fields: row.length });
  });
  return out;
}

/** The most common line ending; CRLF counted once, not as CR plus LF. */
function detectNewline(text: string): string {
  const crlf = text.split('\r\n').length - 1;
  const lf = text.split('\n').length - 1 - crlf;
  const cr = text.split('\r').length - 1 - crlf;
  if (crlf >= lf && crlf >= cr && crlf > 0) return '\r\n';
  if (cr > lf) return '\r';
  return '\n';
}

/**
 * Parses with each candidate and keeps the one whose rows agree best with its
 * header's field count (then the one with more columns). A header with one
 * field means the candidate is not the delimiter.
 */
function chooseDelimiter(
  text: string,
  newline: string,
  truncated: boolean,
): { delimiter: string; rows: ParsedRow[] } | null {
  let best: { delimiter: string; rows: ParsedRow[]; agreement: number; width: number } | null = null;
  for (const delimiter of DELIMITER_CANDIDATES) {
    const rows = parseRows(text, delimiter, newline);
    if (truncated && rows.length > 0) rows.pop(); // the cut (possibly mid-quote) last row
    if (rows.length === 0) continue;
    const width = rows[0].fields.length;
    if (width < 2) continue;
    const data = rows.slice(1);
    const agreement = data.length === 0 ? 1 : data.filter((r) => r.fields.length === width).length / data.length;
    if (!best || agreement > best.agreement || (agreement === best.agreement && width > best.width)) {
      best = { delimiter, rows, agreement, width };
    }
  }
  return best && { delimiter: best.delimiter, rows: best.rows };
}

/** All rows with the file line each starts on; empty lines are skipped (as DuckDB does). */
function parseRows(text: string, delimiter: string, newline: string): ParsedRow[] {
  const rows: ParsedRow[] = [];
  let start = 0; // offset where the next row may begin
  let line = 1; // file line at `start`
  Papa.parse<string[]>(text, {
    delimiter,
    newline: newline as Papa.ParseConfig['newline'],
    quoteChar: QUOTE,
    skipEmptyLines: true,
    step: (result) => {
      const end = result.meta.cursor;
      // Skip the empty lines Papa skipped before this row.
      while (text.startsWith(newline, start) && start < end) {
        start += newline.length;
        line++;
      }
      const fields = result.data;
      const whitespaceOnly = fields.length === 1 && fields[0].trim() === '';
      if (!whitespaceOnly) rows.push({ fields, line });
      line += countOccurrences(text.slice(start, end), newline);
      start = end;
    },
  });
  return rows;
}

function countOccurrences(text: string, needle: string): number {
  let n = 0;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) n++;
  return n;
}

/**
 * Usable, unique column names. DuckDB compares names case-insensitively, so
 * 'Sales' and 'sales' count as duplicates too.
 */
function columnNames(raw: string[]): string[] {
  const taken = new Set<string>();
  const names: string[] = [];
  const trimmed = raw.map((name) => name.trim());
  trimmed.forEach((name, i) => {
    let candidate = name === '' ? `column_${i + 1}` : name;
    if (taken.has(candidate.toLowerCase())) {
      let n = 2;
      while (taken.has(`${candidate}_${n}`.toLowerCase())) n++;
      candidate = `${candidate}_${n}`;
    }
    taken.add(candidate.toLowerCase());
    names.push(candidate);
  });
  return names;
}
