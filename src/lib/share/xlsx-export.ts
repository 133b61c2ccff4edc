/**
 * Tables as Excel workbooks, written with write-excel-file (small, no
 * dependencies, typed cells; loaded only when a user asks for a download).
 * Numbers stay numbers; text is written as text cells, which Excel never
 * evaluates, so a value such as "=HYPERLINK(…)" cannot become a formula.
 */
import type { SheetData } from 'write-excel-file/browser';

/** Excel's rules for sheet names: at most 31 characters, none of : \ / ? * [ ]. */
export function sheetName(title: string): string {
  const clean = title.replace(/[:\\/?*[\]]/g, ' ').trim();
  return (clean || 'Sheet1').slice(0, 31);
}

export function xlsxSheetData(header: string[], rows: unknown[][]): SheetData {
  const cell = (v: unknown) => {
    if (v === null || v === undefined || v === '') return null;
    if (typeof v === 'number') return Number.isFinite(v) ? { value: v, type: Number } : null;
    if (typeof v === 'bigint') return { value: Number(v), type: Number };
    if (v instanceof Date) return { value: v, type: Date, format: 'yyyy-mm-dd' };
    return { value: String(v), type: String };
  };
  return [header.map((h) => ({ value: h, type: String, fontWeight: 'bold' as const })), ...rows.map((r) => r.map(cell))];
}

export async function tableToXlsx(title: string, header: string[], rows: unknown[][]): Promise<Blob> {
  const { default: writeXlsxFile } = await import('write-excel-file/browser');
  return writeXlsxFile(xlsxSheetData(header, rows), { sheet: sheetName(title) }).toBlob();
}
