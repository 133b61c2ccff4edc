import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { amountRejectSql, amountSql, detectAmountFormat, isPlainNumeric, parseAmount, type AmountFormat } from './amount';
import { openTestDuckDB, queryRows, sqlString, type TestDuckDBConnection } from './test-duckdb';

const DOT: AmountFormat = { decimal: '.' };
const COMMA: AmountFormat = { decimal: ',' };

/** Expected outcome: a number, null (blank) or 'reject' (unparseable). */
type Expected = number | null | 'reject';

/** [text, with '.' decimals, with ',' decimals] — values worked out by hand. */
const CASES: [string, Expected, Expected][] = [
  ['¥1,234.50', 1234.5, 'reject'],
  ['1.234,50', 'reject', 1234.5],
  ['(123.00)', -123, 'reject'],
  ['(123,00)', 'reject', -123],
  ['12%', 0.12, 0.12],
  ['(12%)', -0.12, -0.12],
  ['$ 5', 5, 5],
  ['-3.2', -3.2, 'reject'],
  ['-3,2', 'reject', -3.2],
  ['1 234,5', 'reject', 1234.5],
  ['1 234.5', 1234.5, 'reject'],
  ['CNY 100', 100, 100],
  ['rmb 8', 8, 8],
  ['100元', 100, 100],
  ['USD 1,000.00', 1000, 'reject'],
  ['1,234', 1234, 1.234],
  ['1.234', 1.234, 1234],
  ['1,234,567.89', 1234567.89, 'reject'],
  ['1.234.567,89', 'reject', 1234567.89],
  ["1'234.50", 1234.5, 'reject'],
  ['1\u00a0234.5', 1234.5, 'reject'],
  ['12,34', 'reject', 12.34],
  ['12 34', 'reject', 'reject'],
  ['1234-', -1234, -1234],
  ['+5', 5, 5],
  ['-¥1,234.50', -1234.5, 'reject'],
  ['¥-1,234.50', -1234.5, 'reject'],
  ['€ 9,99', 'reject', 9.99],
  ['£7', 7, 7],
  ['￥１２３．５', 123.5, 'reject'],
  ['−7', -7, -7],
  ['1e3', 'reject', 'reject'], // exponents: '-' must always mean negative
  ['.5', 0.5, 'reject'],
  [',5', 'reject', 0.5],
  ['5.', 5, 'reject'],
  ['  42  ', 42, 42],
  ['0', 0, 0],
  ['(-5)', 'reject', 'reject'],
  ['--5', 'reject', 'reject'],
  ['-5-', 'reject', 'reject'],
  ['(5', 'reject', 'reject'],
  ['5)', 'reject', 'reject'],
  ['abc', 'reject', 'reject'],
  ['¥', 'reject', 'reject'],
  ['NaN', 'reject', 'reject'],
  ['inf', 'reject', 'reject'],
  ['1_000', 'reject', 'reject'],
  ['12 345 678', 12345678, 12345678],
  ['', null, null],
  ['   ', null, null],
  ['-', null, null],
  ['NULL', null, null],
  ['null', null, null],
  ['N/A', null, null],
  ['#N/A', null, null],
];

function referenceOutcome(text: string, format: AmountFormat): Expected {
  const v = parseAmount(text, format);
  return v === null ? null : Number.isNaN(v) ? 'reject' : v;
}

describe('parseAmount', () => {
  it.each(CASES)('%j', (text, dot, comma) => {
    expect(referenceOutcome(text, DOT)).toBe(dot);
    expect(referenceOutcome(text, COMMA)).toBe(comma);
  });
});

describe('amountSql in DuckDB', () => {
  let conn: TestDuckDBConnection;
  beforeAll(async () => {
    conn = await openTestDuckDB();
  });

  /** Runs the SQL builders over every case text (plus SQL NULL) and returns per-text outcomes. */
  function sqlOutcomes(format: AmountFormat): Map<string | null, Expected> {
    const values = [...CASES.map(([t]) => `(${sqlString(t)})`), '(NULL)'].join(', ');
    const rows = queryRows(
      conn,
      `SELECT t, ${amountSql('t', format)} AS v, ${amountRejectSql('t', format)} AS bad FROM (VALUES ${values}) AS s(t)`,
    );
    const out = new Map<string | null, Expected>();
    for (const r of rows) {
      const v = r.v as number | null;
      if (r.bad === true) {
        expect(v).toBeNull();
        out.set(r.t as string, 'reject');
      } else {
        expect(r.bad).toBe(false);
        out.set(r.t as string | null, v);
      }
    }
    return out;
  }

  it("agrees with the hand-worked values for '.' decimals", () => {
    const got = sqlOutcomes(DOT);
    for (const [text, dot] of CASES) expect([text, got.get(text)]).toEqual([text, dot]);
    expect(got.get(null)).toBeNull();
  });

  it("agrees with the hand-worked values for ',' decimals", () => {
    const got = sqlOutcomes(COMMA);
    for (const [text, , comma] of CASES) expect([text, got.get(text)]).toEqual([text, comma]);
    expect(got.get(null)).toBeNull();
  });

  it('gives DOUBLE values that sum like numbers', () => {
    const rows = queryRows(conn, `SELECT sum(${amountSql('t', DOT)}) AS total FROM (VALUES ('¥1,000.50'), ('(0.50)'), ('N/A')) AS s(t)`);
    expect(rows).toEqual([{ total: 1000 }]);
  });
});

describe('detectAmountFormat', () => {
  it("finds '.' decimals", () => {
    expect(detectAmountFormat(['¥1,234.50', '88.00', '1,000'])).toEqual({ format: DOT, parsed: 3, total: 3 });
  });

  it("finds ',' decimals", () => {
    expect(detectAmountFormat(['1.234,50', '99,5', '1.000'])).toEqual({ format: COMMA, parsed: 3, total: 3 });
    expect(detectAmountFormat(['1 234,5', '12'])).toEqual({ format: COMMA, parsed: 2, total: 2 });
    expect(detectAmountFormat(['1.234.567']).format).toEqual(COMMA);
    expect(detectAmountFormat(['0,123']).format).toEqual(COMMA);
  });

  it("reads a lone '1,234' as thousands unless another sample shows ',' decimals", () => {
    expect(detectAmountFormat(['1,234']).format).toEqual(DOT);
    expect(detectAmountFormat(['1,234', '2,5'])).toEqual({ format: COMMA, parsed: 2, total: 2 });
    expect(parseAmount('1,234', detectAmountFormat(['1,234', '2,5']).format)).toBe(1.234);
  });

  it('counts only non-blank samples, and rejects among them', () => {
    expect(detectAmountFormat(['12%', '', 'N/A'])).toEqual({ format: DOT, parsed: 1, total: 1 });
    expect(detectAmountFormat(['abc', '5'])).toEqual({ format: DOT, parsed: 1, total: 2 });
    expect(detectAmountFormat([])).toEqual({ format: DOT, parsed: 0, total: 0 });
  });

  it('reads the real Superstore Sales column', () => {
    expect(detectAmountFormat(['16.448', '3.54', '261.96', '-5.487', '731.94'])).toEqual({ format: DOT, parsed: 5, total: 5 });
  });
});

describe('isPlainNumeric', () => {
  it('accepts only what TRY_CAST reads the same way', () => {
    expect(isPlainNumeric(['1', '2.5', '-3', '+4', '.5', '', 'NULL'])).toBe(true);
    expect(isPlainNumeric(['1e5'])).toBe(false);
    expect(isPlainNumeric(['1,234'])).toBe(false);
    expect(isPlainNumeric(['1_000'])).toBe(false);
    expect(isPlainNumeric([' 5'])).toBe(false);
    expect(isPlainNumeric(['inf'])).toBe(false);
    expect(isPlainNumeric(['¥5'])).toBe(false);
    expect(isPlainNumeric(['', 'N/A'])).toBe(false);
  });

  it('matches DuckDB TRY_CAST on plain samples', async () => {
    const conn = await openTestDuckDB();
    const samples = ['1', '2.5', '-3', '+4', '.5', '5.', 'NULL', 'N/A', '-'];
    expect(isPlainNumeric(samples)).toBe(true);
    const values = samples.map((s) => `(${sqlString(s)})`).join(', ');
    const rows = queryRows(conn, `SELECT TRY_CAST(t AS DOUBLE) AS v FROM (VALUES ${values}) AS s(t)`);
    expect(rows.map((r) => r.v)).toEqual([1, 2.5, -3, 4, 0.5, 5, null, null, null]);
    // …which is also what the full parser says.
    expect(samples.map((t) => parseAmount(t, DOT))).toEqual([1, 2.5, -3, 4, 0.5, 5, null, null, null]);
  });
});

describe('amounts generated from known cents (fast-check)', () => {
  /** Writes `cents` the way exports do; the expected value is cents / 100. */
  const formattedAmount = (format: AmountFormat) =>
    fc
      .record({
        cents: fc.integer({ min: -1e11, max: 1e11 }),
        group: fc.constantFrom('', format.decimal === '.' ? ',' : '.', ' ', '\u00a0', "'"),
        negativeStyle: fc.constantFrom('minus', 'parens', 'trailing', 'after-currency'),
        currency: fc.constantFrom('', '¥', '$ ', 'CNY ', 'EUR', '￥'),
        suffix: fc.constantFrom('', '元', ' USD'),
      })
      .map(({ cents, group, negativeStyle, currency, suffix }) => {
        const abs = Math.abs(cents);
        const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+$)/g, group);
        let text = `${whole}${format.decimal}${String(abs % 100).padStart(2, '0')}`;
        if (cents < 0 && negativeStyle === 'after-currency') text = `${currency}-${text}${suffix}`;
        else {
          text = `${currency}${text}${suffix}`;
          if (cents < 0) text = negativeStyle === 'parens' ? `(${text})` : negativeStyle === 'trailing' ? `${text}-` : `-${text}`;
        }
        return { text, expected: cents / 100 };
      });

  it.each([DOT, COMMA])('parses in TS and in DuckDB (%j)', async (format) => {
    const cases = fc.sample(formattedAmount(format), { numRuns: 400, seed: 20260105 });
    for (const { text, expected } of cases) expect([text, parseAmount(text, format)]).toEqual([text, expected]);
    const conn = await openTestDuckDB();
    const values = cases.map(({ text }, i) => `(${i}, ${sqlString(text)})`).join(', ');
    const rows = queryRows(conn, `SELECT i, ${amountSql('t', format)} AS v FROM (VALUES ${values}) AS s(i, t) ORDER BY i`);
    expect(rows.map((r) => r.v)).toEqual(cases.map((c) => c.expected));
  });
});
