import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDuckDB, type NodeDuckDB } from '../engine/node-duckdb';
import { loadFixture, type FixtureRow } from './fixture-sales';
import { customerFixtureRows } from './fixture-customers';
import { queryCustomerRanking } from './customer-ranking';
import type { SqlRunner } from '../engine/types';
import type { RfmParams } from './rfm';

const queryConcentration = (runner: SqlRunner, p: Omit<RfmParams, 'hasOrderId'>, maxPoints?: number) =>
  queryCustomerRanking(runner, { ...p, hasOrderId: true }, { maxPoints });

let db: NodeDuckDB;
const rows = customerFixtureRows();
const range = { start: '2024-01-01', end: '2025-06-30' };

beforeAll(async () => {
  db = await openNodeDuckDB();
  await loadFixture(db, rows);
});
afterAll(() => db.close());

function revenueByCustomer(sel: FixtureRow[]) {
  const m = new Map<string, number>();
  for (const r of sel) m.set(r.customer, (m.get(r.customer) ?? 0) + r.amount);
  return [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

describe('customer concentration', () => {
  it('top-10 share, HHI and customers for 80 % match a plain-TS computation', async () => {
    const ranked = revenueByCustomer(rows);
    const total = ranked.reduce((s, [, v]) => s + v, 0);
    const top10 = ranked.slice(0, 10).reduce((s, [, v]) => s + v, 0);
    const hhi = ranked.reduce((s, [, v]) => s + (Math.max(v, 0) / total) ** 2, 0) * 10000;
    let cum = 0;
    let for80 = 0;
    for (const [, v] of ranked) {
      cum += v;
      for80++;
      if (cum >= 0.8 * total) break;
    }
    const { concentration: c } = await queryConcentration(db, { range, filters: {}, basis: 'net' });
    expect(c.customers).toBe(40);
    expect(c.revenue).toBeCloseTo(total, 6);
    expect(c.top10Revenue).toBeCloseTo(top10, 6);
    expect(c.top10Share).toBeCloseTo(top10 / total, 12);
    expect(c.hhi).toBeCloseTo(hhi, 9);
    expect(c.customersFor80).toBe(for80);
    expect(for80).toBeGreaterThan(10); // the fixture is not trivially concentrated
  });

  it('hand-worked: 3 customers 50/30/20 → HHI 3800, 2 customers make 80 %', async () => {
    const mini = await openNodeDuckDB();
    const base = { quantity: 1, cost: 0, product: 'P', category: 'X', channel: 'Online', region: 'E', rep: 'R', team: 'T' };
    await loadFixture(mini, [
      { ...base, date: '2024-01-02', amount: 50, order_id: 'a', customer: 'A' },
      { ...base, date: '2024-01-03', amount: 30, order_id: 'b', customer: 'B' },
      { ...base, date: '2024-01-04', amount: 25, order_id: 'c', customer: 'C' },
      { ...base, date: '2024-01-05', amount: -5, order_id: 'c-R', customer: 'C' },
    ]);
    const { concentration: c } = await queryConcentration(mini, { range: { start: '2024-01-01', end: '2024-01-31' }, filters: {}, basis: 'net' });
    expect(c.hhi).toBeCloseTo(2500 + 900 + 400, 9);
    expect(c.top10Share).toBe(1);
    expect(c.customersFor80).toBe(2);
    const { concentration: gross } = await queryConcentration(mini, { range: { start: '2024-01-01', end: '2024-01-31' }, filters: {}, basis: 'gross' });
    expect(gross.revenue).toBe(105);
    mini.close();
  });

  it('a customer with only returns counts in the concentration (share 0), not among the RFM-scored buyers', async () => {
    const mini = await openNodeDuckDB();
    const base = { quantity: 1, cost: 0, product: 'P', category: 'X', channel: 'Online', region: 'E', rep: 'R', team: 'T' };
    await loadFixture(mini, [
      { ...base, date: '2024-01-02', amount: 60, order_id: 'a', customer: 'A' },
      { ...base, date: '2024-01-03', amount: 40, order_id: 'b', customer: 'B' },
      { ...base, date: '2024-01-04', amount: -10, order_id: 'd-R', customer: 'D' },
    ]);
    const r = await queryConcentration(mini, { range: { start: '2024-01-01', end: '2024-01-31' }, filters: {}, basis: 'net' });
    expect(r.concentration.customers).toBe(3);
    expect(r.concentration.revenue).toBe(90);
    expect(r.concentration.hhi).toBeCloseTo(((60 / 90) ** 2 + (40 / 90) ** 2) * 10000, 9);
    expect(r.pareto.points.map((p) => p.customer)).toEqual(['A', 'B', 'D']);
    expect(r.segments.reduce((n, s) => n + s.customers, 0)).toBe(2);
    expect(r.customers.map((c) => c.customer)).toEqual(['A', 'B']);
    mini.close();
  });

  it('the Pareto curve is cumulative, ends at 100 % and keeps the last customer', async () => {
    const ranked = revenueByCustomer(rows);
    const total = ranked.reduce((s, [, v]) => s + v, 0);
    const { points, customers } = (await queryConcentration(db, { range, filters: {}, basis: 'net' }, 10)).pareto;
    expect(customers).toBe(40);
    expect(points[points.length - 1].rank).toBe(40);
    expect(points[points.length - 1].cumShare).toBeCloseTo(1, 12);
    for (const p of points) {
      const expected = ranked.slice(0, p.rank).reduce((s, [, v]) => s + v, 0) / total;
      expect(p.cumShare).toBeCloseTo(expected, 12);
      expect(p.customer).toBe(ranked[p.rank - 1][0]);
    }
    // first 20 plus every 4th rank (40 / 10) after that
    expect(points.map((p) => p.rank)).toEqual([...Array.from({ length: 20 }, (_, i) => i + 1), 24, 28, 32, 36, 40]);
  });

  it('filters narrow the customers', async () => {
    const { concentration, pareto } = await queryConcentration(db, { range, filters: { region: ['East'] }, basis: 'net' });
    expect(concentration.customers).toBe(20);
    expect(pareto.customers).toBe(20);
    expect(pareto.points).toHaveLength(20);
  });

  it('no customer in the range: zeros, no curve', async () => {
    const { concentration, pareto } = await queryConcentration(db, { range: { start: '2030-01-01', end: '2030-12-31' }, filters: {}, basis: 'net' });
    expect(concentration).toEqual({ customers: 0, revenue: 0, top10Revenue: 0, top10Share: null, hhi: null, customersFor80: 0 });
    expect(pareto).toEqual({ points: [], customers: 0 });
  });
});
