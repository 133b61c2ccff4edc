import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { raggedRows, sniffText, SniffError, type SniffErrorCode } from './sniff';
import { decodeHead, detectEncoding } from './encoding';

/** The public datasets beside the repo (../shared/datasets), or TARGETSCOPE_DATASETS. */
const DATASETS = process.env.TARGETSCOPE_DATASETS ?? `${process.cwd()}/../shared/datasets`;

function sniffError(text: string, isWholeFile = true): SniffError {
  try {
    sniffText(text, isWholeFile);
  } catch (e) {
    if (e instanceof SniffError) return e;
    throw e;
  }
  throw new Error('expected a SniffError');
}

function expectCode(text: string, code: SniffErrorCode) {
  expect(sniffError(text).code).toBe(code);
}

describe('sniffText delimiters', () => {
  const abc = ['date', 'amount', 'customer'];
  it.each([
    [',', 'date,amount,customer\n2026-01-05,10,A\n2026-01-06,20,B\n', abc],
    [';', 'date;amount;customer\n05.01.2026;1.234,50;A\n06.01.2026;99,5;B\n', abc],
    ['\t', 'date\tamount\tcustomer\n2026-01-05\t1,234.50\tA, Inc.\n2026-01-06\t20\tB\n', abc],
    ['|', 'SalesOrderNumber|OrderDate|Sales\nSO1|2017/07/01|1,5\nSO2|2017/07/02|3\n', ['SalesOrderNumber', 'OrderDate', 'Sales']],
  ])('finds %j', (delimiter, text, header) => {
    const s = sniffText(text, true);
    expect(s.delimiter).toBe(delimiter);
    expect(s.header).toEqual(header);
    expect(s.sampleRowCount).toBe(2);
  });

  it('keeps delimiters inside quoted fields', () => {
    const s = sniffText('Product,Sales\n"Message Book, Wirebound, 4"" X 5""",16.448\n"Chairs, Rounded",731.94\n', true);
    expect(s.delimiter).toBe(',');
    expect(s.rows).toEqual([
      ['Message Book, Wirebound, 4" X 5"', '16.448'],
      ['Chairs, Rounded', '731.94'],
    ]);
    expect(s.quoteChar).toBe('"');
  });

  it('prefers the delimiter whose rows agree with the header', () => {
    // Semicolons inside the comma file's values must not win.
    const s = sniffText('a,b,c\n1,x;y;z;w,3\n4,5,6\n', true);
    expect(s.delimiter).toBe(',');
    expect(s.rows[0]).toEqual(['1', 'x;y;z;w', '3']);
  });

  it('reads CRLF and CR line endings', () => {
    const crlf = sniffText('订单日期,销售额,客户\r\n2026/1/5,"¥1,234.50",张三\r\n2026/1/6,88,李四\r\n', true);
    expect(crlf.newline).toBe('\r\n');
    expect(crlf.header).toEqual(['订单日期', '销售额', '客户']);
    expect(crlf.rows).toEqual([
      ['2026/1/5', '¥1,234.50', '张三'],
      ['2026/1/6', '88', '李四'],
    ]);
    expect(sniffText('a,b\r1,2\r3,4\r', true).newline).toBe('\r');
    expect(sniffText('a,b\n1,2\n', true).newline).toBe('\n');
  });

  it('keeps line breaks inside quoted fields and counts file lines', () => {
    const s = sniffText('a,b\r\n1,"two\r\nlines"\r\n\r\n3,4\r\n5,6\r\n', true);
    expect(s.rows).toEqual([
      ['1', 'two\r\nlines'],
      ['3', '4'],
      ['5', '6'],
    ]);
    expect(s.rowLines).toEqual([2, 5, 6]);
  });

  it('drops the cut last line when the head is not the whole file', () => {
    const s = sniffText('a,b\n1,2\n3,4\n5,"unfinished quo', false);
    expect(s.truncated).toBe(true);
    expect(s.rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    const whole = sniffText('a,b\n1,2\n3,4', true);
    expect(whole.truncated).toBe(false);
    expect(whole.sampleRowCount).toBe(2);
  });

  it('strips a stray BOM character from the first header name', () => {
    expect(sniffText('\uFEFFRow ID,Sales\n1,2\n', true).header).toEqual(['Row ID', 'Sales']);
  });
});

describe('sniffText header names', () => {
  it('names blank columns and suffixes duplicates (case-insensitively, as DuckDB compares)', () => {
    const s = sniffText(' Sales ,,Sales,sales,\n1,2,3,4,5\n', true);
    expect(s.header).toEqual(['Sales', 'column_2', 'Sales_2', 'sales_3', 'column_5']);
  });
});

describe('sniffText errors', () => {
  it('rejects an empty file', () => {
    expectCode('', 'empty');
    expectCode(' \r\n\n', 'empty');
  });

  it('rejects a header without data', () => {
    expectCode('订单日期,销售额\n', 'header-only');
    expectCode('date,amount', 'header-only');
  });

  it('rejects single-column text', () => {
    const e = sniffError('hello world\nsecond line\n');
    expect(e.code).toBe('no-delimiter');
  });

  it('rejects mostly ragged rows, naming the first one', () => {
    const e = sniffError('a,b,c,d\n1,2,3,4\n1,2,3,4,5\n1,2,3,4,5\n1,2\n');
    expect(e.code).toBe('ragged');
    expect(e.message).toContain('row 3 has 5 fields, the header has 4');
  });

  it('accepts a few ragged rows and lists them', () => {
    const s = sniffText('a,b,c\n1,2,3\n4,5\n6,7,8\n9,10,11,12\n13,14,15\n', true);
    expect(raggedRows(s)).toEqual([
      { line: 3, fields: 2 },
      { line: 5, fields: 4 },
    ]);
  });
});

describe('sniffText on real files', () => {
  const headText = (file: string) => {
    const head = readFileSync(file).subarray(0, 64 * 1024);
    return decodeHead(head, detectEncoding(head));
  };

  it('Superstore (UTF-8 BOM, CRLF, quoted product names)', () => {
    const s = sniffText(headText(`${DATASETS}/superstore_2020_us_ca/Sample - Superstore.csv`), false);
    expect(s.delimiter).toBe(',');
    expect(s.newline).toBe('\r\n');
    expect(s.header.length).toBe(21);
    expect(s.header[0]).toBe('Row ID');
    expect(s.rows[0][16]).toBe('Message Book, Wirebound, Four 5 1/2" X 4" Forms/Pg., 200 Dupl. Sets/Book');
    expect(raggedRows(s)).toEqual([]);
  });

  it('AdventureWorks Sales (pipe, CRLF)', () => {
    const s = sniffText(headText(`${DATASETS}/adventureworks_sales_targets/Sales.csv`), false);
    expect(s.delimiter).toBe('|');
    expect(s.header).toEqual([
      'SalesOrderNumber', 'OrderDate', 'ProductKey', 'ResellerKey', 'EmployeeKey',
      'SalesTerritoryKey', 'Quantity', 'Unit Price', 'Sales', 'Cost',
    ]);
    expect(s.newline).toBe('\r\n');
  });

  it('Northwind orders (LF) as a whole file', () => {
    const text = readFileSync(`${DATASETS}/northwind/orders.csv`, 'utf8');
    const s = sniffText(text, true);
    expect(s.newline).toBe('\n');
    expect(s.sampleRowCount).toBe(830);
    expect(s.rows[0].slice(0, 4)).toEqual(['10248', 'VINET', '5', '1996-07-04 00:00:00.000']);
  });
});
