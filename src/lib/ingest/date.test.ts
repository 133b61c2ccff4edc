import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { dateRejectSql, dateSql, describeDateFormat, detectDateFormat, parseDate, periodGrain, type DateFormat, type Grain } from './date';
import { sniffText } from './sniff';
import { decodeHead, detectEncoding } from './encoding';
import { openTestDuckDB, queryRows, sqlString, type TestDuckDBConnection } from './test-duckdb';

/** The public datasets beside the repo (../shared/datasets), or TARGETSCOPE_DATASETS. */
const DATASETS = process.env.TARGETSCOPE_DATASETS ?? `${process.cwd()}/../shared/datasets`;

const ISO: DateFormat = { kind: 'iso' };
const DMY_YY: DateFormat = { kind: 'numeric', order: 'dmy', sep: '/', twoDigitYear: true };
const MDY: DateFormat = { kind: 'numeric', order: 'mdy', sep: '/', twoDigitYear: false };
const DMY_DOT: DateFormat = { kind: 'numeric', order: 'dmy', sep: '.', twoDigitYear: false };
const DMY_DASH: DateFormat = { kind: 'numeric', order: 'dmy', sep: '-', twoDigitYear: false };
const CHINESE: DateFormat = { kind: 'chinese' };
const EXCEL: DateFormat = { kind: 'excel-serial' };
const COMPACT: DateFormat = { kind: 'compact' };
const YM: DateFormat = { kind: 'year-month', sep: '-' };
const YM_SLASH: DateFormat = { kind: 'year-month', sep: '/' };
const YM_COMPACT: DateFormat = { kind: 'year-month', sep: '' };
const MY_DOT: DateFormat = { kind: 'month-year', sep: '.' };
const CN_MONTH: DateFormat = { kind: 'chinese-month' };
const MONTH_NAME: DateFormat = { kind: 'month-name' };
const Q_YQ: DateFormat = { kind: 'quarter', layout: 'yq' };
const Q_QY: DateFormat = { kind: 'quarter', layout: 'qy' };
const Q_CN: DateFormat = { kind: 'quarter', layout: 'chinese' };
const W_YW: DateFormat = { kind: 'week', layout: 'yw' };
const W_CN: DateFormat = { kind: 'week', layout: 'chinese' };
const PERIOD_FORMATS = [YM, YM_SLASH, YM_COMPACT, MY_DOT, CN_MONTH, MONTH_NAME, Q_YQ, Q_QY, Q_CN, W_YW, W_CN];

type Expected = string | null | 'invalid';

/** [format, text, expected] — expected values worked out by hand. */
const CASES: [DateFormat, string, Expected][] = [
  [ISO, '2026-01-05', '2026-01-05'],
  [ISO, '2017/07/01', '2017-07-01'],
  [ISO, '2026.1.5', '2026-01-05'],
  [ISO, '1996-07-04 00:00:00.000', '1996-07-04'],
  [ISO, '2026-01-05T23:59:59Z', '2026-01-05'],
  [ISO, '2026-01-05T10:00:00+08:00', '2026-01-05'],
  [ISO, ' 2026-01-05 ', '2026-01-05'],
  [ISO, '2024-02-29', '2024-02-29'],
  [ISO, '2000-02-29', '2000-02-29'],
  [ISO, '2023-02-29', 'invalid'],
  [ISO, '1900-02-29', 'invalid'],
  [ISO, '2026-02-30', 'invalid'],
  [ISO, '2026-04-31', 'invalid'],
  [ISO, '2026-13-01', 'invalid'],
  [ISO, '2026-00-10', 'invalid'],
  [ISO, '2026-01-00', 'invalid'],
  [ISO, '0026-01-05', 'invalid'],
  [ISO, '26-01-05', 'invalid'],
  [ISO, '05/01/2026', 'invalid'],
  [ISO, 'abc', 'invalid'],
  [ISO, '', null],
  [ISO, 'NULL', null],
  [ISO, 'N/A', null],
  [DMY_YY, '03/01/19', '2019-01-03'],
  [DMY_YY, '3/1/19', '2019-01-03'],
  [DMY_YY, '31/12/29', '2029-12-31'],
  [DMY_YY, '01/01/30', '1930-01-01'],
  [DMY_YY, '29/02/20', '2020-02-29'],
  [DMY_YY, '29/02/21', 'invalid'],
  [DMY_YY, '13/13/19', 'invalid'],
  [DMY_YY, '03/01/2019', 'invalid'],
  [MDY, '11/8/2016', '2016-11-08'],
  [MDY, '12/31/2016', '2016-12-31'],
  [MDY, '1/5/2026 10:30 AM', '2026-01-05'],
  [MDY, '31/12/2016', 'invalid'],
  [MDY, '11-8-2016', 'invalid'],
  [DMY_DOT, '05.01.2026', '2026-01-05'],
  [DMY_DOT, '5.1.2026', '2026-01-05'],
  [DMY_DOT, '05/01/2026', 'invalid'],
  [DMY_DASH, '05-01-2026', '2026-01-05'],
  [CHINESE, '2026年1月5日', '2026-01-05'],
  [CHINESE, '2026年12月31日 10:00', '2026-12-31'],
  [CHINESE, '2026年1月5号', '2026-01-05'],
  [CHINESE, '2026年2月30日', 'invalid'],
  [CHINESE, '2026-01-05', 'invalid'],
  [EXCEL, '46027', '2026-01-05'],
  [EXCEL, '46027.75', '2026-01-05'],
  [EXCEL, '43831', '2020-01-01'],
  [EXCEL, '61', '1900-03-01'],
  [EXCEL, '60', 'invalid'],
  [EXCEL, '2958465', '9999-12-31'],
  [EXCEL, '2958466', 'invalid'],
  [EXCEL, '-5', 'invalid'],
  [EXCEL, 'abc', 'invalid'],
  [EXCEL, '-', null],
  [COMPACT, '20260105', '2026-01-05'],
  [COMPACT, '20260230', 'invalid'],
  [COMPACT, '2026015', 'invalid'],
  // Periods: each value is its period's first day.
  [YM, '2024-01', '2024-01-01'],
  [YM, '1967-3', '1967-03-01'],
  [YM, '2024-13', 'invalid'],
  [YM, '2024-00', 'invalid'],
  [YM, '2024-01-05', 'invalid'],
  [YM_SLASH, '2024/12', '2024-12-01'],
  [YM_COMPACT, '202401', '2024-01-01'],
  [YM_COMPACT, '202413', 'invalid'],
  [YM_COMPACT, '20240', 'invalid'],
  [MY_DOT, '01.2024', '2024-01-01'],
  [MY_DOT, '1.2024', '2024-01-01'],
  [MY_DOT, '05.01.2024', 'invalid'],
  [CN_MONTH, '2024年1月', '2024-01-01'],
  [CN_MONTH, '2024年01月', '2024-01-01'],
  [CN_MONTH, '2024 年 12 月份', '2024-12-01'],
  [CN_MONTH, '2024年13月', 'invalid'],
  [CN_MONTH, '2024年1月5日', 'invalid'],
  [MONTH_NAME, 'Jan 2024', '2024-01-01'],
  [MONTH_NAME, 'Jan-24', '2024-01-01'],
  [MONTH_NAME, 'January 2024', '2024-01-01'],
  [MONTH_NAME, 'Sept. 2024', '2024-09-01'],
  [MONTH_NAME, 'dec-99', '1999-12-01'],
  [MONTH_NAME, "Mar '30", '1930-03-01'],
  [MONTH_NAME, 'Total 2024', 'invalid'],
  [MONTH_NAME, 'Jan 5', 'invalid'],
  [Q_YQ, '2024Q1', '2024-01-01'],
  [Q_YQ, '2024-Q2', '2024-04-01'],
  [Q_YQ, '2024 q4', '2024-10-01'],
  [Q_YQ, '2024Q5', 'invalid'],
  [Q_QY, 'Q1 2024', '2024-01-01'],
  [Q_QY, 'Q3-2024', '2024-07-01'],
  [Q_QY, '2024Q1', 'invalid'],
  [Q_CN, '2024年第1季度', '2024-01-01'],
  [Q_CN, '2024年3季度', '2024-07-01'],
  [Q_CN, '2024年第四季度', '2024-10-01'],
  [Q_CN, '2024年第5季度', 'invalid'],
  [Q_CN, '', null],
  // ISO weeks, hand-worked: week 1 holds 4 January, and the week is read as its Monday.
  [W_YW, '2024-W01', '2024-01-01'], // 4 Jan 2024 is a Thursday
  [W_YW, '2024-W05', '2024-01-29'],
  [W_YW, '2024 w52', '2024-12-23'],
  [W_YW, '2021-W01', '2021-01-04'], // 4 Jan 2021 is a Monday
  [W_YW, '2026W01', '2025-12-29'], // 4 Jan 2026 is a Sunday: week 1 starts in 2025
  [W_YW, '2020-W53', '2020-12-28'], // 2020 has 53 weeks
  [W_YW, '2021-W53', 'invalid'], // 2021 has 52
  [W_YW, '2024-W00', 'invalid'],
  [W_YW, '2024-05', 'invalid'],
  [W_CN, '2024年第5周', '2024-01-29'],
  [W_CN, '2024 年 第 52 周', '2024-12-23'],
  [W_CN, '2024年第54周', 'invalid'],
];

describe('parseDate', () => {
  it.each(CASES)('%j %j', (format, text, expected) => {
    expect(parseDate(text, format)).toBe(expected);
  });
});

describe('dateSql in DuckDB', () => {
  let conn: TestDuckDBConnection;
  beforeAll(async () => {
    conn = await openTestDuckDB();
  });

  const formats = [ISO, DMY_YY, MDY, DMY_DOT, DMY_DASH, CHINESE, EXCEL, COMPACT, ...PERIOD_FORMATS];
  it.each(formats.map((f) => [describeDateFormat(f), f] as const))('%s agrees with the hand-worked values', (_, format) => {
    const cases = CASES.filter(([f]) => f === format);
    const values = [...cases.map(([, t]) => `(${sqlString(t)})`), '(NULL)'].join(', ');
    const rows = queryRows(
      conn,
      `SELECT t, CAST(${dateSql('t', format)} AS VARCHAR) AS d, ${dateRejectSql('t', format)} AS bad FROM (VALUES ${values}) AS s(t)`,
    );
    const got = new Map(rows.map((r) => [r.t as string | null, r.bad === true ? 'invalid' : (r.d as string | null)]));
    for (const [, text, expected] of cases) expect([text, got.get(text)]).toEqual([text, expected]);
    expect(got.get(null)).toBeNull();
    // A reject is always a NULL date.
    for (const r of rows) if (r.bad === true) expect(r.d).toBeNull();
  });

  it('reads every ISO week label of 1999–2031 as the Monday DuckDB’s own calendar gives it (isoyear, week)', () => {
    const rows = queryRows(
      conn,
      `SELECT strftime(d, '%Y-%m-%d') AS monday, printf('%d-W%02d', isoyear(d), week(d)) AS label
       FROM range(DATE '1999-01-04', DATE '2032-01-01', INTERVAL 7 DAY) t(d)`,
    );
    expect(rows.length).toBeGreaterThan(1700);
    for (const r of rows) expect([r.label, parseDate(String(r.label), W_YW)]).toEqual([r.label, r.monday]);
    const sql = queryRows(conn, `SELECT count(*) AS n FROM (
      SELECT d, ${dateSql("printf('%d-W%02d', isoyear(d), week(d))", W_YW)} AS parsed FROM range(DATE '1999-01-04', DATE '2032-01-01', INTERVAL 7 DAY) t(d)) WHERE parsed IS DISTINCT FROM CAST(d AS DATE)`);
    expect(Number(sql[0].n)).toBe(0);
  });

  it('returns the DATE type', () => {
    const rows = queryRows(conn, `SELECT typeof(${dateSql("'03/01/19'", DMY_YY)}) AS a, typeof(${dateSql("'46027'", EXCEL)}) AS b`);
    expect(rows).toEqual([{ a: 'DATE', b: 'DATE' }]);
  });
});

describe('describeDateFormat', () => {
  it('names each format', () => {
    expect(describeDateFormat(ISO)).toBe('YYYY-MM-DD');
    expect(describeDateFormat(DMY_YY)).toBe('D/M/YY');
    expect(describeDateFormat(MDY)).toBe('M/D/YYYY');
    expect(describeDateFormat(DMY_DOT)).toBe('D.M.YYYY');
    expect(describeDateFormat(CHINESE)).toBe('YYYY年M月D日');
    expect(describeDateFormat(EXCEL)).toBe('Excel serial');
    expect(describeDateFormat(COMPACT)).toBe('YYYYMMDD');
  });
});

describe('detectDateFormat', () => {
  it('decides day-first from a first part above 12', () => {
    expect(detectDateFormat(['03/01/19', '04/01/19', '13/01/19'])).toEqual({ format: DMY_YY, ambiguous: false, parsed: 3, total: 3 });
  });

  it('decides month-first from a second part above 12', () => {
    expect(detectDateFormat(['11/8/2016', '6/12/2016', '4/15/2015'])).toEqual({ format: MDY, ambiguous: false, parsed: 3, total: 3 });
  });

  it('reports undecided order, defaulting to M/D, or D.M with dots', () => {
    expect(detectDateFormat(['01/02/2026', '03/04/2026'])).toEqual({ format: MDY, ambiguous: true, parsed: 2, total: 2 });
    expect(detectDateFormat(['01.02.2026', '03.04.2026'])).toEqual({ format: DMY_DOT, ambiguous: true, parsed: 2, total: 2 });
  });

  it('recognises the other kinds', () => {
    expect(detectDateFormat(['2026-01-05', '2026-01-06']).format).toEqual(ISO);
    expect(detectDateFormat(['2026年1月5日', '2026年1月6日']).format).toEqual(CHINESE);
    expect(detectDateFormat(['46027', '46028', ''])).toEqual({ format: EXCEL, ambiguous: false, parsed: 2, total: 2 });
    expect(detectDateFormat(['20260105', '20260106']).format).toEqual(COMPACT);
  });

  it('recognises every month and quarter form, with its grain', () => {
    const forms: [string[], DateFormat, Grain][] = [
      [['1967-03', '1967-04', '1967-12'], YM, 'month'],
      [['2024/01', '2024/02'], YM_SLASH, 'month'],
      [['202401', '202402', '202412'], YM_COMPACT, 'month'],
      [['01.2024', '02.2024'], MY_DOT, 'month'],
      [['2024年1月', '2024年01月'], CN_MONTH, 'month'],
      [['Jan 2024', 'February 2024'], MONTH_NAME, 'month'],
      [['Jan-24', 'Feb-24'], MONTH_NAME, 'month'],
      [['2024Q1', '2024Q2'], Q_YQ, 'quarter'],
      [['Q1 2024', 'Q2 2024'], Q_QY, 'quarter'],
      [['2024年第1季度', '2024年第2季度'], Q_CN, 'quarter'],
      [['2024-W05', '2024-W06', '2024-W52'], W_YW, 'week'],
      [['2024年第5周', '2024年第6周'], W_CN, 'week'],
      [['2026-01-05', '2026-01-06'], ISO, 'day'],
    ];
    for (const [samples, format, grain] of forms) {
      const detected = detectDateFormat(samples).format;
      expect([samples, detected, periodGrain(detected)]).toEqual([samples, format, grain]);
    }
  });

  it('does not read six-digit ids as months', () => {
    expect(detectDateFormat(['100234', '100235', '100236']).format).toBeNull();
  });

  it('counts unparseable samples and ignores blanks', () => {
    expect(detectDateFormat(['2026-01-05', 'x', 'NULL', ''])).toEqual({ format: ISO, ambiguous: false, parsed: 1, total: 2 });
  });

  it('finds no date in small integers, text or empty columns', () => {
    expect(detectDateFormat(['1', '2', '3']).format).toBeNull();
    expect(detectDateFormat(['Consumer', 'Corporate']).format).toBeNull();
    expect(detectDateFormat([])).toEqual({ format: null, ambiguous: false, parsed: 0, total: 0 });
  });

  const columnSamples = (file: string, column: string) => {
    const head = readFileSync(file).subarray(0, 64 * 1024);
    const s = sniffText(decodeHead(head, detectEncoding(head)), false);
    const i = s.header.indexOf(column);
    return s.rows.map((r) => r[i]);
  };

  it('reads the real files', () => {
    const us = detectDateFormat(columnSamples(`${DATASETS}/superstore_2020_us_ca/Sample - Superstore.csv`, 'Order Date'));
    expect(us.format).toEqual(DMY_YY);
    expect(us.ambiguous).toBe(false);
    expect(us.parsed).toBe(us.total);

    const classic = detectDateFormat(columnSamples(`${DATASETS}/superstore_classic/Sample-Superstore.csv`, 'Order Date'));
    expect(classic.format).toEqual(MDY);
    expect(classic.ambiguous).toBe(false);
    expect(classic.parsed).toBe(classic.total);

    expect(detectDateFormat(columnSamples(`${DATASETS}/adventureworks_sales_targets/Sales.csv`, 'OrderDate')).format).toEqual(ISO);
    expect(detectDateFormat(columnSamples(`${DATASETS}/northwind/orders.csv`, 'orderDate')).format).toEqual(ISO);
  });

  it('converts the first real Superstore dates to the documented days', () => {
    const samples = columnSamples(`${DATASETS}/superstore_2020_us_ca/Sample - Superstore.csv`, 'Order Date');
    expect(samples[0]).toBe('03/01/19');
    expect(parseDate(samples[0], DMY_YY)).toBe('2019-01-03');
  });
});

describe('dates generated from known days (fast-check)', () => {
  const DAY_MS = 86_400_000;
  const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
  const pad2 = (n: number) => String(n).padStart(2, '0');

  /** A day between 1930-01-01 and 2029-12-31 written in `format`; expected is its ISO date. */
  const formattedDate = (format: DateFormat) =>
    fc
      .record({ day: fc.integer({ min: Date.UTC(1930, 0, 1) / DAY_MS, max: Date.UTC(2029, 11, 31) / DAY_MS }), padded: fc.boolean() })
      .map(({ day, padded }) => {
        const when = new Date(day * DAY_MS);
        const [y, m, d] = [when.getUTCFullYear(), when.getUTCMonth() + 1, when.getUTCDate()];
        const p = (n: number) => (padded ? pad2(n) : String(n));
        const expected = `${y}-${pad2(m)}-${pad2(d)}`;
        switch (format.kind) {
          case 'iso':
            return { text: `${y}-${p(m)}-${p(d)}${padded ? ' 00:00:00.000' : ''}`, expected };
          case 'chinese':
            return { text: `${y}年${m}月${d}日`, expected };
          case 'compact':
            return { text: `${y}${pad2(m)}${pad2(d)}`, expected };
          case 'excel-serial':
            return { text: String((day * DAY_MS - EXCEL_EPOCH) / DAY_MS), expected };
          case 'numeric': {
            const year = format.twoDigitYear ? pad2(y % 100) : String(y);
            const [a, b] = format.order === 'dmy' ? [d, m] : [m, d];
            return { text: [p(a), p(b), year].join(format.sep), expected };
          }
          default:
            throw new Error(`days are not written in ${describeDateFormat(format)}`);
        }
      });

  const formats = [ISO, DMY_YY, MDY, DMY_DOT, DMY_DASH, CHINESE, EXCEL, COMPACT];
  it.each(formats.map((f) => [describeDateFormat(f), f] as const))('%s parses in TS and in DuckDB', async (_, format) => {
    const cases = fc.sample(formattedDate(format), { numRuns: 300, seed: 46027 });
    for (const { text, expected } of cases) expect([text, parseDate(text, format)]).toEqual([text, expected]);
    const conn = await openTestDuckDB();
    const values = cases.map(({ text }, i) => `(${i}, ${sqlString(text)})`).join(', ');
    const rows = queryRows(conn, `SELECT i, CAST(${dateSql('t', format)} AS VARCHAR) AS d FROM (VALUES ${values}) AS s(i, t) ORDER BY i`);
    expect(rows.map((r) => r.d)).toEqual(cases.map((c) => c.expected));
  });
});
