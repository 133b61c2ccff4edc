import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDuckDB, type NodeDuckDB } from '../engine/node-duckdb';
import { loadFixture, type FixtureRow } from './fixture-sales';
import { customerFixtureRows, daysBetween } from './fixture-customers';
import { compactFixture } from './fixture-sales';
import { orderCountFor } from '../warehouse/sources';
import { rfmSegment, RFM_SEGMENTS, type RfmParams } from './rfm';
import { queryCustomerRanking } from './customer-ranking';

const queryRfm = (runner: NodeDuckDB, p: RfmParams, search = '', limit = 100) => queryCustomerRanking(runner, p, { search, limit });
const rfmCustomers = async (runner: NodeDuckDB, p: RfmParams, search = '', limit = 100) => (await queryRfm(runner, p, search, limit)).customers;

let db: NodeDuckDB;
const rows = customerFixtureRows();
const range = { start: '2024-07-01', end: '2025-06-30' };

beforeAll(async () => {
  db = await openNodeDuckDB();
  await loadFixture(db, rows);
});
afterAll(() => db.close());

/** The documented rule, written independently: rank worst-first, ties take the lowest rank. */
function quintile(values: number[], better: (a: number, b: number) => boolean): number[] {
  const n = values.length;
  return values.map((v) => {
    const rank = 1 + values.filter((x) => better(v, x)).length; // customers strictly worse than v
    return 1 + Math.floor((5 * (rank - 1)) / n);
  });
}

function expectedRfm(sel: FixtureRow[], asOf: string) {
  const by = new Map<string, FixtureRow[]>();
  for (const r of sel) by.set(r.customer, [...(by.get(r.customer) ?? []), r]);
  const customers = [...by.entries()]
    .filter(([, rs]) => rs.some((r) => r.amount > 0))
    .map(([customer, rs]) => {
      const sales = rs.filter((r) => r.amount > 0);
      const last = sales.map((r) => r.date).sort().at(-1)!;
      return { customer, recency: daysBetween(last, asOf), frequency: new Set(sales.map((r) => r.order_id)).size, monetary: rs.reduce((s, r) => s + r.amount, 0) };
    });
  const r = quintile(customers.map((c) => c.recency), (a, b) => a < b);
  const f = quintile(customers.map((c) => c.frequency), (a, b) => a > b);
  const m = quintile(customers.map((c) => c.monetary), (a, b) => a > b);
  return customers.map((c, i) => ({ ...c, r: r[i], f: f[i], m: m[i] }));
}

describe('RFM', () => {
  it('recency, frequency, monetary and quintile scores match a plain-TS computation', async () => {
    const sel = rows.filter((r) => r.date >= range.start && r.date <= range.end);
    const expected = expectedRfm(sel, range.end);
    const got = await rfmCustomers(db, { range, filters: {}, basis: 'net', hasOrderId: true }, '', 1000);
    expect(got).toHaveLength(expected.length);
    const byName = new Map(got.map((g) => [g.customer, g]));
    for (const e of expected) {
      const g = byName.get(e.customer)!;
      expect(g, e.customer).toBeDefined();
      expect(g.recency).toBe(e.recency);
      expect(g.frequency).toBe(e.frequency);
      expect(g.monetary).toBeCloseTo(e.monetary, 6);
      expect([g.r, g.f, g.m]).toEqual([e.r, e.f, e.m]);
      expect(g.segment).toBe(rfmSegment(e.r, e.f, e.m));
    }
    // every score 1..5 occurs for recency, and ties exist in frequency (the tie rule is exercised)
    expect(new Set(expected.map((e) => e.r)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(expected.map((e) => e.frequency)).size).toBeLessThan(expected.length);
  });

  it('hand-worked ties: monetary 10, 20, 20, 30, 40 → scores 1, 2, 2, 4, 5', async () => {
    const mini = await openNodeDuckDB();
    const base = { quantity: 1, cost: 0, product: 'P', category: 'X', channel: 'Online', region: 'E', rep: 'R', team: 'T', date: '2024-01-10' };
    await loadFixture(mini, [10, 20, 20, 30, 40].map((amount, i) => ({ ...base, amount, order_id: `o${i}`, customer: `K${i}` })));
    const got = await rfmCustomers(mini, { range: { start: '2024-01-01', end: '2024-01-31' }, filters: {}, basis: 'net', hasOrderId: true });
    expect(Object.fromEntries(got.map((g) => [g.customer, g.m]))).toEqual({ K0: 1, K1: 2, K2: 2, K3: 4, K4: 5 });
    // all bought the same day and once: equal recency and frequency → everyone gets the lowest score, 1
    expect(got.every((g) => g.r === 1 && g.f === 1 && g.recency === 21)).toBe(true);
    mini.close();
  });

  it('segment rule table, first match wins', () => {
    expect(rfmSegment(5, 5, 5)).toBe('champions');
    expect(rfmSegment(5, 5, 3)).toBe('loyal');
    expect(rfmSegment(3, 4, 1)).toBe('loyal');
    expect(rfmSegment(5, 1, 5)).toBe('new');
    expect(rfmSegment(4, 3, 2)).toBe('promising');
    expect(rfmSegment(1, 4, 5)).toBe('atRisk');
    expect(rfmSegment(2, 2, 5)).toBe('hibernating');
    expect(rfmSegment(3, 2, 2)).toBe('needAttention');
  });

  it('segment counts and revenue add up to the scored customers', async () => {
    const p = { range, filters: {}, basis: 'net' as const, hasOrderId: true };
    const { segments, customers } = await queryRfm(db, p, '', 1000);
    expect(segments.map((s) => s.segment)).toEqual([...RFM_SEGMENTS]);
    for (const s of segments) {
      const members = customers.filter((c) => c.segment === s.segment);
      expect(s.customers).toBe(members.length);
      expect(s.revenue).toBeCloseTo(members.reduce((a, c) => a + c.monetary, 0), 6);
    }
    expect(segments.reduce((a, s) => a + (s.revenueShare ?? 0), 0)).toBeCloseTo(1, 9);
  });

  it('search is a literal substring, case-insensitive', async () => {
    const p = { range, filters: {}, basis: 'net' as const, hasOrderId: true };
    const got = await rfmCustomers(db, p, 'c1', 100);
    expect(got.length).toBeGreaterThan(0);
    expect(got.every((g) => g.customer.toLowerCase().includes('c1'))).toBe(true);
    // the list keeps the largest first, and the segments still count every scored customer
    const { segments, customers: all } = await queryRfm(db, p, 'c1', 100);
    expect(got.map((g) => g.monetary)).toEqual([...got.map((g) => g.monetary)].sort((a, b) => b - a));
    expect(segments.reduce((n, seg) => n + seg.customers, 0)).toBe((await rfmCustomers(db, p, '', 1000)).length);
    expect(all).toEqual(got);
    expect(await rfmCustomers(db, p, "%' OR '1'='1", 100)).toEqual([]);
  });

  it('counting orders by the compaction’s sale flag gives the same scores whenever the flags are exact', async () => {
    const flagged = await openNodeDuckDB();
    await loadFixture(flagged, rows);
    const orderConstant = await compactFixture(flagged);
    expect(orderConstant).toEqual(expect.arrayContaining(['date', 'customer', 'region']));
    expect(orderConstant).not.toContain('product'); // each order has lines of several products
    for (const filters of [{}, { region: ['East'] }, { customer: ['C01', 'C02', 'C03'] }]) {
      expect(orderCountFor({ orderConstant, customerDays: false }, { filters, groupedOn: ['customer'] })).toBe('flag');
      for (const basis of ['net', 'gross'] as const) {
        const p = { range, filters, basis, hasOrderId: true };
        const exact = await queryRfm(flagged, p, '', 1000);
        expect(exact.customers.length).toBeGreaterThan(0);
        expect(await queryRfm(flagged, { ...p, warehouse: { orderConstant, customerDays: false } }, '', 1000)).toEqual(exact);
      }
    }
    expect(orderCountFor({ orderConstant, customerDays: false }, { filters: { product: ['P1'] }, groupedOn: ['customer'] })).toBe('distinct');
    flagged.close();
  });
});
