import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { guardCell, toCsv } from './csv';

const BOM = '\uFEFF';

describe('guardCell', () => {
  it('prefixes text that a spreadsheet would run as a formula', () => {
    expect(guardCell('=1+1')).toBe("'=1+1");
    expect(guardCell('+1')).toBe("'+1");
    expect(guardCell('-2+3')).toBe("'-2+3");
    expect(guardCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(guardCell('\t=1')).toBe("'\t=1");
    expect(guardCell('\r=1')).toBe("'\r=1");
  });

  it('leaves numbers, harmless text and empty values alone', () => {
    expect(guardCell(-5)).toBe(-5);
    expect(guardCell(0)).toBe(0);
    expect(guardCell(true)).toBe(true);
    expect(guardCell(null)).toBe(null);
    expect(guardCell('')).toBe('');
    expect(guardCell('a=b')).toBe('a=b');
    expect(guardCell('华东 - 上海')).toBe('华东 - 上海');
  });
});

describe('toCsv', () => {
  it('starts with a BOM and uses CRLF line ends', () => {
    expect(toCsv([{ a: 1, b: 'x' }, { a: 2, b: 'y' }])).toBe(`${BOM}a,b\r\n1,x\r\n2,y`);
  });

  it('neutralises formula-injection payloads', () => {
    const rows = [
      { v: '=HYPERLINK("http://evil.example","click")' },
      { v: '+1' },
      { v: '-2+3' },
      { v: '@SUM(A1)' },
      { v: '\t=cmd' },
      { v: '\r=cmd' },
    ];
    expect(toCsv(rows)).toBe(
      BOM +
        'v\r\n' +
        `"'=HYPERLINK(""http://evil.example"",""click"")"\r\n` +
        "'+1\r\n" +
        "'-2+3\r\n" +
        "'@SUM(A1)\r\n" +
        "'\t=cmd\r\n" +
        `"'\r=cmd"`,
    );
  });

  it('keeps negative numbers numeric but guards the same text', () => {
    expect(toCsv([{ amount: -5, note: 'refund' }, { amount: -0.5, note: '-5' }])).toBe(
      `${BOM}amount,note\r\n-5,refund\r\n-0.5,'-5`,
    );
  });

  it('quotes commas, quotes and line breaks', () => {
    const rows = [{ name: 'Acme, Inc.', quote: 'say "hi"', memo: 'line 1\nline 2' }];
    expect(toCsv(rows)).toBe(`${BOM}name,quote,memo\r\n"Acme, Inc.","say ""hi""","line 1\nline 2"`);
  });

  it('writes null and missing values as empty cells, in the given column order', () => {
    const rows = [{ a: null, b: 1 }, { b: 2 }];
    expect(toCsv(rows, ['b', 'a'])).toBe(`${BOM}b,a\r\n1,\r\n2,`);
  });

  it('guards header names too', () => {
    expect(toCsv([{ '=cmd|calc': 1, ok: 2 }])).toBe(`${BOM}'=cmd|calc,ok\r\n1,2`);
    // Header only: Papa ends the header line.
    expect(toCsv([], ['@x', 'y'])).toBe(`${BOM}'@x,y\r\n`);
  });

  it('round-trips Chinese text through Papa.parse', () => {
    const rows = [
      { 客户: '北京华联', 地区: '华北', 金额: 1234.5, 备注: '含,逗号 与 "引号"' },
      { 客户: '上海联华', 地区: '华东', 金额: -88, 备注: '退货\n第二行' },
    ];
    const csv = toCsv(rows);
    expect(csv).toBe(
      BOM +
        '客户,地区,金额,备注\r\n' +
        '北京华联,华北,1234.5,"含,逗号 与 ""引号"""\r\n' +
        '上海联华,华东,-88,"退货\n第二行"',
    );
    expect(csv.startsWith(BOM)).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, newline: '\r\n' });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toEqual([
      { 客户: '北京华联', 地区: '华北', 金额: '1234.5', 备注: '含,逗号 与 "引号"' },
      { 客户: '上海联华', 地区: '华东', 金额: '-88', 备注: '退货\n第二行' },
    ]);
  });

  it('writes an empty file (just the BOM) for no rows and no columns', () => {
    expect(toCsv([])).toBe(BOM);
  });
});
