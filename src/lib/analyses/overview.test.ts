import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDuckDB, type NodeDuckDB } from '../engine/node-duckdb';
import { fixtureRows, loadFixture, type FixtureRow } from './fixture-sales';
import { dateSpans, queryBreakdowns, queryKpis, queryTrend, topWithOther } from './overview';
import { previousRange, sameRangeLastYear, type DateRange } from '../model/period';

let db: NodeDuckDB;
const rows = fixtureRows();

beforeAll(async () => {
  db = await openNodeDuckDB();
  await loadFixture(db, rows);
});
afterAll(() => db.close());

const inRange = (r: FixtureRow, range: DateRange) => r.date >= range.start && r.date <= range.end;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

function expectedKpis(range: DateRange, keep: (r: FixtureRow) => boolean = () => true) {
  const sel = rows.filter((r) => inRange(r, range) && keep(r));
  return {
    revenue: sum(sel.map((r) => r.amount)),
    orders: new Set(sel.map((r) => r.order_id)).size,
    customers: new Set(sel.map((r) => r.customer)).size,
    quantity: sum(sel.map((r) => r.quantity)),
    cost: sum(sel.map((r) => r.cost)),
    profit: sum(sel.map((r) => r.amount - r.cost)),
    lines: sel.length,
    returnLines: sel.filter((r) => r.amount < 0).length,
  };
}

describe('overview KPIs against a plain-TS computation', () => {
  const current = { start: '2025-01-01', end: '2025-06-30' };
  const previous = previousRange(current, 'custom');
  const lastYear = sameRangeLastYear(current);

  it('net revenue, orders, customers, quantity, margin and returns for three ranges', async () => {
    const k = await queryKpis(db, { current, previous, lastYear, filters: {}, basis: 'net', hasOrderId: true });
    for (const [key, range] of [['current', current], ['previous', previous], ['lastYear', lastYear]] as const) {
      const e = expectedKpis(range);
      expect(k[key].revenue).toBeCloseTo(e.revenue, 6);
      expect(k[key].orders).toBe(e.orders);
      expect(k[key].customers).toBe(e.customers);
      expect(k[key].quantity).toBeCloseTo(e.quantity, 6);
      expect(k[key].profit).toBeCloseTo(e.profit, 6);
      expect(k[key].lines).toBe(e.lines);
      expect(k[key].returnLines).toBe(e.returnLines);
    }
    expect(expectedKpis(current).returnLines).toBeGreaterThan(0); // the fixture does exercise returns
  });

  it('gross basis excludes return lines; filters narrow rows', async () => {
    const filters = { region: ['East', 'North'], category: ['Audio'] };
    const k = await queryKpis(db, { current, previous, lastYear, filters, basis: 'gross', hasOrderId: false });
    const e = expectedKpis(current, (r) => ['East', 'North'].includes(r.region) && r.category === 'Audio' && r.amount > 0);
    expect(k.current.revenue).toBeCloseTo(e.revenue, 6);
    expect(k.current.orders).toBe(e.lines); // without order ids every line is an order
    expect(k.current.returnLines).toBe(0);
  });

  it('when the previous period is last year (YTD), it is computed once and reported for both', async () => {
    const ytd = { start: '2025-01-01', end: '2025-05-20' };
    const ly = sameRangeLastYear(ytd);
    const k = await queryKpis(db, { current: ytd, previous: ly, lastYear: ly, filters: {}, basis: 'net', hasOrderId: true });
    const e = expectedKpis(ly);
    expect(k.previous.revenue).toBeCloseTo(e.revenue, 6);
    expect(k.lastYear.orders).toBe(e.orders);
    expect(k.previous).toEqual(k.lastYear);
    expect(k.current.lines).toBe(expectedKpis(ytd).lines);
  });

  it('overlapping and far-apart ranges each get their own lines (an 18-month period against last year; MTD against last year)', async () => {
    const long = { start: '2024-01-01', end: '2025-06-30' };
    const longLy = sameRangeLastYear(long); // 2023-01-01 – 2024-06-30: overlaps the current range
    const k = await queryKpis(db, { current: long, previous: previousRange(long, 'custom'), lastYear: longLy, filters: { region: ['East'] }, basis: 'net', hasOrderId: true });
    for (const [key, range] of [['current', long], ['previous', previousRange(long, 'custom')], ['lastYear', longLy]] as const) {
      const e = expectedKpis(range, (r) => r.region === 'East');
      expect(k[key].revenue).toBeCloseTo(e.revenue, 6);
      expect(k[key].orders).toBe(e.orders);
      expect(k[key].customers).toBe(e.customers);
      expect(k[key].returnLines).toBe(e.returnLines);
    }
    const mtd = { start: '2025-03-01', end: '2025-03-31' };
    const m = await queryKpis(db, { current: mtd, previous: previousRange(mtd, 'mtd'), lastYear: sameRangeLastYear(mtd), filters: {}, basis: 'net', hasOrderId: true });
    expect(m.lastYear.lines).toBe(expectedKpis(sameRangeLastYear(mtd)).lines);
    expect(m.previous.customers).toBe(expectedKpis(previousRange(mtd, 'mtd')).customers);
    expect(m.current.orders).toBe(expectedKpis(mtd).orders);
  });

  it('ranges that touch or overlap make one span; a gap makes another', () => {
    const spans = dateSpans([
      { key: 'a', range: { start: '2025-03-01', end: '2025-03-31' } },
      { key: 'b', range: { start: '2024-03-01', end: '2024-03-31' } },
      { key: 'c', range: { start: '2025-02-01', end: '2025-02-28' } },
      { key: 'd', range: { start: '2024-03-15', end: '2024-04-10' } },
    ]);
    expect(spans.map((s) => [s.span, s.members.map((m) => m.key)])).toEqual([
      [{ start: '2024-03-01', end: '2024-04-10' }, ['b', 'd']],
      [{ start: '2025-02-01', end: '2025-03-31' }, ['c', 'a']],
    ]);
  });

  it('a filter value with a quote is a literal, not SQL', async () => {
    const k = await queryKpis(db, { current, previous, lastYear, filters: { region: ["East' OR '1'='1"] }, basis: 'net', hasOrderId: true });
    expect(k.current.lines).toBe(0);
  });
});

describe('trend and breakdowns', () => {
  it('pairs each month with the same month last year', async () => {
    const current = { start: '2025-01-01', end: '2025-06-30' };
    const trend = await queryTrend(db, current, '2024-01-03', {}, 'net');
    expect(trend.map((p) => p.month)).toEqual(['2025-01-01', '2025-02-01', '2025-03-01', '2025-04-01', '2025-05-01', '2025-06-01']);
    for (const p of trend) {
      const ym = p.month.slice(0, 7);
      const lym = `${Number(ym.slice(0, 4)) - 1}${ym.slice(4)}`;
      expect(p.revenue).toBeCloseTo(sum(rows.filter((r) => r.date.startsWith(ym)).map((r) => r.amount)), 6);
      expect(p.lastYear).toBeCloseTo(sum(rows.filter((r) => r.date.startsWith(lym)).map((r) => r.amount)), 6);
    }
  });

  it('a one-month period shows the 12 months to its end', async () => {
    const trend = await queryTrend(db, { start: '2025-06-01', end: '2025-06-30' }, '2024-01-03', {}, 'net');
    expect(trend).toHaveLength(12);
    expect(trend[0].month).toBe('2024-07-01');
    expect(trend[0].lastYear).toBeNull(); // no data in 2023
  });

  it('never starts before the data', async () => {
    const trend = await queryTrend(db, { start: '2024-03-01', end: '2024-03-31' }, '2024-01-03', {}, 'net');
    expect(trend.map((p) => p.month)).toEqual(['2024-01-01', '2024-02-01', '2024-03-01']);
  });

  it('breakdown by channel keeps blanks and sums to the total', async () => {
    const current = { start: '2024-01-01', end: '2024-12-31' };
    const cmp = { start: '2025-01-01', end: '2025-06-30' };
    const all = await queryBreakdowns(db, ['channel', 'region'], current, cmp, {}, 'net');
    for (const dim of ['channel', 'region'] as const) {
      const b = all[dim]!;
      const expected = new Map<string | null, { revenue: number; comparison: number }>();
      for (const r of rows) {
        const key = r[dim] || null;
        const e = expected.get(key) ?? { revenue: 0, comparison: 0 };
        if (inRange(r, current)) e.revenue += r.amount;
        if (inRange(r, cmp)) e.comparison += r.amount;
        if (inRange(r, current) || inRange(r, cmp)) expected.set(key, e);
      }
      expect(b).toHaveLength(expected.size);
      for (const row of b) {
        expect(row.revenue).toBeCloseTo(expected.get(row.member)?.revenue ?? NaN, 6);
        expect(row.comparison).toBeCloseTo(expected.get(row.member)?.comparison ?? NaN, 6);
      }
      expect(sum(b.map((r) => r.revenue))).toBeCloseTo(expectedKpis(current).revenue, 6);
      expect(b.map((r) => r.revenue)).toEqual([...b.map((r) => r.revenue)].sort((a, z) => z - a));
    }
  });

  it('the whole history is not compared: only the current range is computed', async () => {
    const all = { start: '2024-01-01', end: '2025-06-30' };
    const k = await queryKpis(db, { current: all, previous: null, lastYear: null, filters: {}, basis: 'net', hasOrderId: true });
    expect(k.current).toMatchObject({ revenue: expect.closeTo(expectedKpis(all).revenue, 6), orders: expectedKpis(all).orders, lines: expectedKpis(all).lines });
    expect(k.previous.lines).toBe(0);
    expect(k.lastYear.lines).toBe(0);
    const b = (await queryBreakdowns(db, ['region'], all, null, {}, 'net')).region!;
    expect(b.every((r) => r.comparison === null)).toBe(true);
    expect(sum(b.map((r) => r.revenue))).toBeCloseTo(expectedKpis(all).revenue, 6);
    expect(topWithOther(b, 1).at(-1)).toMatchObject({ other: true, comparison: null });
  });

  it('folds the tail into one other row', () => {
    const input = [5, 4, 3, 2, 1].map((v, i) => ({ member: `m${i}`, revenue: v, comparison: v * 2 }));
    const out = topWithOther(input, 2);
    expect(out).toHaveLength(3);
    expect(out[2]).toEqual({ member: null, revenue: 6, comparison: 12, other: true });
  });
});
