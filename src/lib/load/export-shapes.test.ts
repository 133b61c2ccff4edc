/**
 * Real exports of shapes our fixtures lacked, generated here: a monthly or quarterly summary, headers in
 * other languages or none we know, n/a amounts, columns picked on the error card. Each loads through the
 * whole pipeline on DuckDB-WASM in Node; expected values are computed in plain TS from the generated rows.
 */
import type { Grain } from '../ingest/date';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDuckDB, type NodeDuckDB } from '../engine/node-duckdb';
import { loadSalesFile, type LoadedSource } from './load-file';
import { salesViewSql } from './sales-table';
import { salesSummaryFromRow, salesSummarySql } from './sales-summary';
import { LoadError } from './errors';
import { SUPPORTED_DATE_FORMATS } from '../ingest/date';

let db: NodeDuckDB;
beforeAll(async () => {
  db = await openNodeDuckDB();
});
afterAll(() => db.close());

const csv = (name: string, lines: string[]) => new File([lines.join('\n') + '\n'], name, { type: 'text/csv' });

async function revenue(source: LoadedSource) {
  await db.query(salesViewSql(source.table));
  const [row] = await db.query<{ n: number; amount: number | null; first: string; last: string }>(
    "SELECT count(*) AS n, sum(amount) AS amount, strftime(min(date), '%Y-%m-%d') AS first, strftime(max(date), '%Y-%m-%d') AS last FROM sales",
  );
  return { ...row, n: Number(row.n) };
}

/** `grain`: the load check's, as the app passes it (workspace.svelte.ts summarize). */
async function summary(grain?: Grain) {
  const [row] = await db.query(salesSummarySql());
  return salesSummaryFromRow(row, '2000-01-01', grain);
}

/** Amounts that are not round in either notation (k · 37.25 + 1000.5). */
const amountOf = (k: number) => Math.round((1000.5 + k * 37.25) * 100) / 100;
const german = (x: number) => x.toFixed(2).replace('.', ',').replace(/\B(?=(\d{3})+(?!\d))/g, '.');

describe('periodic summaries', () => {
  it('a two-column monthly export ("Month","Sales", 1967-03) loads as 96 whole months', async () => {
    const months = Array.from({ length: 96 }, (_, k) => ({ y: 1967 + Math.floor((k + 2) / 12), m: ((k + 2) % 12) + 1, v: amountOf(k) }));
    const lines = ['"Month","Sales"', ...months.map(({ y, m, v }) => `"${y}-${String(m).padStart(2, '0')}",${v}`)];
    const source = await loadSalesFile(db, csv('monthly.csv', lines));
    expect(source.mapping).toEqual({ date: 'Month', amount: 'Sales' });
    expect(source.dateFormat).toEqual({ kind: 'year-month', sep: '-' });
    expect(source.check.grain).toBe('month');
    const t = await revenue(source);
    expect(t.n).toBe(96);
    expect(t.amount).toBeCloseTo(months.reduce((s, x) => s + x.v, 0), 6);
    // 1967-03 … 96 months later is 1975-02.
    expect([t.first, t.last]).toEqual(['1967-03-01', '1975-02-01']);
    const monthly = source.warnings.find((w) => w.code === 'monthly');
    expect(monthly?.facts).toMatchObject({ column: 'Month', count: 96, examples: [{ row: 2, value: '1967-03' }, { row: 3, value: '1967-04' }, { row: 4, value: '1967-05' }] });
    // The workspace ends with its last month, whole: the default as-of date is 1975-02-28.
    expect(await summary()).toMatchObject({ grain: 'month', dataStart: '1967-03-01', dataEnd: '1975-02-28' });
  });

  it('a Chinese monthly summary with the year and the month in two columns (年份 2024 · 月份 1月) loads as whole months', async () => {
    // Two regions × 14 months, 2024-01 … 2025-02, in no order; one row without a month.
    const rows = Array.from({ length: 28 }, (_, k) => ({ y: 2024 + Math.floor((k % 14) / 12), m: ((k % 14) % 12) + 1, region: k < 14 ? '华东' : '华北', v: amountOf(k) }));
    const shuffled = rows.map((r, k) => ({ r, key: (k * 11) % 28 })).sort((a, b) => a.key - b.key).map((x) => x.r);
    const lines = ['年份,月份,区域,销售额', ...shuffled.map((r) => `${r.y},${r.m}月,${r.region},${r.v}`), '2025,,华东,5'];
    const source = await loadSalesFile(db, csv('按月汇总.csv', lines));
    expect(source.mapping).toEqual({ date: '年份 + 月份', region: '区域', amount: '销售额' });
    expect(source.check.grain).toBe('month');
    const t = await revenue(source);
    expect(t.n).toBe(29);
    expect(t.amount).toBeCloseTo(rows.reduce((s, x) => s + x.v, 0) + 5, 6);
    expect([t.first, t.last]).toEqual(['2024-01-01', '2025-02-01']);
    const derived = source.warnings.find((w) => w.code === 'date-from-year-month');
    expect(derived?.facts).toMatchObject({ column: '年份 + 月份', examples: shuffled.slice(0, 3).map((r, i) => ({ row: i + 2, value: `${r.y}-${String(r.m).padStart(2, '0')}` })) });
    expect(source.warnings.find((w) => w.code === 'missing-dates')?.facts.count).toBe(1);
    expect(await summary()).toMatchObject({ grain: 'month', dataStart: '2024-01-01', dataEnd: '2025-02-28' });
  });

  it('an unsorted monthly export with Japanese headers (年月, 売上) gives the same months and end', async () => {
    const months = Array.from({ length: 18 }, (_, k) => ({ label: `${2024 + Math.floor(k / 12)}年${(k % 12) + 1}月`, v: amountOf(k) }));
    const shuffled = months.map((m, k) => ({ m, key: (k * 7) % 18 })).sort((a, b) => a.key - b.key).map((x) => x.m);
    const source = await loadSalesFile(db, csv('ja.csv', ['年月,売上', ...shuffled.map((x) => `${x.label},${x.v}`)]));
    expect(source.mapping).toEqual({ date: '年月', amount: '売上' });
    expect(source.check.grain).toBe('month');
    const t = await revenue(source);
    expect(t.amount).toBeCloseTo(months.reduce((s, x) => s + x.v, 0), 6);
    expect(await summary()).toMatchObject({ grain: 'month', dataStart: '2024-01-01', dataEnd: '2025-06-30' });
  });

  it('ISO dates all on the 1st are monthly too; a daily file is not', async () => {
    const lines = ['Date,Sales', ...Array.from({ length: 24 }, (_, k) => `${2023 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}-01,${amountOf(k)}`)];
    const source = await loadSalesFile(db, csv('iso-monthly.csv', lines));
    expect(source.check.grain).toBe('month');
    await revenue(source);
    expect(await summary()).toMatchObject({ grain: 'month', dataEnd: '2024-12-31' });
    const daily = await loadSalesFile(db, csv('daily.csv', ['Date,Sales', '2024-01-01,5', '2024-01-02,6', '2024-02-01,7']));
    expect(daily.check.grain).toBe('day');
    expect(daily.warnings.map((w) => w.code)).not.toContain('monthly');
    await revenue(daily);
    expect(await summary()).toMatchObject({ grain: 'day', dataEnd: '2024-02-01' });
  });

  it.each([
    ['2024-W05', (y: number, w: number) => `${y}-W${String(w).padStart(2, '0')}`],
    ['2024年第5周', (y: number, w: number) => `${y}年第${w}周`],
  ])('a weekly export (%s) loads as whole ISO weeks dated by their Mondays', async (_, label) => {
    // 2024-W50 … 2025-W03: across a year end (2024 has 52 weeks; 2025-W01 starts on 30 Dec 2024).
    const weeks = [50, 51, 52].map((w) => ({ y: 2024, w })).concat([1, 2, 3].map((w) => ({ y: 2025, w }))).map((x, k) => ({ ...x, v: amountOf(k) }));
    const source = await loadSalesFile(db, csv('weekly.csv', ['周次,销售额', ...weeks.map(({ y, w, v }) => `${label(y, w)},${v}`)]));
    expect(source.mapping).toEqual({ date: '周次', amount: '销售额' });
    expect(source.check.grain).toBe('week');
    expect(source.warnings.map((w) => w.code)).toContain('weekly');
    const t = await revenue(source);
    expect(t.amount).toBeCloseTo(weeks.reduce((s, x) => s + x.v, 0), 6);
    // Hand-worked Mondays: 2024-W50 = 9 Dec 2024; 2025-W03 = 13 Jan 2025, whose Sunday is the 19th.
    expect([t.first, t.last]).toEqual(['2024-12-09', '2025-01-13']);
    expect(await summary(source.check.grain)).toMatchObject({ grain: 'week', dataEnd: '2025-01-19' });
  });

  it.each([
    ['2024年第1季度', (y: number, q: number) => `${y}年第${q}季度`],
    ['Q1 2024', (y: number, q: number) => `Q${q} ${y}`],
    ['2024Q1', (y: number, q: number) => `${y}Q${q}`],
  ])('a quarterly export (%s) loads as whole quarters', async (_, label) => {
    const quarters = Array.from({ length: 7 }, (_, k) => ({ y: 2023 + Math.floor(k / 4), q: (k % 4) + 1, v: amountOf(k) }));
    const source = await loadSalesFile(db, csv('quarterly.csv', ['季度,销售额', ...quarters.map(({ y, q, v }) => `${label(y, q)},${v}`)]));
    expect(source.mapping).toEqual({ date: '季度', amount: '销售额' });
    expect(source.check.grain).toBe('quarter');
    const t = await revenue(source);
    expect(t.amount).toBeCloseTo(quarters.reduce((s, x) => s + x.v, 0), 6);
    expect([t.first, t.last]).toEqual(['2023-01-01', '2024-07-01']);
    expect(await summary()).toMatchObject({ grain: 'quarter', dataEnd: '2024-09-30' });
  });

  it.each([
    ['2024年1月', (y: number, m: number) => `${y}年${m}月`],
    ['Jan-24', (y: number, m: number) => `${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1]}-${String(y % 100)}`],
    ['202401', (y: number, m: number) => `${y}${String(m).padStart(2, '0')}`],
  ])('a monthly export with months like %s', async (_, label) => {
    const rows = Array.from({ length: 14 }, (_, k) => ({ y: 2024 + Math.floor(k / 12), m: (k % 12) + 1, v: amountOf(k) }));
    const source = await loadSalesFile(db, csv('months.csv', ['月份,销售额', ...rows.map(({ y, m, v }) => `${label(y, m)},${v}`)]));
    expect(source.check.grain).toBe('month');
    const t = await revenue(source);
    expect(t.amount).toBeCloseTo(rows.reduce((s, x) => s + x.v, 0), 6);
    expect([t.first, t.last]).toEqual(['2024-01-01', '2025-02-01']);
  });
});

describe('headers in any language', () => {
  it('a German export (Datum;Kunde;Umsatz, 05.01.2026, 1.234,50) loads', async () => {
    const rows = Array.from({ length: 40 }, (_, k) => ({ d: `${String((k % 28) + 1).padStart(2, '0')}.${String((k % 12) + 1).padStart(2, '0')}.2026`, c: `Kunde ${k % 6}`, v: amountOf(k) * 3 }));
    const source = await loadSalesFile(db, csv('de.csv', ['Datum;Kunde;Umsatz', ...rows.map((r) => `${r.d};${r.c};${german(r.v)}`)]));
    expect(source.mapping).toEqual({ date: 'Datum', customer: 'Kunde', amount: 'Umsatz' });
    const t = await revenue(source);
    expect(t.amount).toBeCloseTo(rows.reduce((s, r) => s + r.v, 0), 6);
    const iso = rows.map((r) => r.d.split('.').reverse().join('-')).sort();
    expect([t.first, t.last]).toEqual([iso[0], iso.at(-1)]);
  });

  it('unknown headers: date and amount by content, said with examples', async () => {
    const rows = Array.from({ length: 30 }, (_, k) => ({ d: `2026-03-${String((k % 28) + 1).padStart(2, '0')}`, n: 1 + ((k * 7) % 23), v: amountOf(k) }));
    const source = await loadSalesFile(db, csv('nl.csv', ['Dag,Klant,Aantal,Omzet', ...rows.map((r) => `${r.d},K${r.n % 4},${r.n},${r.v}`)]));
    expect(source.mapping).toMatchObject({ date: 'Dag', amount: 'Omzet' });
    const t = await revenue(source);
    expect(t.amount).toBeCloseTo(rows.reduce((s, r) => s + r.v, 0), 6);
    const guessed = source.warnings.filter((w) => w.code === 'date-by-content' || w.code === 'amount-by-content');
    expect(guessed.map((w) => [w.code, w.facts.column, w.facts.examples?.[0]])).toEqual([
      ['date-by-content', 'Dag', { row: 2, value: rows[0].d }],
      ['amount-by-content', 'Omzet', { row: 2, value: String(rows[0].v) }],
    ]);
  });

  it('when no column can be told to be the amount, the error carries the columns; the picked ones load', async () => {
    const rows = Array.from({ length: 20 }, (_, k) => ({ d: `2026-01-${String(k + 1).padStart(2, '0')}`, a: 100 + k + 0.25, b: 120 + k + 0.75 }));
    const file = csv('two.csv', ['d,a,b', ...rows.map((r) => `${r.d},${r.a},${r.b}`)]);
    const err = await loadSalesFile(db, file).catch((e) => e);
    expect(err).toBeInstanceOf(LoadError);
    expect(err.code).toBe('no-amount');
    expect(err.facts.columns).toEqual(['d', 'a', 'b']);
    expect(err.facts.proposed).toEqual({ date: 'd' });
    const picked = await loadSalesFile(db, file, () => {}, { mapping: { date: 'd', amount: 'b' } });
    expect((await revenue(picked)).amount).toBeCloseTo(rows.reduce((s, r) => s + r.b, 0), 6);
  });

  it('a date column in no known format names the formats it could be in (no unfilled "?")', async () => {
    const err = await loadSalesFile(db, csv('odd.csv', ['Date,Sales', ...Array.from({ length: 10 }, (_, k) => `day ${k},5`)])).catch((e) => e);
    expect(err.code).toBe('bad-dates');
    expect(err.facts.expected).toBe(SUPPORTED_DATE_FORMATS);
    expect([err.facts.count, err.facts.total]).toEqual([10, 10]);
  });
});

describe('missing values are counted and said', () => {
  it('180 of 200 amounts "n/a": revenue is the 20 others, and the load says how many, which column and what', async () => {
    const rows = Array.from({ length: 200 }, (_, k) => ({ d: `2026-02-${String((k % 28) + 1).padStart(2, '0')}`, v: k % 10 === 0 ? 95 : k % 50 === 1 ? '' : k % 50 === 2 ? '-' : k % 50 === 3 ? '无' : k % 50 === 4 ? '—' : 'n/a' }));
    const source = await loadSalesFile(db, csv('na.csv', ['Order Date,Sales', ...rows.map((r) => `${r.d},${r.v}`)]));
    const t = await revenue(source);
    const present = rows.filter((r) => typeof r.v === 'number');
    expect(present.length).toBe(20);
    expect(t.amount).toBeCloseTo(20 * 95, 6);
    const counts = new Map<string, number>();
    for (const r of rows) if (typeof r.v !== 'number') counts.set(r.v, (counts.get(r.v) ?? 0) + 1);
    const missing = source.warnings.find((w) => w.code === 'missing-amounts');
    expect(missing?.facts).toMatchObject({ column: 'Sales', count: 180, total: 200 });
    const expectedDetail = [...counts].sort((a, b) => b[1] - a[1]).map(([v, n]) => `“${v}” ×${n}`).join(', ');
    expect(missing?.facts.detail).toBe(expectedDetail);
  });

  it('a clean file says nothing about missing values', async () => {
    const source = await loadSalesFile(db, csv('clean.csv', ['Order Date,Sales,Quantity', '2026-01-05,10,1', '2026-01-06,12.5,2']));
    expect(source.warnings).toEqual([]);
  });

  it('missing quantities are counted where a quantity column is mapped', async () => {
    const source = await loadSalesFile(db, csv('qty.csv', ['Order Date,Sales,Quantity', '2026-01-05,10,1', '2026-01-06,12.5,NA', '2026-01-07,3,']));
    expect(source.warnings.find((w) => w.code === 'missing-quantities')?.facts).toMatchObject({ column: 'Quantity', count: 2, total: 3 });
  });
});
