/**
 * CSV export that spreadsheet programs cannot execute: a text cell starting
 * with = + - @ (or a tab/CR) is prefixed with ' (OWASP's advice). Numbers are
 * written as numbers, so negative amounts stay numeric.
 */
import Papa from 'papaparse';

const FORMULA_START = /^[=+\-@\t\r]/;

export function guardCell(value: unknown): unknown {
  if (typeof value === 'string' && FORMULA_START.test(value)) return `'${value}`;
  return value;
}

export function toCsv(rows: Record<string, unknown>[], columns: string[] = rows.length ? Object.keys(rows[0]) : []): string {
  const data = rows.map((r) => columns.map((c) => guardCell(r[c] ?? '')));
  // BOM so Excel opens UTF-8 (Chinese text) correctly.
  return '\uFEFF' + Papa.unparse({ fields: columns.map((c) => String(guardCell(c))), data }, { newline: '\r\n' });
}

export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  downloadBlob(fileName, new Blob([text], { type }));
}

export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
