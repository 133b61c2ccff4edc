import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDuckDB, type NodeDuckDB } from '../engine/node-duckdb';
import { fixtureRows, loadFixture, type FixtureRow } from './fixture-sales';
import { queryPvm } from './price-volume-mix';

let db: NodeDuckDB;
const base = { start: '2024-01-01', end: '2024-12-31' };
const current = { start: '2025-01-01', end: '2025-12-31' };

function line(product: string, date: string, quantity: number, price: number): FixtureRow {
  return { date, amount: quantity * price, quantity, cost: 0, order_id: `O${product}${date}${quantity}`, customer: 'C', product, category: 'K', channel: 'X', region: 'R', rep: 'P', team: 'T' };
}

beforeAll(async () => {
  db = await openNodeDuckDB();
});
afterAll(() => db.close());

describe('price–volume–mix', () => {
  it('hand-worked: two continuing products, one new, one discontinued', async () => {
    // Base: A 10 × 10 = 100, B 10 × 20 = 200, D 5 × 4 = 20.    Q0 (continuing) = 20, R0c = 300, P̄0 = 15.
    // Now:  A 20 × 11 = 220, B 10 × 18 = 180, N 3 × 10 = 30.    Q1 (continuing) = 30.
    // volume = (30 − 20) · 15 = 150
    // mix    = (20/30 − 10/20) · 30 · 10 + (10/30 − 10/20) · 30 · 20 = 50 − 100 = −50
    // price  = (11 − 10) · 20 + (18 − 20) · 10 = 20 − 20 = 0
    // new = +30, discontinued = −20; change = 430 − 320 = 110 = 150 − 50 + 0 + 30 − 20.
    await loadFixture(db, [
      line('A', '2024-03-01', 10, 10), line('B', '2024-04-01', 10, 20), line('D', '2024-05-01', 5, 4),
      line('A', '2025-03-01', 20, 11), line('B', '2025-04-01', 10, 18), line('N', '2025-05-01', 3, 10),
    ]);
    const r = await queryPvm(db, { base, current, filters: {}, basis: 'net' });
    expect(r.r0).toBeCloseTo(320, 9);
    expect(r.r1).toBeCloseTo(430, 9);
    expect(r.volume).toBeCloseTo(150, 9);
    expect(r.mix).toBeCloseTo(-50, 9);
    expect(r.price).toBeCloseTo(0, 9);
    expect(r.newProducts).toBeCloseTo(30, 9);
    expect(r.discontinued).toBeCloseTo(-20, 9);
    expect(r.products.find((p) => p.product === 'A')?.status).toBe('continuing');
    expect(r.products.find((p) => p.product === 'N')?.status).toBe('new');
    expect(r.products.find((p) => p.product === 'D')?.status).toBe('discontinued');
  });

  it('effects add up exactly to the change on the shared fixture, and match the textbook formulas', async () => {
    const rows = fixtureRows();
    // Drop P5 from the current period (discontinued) and P4 from the base (new) so all paths run.
    const used = rows.filter((r) => !(r.product === 'P5' && r.date >= current.start) && !(r.product === 'P4' && r.date <= base.end));
    await loadFixture(db, used);
    const r = await queryPvm(db, { base, current, filters: {}, basis: 'net' });
    const agg = (range: typeof base) => {
      const m = new Map<string, { q: number; r: number }>();
      for (const x of used.filter((x) => x.date >= range.start && x.date <= range.end)) {
        const e = m.get(x.product) ?? { q: 0, r: 0 };
        e.q += x.quantity;
        e.r += x.amount;
        m.set(x.product, e);
      }
      return m;
    };
    const p0 = agg(base);
    const p1 = agg(current);
    const continuing = [...p0.keys()].filter((k) => (p0.get(k)?.q ?? 0) > 0 && (p1.get(k)?.q ?? 0) > 0);
    const Q0 = continuing.reduce((s, k) => s + p0.get(k)!.q, 0);
    const Q1 = continuing.reduce((s, k) => s + p1.get(k)!.q, 0);
    const R0c = continuing.reduce((s, k) => s + p0.get(k)!.r, 0);
    const volume = (Q1 - Q0) * (R0c / Q0);
    const mix = continuing.reduce((s, k) => s + (p1.get(k)!.q / Q1 - p0.get(k)!.q / Q0) * Q1 * (p0.get(k)!.r / p0.get(k)!.q), 0);
    const price = continuing.reduce((s, k) => s + (p1.get(k)!.r / p1.get(k)!.q - p0.get(k)!.r / p0.get(k)!.q) * p1.get(k)!.q, 0);
    const total0 = [...p0.values()].reduce((s, v) => s + v.r, 0);
    const total1 = [...p1.values()].reduce((s, v) => s + v.r, 0);
    expect(r.volume).toBeCloseTo(volume, 6);
    expect(r.mix).toBeCloseTo(mix, 6);
    expect(r.price).toBeCloseTo(price, 6);
    expect(r.newProducts).toBeCloseTo(p1.get('P4')!.r, 6);
    expect(r.discontinued).toBeCloseTo(-p0.get('P5')!.r, 6);
    expect(r.change).toBeCloseTo(total1 - total0, 6);
    expect(r.volume + r.mix + r.price + r.newProducts + r.discontinued).toBeCloseTo(total1 - total0, 6);
    expect(Math.abs(r.price)).toBeGreaterThan(0); // prices do differ between the periods in this fixture
    for (const p of r.products) expect(p.volume + p.mix + p.price).toBeCloseTo(p.status === 'continuing' ? p.r1 - p.r0 : 0, 6);
  });
});
