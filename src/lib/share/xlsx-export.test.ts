/** The sheet data written by write-excel-file's Node build and read back with read-excel-file (what the app reads xlsx with). */
import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import readXlsxFile from 'read-excel-file/node';
import { sheetName, xlsxSheetData } from './xlsx-export';

describe('xlsx export', () => {
  it('keeps numbers numeric, text as text (formulas never evaluated), blanks empty', async () => {
    const header = ['Region', 'Revenue (¥)', 'Change'];
    const rows = [
      ['华东', 1234.5, 0.125],
      ['=HYPERLINK("http://x","y")', -20, null],
      ['+cmd', NaN, Infinity],
    ];
    const buffer = await writeXlsxFile(xlsxSheetData(header, rows), { sheet: sheetName('By region') }).toBuffer();
    const [sheet] = await readXlsxFile(buffer);
    expect(sheet.sheet).toBe('By region');
    expect(sheet.data).toEqual([
      header,
      ['华东', 1234.5, 0.125],
      ['=HYPERLINK("http://x","y")', -20, null],
      ['+cmd', null, null],
    ]);
  });

  it('makes valid sheet names', () => {
    expect(sheetName('Revenue by region: 2025/26 [draft]')).toBe('Revenue by region  2025 26  dra');
    expect(sheetName('Revenue by region: 2025/26 [draft]').length).toBe(31);
    expect(sheetName('  ')).toBe('Sheet1');
  });
});
