import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDuckDB, type NodeDuckDB } from '../engine/node-duckdb';
import { fixtureRows, loadFixture } from './fixture-sales';
import { queryPlanHistory, queryPlanRows, queryPlanTables, savePlanVersion } from './target-plan';
import { targetsInForceSql } from '../warehouse/targets';
import { queryVersions } from './target-status';
import { buildPlan, revisePlan } from '../targets/plan';
import { toCents } from '../targets/split';

const rows = fixtureRows();
let db: NodeDuckDB;
beforeAll(async () => {
  db = await openNodeDuckDB();
  await loadFixture(db, rows);
  // A workspace plan for 2024 only, no versions table (like a loaded targets file).
  await db.query(`CREATE TABLE targets_file AS SELECT DATE '2024-01-01' + INTERVAL (i) MONTH AS period, 'company' AS unit_type, 'ACME' AS unit, 1000.0 AS amount FROM range(12) t(i)`);
  await db.query('CREATE VIEW targets AS SELECT CAST(period AS DATE) AS period, unit_type, unit, amount FROM targets_file');
});
afterAll(() => db.close());

describe('plan history from sales', () => {
  it('base year monthly company sales and per-team / per-rep sales match plain TS', async () => {
    const h = await queryPlanHistory(db, '2025-01-01', { years: 2, basis: 'net', hasOrg: false, hasTeam: true, hasRep: true });
    expect(h.years).toHaveLength(1); // 2023 has no sales
    const jan = rows.filter((r) => r.date.startsWith('2024-01')).reduce((s, r) => s + r.amount, 0);
    expect(h.years[0][0]).toBeCloseTo(jan, 6);
    const t1 = rows.filter((r) => r.date.startsWith('2024') && r.team === 'T1').reduce((s, r) => s + r.amount, 0);
    expect(h.teams.find((t) => t.unit === 'T1')!.weight).toBeCloseTo(t1, 6);
    expect(h.reps.map((r) => `${r.unit}:${r.team}`)).toEqual(['R0:T1', 'R1:T1', 'R2:T2', 'R3:T2']);
  });

  it('without a base year the units still come from the data, with zero weights (an even cascade)', async () => {
    const h = await queryPlanHistory(db, '2025-07-01', { years: 1, basis: 'net', hasOrg: false, hasTeam: true, hasRep: true });
    expect(h.teams.map((t) => t.unit)).toEqual(['T1', 'T2']);
    const later = await queryPlanHistory(db, '2026-07-01', { years: 1, basis: 'net', hasOrg: false, hasTeam: true, hasRep: true });
    expect(later.teams).toEqual([]);
    const early = await queryPlanHistory(db, '2024-01-01', { years: 1, basis: 'net', hasOrg: false, hasTeam: true, hasRep: true });
    expect(early.years).toEqual([]);
    expect(early.teams).toEqual([{ unit: 'T1', weight: 0 }, { unit: 'T2', weight: 0 }]);
  });
});

describe('saving plans into the engine', () => {
  it('build then revise: the targets view is the latest version, the history keeps both, other years stay', async () => {
    // Before any plan is saved here: the workspace's plan, one level, no versions.
    expect(await queryPlanTables(db)).toEqual({ unitTypes: ['company'], companyUnit: 'ACME', hasTargetsAll: false, hasVersions: false, appPlan: false });
    const history = await queryPlanHistory(db, '2025-01-01', { years: 1, basis: 'net', hasOrg: false, hasTeam: true, hasRep: true });
    const plan = buildPlan({ fiscalYearStart: '2025-01-01', annual: { kind: 'growth', growth: 0.2 }, phasing: 'last-year', cascade: 'last-year', companyUnit: 'ACME' }, history);
    const v1 = await savePlanVersion(db, plan, { fiscalYearStart: '2025-01-01', fyStartMonth: 1, created: '2025-01-05', effectiveFrom: '2025-01-01', reason: 'plan', scope: 'company,team,rep' });
    // the workspace's 2024 plan became version 1 of 2024; 2025's first app version is 1
    expect(v1).toBe(1);
    const base2024 = rows.filter((r) => r.date.startsWith('2024')).reduce((s, r) => s + r.amount, 0);
    const [sum1] = await db.query<{ s: number }>("SELECT sum(amount) AS s FROM targets WHERE unit_type = 'company' AND year(period) = 2025");
    expect(toCents(sum1.s)).toBe(toCents(base2024 * 1.2));

    const current = await queryPlanRows(db, '2025-01-01');
    expect(current).toHaveLength(plan.length);
    const revised = revisePlan(current, '2025-01-01', { effectiveFrom: '2025-07-01', annual: { kind: 'growth', growth: 0.1 }, phasing: 'last-year', cascade: 'last-year', companyUnit: 'ACME' }, history);

    const v2 = await savePlanVersion(db, revised, { fiscalYearStart: '2025-01-01', fyStartMonth: 1, created: '2025-06-20', effectiveFrom: '2025-07-01', reason: 'H2 growth cut to 10 %', scope: 'company,team,rep' });
    expect(v2).toBe(2);
    const [sum2] = await db.query<{ s: number; h1: number }>(
      "SELECT sum(amount) AS s, sum(amount) FILTER (WHERE period < DATE '2025-07-01') AS h1 FROM targets WHERE unit_type = 'company' AND year(period) = 2025",
    );
    expect(toCents(sum2.s)).toBe(toCents(base2024 * 1.1));
    expect(sum2.h1).toBeCloseTo(plan.filter((r) => r.unit_type === 'company' && r.period < '2025-07-01').reduce((s, r) => s + r.amount, 0), 6);
    const [y2024] = await db.query<{ s: number }>('SELECT sum(amount) AS s FROM targets WHERE year(period) = 2024');
    expect(y2024.s).toBe(12000);
    const versions = await queryVersions(db, true, 1);
    expect(versions.map((v) => `${v.fiscal_year}v${v.version}:${v.reason ?? ''}`)).toEqual(['2025v2:H2 growth cut to 10 %', '2025v1:plan', '2024v1:']);
    // what changed: the company's annual target, 1.2 → 1.1 × the base year
    expect(versions[0].company_total).toBeCloseTo(base2024 * 1.1, 2);
    expect(versions[0].change).toBeCloseTo(-base2024 * 0.1, 2);
    expect(versions[1].change).toBeNull();
    expect(versions[2].company_total).toBe(12000);
    const tables = await queryPlanTables(db);
    expect(tables).toMatchObject({ appPlan: true, hasTargetsAll: true, hasVersions: true, companyUnit: 'ACME' });
    // Known to be the app's plan: the same answer without reading the catalog.
    expect(await queryPlanTables(db, undefined, true)).toEqual(tables);
    expect(tables.unitTypes.sort()).toEqual(['company', 'rep', 'team']);
    const [all] = await db.query<{ n: number }>('SELECT count(*) AS n FROM targets_all');
    expect(Number(all.n)).toBe(12 + plan.length + revised.length);
  });
});

describe('a fiscal year that starts in July', () => {
  // FY2019 = Jul 2018–Jun 2019 and FY2020 = Jul 2019–Jun 2020, version 1 at 1,000 a month; FY2020 revised
  // to 1,100 a month. The in-force plan per month, hand-worked: FY2019's months 1,000, FY2020's 1,100.
  const months = (start: string, n: number) => `(SELECT CAST(DATE '${start}' + INTERVAL (i) MONTH AS DATE) AS period FROM range(${n}) t(i))`;
  const inForce = async (fyDb: NodeDuckDB) =>
    fyDb.query<{ fy: string; n: number; total: number }>(
      `SELECT CASE WHEN period < DATE '2019-07-01' THEN 'FY2019' ELSE 'FY2020' END AS fy, count(*) AS n, sum(amount) AS total FROM targets GROUP BY 1 ORDER BY 1`,
    );
  const expected = [
    { fy: 'FY2019', n: 12, total: 12_000 },
    { fy: 'FY2020', n: 12, total: 13_200 },
  ];

  it('a published plan: each fiscal year’s latest version is in force (targetsInForceSql)', async () => {
    const fyDb = await openNodeDuckDB();
    await fyDb.query(`CREATE TABLE plan AS
      SELECT period, 'company' AS unit_type, 'ACME' AS unit, 1000.0 AS amount, 1 AS version FROM ${months('2018-07-01', 24)}
      UNION ALL SELECT period, 'company', 'ACME', 1100.0, 2 FROM ${months('2019-07-01', 12)}`);
    await fyDb.query(`CREATE VIEW targets AS ${targetsInForceSql('plan', 7)}`);
    expect((await inForce(fyDb)).map((r) => ({ fy: r.fy, n: Number(r.n), total: Number(r.total) }))).toEqual(expected);
    fyDb.close();
  });

  it('a revision saved in the app replaces its fiscal year’s months only', async () => {
    const fyDb = await openNodeDuckDB();
    await fyDb.query(`CREATE TABLE plan AS SELECT period, 'company' AS unit_type, 'ACME' AS unit, 1000.0 AS amount, 1 AS version FROM ${months('2018-07-01', 24)}`);
    await fyDb.query('CREATE VIEW targets_all AS SELECT * FROM plan');
    await fyDb.query(`CREATE VIEW targets AS ${targetsInForceSql('plan', 7)}`);
    const rows = Array.from({ length: 12 }, (_, i) => ({ period: new Date(Date.UTC(2019, 6 + i, 1)).toISOString().slice(0, 10), unit_type: 'company', unit: 'ACME', amount: 1100 }));
    const v = await savePlanVersion(fyDb, rows, { fiscalYearStart: '2019-07-01', fyStartMonth: 7, created: '2019-09-01', effectiveFrom: '2019-07-01', reason: 'revised', scope: 'company' });
    expect(v).toBe(2);
    expect((await inForce(fyDb)).map((r) => ({ fy: r.fy, n: Number(r.n), total: Number(r.total) }))).toEqual(expected);
    fyDb.close();
  });
});
