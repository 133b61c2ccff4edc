import { beforeAll, describe, expect, it } from 'vitest';
import { findYearMonth, withYearMonth, yearMonthSql, yearMonthValue } from './year-month';
import { openTestDuckDB, queryRows, sqlString, type TestDuckDBConnection } from './test-duckdb';

describe('findYearMonth: a year column and a month column, by header and values', () => {
  it('年份 · 月份 (1月 … 12月)', () => {
    const rows = [['2024', '1月', '华东', '1200'], ['2024', '12月', '华北', '900'], ['2025', '3月', '华东', '400']];
    expect(findYearMonth(['年份', '月份', '区域', '销售额'], rows)).toEqual({ year: '年份', month: '月份', column: '年份 + 月份' });
  });

  it('Year · Month with month names, Jahr · Monat with numbers', () => {
    expect(findYearMonth(['Region', 'Year', 'Month', 'Sales'], [['N', '2024', 'Jan', '1'], ['S', '2024', 'February', '2']])?.column).toBe('Year + Month');
    expect(findYearMonth(['Jahr', 'Monat', 'Umsatz'], [['2024', '01', '1'], ['2024', '11', '2']])?.column).toBe('Jahr + Monat');
  });

  it('not without both headers, nor when the values are not years and months', () => {
    expect(findYearMonth(['年份', '区域', '销售额'], [['2024', 'E', '1']])).toBeNull();
    expect(findYearMonth(['Year', 'Month', 'Sales'], [['FY24', '1', '1'], ['FY25', '2', '1']])).toBeNull();
    expect(findYearMonth(['Year', 'Month', 'Sales'], [['2024', '13', '1'], ['2024', '14', '1']])).toBeNull();
  });

  it('the derived column is appended to the header and to every sampled row', () => {
    const c = findYearMonth(['年份', '月份', '销售额'], [['2024', '1月', '5'], ['2024', '', '6']])!;
    expect(withYearMonth(['年份', '月份', '销售额'], [['2024', '1月', '5'], ['2024', '', '6']], c)).toEqual({
      header: ['年份', '月份', '销售额', '年份 + 月份'],
      rows: [['2024', '1月', '5', '2024-01'], ['2024', '', '6', '']],
    });
  });
});

describe('yearMonthValue and yearMonthSql build the same value', () => {
  let conn: TestDuckDBConnection;
  beforeAll(async () => {
    conn = await openTestDuckDB();
  });

  // Hand-worked: year, month → YYYY-MM; blank or a null marker → empty (SQL NULL); unreadable → the raw pair.
  const cases: [string, string, string][] = [
    ['2024', '1月', '2024-01'],
    ['2024', '01', '2024-01'],
    [' 2024 ', '12月份', '2024-12'],
    ['2024年', '3', '2024-03'],
    ['2023', 'Sept.', '2023-09'],
    ['2023', 'december', '2023-12'],
    ['2024', '', ''],
    ['n/a', '3', ''],
    ['2024', '13', '2024-13'],
    // Whole numbers read as floats (a Parquet or Excel numeric column): 2024.0 · 3.0.
    ['2024.0', '3.0', '2024-03'],
    ['2024.5', '3', '2024.5-3'],
  ];

  it('numeric year and month columns (DOUBLE, as a Parquet summary reads) give the same values as their text', () => {
    const rows = queryRows(conn, `SELECT ${yearMonthSql({ year: 'y', month: 'm', column: 'ym' })} AS v FROM (VALUES (2024.0::DOUBLE, 3.0::DOUBLE), (2025::DOUBLE, 12::DOUBLE)) t(y, m)`);
    expect(rows.map((r) => r.v)).toEqual(['2024-03', '2025-12']);
    expect(yearMonthValue(String(2024), String(3))).toBe('2024-03');
  });

  it.each(cases)('%s · %s → %s', (year, month, expected) => {
    expect(yearMonthValue(year, month)).toBe(expected);
    const [row] = queryRows(conn, `SELECT ${yearMonthSql({ year: 'y', month: 'm', column: 'ym' })} AS v FROM (SELECT ${sqlString(year)} AS y, ${sqlString(month)} AS m)`);
    expect(row.v ?? '').toBe(expected);
  });
});
