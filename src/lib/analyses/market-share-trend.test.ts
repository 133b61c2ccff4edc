import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDuckDB, type NodeDuckDB } from '../engine/node-duckdb';
import { fixtureRows, loadFixture } from './fixture-sales';
import { queryMarketShare, shareByMonth, shareTotals } from './market-share-trend';

let db: NodeDuckDB;
const rows = fixtureRows();
// Market estimates: every region, 2024-01 … 2025-05 (one month short of the sales), 10× a fixed amount per region.
const marketOf = (region: string, month: string) => (region === 'East' ? 4000 : region === 'West' ? 3000 : 2000) + Number(month.slice(5, 7)) * 10;
const months = Array.from({ length: 17 }, (_, i) => `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`);

beforeAll(async () => {
  db = await openNodeDuckDB();
  await loadFixture(db, rows);
  const values = months.flatMap((m) => ['East', 'West', 'North'].map((r) => `(DATE '${m}', '${r}', ${marketOf(r, m)})`));
  await db.query('CREATE TABLE market_size (period DATE, region VARCHAR, amount DOUBLE)');
  await db.query(`INSERT INTO market_size VALUES ${values.join(', ')}`);
});
afterAll(() => db.close());

/** Our net sales in a region and month, straight from the fixture rows. */
const salesOf = (region: string, month: string) =>
  rows.filter((r) => r.region === region && r.date.slice(0, 7) === month.slice(0, 7)).reduce((s, r) => s + r.amount, 0);

describe('market share per region and month', () => {
  it('divides our net sales by the market size, month by month', async () => {
    const got = await queryMarketShare(db, { range: { start: '2024-03-15', end: '2024-04-02' } });
    // Whole months overlapping the range: March and April, 3 regions each.
    expect(got.map((r) => `${r.month}/${r.region}`)).toEqual(['2024-03-01/East', '2024-03-01/North', '2024-03-01/West', '2024-04-01/East', '2024-04-01/North', '2024-04-01/West']);
    for (const r of got) {
      expect(r.sales).toBeCloseTo(salesOf(r.region, r.month), 6);
      expect(r.market).toBe(marketOf(r.region, r.month));
      expect(r.share).toBeCloseTo(salesOf(r.region, r.month) / marketOf(r.region, r.month), 12);
    }
  });

  it('keeps only months with a market estimate and the chosen regions', async () => {
    const got = await queryMarketShare(db, { range: { start: '2025-04-01', end: '2025-06-30' }, regions: ['West'] });
    expect(got.map((r) => r.month)).toEqual(['2025-04-01', '2025-05-01']); // June has sales but no estimate
    expect(got.every((r) => r.region === 'West')).toBe(true);
  });

  it('totals share over the period as sum of sales / sum of market', async () => {
    const got = await queryMarketShare(db, { range: { start: '2024-01-01', end: '2024-12-31' } });
    const totals = shareTotals(got);
    const east = totals.find((t) => t.region === 'East');
    const eastSales = months.slice(0, 12).reduce((s, m) => s + salesOf('East', m), 0);
    const eastMarket = months.slice(0, 12).reduce((s, m) => s + marketOf('East', m), 0);
    expect(east?.share).toBeCloseTo(eastSales / eastMarket, 12);
    expect(east?.months).toBe(12);
    const all = totals.at(-1);
    expect(all?.region).toBeNull();
    const allSales = rows.filter((r) => r.date < '2025-01-01').reduce((s, r) => s + r.amount, 0);
    expect(all?.sales).toBeCloseTo(allSales, 6);
    const jan = shareByMonth(got)[0];
    expect(jan.share).toBeCloseTo(['East', 'West', 'North'].reduce((s, r) => s + salesOf(r, '2024-01-01'), 0) / ['East', 'West', 'North'].reduce((s, r) => s + marketOf(r, '2024-01-01'), 0), 12);
  });
});
