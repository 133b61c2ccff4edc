import { describe, expect, it } from 'vitest';
import { isBlankCell, isBlankCellSql } from './blank';
import { openTestDuckDB, queryRows, sqlString } from './test-duckdb';

/** [text, is it blank?] — decided by hand. */
const CASES: [string, boolean][] = [
  ['', true],
  ['   ', true],
  ['\u00a0\u3000', true],
  ['-', true],
  ['--', true],
  [' NULL ', true],
  ['null', true],
  ['N/A', true],
  ['#N/A', true],
  ['NA', true],
  ['None', true],
  ['—', true],
  ['n.a.', true],
  ['空', true],
  [' 无 ', true],
  ['无锡', false],
  ['——', false],
  ['0', false],
  ['---', false],
  ['NULL NULL', false],
  ['n/a x', false],
  ['x', false],
  ['nan', false],
];

describe('isBlankCell', () => {
  it.each(CASES)('%j → %s', (text, blank) => {
    expect(isBlankCell(text)).toBe(blank);
  });

  it('treats a missing cell as blank', () => {
    expect(isBlankCell(undefined)).toBe(true);
    expect(isBlankCell(null)).toBe(true);
  });

  it('has the same answers in DuckDB', async () => {
    const conn = await openTestDuckDB();
    const values = [...CASES.map(([t], i) => `(${i}, ${sqlString(t)})`), `(${CASES.length}, NULL)`].join(', ');
    const rows = queryRows(conn, `SELECT i, ${isBlankCellSql('t')} AS blank FROM (VALUES ${values}) AS s(i, t) ORDER BY i`);
    expect(rows.map((r) => r.blank)).toEqual([...CASES.map(([, b]) => b), true]);
  });
});
