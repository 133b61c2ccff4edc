/**
 * The files of a multi-file workspace one by one: each is classified (sales
 * facts, lookup, targets, budget) from its header and sample, and read into a
 * text table; the facts are the largest sales file.
 */
import { proposeMapping } from '../ingest/mapping';
import { normalizeHeader } from '../ingest/header-synonyms';
import type { SqlRunner } from '../engine/types';
import { sqlIdent } from '../model/sql';
import { missingRequired } from '../ingest/mapping';
import { LoadError, type LoadWarning } from './errors';
import { detectBudgetLayout } from './budget-file';
import { raggedRows, sniffText, type Sniff } from '../ingest/sniff';
import { decodeHead, detectEncoding } from '../ingest/encoding';
import type { LoadEngine, ProgressFn } from './loaded-source';
import { checkFile, isParquetFile, nextLoadId, openTextFile, readHead } from './open-file';
import { csvRelation } from './load-plan';

export type FileRole = 'sales' | 'lookup' | 'targets' | 'budget' | 'ignored';

export interface WorkspaceFile {
  id: number;
  fileName: string;
  /** Short name used to qualify its columns ("Product.csv" → "Product"). */
  name: string;
  /** The engine table holding the file as text. */
  table: string;
  header: string[];
  rows: number;
  encoding: string | null;
  delimiter: string | null;
  role: FileRole;
  sample: string[][];
  warnings: LoadWarning[];
}

const MONTH_COLUMN = /^(m|month)?0?([1-9]|1[0-2])$|^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*$|^([1-9]|1[0-2])月$/;
const TARGET_WORD = /target|quota|plan|budgetamount|目标|指标|任务/;

const BUDGET_WORD = /budget|预算/;

/**
 * Classifies a file from its header and sample (and its name, for a budget
 * whose header does not say so): sales facts, targets, a budget, or a lookup.
 */
export function classifyFile(header: string[], rows: string[][], fileName = ''): FileRole {
  const normalized = header.map(normalizeHeader);
  const saysBudget = normalized.some((h) => BUDGET_WORD.test(h)) || BUDGET_WORD.test(fileName.toLowerCase());
  if (saysBudget && detectBudgetLayout(header, rows)) return 'budget';
  const monthColumns = normalized.filter((h) => MONTH_COLUMN.test(h)).length;
  if (monthColumns >= 6 || normalized.some((h) => TARGET_WORD.test(h))) return 'targets';
  const { mapping } = proposeMapping(header, rows.slice(0, 200));
  const hasAmount = !missingRequired(mapping).includes('amount');
  return hasAmount ? 'sales' : 'lookup';
}

function baseName(fileName: string): string {
  return fileName.replace(/\.[^.]+$/, '').replace(/[^\p{L}\p{N}_-]+/gu, '_');
}

/** Classifies a file from its head alone (no engine): 'ignored' when it cannot be read as text. */
export async function classifyFileHead(file: File): Promise<FileRole> {
  try {
    const head = await readHead(file);
    if (isParquetFile(file, head)) return 'sales';
    const guess = detectEncoding(head);
    const sniff = sniffText(decodeHead(head, guess), file.size <= head.length);
    return classifyFile(sniff.header, sniff.rows, file.name);
  } catch {
    return 'ignored';
  }
}

const FILE_ROLES: FileRole[] = ['sales', 'lookup', 'targets', 'budget', 'ignored'];

/** Loads each file as a text table (nothing parsed yet) and classifies it, unless the user chose its role. */
export async function openWorkspaceFiles(
  db: LoadEngine,
  files: File[],
  progress: ProgressFn = () => {},
  roles: Record<string, string> = {},
): Promise<WorkspaceFile[]> {
  const out: WorkspaceFile[] = [];
  for (const file of files) {
    checkFile(file);
    progress('reading', out.length / files.length);
    const id = nextLoadId();
    const head = await readHead(file);
    if (isParquetFile(file, head)) throw new LoadError('unsupported-type', { file: file.name, detail: 'parquet (several files at once)' });
    const { guess, sniff, registered } = await openTextFile(db, file, id, head, progress);
    const chosen = roles[file.name] as FileRole | undefined;
    const role = chosen && FILE_ROLES.includes(chosen) ? chosen : classifyFile(sniff.header, sniff.rows, file.name);
    out.push(await readTextFile(db, { id, fileName: file.name, readable: registered, sniff, role, encoding: guess.encoding + (guess.bom ? ' (BOM)' : '') }));
  }
  return out;
}

/**
 * Reads a delimited text file (`readable`: a name DuckDB can open) into table `file_<id>`, every column text.
 * A lookup with unquoted delimiters inside a field (Northwind's addresses) still gives its keys and names,
 * which come first, so it is read leniently with a warning; the facts never are.
 */
export async function readTextFile(
  db: SqlRunner,
  f: { id: number; fileName: string; readable: string; sniff: Sniff; role: FileRole; encoding: string | null },
): Promise<WorkspaceFile> {
  const { sniff } = f;
  const table = `file_${f.id}`;
  const warnings: LoadWarning[] = [];
  const read = (tolerant: boolean) =>
    db.query(`CREATE OR REPLACE TABLE ${sqlIdent(table)} AS SELECT * FROM ${csvRelation(f.readable, sniff.delimiter, sniff.quoteChar || '"', sniff.header, {}, tolerant)}`);
  try {
    await read(false);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const line = /Line: (\d+)/.exec(message);
    if (f.role === 'sales' || !/Expected Number of Columns/.test(message)) {
      throw new LoadError('read-failed', { file: f.fileName, row: line ? Number(line[1]) : undefined, detail: message.split('\n')[0] });
    }
    await read(true);
    warnings.push({ code: 'ragged-rows', facts: { file: f.fileName, row: line ? Number(line[1]) : undefined, count: raggedRows(sniff).length } });
  }
  const [{ n }] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${sqlIdent(table)}`);
  return {
    id: f.id,
    fileName: f.fileName,
    name: baseName(f.fileName),
    table,
    header: sniff.header,
    rows: Number(n),
    encoding: f.encoding,
    delimiter: sniff.delimiter,
    role: f.role,
    sample: sniff.rows.slice(0, 200),
    warnings,
  };
}

/** The facts: the largest file classified as sales. */
export function chooseFacts(files: WorkspaceFile[]): WorkspaceFile | null {
  const sales = files.filter((f) => f.role === 'sales').sort((a, b) => b.rows - a.rows);
  return sales[0] ?? null;
}
