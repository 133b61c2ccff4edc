import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDuckDB, type NodeDuckDB } from '../engine/node-duckdb';
import { fixtureRows, loadFixture, type FixtureRow } from './fixture-sales';
import { paretoSummary, queryAbc, type AbcClass } from './abc-pareto';

let db: NodeDuckDB;
const range = { start: '2025-01-01', end: '2025-12-31' };

function line(product: string, amount: number, date = '2025-03-01'): FixtureRow {
  return { date, amount, quantity: 1, cost: 0, order_id: `O-${product}-${amount}`, customer: 'C', product, category: 'K', channel: 'X', region: 'R', rep: 'P', team: 'T' };
}

beforeAll(async () => {
  db = await openNodeDuckDB();
});
afterAll(() => db.close());

describe('ABC classification', () => {
  it('boundaries exactly at 80 % and 95 % are A and B (hand-worked: 50, 30, 15, 5 of 100)', async () => {
    // P1 50 → cum 50 % A; P2 30 (two lines 20 + 10) → cum 80 % A; P3 15 → cum 95 % B; P4 5 → 100 % C.
    // A product with only a return (−3) and one outside the period are C / absent.
    await loadFixture(db, [line('P1', 50), line('P2', 20), line('P2', 10, '2025-06-30'), line('P3', 15), line('P4', 5), line('P5', -3), line('P6', 999, '2024-12-31')]);
    const rows = await queryAbc(db, { dim: 'product', range, filters: {}, basis: 'net', aThreshold: 0.8, bThreshold: 0.95 });
    expect(rows.map((r) => [r.member, r.abcClass])).toEqual([['P1', 'A'], ['P2', 'A'], ['P3', 'B'], ['P4', 'C'], ['P5', 'C']]);
    expect(rows.map((r) => r.cumulativeShare)).toEqual([0.5, 0.8, 0.95, 1, 1].map((x) => expect.closeTo(x, 12)));
    expect(rows[1].revenue).toBe(30);
    // "2 of 5 products (40 %) make 80 % of revenue"
    const s = paretoSummary(rows, 0.8);
    expect([s.members, s.membersToCut, s.memberShare]).toEqual([5, 2, 0.4]);
    expect(s.classes.map((c) => [c.abcClass, c.members, c.revenue])).toEqual([['A', 2, 80], ['B', 1, 15], ['C', 2, 2]]);
  });

  it('thresholds are adjustable: at 50 % / 80 % the same products are A, B, C, C', async () => {
    const rows = await queryAbc(db, { dim: 'product', range, filters: {}, basis: 'net', aThreshold: 0.5, bThreshold: 0.8 });
    expect(rows.slice(0, 4).map((r) => r.abcClass)).toEqual<AbcClass[]>(['A', 'B', 'C', 'C']);
    // gross basis drops the return line: P5 disappears
    const gross = await queryAbc(db, { dim: 'product', range, filters: {}, basis: 'gross', aThreshold: 0.8, bThreshold: 0.95 });
    expect(gross.map((r) => r.member)).toEqual(['P1', 'P2', 'P3', 'P4']);
  });

  it('a share that floating point pushes past 95 % stays B (2.94, 2.66, 1.05, 0.35: exactly 95 % after three)', async () => {
    expect((2.94 + 2.66 + 1.05) / (2.94 + 2.66 + 1.05 + 0.35)).toBeGreaterThan(0.95); // the naive comparison would say C
    await loadFixture(db, [line('P1', 2.94), line('P2', 2.66), line('P3', 1.05), line('P4', 0.35)]);
    const rows = await queryAbc(db, { dim: 'product', range, filters: {}, basis: 'net', aThreshold: 0.8, bThreshold: 0.95 });
    expect(rows.map((r) => [r.member, r.abcClass])).toEqual([['P1', 'A'], ['P2', 'A'], ['P3', 'B'], ['P4', 'C']]);
  });

  it('matches a plain-TS ranking on the shared fixture', async () => {
    const all = fixtureRows();
    await loadFixture(db, all);
    const sel = all.filter((r) => r.date >= range.start && r.date <= range.end);
    const byProduct = new Map<string, number>();
    for (const r of sel) byProduct.set(r.product, (byProduct.get(r.product) ?? 0) + r.amount);
    const sorted = [...byProduct].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const total = sorted.reduce((s, [, v]) => s + Math.max(v, 0), 0);
    let cum = 0;
    const expected = sorted.map(([member, revenue]) => {
      cum += Math.max(revenue, 0);
      const share = cum / total;
      return { member, cls: revenue <= 0 ? 'C' : share <= 0.7 + 1e-9 ? 'A' : share <= 0.9 + 1e-9 ? 'B' : 'C', share };
    });
    const rows = await queryAbc(db, { dim: 'product', range, filters: {}, basis: 'net', aThreshold: 0.7, bThreshold: 0.9 });
    expect(rows.map((r) => r.member)).toEqual(expected.map((e) => e.member));
    expect(rows.map((r) => r.abcClass)).toEqual(expected.map((e) => e.cls));
    rows.forEach((r, i) => expect(r.cumulativeShare).toBeCloseTo(expected[i].share, 12));
    expect(new Set(expected.map((e) => e.cls)).size).toBeGreaterThan(1); // the fixture exercises more than one class
    const k = expected.findIndex((e) => e.share >= 0.8 - 1e-9) + 1;
    expect(paretoSummary(rows, 0.8).membersToCut).toBe(k);
  });
});
