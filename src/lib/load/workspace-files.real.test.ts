/**
 * Adventure Works and Northwind dropped as whole sets of files, through the
 * multi-file loader in DuckDB-WASM (Node). Expected values: Python's csv
 * module over the same files, see tests/real/EXPECTED.md ("Multi-file").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, openAsBlob } from 'node:fs';
import path from 'node:path';
import { openNodeDuckDB, type NodeDuckDB } from '../engine/node-duckdb';
import { loadWorkspaceFiles } from './workspace-files';
import { salesViewSql } from './sales-table';
import { applyWorkspaceTargets, applyWorkspaceTerritories } from './workspace-files';
import { queryTargetForRange, targetScope } from '../analyses/target-attainment';
import { repManagerSql } from '../analyses/target-status';
import { useFileTables } from './sample';
import { ADVENTURE_WORKS, NORTHWIND } from '../../../tests/real/expected-values';

const DATASETS = path.resolve(process.env.TARGETSCOPE_DATASETS ?? '../shared/datasets');
let db: NodeDuckDB;
beforeAll(async () => {
  if (!existsSync(DATASETS)) throw new Error(`datasets not found at ${DATASETS} (set TARGETSCOPE_DATASETS)`);
  db = await openNodeDuckDB();
});
afterAll(() => db?.close());

const files = (dir: string, names: string[]) =>
  Promise.all(names.map(async (n) => new File([await openAsBlob(path.join(DATASETS, dir, n))], n)));

describe('multi-file workspaces', () => {
  it('Adventure Works: sales + salesperson, region, reseller, product; FY2019 by region and rep', async () => {
    const ws = await loadWorkspaceFiles(
      db,
      await files('adventureworks_sales_targets', ['Sales.csv', 'Salesperson.csv', 'Region.csv', 'Reseller.csv', 'Product.csv', 'SalespersonRegion.csv', 'Targets.csv']),
    );
    expect(ws.source.mapping).toMatchObject({ rep: 'Salesperson', region: 'Region', channel: 'Business Type', customer: 'Reseller', product: 'Product', category: 'Category' });
    expect(ws.files.find((f) => f.fileName === 'Targets.csv')?.role).toBe('targets');
    for (const j of ws.joins) expect(j.matchedRows).toBe(j.keyedRows);
    await db.query(salesViewSql(ws.source.table));
    const [all] = await db.query<{ n: number; total: number }>('SELECT count(*) AS n, sum(amount) AS total FROM sales');
    expect(all.n).toBe(ADVENTURE_WORKS.lines);
    expect(all.total).toBeCloseTo(ADVENTURE_WORKS.total, 2);
    const fy = "date BETWEEN DATE '2018-07-01' AND DATE '2019-06-30'";
    const regions = await db.query<{ region: string; v: number }>(`SELECT region, sum(amount) AS v FROM sales WHERE ${fy} GROUP BY 1 ORDER BY 1`);
    const expected = ADVENTURE_WORKS.fy2019ByRegion;
    expect(regions.map((r) => r.region)).toEqual(Object.keys(expected));
    for (const r of regions) expect(r.v).toBeCloseTo(expected[r.region], 2);
    const top = await db.query<{ rep: string; v: number }>(`SELECT rep, sum(amount) AS v FROM sales WHERE ${fy} GROUP BY 1 ORDER BY 2 DESC LIMIT 3`);
    expect(top.map((r) => [r.rep, Math.round(r.v * 100) / 100])).toEqual(ADVENTURE_WORKS.fy2019TopReps);

    // Targets.csv (long: EmployeeID|TargetAmount|TargetMonth) becomes the plan, named through Salesperson.EmployeeID.
    await useFileTables(db, salesViewSql(ws.source.table));
    const load = await applyWorkspaceTargets(db, ws);
    // Brian Welcker (Director of Sales) has targets but no order of his own: listed, not hidden.
    expect(load).toMatchObject({ multiplier: 1, rows: 809, unmatchedUnits: ['Brian Welcker'] });
    const [fy2019] = await db.query<{ t: number }>("SELECT sum(amount) AS t FROM targets WHERE period BETWEEN DATE '2018-07-01' AND DATE '2019-06-30'");
    expect(fy2019.t).toBe(ADVENTURE_WORKS.fy2019Targets);

    // SalespersonRegion (EmployeeKey|SalesTerritoryKey) becomes rep_regions in names: 39 pairs, the director in all 10 territories.
    expect(await applyWorkspaceTerritories(db, ws)).toBe(true);
    const [pairs] = await db.query<{ n: number }>('SELECT count(*) AS n FROM rep_regions');
    expect(pairs.n).toBe(ADVENTURE_WORKS.repRegionPairs);
    const director = await db.query<{ region: string }>("SELECT region FROM rep_regions WHERE rep = 'Brian Welcker' ORDER BY 1");
    expect(director).toHaveLength(10);
    const pacific = await db.query<{ rep: string }>("SELECT rep FROM rep_regions WHERE region = 'Australia' ORDER BY 1");
    expect(pacific.map((r) => r.rep)).toEqual(['Brian Welcker', 'Lynn Tsoflias', 'Syed Abbas']);
    // Salesperson.Title becomes rep_titles, and with the territories gives Adventure Works' org chart:
    // the reps under their regional sales manager, the three managers under the Director of Sales.
    const managers = Object.fromEntries((await db.query<{ child: string; parent: string }>(repManagerSql())).map((r) => [r.child, r.parent]));
    const northAmerica = ['Michael Blythe', 'Linda Mitchell', 'Jillian Carson', 'Garrett Vargas', 'Tsvi Reiter', 'Pamela Ansman-Wolfe', 'Shu Ito', 'José Saraiva', 'David Campbell', 'Tete Mensa-Annan'];
    expect(managers).toEqual({
      'Stephen Jiang': 'Brian Welcker',
      'Amy Alberts': 'Brian Welcker',
      'Syed Abbas': 'Brian Welcker',
      ...Object.fromEntries(northAmerica.map((rep) => [rep, 'Stephen Jiang'])),
      'Jae Pak': 'Amy Alberts',
      'Ranjit Varkey Chudukatil': 'Amy Alberts',
      'Rachel Valdez': 'Amy Alberts',
      'Lynn Tsoflias': 'Syed Abbas',
    });
    // The overview's company target is the top of the plan: the director's FY2019 target alone (Python: 24,600,000), not all 108,650,000.
    const companyTarget = await queryTargetForRange(db, { start: '2018-07-01', end: '2019-06-30' }, targetScope(['rep'], {}, true) as { unitType: 'rep'; units: null; topOnly: true });
    expect(companyTarget).toBeCloseTo(24600000, 2);
  });

  it('Adventure Works wide targets (UTF-16, M01..M12, "-" = none, in thousands) normalised', async () => {
    const ws = await loadWorkspaceFiles(db, [
      ...(await files('adventureworks_sales_targets', ['Sales.csv', 'Salesperson.csv'])),
      ...(await files('adventureworks_sales_targets/pl300_utf16', ['ResellerSalesTargets.csv'])),
    ]);
    expect(ws.files.find((f) => f.fileName === 'ResellerSalesTargets.csv')).toMatchObject({ role: 'targets', encoding: 'utf-16le (BOM)' });
    await useFileTables(db, salesViewSql(ws.source.table));
    const load = await applyWorkspaceTargets(db, ws);
    // Σ of every month cell that is not "-", × 1000 (Python, EXPECTED.md)
    expect(load).toMatchObject({ multiplier: 1000, total: 676210000, unmatchedUnits: ['Brian Welcker'] });
  });

  it('Northwind: order-details joined to orders, customers, employees, products, categories, shippers', async () => {
    const ws = await loadWorkspaceFiles(
      db,
      await files('northwind', ['orders.csv', 'order-details.csv', 'employees.csv', 'customers.csv', 'products.csv', 'categories.csv', 'shippers.csv']),
    );
    expect(ws.facts.fileName).toBe('order-details.csv');
    expect(ws.source.mapping).toMatchObject({ date: 'orderDate', quantity: 'quantity', unit_price: 'unitPrice', discount: 'discount', customer: 'customers.companyName', channel: 'shippers.companyName', category: 'categoryName', product: 'productName' });
    // orders.csv has unquoted commas in some addresses: read leniently as a lookup, with a warning.
    expect(ws.source.warnings.some((w) => w.code === 'ragged-rows' && w.facts.file === 'orders.csv')).toBe(true);
    await db.query(salesViewSql(ws.source.table));
    const [all] = await db.query<{ n: number; total: number; first: string; last: string }>(
      "SELECT count(*) AS n, sum(amount) AS total, strftime(min(date), '%Y-%m-%d') AS first, strftime(max(date), '%Y-%m-%d') AS last FROM sales",
    );
    // Σ unitPrice × quantity × (1 − discount) over order-details.csv
    expect(all).toMatchObject({ n: NORTHWIND.lines, first: '1996-07-04', last: '1998-05-06' });
    expect(all.total).toBeCloseTo(NORTHWIND.total, 3);
    const channels = await db.query<{ channel: string; v: number }>('SELECT channel, sum(amount) AS v FROM sales GROUP BY 1 ORDER BY 1');
    expect(channels.map((c) => c.channel)).toEqual(Object.keys(NORTHWIND.byShipper));
    for (const c of channels) expect(c.v).toBeCloseTo(NORTHWIND.byShipper[c.channel], 3);
  });
});
