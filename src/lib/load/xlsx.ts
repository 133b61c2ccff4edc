/**
 * Excel workbooks (.xlsx): each sheet becomes a table. read-excel-file
 * (maintained, small, no dependencies beyond unzip) gives typed cells —
 * numbers stay numbers and dates stay dates — which we write as plain CSV
 * (ISO dates, unformatted numbers) so the rest of the loader reads them
 * exactly. Loaded only when a workbook is dropped.
 */
import Papa from 'papaparse';
import { LoadError } from './errors';

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    const iso = value.toISOString();
    // Excel dates carry no zone: read-excel-file gives them as UTC midnight.
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
  }
  return String(value);
}

/** The workbook's non-empty sheets, each as a CSV file named "<workbook> · <sheet>.csv". */
export async function workbookToCsvFiles(file: File): Promise<File[]> {
  const { default: readXlsxFile } = await import('read-excel-file/universal');
  let sheets;
  try {
    sheets = await readXlsxFile(await file.arrayBuffer());
  } catch (e) {
    throw new LoadError('read-failed', { file: file.name, detail: e instanceof Error ? e.message : String(e) });
  }
  const base = file.name.replace(/\.xlsx$/i, '');
  const out: File[] = [];
  for (const { sheet, data } of sheets) {
    const rows = data.map((row) => row.map(cellText)).filter((row) => row.some((c) => c !== ''));
    if (rows.length < 2) continue; // a header alone is not a table
    out.push(new File([Papa.unparse(rows, { newline: '\n' })], `${base} · ${sheet}.csv`, { type: 'text/csv', lastModified: file.lastModified }));
  }
  if (out.length === 0) throw new LoadError('header-only', { file: file.name });
  return out;
}
