import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDuckDB, type NodeDuckDB } from '../engine/node-duckdb';
import { fixtureRows, loadFixture } from './fixture-sales';
import { largestMembers, queryMonthlyByMember } from './channel-mix';
import { queryMatrix } from './region-matrix';
import { queryPerformance, marginOf } from './product-performance';

let db: NodeDuckDB;
const rows = fixtureRows();
const range = { start: '2024-03-01', end: '2024-08-31' };
const inRange = (d: string, r: typeof range) => d >= r.start && d <= r.end;

beforeAll(async () => {
  db = await openNodeDuckDB();
  await loadFixture(db, rows);
});
afterAll(() => db.close());

describe('channel mix over time', () => {
  it('monthly revenue per channel and its share of the month, against plain TS', async () => {
    const out = await queryMonthlyByMember(db, 'channel', range, {}, 'net');
    const cell = new Map<string, number>();
    const month = new Map<string, number>();
    for (const r of rows.filter((r) => inRange(r.date, range))) {
      const m = `${r.date.slice(0, 7)}-01`;
      cell.set(`${m}|${r.channel || null}`, (cell.get(`${m}|${r.channel || null}`) ?? 0) + r.amount);
      month.set(m, (month.get(m) ?? 0) + r.amount);
    }
    expect(out).toHaveLength(cell.size);
    for (const o of out) {
      const v = cell.get(`${o.month}|${o.member}`) ?? NaN;
      expect(o.revenue).toBeCloseTo(v, 6);
      expect(o.share).toBeCloseTo(v / month.get(o.month)!, 9);
    }
    expect(new Set(out.map((o) => o.month)).size).toBe(6);
  });
});

describe('matrix and performance', () => {
  const comparison = { start: '2025-03-01', end: '2025-06-30' };

  it('region × category cells and row shares', async () => {
    const cells = await queryMatrix(db, { rowDim: 'region', colDim: 'category', current: range, comparison, filters: {}, basis: 'gross' });
    const exp = new Map<string, { cur: number; cmp: number }>();
    const rowTotal = new Map<string, number>();
    for (const r of rows.filter((r) => r.amount > 0)) {
      const k = `${r.region}|${r.category}`;
      const e = exp.get(k) ?? { cur: 0, cmp: 0 };
      if (inRange(r.date, range)) {
        e.cur += r.amount;
        rowTotal.set(r.region, (rowTotal.get(r.region) ?? 0) + r.amount);
      }
      if (inRange(r.date, comparison)) e.cmp += r.amount;
      exp.set(k, e);
    }
    expect(cells).toHaveLength(exp.size);
    for (const c of cells) {
      const e = exp.get(`${c.row}|${c.col}`)!;
      expect(c.revenue).toBeCloseTo(e.cur, 6);
      expect(c.comparison).toBeCloseTo(e.cmp, 6);
      expect(c.rowShare).toBeCloseTo(e.cur / rowTotal.get(c.row!)!, 9);
    }
  });

  it('by product: revenue, quantity, margin, previous period and last year', async () => {
    const current = { start: '2025-01-01', end: '2025-03-31' };
    const previous = { start: '2024-10-01', end: '2024-12-31' };
    const lastYear = { start: '2024-01-01', end: '2024-03-31' };
    const perf = await queryPerformance(db, { dim: 'product', current, previous, lastYear, filters: { channel: ['Online'] }, basis: 'net', withCategory: true });
    const sel = rows.filter((r) => r.channel === 'Online');
    const agg = (p: string, x: typeof range, f: (r: (typeof rows)[number]) => number) =>
      sel.filter((r) => r.product === p && inRange(r.date, x)).reduce((s, r) => s + f(r), 0);
    for (const row of perf) {
      const p = row.member!;
      expect(row.revenue).toBeCloseTo(agg(p, current, (r) => r.amount), 6);
      expect(row.quantity).toBeCloseTo(agg(p, current, (r) => r.quantity), 6);
      expect(row.profit).toBeCloseTo(agg(p, current, (r) => r.amount - r.cost), 6);
      expect(row.previous).toBeCloseTo(agg(p, previous, (r) => r.amount), 6);
      expect(row.lastYear).toBeCloseTo(agg(p, lastYear, (r) => r.amount), 6);
      expect(row.category).toBe(sel.find((r) => r.product === p)!.category);
    }
    expect(perf.length).toBe(new Set(sel.filter((r) => inRange(r.date, current) || inRange(r.date, previous) || inRange(r.date, lastYear)).map((r) => r.product)).size);
    expect(marginOf({ revenue: 200, profit: 50 })).toBe(0.25);
    expect(marginOf({ revenue: 0, profit: 5 })).toBeNull();
  });

  it('uncompared (the whole history): the same current figures, only members sold in the period, comparisons 0', async () => {
    const current = { start: '2025-01-01', end: '2025-03-31' };
    const compared = await queryPerformance(db, { dim: 'product', current, previous: { start: '2024-10-01', end: '2024-12-31' }, lastYear: { start: '2024-01-01', end: '2024-03-31' }, filters: {}, basis: 'net' });
    const alone = await queryPerformance(db, { dim: 'product', current, previous: null, lastYear: null, filters: {}, basis: 'net' });
    const sold = compared.filter((r) => rows.some((x) => x.product === r.member && inRange(x.date, current)));
    expect(alone.map((r) => [r.member, r.revenue, r.quantity, r.profit])).toEqual(sold.map((r) => [r.member, r.revenue, r.quantity, r.profit]));
    expect(alone.every((r) => r.previous === 0 && r.lastYear === 0)).toBe(true);
  });
});

describe('largestMembers', () => {
  it('keeps the n members with the most revenue over all months, largest first, months in order', () => {
    const row = (month: string, member: string | null, revenue: number) => ({ month, member, revenue, share: null });
    const rows = [row('2025-01-01', 'A', 5), row('2025-01-01', 'B', 1), row('2025-01-01', null, 9), row('2025-02-01', 'A', 5), row('2025-02-01', 'B', 2), row('2025-02-01', 'C', 11)];
    // Totals: A 10, B 3, blank 9, C 11.
    expect(largestMembers(rows, 2).map((r) => [r.member, r.month])).toEqual([
      ['C', '2025-02-01'],
      ['A', '2025-01-01'],
      ['A', '2025-02-01'],
    ]);
    expect(largestMembers(rows, 10)).toHaveLength(rows.length);
  });
});
