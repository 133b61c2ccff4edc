/**
 * Adventure Works (Microsoft's PL-300 sample): real monthly targets per
 * salesperson, including managers and a director whose territories overlap
 * their reps'. Fiscal 2019 = July 2018 … June 2019. The app's SQL (DuckDB-WASM
 * in Node, files read with read_csv) is checked per person under both credit
 * rules against a plain-TS computation over the same files, and the rule the
 * targets were set for is the one with plausible attainments.
 */
import { LINES_ROLLUP_VIEW } from '../load/sales-table';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDuckDB, type NodeDuckDB } from '../engine/node-duckdb';
import { queryStatusData, shapeStatus, type CreditRule, type StatusRow } from '../analyses/target-status';
import { DEFAULT_THRESHOLDS, implausibleAttainment, suggestOtherRule } from './pacing';

const DIR = path.join(process.env.TARGETSCOPE_DATASETS ?? path.resolve('../shared/datasets'), 'adventureworks_sales_targets');
const FILES = ['Sales.csv', 'Targets.csv', 'Salesperson.csv', 'SalespersonRegion.csv', 'Region.csv'];
const FY_START = '2018-07-01';
const FY_END = '2019-06-30';

/** Pipe-delimited file → rows of named fields (plain TS, independent of DuckDB's reader). */
function readPipe(name: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path.join(DIR, name), 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const cols = header.split('|');
  return lines.map((l) => Object.fromEntries(l.split('|').map((v, i) => [cols[i], v])));
}
const isoDate = (d: string) => d.replaceAll('/', '-');

let db: NodeDuckDB;
beforeAll(async () => {
  db = await openNodeDuckDB();
  for (const f of FILES) await db.registerBuffer(f, new Uint8Array(readFileSync(path.join(DIR, f))));
  const csv = (f: string) => `read_csv('${f}', delim = '|', header = true, dateformat = '%Y/%m/%d')`;
  await db.query(`CREATE TABLE aw_person AS SELECT * FROM ${csv('Salesperson.csv')}`);
  await db.query(`CREATE TABLE aw_region AS SELECT * FROM ${csv('Region.csv')}`);
  await db.query(`CREATE VIEW sales AS SELECT s.OrderDate AS date, CAST(s.Sales AS DOUBLE) AS amount, p.Salesperson AS rep, r.Region AS region, NULL::VARCHAR AS team
    FROM ${csv('Sales.csv')} s LEFT JOIN aw_person p ON p.EmployeeKey = s.EmployeeKey LEFT JOIN aw_region r ON r.SalesTerritoryKey = s.SalesTerritoryKey`);
  await db.query(LINES_ROLLUP_VIEW);
  await db.query(`CREATE VIEW rep_regions AS SELECT p.Salesperson AS rep, r.Region AS region
    FROM ${csv('SalespersonRegion.csv')} x JOIN aw_person p USING (EmployeeKey) JOIN aw_region r USING (SalesTerritoryKey)`);
  // Targets are keyed by EmployeeID (not EmployeeKey).
  await db.query(`CREATE VIEW targets AS SELECT CAST(t.TargetMonth AS DATE) AS period, 'rep' AS unit_type, p.Salesperson AS unit, CAST(t.TargetAmount AS DOUBLE) AS amount
    FROM ${csv('Targets.csv')} t JOIN aw_person p ON p.EmployeeID = t.EmployeeID`);
});
afterAll(() => db?.close());

/** Plain TS: per person, fiscal-2019 target and credited sales under a rule. */
function reference(credit: CreditRule): Map<string, { target: number; actual: number }> {
  const people = readPipe('Salesperson.csv');
  const regionName = new Map(readPipe('Region.csv').map((r) => [r.SalesTerritoryKey, r.Region]));
  const nameByKey = new Map(people.map((p) => [p.EmployeeKey, p.Salesperson]));
  const nameById = new Map(people.map((p) => [p.EmployeeID, p.Salesperson]));
  const territories = new Map<string, Set<string>>();
  for (const x of readPipe('SalespersonRegion.csv')) {
    const name = nameByKey.get(x.EmployeeKey)!;
    if (!territories.has(name)) territories.set(name, new Set());
    territories.get(name)!.add(regionName.get(x.SalesTerritoryKey)!);
  }
  const out = new Map<string, { target: number; actual: number }>();
  const entry = (name: string) => out.get(name) ?? out.set(name, { target: 0, actual: 0 }).get(name)!;
  for (const t of readPipe('Targets.csv')) {
    const month = isoDate(t.TargetMonth);
    if (month >= FY_START && month <= FY_END && nameById.has(t.EmployeeID)) entry(nameById.get(t.EmployeeID)!).target += Number(t.TargetAmount);
  }
  for (const s of readPipe('Sales.csv')) {
    const date = isoDate(s.OrderDate);
    if (date < FY_START || date > FY_END) continue;
    const amount = Number(s.Sales);
    if (credit === 'own') {
      const name = nameByKey.get(s.EmployeeKey);
      if (name) entry(name).actual += amount;
    } else {
      const region = regionName.get(s.SalesTerritoryKey);
      for (const [name, regions] of territories) if (region && regions.has(region)) entry(name).actual += amount;
    }
  }
  return out;
}

async function appStatus(credit: CreditRule): Promise<StatusRow[]> {
  const data = await queryStatusData(
    db,
    { levels: ['rep'], credit, basis: 'net', asOf: FY_END, fyStartMonth: 7, version: 'current', companyUnit: 'Adventure Works', hasTargetsAll: false, hasOrg: false },
    '2017-07-01',
  );
  return shapeStatus(data, 'rep', 'ytd', DEFAULT_THRESHOLDS);
}

describe('Adventure Works fiscal 2019 (Jul 2018 – Jun 2019)', () => {
  it.each(['own', 'territory'] as const)('per-person target, actual and attainment under the %s rule match plain TS', async (credit) => {
    const rows = await appStatus(credit);
    const ref = reference(credit);
    const withTarget = [...ref].filter(([, r]) => r.target > 0);
    expect(withTarget.length).toBe(15);
    for (const [name, r] of ref) {
      const row = rows.find((x) => x.unit === name);
      if (r.target === 0 && r.actual === 0) continue;
      expect(row, name).toBeDefined();
      expect(row!.actual, `${credit} ${name}`).toBeCloseTo(r.actual, 2);
      if (r.target > 0) {
        expect(row!.target, name).toBeCloseTo(r.target, 2);
        expect(row!.attainment!, name).toBeCloseTo(r.actual / r.target, 9);
      }
    }
  });

  it('the targets were set for territory credit: own-rep credit leaves the managers near 0 %, and the app proposes territory', async () => {
    const own = await appStatus('own');
    const territory = await appStatus('territory');
    const median = (rows: StatusRow[]) => {
      const a = rows.map((r) => r.attainment).filter((x): x is number => x !== null).sort((x, y) => x - y);
      return a[Math.floor(a.length / 2)];
    };
    const managers = ['Stephen Jiang', 'Brian Welcker', 'Amy Alberts'];
    for (const m of managers) expect(own.find((r) => r.unit === m)?.attainment ?? 0, m).toBeLessThan(0.1);
    for (const m of managers) expect(territory.find((r) => r.unit === m)!.attainment!, m).toBeGreaterThan(0.5);
    // Under territory credit every person with a target lands in a plausible band around the plan.
    const plausible = (rows: StatusRow[]) => rows.filter((r) => r.attainment !== null && r.attainment >= 0.5 && r.attainment <= 2).length;
    expect(plausible(territory)).toBeGreaterThan(plausible(own));
    expect(Math.abs(median(territory) - 1)).toBeLessThan(Math.abs(median(own) - 1));
    expect(implausibleAttainment(territory.map((r) => r.attainment))).toBe(false);
    // what the view does: under own credit it proposes territory; under territory it proposes nothing
    const attainments = (rows: StatusRow[]) => rows.map((r) => r.attainment);
    expect(suggestOtherRule(attainments(own), attainments(territory))).toBe(true);
    expect(suggestOtherRule(attainments(territory), attainments(own))).toBe(false);
    console.log(
      'AW FY2019 attainment own / territory:\n' +
        territory.map((r) => `${r.unit}: ${(100 * (own.find((o) => o.unit === r.unit)?.attainment ?? 0)).toFixed(1)} % / ${r.attainment === null ? '—' : (100 * r.attainment).toFixed(1)} %`).join('\n'),
    );
  });
});
