/**
 * JSON exports — an array of records, or NDJSON (one record per line) —
 * become CSV text for the same loader as every other table. Nested values
 * are kept as JSON text. Errors name the line that does not parse.
 */
import Papa from 'papaparse';
import { LoadError } from './errors';

function records(text: string, fileName: string): Record<string, unknown>[] {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') throw new LoadError('empty', { file: fileName });
  if (trimmed.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch (e) {
      throw new LoadError('read-failed', { file: fileName, detail: e instanceof Error ? e.message : String(e) });
    }
    if (!Array.isArray(parsed)) throw new LoadError('read-failed', { file: fileName, detail: 'expected an array of records' });
    return parsed.filter((r): r is Record<string, unknown> => r !== null && typeof r === 'object' && !Array.isArray(r));
  }
  return trimmed.split(/\r?\n/).flatMap((line, i) => {
    if (line.trim() === '') return [];
    try {
      const r = JSON.parse(line) as unknown;
      return r !== null && typeof r === 'object' && !Array.isArray(r) ? [r as Record<string, unknown>] : [];
    } catch {
      throw new LoadError('read-failed', { file: fileName, row: i + 1, detail: 'not a JSON record' });
    }
  });
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

export async function jsonToCsvFile(file: File): Promise<File> {
  const rows = records(await file.text(), file.name);
  if (rows.length === 0) throw new LoadError('header-only', { file: file.name });
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const csv = Papa.unparse({ fields: columns, data: rows.map((r) => columns.map((c) => cell(r[c]))) }, { newline: '\n' });
  return new File([csv], file.name.replace(/\.(nd)?jsonl?$/i, '') + '.csv', { type: 'text/csv', lastModified: file.lastModified });
}

export function isJsonFile(file: File): boolean {
  return /\.(json|ndjson|jsonl)$/i.test(file.name);
}
