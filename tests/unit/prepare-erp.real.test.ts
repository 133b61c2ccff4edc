/**
 * `npm run prepare-workspace` on whole folders of ERP exports (../shared/datasets): Adventure Works
 * (pipe-delimited sales keyed to Product, Region, Reseller and Salesperson lookups, a SalespersonRegion
 * bridge, monthly targets keyed by EmployeeID) and Northwind (order-details → orders → customers,
 * employees, shippers; products → categories, suppliers). The prepared database against Python's numbers
 * (tests/real/expected-values.ts), opened the way the page opens it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { prepareWorkspace } from '../../scripts/lib/prepare/prepare';
import { parseAudience, scopeWorkspace, verifyAudience } from '../../scripts/lib/prepare/audience';
import { parseManifest } from '../../src/lib/load/sample';
import { ADVENTURE_WORKS, NORTHWIND } from '../real/expected-values';

const DATASETS = path.resolve(process.env.TARGETSCOPE_DATASETS ?? '../shared/datasets');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prepare-erp-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function rows(out: string, sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  try {
    await c.run(`ATTACH '${path.join(out, 'workspace.duckdb')}' AS ws (READ_ONLY)`);
    return (await c.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
  } finally {
    c.closeSync();
    instance.closeSync();
  }
}

describe('prepare-workspace on a folder of ERP exports', () => {
  it('Adventure Works: lookups joined by key, targets named through Salesperson, territories from the bridge', async () => {
    const out = path.join(dir, 'aw');
    const log: string[] = [];
    const summary = await prepareWorkspace({ sales: [path.join(DATASETS, 'adventureworks_sales_targets')], out, fiscalYearStartMonth: 7, log: (l) => log.push(l) });
    const manifest = parseManifest(JSON.parse(fs.readFileSync(path.join(out, 'workspace.json'), 'utf8')));
    expect(Object.keys(manifest.tables).sort()).toEqual(['customer_days', 'rep_regions', 'rep_titles', 'sales', 'sales_rollup', 'targets']);
    expect(summary.lines).toBe(ADVENTURE_WORKS.lines);
    // Every join found all its keys, and the log says so.
    expect(log.filter((l) => l.includes('join Sales.csv.'))).toHaveLength(4);
    expect(log.filter((l) => /join .*: 57,851 of 57,851 keyed rows matched$/.test(l))).toHaveLength(4);

    const [all] = await rows(out, 'SELECT count(*) AS n, sum(amount) AS total FROM ws.sales');
    expect(Number(all.n)).toBe(ADVENTURE_WORKS.lines);
    expect(Number(all.total)).toBeCloseTo(ADVENTURE_WORKS.total, 2);
    const fy = "date BETWEEN DATE '2018-07-01' AND DATE '2019-06-30'";
    // By region from the daily rollup, by rep from the customer-day rollup: the names, not the keys.
    const regions = await rows(out, `SELECT region, sum(amount) AS v FROM ws.sales_rollup WHERE ${fy} GROUP BY 1 ORDER BY 1`);
    expect(regions.map((r) => r.region)).toEqual(Object.keys(ADVENTURE_WORKS.fy2019ByRegion));
    for (const r of regions) expect(Number(r.v)).toBeCloseTo(ADVENTURE_WORKS.fy2019ByRegion[String(r.region)], 2);
    const reps = await rows(out, `SELECT rep, sum(amount) AS v FROM ws.customer_days WHERE ${fy} GROUP BY 1 ORDER BY 2 DESC LIMIT 3`);
    expect(reps.map((r) => [r.rep, Math.round(Number(r.v) * 100) / 100])).toEqual(ADVENTURE_WORKS.fy2019TopReps);

    // Targets.csv is keyed by EmployeeID; the prepared plan names the reps as the sales do.
    const [t] = await rows(out, `SELECT sum(amount) AS total,
      list(DISTINCT unit) FILTER (WHERE unit NOT IN (SELECT DISTINCT rep FROM ws.sales)) AS unmatched FROM ws.targets WHERE period BETWEEN DATE '2018-07-01' AND DATE '2019-06-30'`);
    expect(Number(t.total)).toBe(ADVENTURE_WORKS.fy2019Targets);
    expect(t.unmatched).toEqual(['Brian Welcker']); // the director: targets, no orders of his own
    const [pairs] = await rows(out, 'SELECT count(*) AS n FROM ws.rep_regions');
    expect(Number(pairs.n)).toBe(ADVENTURE_WORKS.repRegionPairs);
  }, 120_000);

  it('Adventure Works cut for the region Southwest: its lines only, the revenue of Sales.csv’s Southwest rows, verified clean', async () => {
    const full = path.join(dir, 'aw');
    const out = path.join(dir, 'aw-southwest');
    await scopeWorkspace(full, out, parseAudience('region=Southwest'));
    // Plain TS over the raw export: the territory keys named Southwest, then the Sales of their rows.
    const table = (file: string) => {
      const [header, ...body] = fs.readFileSync(path.join(DATASETS, 'adventureworks_sales_targets', file), 'utf8').trim().split(/\r?\n/).map((l) => l.split('|'));
      return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
    };
    const keys = new Set(table('Region.csv').filter((r) => r.Region === 'Southwest').map((r) => r.SalesTerritoryKey));
    const southwest = table('Sales.csv').filter((r) => keys.has(r.SalesTerritoryKey));
    const [slice] = await rows(out, 'SELECT count(*) AS n, sum(amount) AS total, list(DISTINCT region) AS regions FROM ws.sales');
    expect(Number(slice.n)).toBe(southwest.length);
    expect(Number(slice.total)).toBeCloseTo(southwest.reduce((s, r) => s + Number(r.Sales), 0), 2);
    expect(slice.regions).toEqual(['Southwest']);
    // The rollups are made again from the kept lines.
    const [rollup] = await rows(out, 'SELECT sum(amount) AS total FROM ws.sales_rollup');
    expect(Number(rollup.total)).toBeCloseTo(Number(slice.total), 2);
    // Territory credit: the reps whose every territory (SalespersonRegion) is Southwest keep their targets.
    const regionName = new Map(table('Region.csv').map((r) => [r.SalesTerritoryKey, r.Region]));
    const territories = new Map<string, Set<string>>();
    for (const r of table('SalespersonRegion.csv')) territories.set(r.EmployeeKey, (territories.get(r.EmployeeKey) ?? new Set()).add(regionName.get(r.SalesTerritoryKey)!));
    const people = table('Salesperson.csv');
    const inside = people.filter((p) => [...(territories.get(p.EmployeeKey) ?? [])].every((t) => t === 'Southwest') && territories.has(p.EmployeeKey)).map((p) => p.Salesperson).sort();
    expect(inside.length).toBeGreaterThan(0);
    const kept = await rows(out, "SELECT DISTINCT unit FROM ws.targets WHERE unit_type = 'rep' ORDER BY 1");
    expect(kept.map((r) => r.unit)).toEqual(inside);
    expect(await verifyAudience(out, full)).toEqual([]);
  });

  it('Northwind: the whole folder, shipVia joined to the shippers (not the regions), revenue = price × quantity × (1 − discount)', async () => {
    const out = path.join(dir, 'nw');
    await prepareWorkspace({ sales: [path.join(DATASETS, 'northwind')], out });
    const [all] = await rows(out, 'SELECT count(*) AS n, sum(amount) AS total, count(DISTINCT order_id) AS orders, count(DISTINCT customer) AS customers FROM ws.sales');
    expect({ n: Number(all.n), orders: Number(all.orders), customers: Number(all.customers) }).toEqual({ n: NORTHWIND.lines, orders: NORTHWIND.orders, customers: NORTHWIND.customers });
    expect(Number(all.total)).toBeCloseTo(NORTHWIND.total, 3);
    const channels = await rows(out, 'SELECT channel, sum(amount) AS v FROM ws.sales_rollup GROUP BY 1 ORDER BY 1');
    expect(channels.map((c) => c.channel)).toEqual(Object.keys(NORTHWIND.byShipper));
    for (const c of channels) expect(Number(c.v)).toBeCloseTo(NORTHWIND.byShipper[String(c.channel)], 3);
  }, 120_000);
});
