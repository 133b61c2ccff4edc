import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDuckDB, type NodeDuckDB } from '../engine/node-duckdb';
import { fixtureRows, loadFixture, type FixtureRow } from './fixture-sales';
import { monthlyCells, pacingPath, queryStatusData, repManagerSql, shapeStatus, type CreditRule, type StatusParams, warmStatusSales } from './target-status';
import { DEFAULT_THRESHOLDS, implausibleAttainment } from '../targets/pacing';
import { forecastSeries } from '../forecast/forecast';

/**
 * Overlapping territories: R0 and R1 share West; R3 (team T2) also covers
 * East, which R0 (team T1) covers; the manager M1 (team T1) covers everything.
 */
const REP_REGIONS: [string, string][] = [
  ['R0', 'East'], ['R0', 'West'], ['R1', 'West'], ['R2', 'North'], ['R3', 'North'], ['R3', 'East'],
  ['M1', 'East'], ['M1', 'West'], ['M1', 'North'],
];
const ORG: [string, string][] = [['R0', 'T1'], ['R1', 'T1'], ['M1', 'T1'], ['R2', 'T2'], ['R3', 'T2']];
const rows: FixtureRow[] = fixtureRows();

// Monthly targets for 2024-07 … 2025-06 (covers calendar 2025 H1 and fiscal year Jul 2024–Jun 2025).
const MONTHS = Array.from({ length: 18 }, (_, i) => {
  const y = 2024 + Math.floor(i / 12);
  return `${y}-${String((i % 12) + 1).padStart(2, '0')}-01`;
}).filter((m) => m >= '2024-07-01');
const TARGET_OF: Record<string, number> = { ACME: 3000, T1: 1500, T2: 1400, R0: 800, R1: 600, R2: 700, R3: 0, M1: 2000 };
const LEVEL_OF: Record<string, string> = { ACME: 'company', T1: 'team', T2: 'team', R0: 'rep', R1: 'rep', R2: 'rep', R3: 'rep', M1: 'rep' };

let db: NodeDuckDB;
beforeAll(async () => {
  db = await openNodeDuckDB();
  await loadFixture(db, rows);
  await db.query(`CREATE TABLE rep_regions AS SELECT * FROM (VALUES ${REP_REGIONS.map(([r, g]) => `('${r}', '${g}')`).join(', ')}) t(rep, region)`);
  await db.query(`CREATE TABLE org AS SELECT * FROM (VALUES ${ORG.map(([r, t]) => `('${r}', '${t}')`).join(', ')}) t(rep, team)`);
  await db.query(`CREATE TABLE rep_titles AS SELECT * FROM (VALUES ('M1', 'Regional Sales Manager'), ('R0', 'Sales Representative'), ('R1', 'Sales Representative'), ('R2', 'Sales Representative'), ('R3', 'Sales Representative')) t(rep, title)`);
  const values = MONTHS.flatMap((m) => Object.entries(TARGET_OF).map(([u, a]) => `(DATE '${m}', '${LEVEL_OF[u]}', '${u}', ${a}, 1)`));
  // Version 2 of 2025 halves the company target from April on.
  const v2 = MONTHS.filter((m) => m >= '2025-01-01').flatMap((m) =>
    Object.entries(TARGET_OF).map(([u, a]) => `(DATE '${m}', '${LEVEL_OF[u]}', '${u}', ${u === 'ACME' && m >= '2025-04-01' ? a / 2 : a}, 2)`),
  );
  await db.query(`CREATE TABLE targets_all AS SELECT * FROM (VALUES ${[...values, ...v2].join(', ')}) t(period, unit_type, unit, amount, version)`);
  await db.query(`CREATE VIEW targets AS SELECT period, unit_type, unit, amount FROM targets_all t
    WHERE version = (SELECT max(version) FROM targets_all v WHERE year(v.period) = year(t.period))`);
});
afterAll(() => db.close());

const params = (credit: CreditRule, over: Partial<StatusParams> = {}): StatusParams => ({
  levels: ['company', 'team', 'rep'],
  credit,
  basis: 'net',
  asOf: '2025-05-10',
  fyStartMonth: 1,
  version: 'current',
  companyUnit: 'ACME',
  hasTargetsAll: true,
  hasOrg: true,
  ...over,
});

/** Plain-TS credit: which units a sale line counts for, each unit once. */
function creditedUnits(r: FixtureRow, credit: CreditRule): string[] {
  if (credit === 'own') return ['ACME', r.team, r.rep];
  const reps = REP_REGIONS.filter(([, g]) => g === r.region).map(([rep]) => rep);
  const teams = new Set(reps.map((rep) => ORG.find(([o]) => o === rep)![1]));
  return ['ACME', ...teams, ...reps];
}
function sumFor(unit: string, credit: CreditRule, start: string, end: string): number {
  return rows.filter((r) => r.date >= start && r.date <= end && creditedUnits(r, credit).includes(unit)).reduce((s, r) => s + r.amount, 0);
}
/** The unit's credited sales per month, first … last (months as first days). */
function monthlySeries(unit: string, credit: CreditRule, first: string, last: string): number[] {
  const out: number[] = [];
  for (let y = Number(first.slice(0, 4)), m = Number(first.slice(5, 7)); `${y}-${String(m).padStart(2, '0')}-01` <= last; m === 12 ? (y++, (m = 1)) : m++) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    out.push(sumFor(unit, credit, `${month}-01`, `${month}-31`));
  }
  return out;
}

describe.each(['own', 'territory'] as const)('credit rule %s', (credit) => {
  it('YTD, QTD, MTD actuals and forecast projections per unit match a plain-TS computation', async () => {
    const data = await queryStatusData(db, params(credit), '2024-01-01');
    const windows = { ytd: ['2025-01-01', '2025-12-31'], qtd: ['2025-04-01', '2025-06-30'], mtd: ['2025-05-01', '2025-05-31'] } as const;
    for (const level of ['company', 'team', 'rep']) {
      for (const kind of ['ytd', 'qtd', 'mtd'] as const) {
        const status = shapeStatus(data, level, kind, DEFAULT_THRESHOLDS);
        const [start, end] = windows[kind];
        for (const row of status) {
          const actual = sumFor(row.unit, credit, start, '2025-05-10');
          expect(row.actual, `${credit} ${kind} ${row.unit}`).toBeCloseTo(actual, 6);
          // The projection is #/forecast's: the unit's complete months (Jan 2024 … Apr 2025) forecast ahead;
          // May counts for its 21 of 31 days still ahead, then whole months to the period's end.
          if (!rows.some((r) => r.date <= '2025-05-10' && creditedUnits(r, credit).includes(row.unit))) {
            expect(row.forecastProjection).toBeNull(); // nothing to forecast: the run rate
            continue;
          }
          const forecast = forecastSeries(monthlySeries(row.unit, credit, '2024-01-01', '2025-04-01'), { horizon: 8 }).points;
          const months = { ytd: 8, qtd: 2, mtd: 1 }[kind];
          const rest = forecast.slice(0, months).reduce((s, p, i) => s + p.mean * (i === 0 ? 21 / 31 : 1), 0);
          expect(row.forecastProjection, `${credit} ${kind} ${row.unit}`).toBeCloseTo(actual + rest, 6);
          expect(row.projection).toBe(row.forecastProjection);
          const lyToDate = sumFor(row.unit, credit, `2024${start.slice(4)}`, '2024-05-10');
          if (lyToDate === 0) expect(row.growth).toBeNull();
          else expect(row.growth).toBeCloseTo((actual - lyToDate) / Math.abs(lyToDate), 9);
        }
      }
    }
  });
});

describe('overlapping territories', () => {
  it('a team is credited each sale once, not the sum of its overlapping members', async () => {
    const data = await queryStatusData(db, params('territory'), '2024-01-01');
    const reps = shapeStatus(data, 'rep', 'ytd', DEFAULT_THRESHOLDS);
    const teams = shapeStatus(data, 'team', 'ytd', DEFAULT_THRESHOLDS);
    const t1 = teams.find((t) => t.unit === 'T1')!;
    const members = reps.filter((r) => r.parent === 'T1').reduce((s, r) => s + r.actual, 0);
    // T1 covers every region through M1: its actual is all sales, far less than its members' sum.
    const all = sumFor('ACME', 'own', '2025-01-01', '2025-05-10');
    expect(t1.actual).toBeCloseTo(all, 6);
    expect(members).toBeGreaterThan(all * 1.5);
    expect(reps.map((r) => r.unit)).toEqual(['M1', 'R0', 'R1', 'R2', 'R3']);
  });

  it('without an org chart a rep’s team comes from the sales (the manager, with no sales, has none)', async () => {
    const data = await queryStatusData(db, params('territory', { hasOrg: false }), '2024-01-01');
    const t2 = shapeStatus(data, 'team', 'ytd', DEFAULT_THRESHOLDS).find((t) => t.unit === 'T2')!;
    // T2 = R2 (North) + R3 (North, East): North and East sales, once each
    const expected = rows.filter((r) => r.date >= '2025-01-01' && r.date <= '2025-05-10' && ['North', 'East'].includes(r.region)).reduce((s, r) => s + r.amount, 0);
    expect(t2.actual).toBeCloseTo(expected, 6);
    const t1 = shapeStatus(data, 'team', 'ytd', DEFAULT_THRESHOLDS).find((t) => t.unit === 'T1')!;
    const east = rows.filter((r) => r.date >= '2025-01-01' && r.date <= '2025-05-10' && ['East', 'West'].includes(r.region)).reduce((s, r) => s + r.amount, 0);
    expect(t1.actual).toBeCloseTo(east, 6);
  });

  it('own rule: the manager has no own sales; most attainments plausible', async () => {
    const data = await queryStatusData(db, params('own'), '2024-01-01');
    const reps = shapeStatus(data, 'rep', 'ytd', DEFAULT_THRESHOLDS);
    expect(reps.find((r) => r.unit === 'M1')!.actual).toBe(0);
    expect(implausibleAttainment(reps.map((r) => r.attainment))).toBe(false);
  });
});

describe('targets, children and versions', () => {
  it('own target, children’s sum, zero target, current vs original plan', async () => {
    const current = await queryStatusData(db, params('own'), '2024-01-01');
    const company = shapeStatus(current, 'company', 'ytd', DEFAULT_THRESHOLDS)[0];
    // v2: Jan–Mar 3000, Apr–Jun 1500 (months after June have no target rows)
    expect(company.target).toBe(3 * 3000 + 3 * 1500);
    expect(company.childTargets).toBe(6 * (1500 + 1400));
    expect(company.unallocated).toBe(13500 - 17400);
    // expected-to-date as of 2025-05-10: Jan–Apr 3×3000 + 1500, May 1500 × 10/31
    expect(company.expected).toBeCloseTo(10500 + (1500 * 10) / 31, 9);
    const t1 = shapeStatus(current, 'team', 'ytd', DEFAULT_THRESHOLDS).find((t) => t.unit === 'T1')!;
    expect(t1.childTargets).toBe(6 * (800 + 600 + 2000));
    const r3 = shapeStatus(current, 'rep', 'mtd', DEFAULT_THRESHOLDS).find((r) => r.unit === 'R3')!;
    expect(r3.target).toBe(0);
    expect(r3.attainment).toBeNull();
    expect(r3.status).toBeNull();

    const original = await queryStatusData(db, params('own', { version: 'original' }), '2024-01-01');
    expect(shapeStatus(original, 'company', 'ytd', DEFAULT_THRESHOLDS)[0].target).toBe(6 * 3000);
  });

  it('at the rep level, a manager’s children are the reps who report to them; without titles nobody manages', async () => {
    const withManagers = await queryStatusData(db, params('own', { hasManagers: true }), '2024-01-01');
    // M1 (a manager's title) covers every region; R1 (West) is inside R0's regions (East, West) but R0 is a rep: R1 reports to M1.
    expect(Object.fromEntries(withManagers.managerOf)).toEqual({ R0: 'M1', R1: 'M1', R2: 'M1', R3: 'M1' });
    const reps = shapeStatus(withManagers, 'rep', 'ytd', DEFAULT_THRESHOLDS);
    const m1 = reps.find((r) => r.unit === 'M1')!;
    // YTD to 2025-05-10 spans the six months with targets Jan–Jun 2025: R0 800 + R1 600 + R2 700 + R3 0 a month
    expect(m1.childTargets).toBe(6 * (800 + 600 + 700 + 0));
    expect(m1.unallocated).toBe(6 * 2000 - 6 * 2100);
    expect(m1.manager).toBeNull();
    expect(reps.find((r) => r.unit === 'R1')).toMatchObject({ manager: 'M1', childTargets: null, unallocated: null });
    const without = await queryStatusData(db, params('own'), '2024-01-01');
    expect(without.managerOf.size).toBe(0);
    expect(shapeStatus(without, 'rep', 'ytd', DEFAULT_THRESHOLDS).every((r) => r.childTargets === null && r.manager === null)).toBe(true);
  });

  it('reports-to: the covering manager with the fewest regions; managers with the same regions are peers', async () => {
    const org = await openNodeDuckDB();
    const regions: [string, string][] = [
      ['D', 'A'], ['D', 'B'], ['D', 'C'], ['D', 'E'],
      ['M1', 'A'], ['M1', 'B'], ['M2', 'C'], ['M3', 'C'],
      ['r1', 'A'], ['r2', 'C'], ['r3', 'B'], ['r3', 'C'], ['r4', 'A'], ['r4', 'B'],
    ];
    const titles: [string, string][] = [['D', 'Director of Sales'], ['M1', 'Area Manager'], ['M2', '区域经理'], ['M3', 'Sales Lead'], ['r1', 'Rep'], ['r2', 'Rep'], ['r3', 'Rep'], ['r4', '销售代表']];
    await org.query(`CREATE TABLE rep_regions AS SELECT * FROM (VALUES ${regions.map(([r, g]) => `('${r}', '${g}')`).join(', ')}) t(rep, region)`);
    await org.query(`CREATE TABLE rep_titles AS SELECT * FROM (VALUES ${titles.map(([r, g]) => `('${r}', '${g}')`).join(', ')}) t(rep, title)`);
    const rows = await org.query<{ child: string; parent: string }>(repManagerSql());
    expect(Object.fromEntries(rows.map((r) => [r.child, r.parent]))).toEqual({
      M1: 'D',
      M2: 'D', // M2 and M3 cover the same region: peers, both under D
      M3: 'D',
      r1: 'M1',
      r2: 'M2', // two managers cover C alone: the first by name
      r3: 'D', // B and C: only the director covers both
      r4: 'M1', // the same regions as M1, who is a manager
    });
    org.close();
  });

  it('a new plan version reuses the sales side: only the targets are read again, with the same result', async () => {
    const queries: string[] = [];
    const counting = { query: <T extends object>(sql: string) => (queries.push(sql), db.query<T>(sql)) };
    const memo = new Map();
    const first = await queryStatusData(counting, params('own'), '2024-01-01', undefined, memo);
    const firstCount = queries.length;
    expect(firstCount).toBe(3); // targets, credited sales, rep → team
    const original = await queryStatusData(counting, params('own', { version: 'original' }), '2024-01-01', undefined, memo);
    expect(queries.length - firstCount).toBe(1); // the targets only
    expect(original).toEqual(await queryStatusData(db, params('own', { version: 'original' }), '2024-01-01'));
    expect(original.actuals).toEqual(first.actuals);
    // anything the sales side depends on (here the credit rule) reads the sales again
    await queryStatusData(counting, params('territory'), '2024-01-01', undefined, memo);
    expect(queries.length - firstCount).toBe(4);
  });

  it('the sales side read ahead (before a first plan) serves the status: only the targets are read then; an aborted read keeps nothing', async () => {
    const queries: string[] = [];
    const counting = { query: <T extends object>(sql: string) => (queries.push(sql), db.query<T>(sql)) };
    const aborted = new AbortController();
    aborted.abort();
    const memo = new Map();
    await warmStatusSales({ query: async () => [] }, params('own'), memo, aborted.signal);
    expect(memo.size).toBe(0);
    await warmStatusSales(counting, params('own'), memo, new AbortController().signal);
    expect(queries.length).toBe(2); // credited sales, rep → team
    const data = await queryStatusData(counting, params('own'), '2024-01-01', undefined, memo);
    expect(queries.length).toBe(3); // + the targets
    expect(data).toEqual(await queryStatusData(db, params('own'), '2024-01-01'));
  });

  it('a unit with sales but no target row is listed with no target, not hidden', async () => {
    const data = await queryStatusData(db, params('own'), '2024-01-01');
    data.targets.get('rep')!.delete('R1');
    const r1 = shapeStatus(data, 'rep', 'ytd', DEFAULT_THRESHOLDS).find((r) => r.unit === 'R1')!;
    expect(r1.target).toBeNull();
    expect(r1.actual).toBeCloseTo(sumFor('R1', 'own', '2025-01-01', '2025-05-10'), 6);
    expect(r1.status).toBeNull();
  });

  it('a plan without any supported level: no sales queries, no units', async () => {
    const data = await queryStatusData(db, params('own', { levels: [] }), '2024-01-01');
    expect(data.actuals.size).toBe(0);
  });

  it('fiscal year starting in July: YTD = Jul 2024 … as-of', async () => {
    const data = await queryStatusData(db, params('own', { fyStartMonth: 7 }), '2024-01-01');
    const company = shapeStatus(data, 'company', 'ytd', DEFAULT_THRESHOLDS)[0];
    expect(company.actual).toBeCloseTo(sumFor('ACME', 'own', '2024-07-01', '2025-05-10'), 6);
    // fiscal months Jul–Dec 2024 v1 (3000) + Jan–Mar 2025 v2 (3000) + Apr–Jun 1500
    expect(company.target).toBe(9 * 3000 + 3 * 1500);
    expect(company.totalDays).toBe(365);
    // the data (2024-01-01) starts after the last fiscal year's start (2023-07-01): no growth; the 16 complete
    // months are too short for a seasonal method, but a forecast still projects (never last year's days alone)
    expect(company.growth).toBeNull();
    expect(company.forecastProjection).not.toBeNull();
  });

  it('as of a month end (a monthly workspace), the projection counts whole months: the as-of month is actual, the rest forecast', async () => {
    const data = await queryStatusData(db, params('own', { asOf: '2025-04-30' }), '2024-01-01');
    const forecast = forecastSeries(monthlySeries('ACME', 'own', '2024-01-01', '2025-04-01'), { horizon: 8 }).points;
    const ytd = shapeStatus(data, 'company', 'ytd', DEFAULT_THRESHOLDS)[0];
    expect(ytd.actual).toBeCloseTo(sumFor('ACME', 'own', '2025-01-01', '2025-04-30'), 6);
    expect(ytd.projection).toBeCloseTo(ytd.actual + forecast.reduce((s, p) => s + p.mean, 0), 6); // May … Dec, whole
    const qtd = shapeStatus(data, 'company', 'qtd', DEFAULT_THRESHOLDS)[0];
    const mtd = shapeStatus(data, 'company', 'mtd', DEFAULT_THRESHOLDS)[0];
    expect(qtd.projection).toBeCloseTo(qtd.actual + forecast[0].mean + forecast[1].mean, 6); // May, June
    expect(mtd.projection).toBeCloseTo(mtd.actual, 9); // April is over
  });

  it('the heat cells and the pacing path agree with the status', async () => {
    const data = await queryStatusData(db, params('own'), '2024-01-01');
    const cells = monthlyCells(data, 'rep').filter((c) => c.unit === 'R0');
    expect(cells).toHaveLength(12);
    const jan = cells[0];
    expect(jan.actual).toBeCloseTo(sumFor('R0', 'own', '2025-01-01', '2025-01-31'), 6);
    expect(jan.attainment).toBeCloseTo(jan.actual! / 800, 9);
    expect(cells[11].actual).toBeNull();
    const path = pacingPath(data, 'company', 'ACME');
    const ytd = shapeStatus(data, 'company', 'ytd', DEFAULT_THRESHOLDS)[0];
    expect(path[4].cumActual).toBeCloseTo(ytd.actual, 6);
    expect(path[5].cumActual).toBeNull();
    expect(path[11].cumProjection).toBeCloseTo(ytd.projection, 6);
    // at the as-of month's end, the same projection over May alone: the MTD row's
    const mtd = shapeStatus(data, 'company', 'mtd', DEFAULT_THRESHOLDS)[0];
    expect(path[4].cumProjection).toBeCloseTo(ytd.actual - mtd.actual + mtd.projection, 6);
    expect(path[3].cumProjection).toBeNull();
    expect(path[11].cumTarget).toBe(ytd.target);
  });
});
