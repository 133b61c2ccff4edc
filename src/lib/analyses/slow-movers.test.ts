import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDuckDB, type NodeDuckDB } from '../engine/node-duckdb';
import { loadFixture, type FixtureRow } from './fixture-sales';
import { querySlowMovers } from './slow-movers';

let db: NodeDuckDB;

function line(product: string, date: string, quantity: number, price = 10): FixtureRow {
  return { date, amount: quantity * price, quantity, cost: 0, order_id: `O${product}${date}`, customer: 'C', product, category: 'K', channel: 'X', region: 'R', rep: 'P', team: 'T' };
}

beforeAll(async () => {
  db = await openNodeDuckDB();
  // As of 2025-06-30, 30-day windows: recent 06-01..06-30, prior 05-02..05-31; no sales in 14 days.
  await loadFixture(db, [
    line('Fast', '2025-06-10', 30), line('Fast', '2025-06-29', 30), line('Fast', '2025-05-10', 20),
    line('Falling', '2025-06-05', 3), line('Falling', '2025-05-20', 10),
    line('Quiet', '2025-05-15', 6), // last sale 46 days before, nothing recent
    line('Edge', '2025-06-16', 1), // exactly 14 days before the as-of date
    line('Returned', '2025-06-01', 2), line('Returned', '2025-06-20', -2), // a return is not a sale
    line('Dead', '2023-01-01', 5), // outside the 365-day look-back: not listed
    line('Later', '2025-07-05', 50), // after the as-of date: ignored
  ]);
});
afterAll(() => db.close());

describe('slow movers as of a date', () => {
  it('velocity, falling sales and days since the last sale (hand-worked)', async () => {
    const rows = await querySlowMovers(db, { asOf: '2025-06-30', windowDays: 30, noSalesDays: 14, lookbackDays: 365, filters: {}, basis: 'net' });
    const by = new Map(rows.map((r) => [r.product, r]));
    expect([...by.keys()].sort()).toEqual(['Edge', 'Falling', 'Fast', 'Quiet', 'Returned']);
    expect(by.get('Fast')).toMatchObject({ recentQuantity: 60, velocity: 2, falling: false, noRecentSales: false, daysSinceLastSale: 1, lastSale: '2025-06-29' });
    expect(by.get('Falling')).toMatchObject({ recentRevenue: 30, priorRevenue: 100, falling: true, velocity: 0.1 });
    expect(by.get('Quiet')).toMatchObject({ recentQuantity: 0, daysSinceLastSale: 46, noRecentSales: true, falling: true });
    expect(by.get('Edge')).toMatchObject({ daysSinceLastSale: 14, noRecentSales: true });
    expect(by.get('Returned')).toMatchObject({ recentQuantity: 0, lastSale: '2025-06-01', daysSinceLastSale: 29, noRecentSales: true });
    // slowest first
    expect(rows.at(-1)?.product).toBe('Fast');
    expect(rows[0].velocity).toBe(0);
  });

  it('13 days is still recent', async () => {
    const rows = await querySlowMovers(db, { asOf: '2025-06-29', windowDays: 30, noSalesDays: 14, lookbackDays: 365, filters: {}, basis: 'net' });
    expect(rows.find((r) => r.product === 'Edge')).toMatchObject({ daysSinceLastSale: 13, noRecentSales: false });
  });
});
