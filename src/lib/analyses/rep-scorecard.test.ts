import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDuckDB, type NodeDuckDB } from '../engine/node-duckdb';
import { compactFixture, loadFixture, type FixtureRow } from './fixture-sales';
import { orderCountFor } from '../warehouse/sources';
import { customerFixtureRows } from './fixture-customers';
import {
  DEFAULT_WEIGHTS,
  percentileRanks,
  queryScorecard,
  REP_KPIS,
  scoreReps,
  type RepKpi,
  type ScorecardRow,
} from './rep-scorecard';

let db: NodeDuckDB;
const rows = customerFixtureRows();
const current = { start: '2025-01-01', end: '2025-02-14' };
const lastYear = { start: '2024-01-01', end: '2024-02-14' };
const params = { current, lastYear, filters: {}, basis: 'net' as const, hasOrderId: true };
const allSources = { repTargets: true, activity: true, opportunities: true, margin: true, customers: true };

beforeAll(async () => {
  db = await openNodeDuckDB();
  await loadFixture(db, rows);
  await db.query(`CREATE TABLE targets AS SELECT * FROM (VALUES
    (DATE '2025-01-01', 'rep', 'R0', 3100.0), (DATE '2025-02-01', 'rep', 'R0', 2800.0), (DATE '2025-03-01', 'rep', 'R0', 9999.0),
    (DATE '2025-01-01', 'rep', 'R1', 620.0), (DATE '2025-01-01', 'team', 'TA', 123456.0)) t(period, unit_type, unit, amount)`);
  await db.query(`CREATE TABLE rep_activity AS SELECT * FROM (VALUES
    (DATE '2025-01-01', 'R0', 10, 4.0, 10), (DATE '2025-02-01', 'R0', 20, 5.0, 30), (DATE '2025-03-01', 'R0', 99, 1.0, 99),
    (DATE '2025-01-01', 'R1', 5, 3.0, 5)) t(month, rep, visits, satisfaction, survey_responses)`);
  await db.query(`CREATE TABLE opportunities AS SELECT * FROM (VALUES
    ('o1', 'R0', 'C00', DATE '2024-12-01', DATE '2025-01-10', 'won', true, 100.0),
    ('o2', 'R0', 'C00', DATE '2025-01-01', DATE '2025-02-01', 'lost', false, 100.0),
    ('o3', 'R0', 'C05', DATE '2025-01-05', DATE '2025-02-04', 'won', true, 100.0),
    ('o4', 'R0', 'C05', DATE '2025-02-01', NULL, 'lead', NULL, 100.0),
    ('o5', 'R0', 'C05', DATE '2025-02-01', DATE '2025-03-01', 'won', true, 100.0)
  ) t(opportunity_id, rep, customer, created, closed, stage, won, amount)`);
});
afterAll(() => db.close());

const inR = (r: FixtureRow, range: { start: string; end: string }) => r.date >= range.start && r.date <= range.end;

function expectedSales(keep: (r: FixtureRow) => boolean, cr = current, lyr = lastYear) {
  const cur = rows.filter((r) => inR(r, cr) && keep(r));
  const ly = rows.filter((r) => inR(r, lyr) && keep(r));
  const revenue = cur.reduce((s, r) => s + r.amount, 0);
  const revenueLy = ly.reduce((s, r) => s + r.amount, 0);
  const orders = new Set(cur.filter((r) => r.amount > 0).map((r) => r.order_id)).size;
  const firsts = new Map<string, string>();
  for (const r of rows.filter((r) => r.amount > 0)) if (!firsts.has(r.customer) || r.date < firsts.get(r.customer)!) firsts.set(r.customer, r.date);
  const newCustomers = new Set(cur.filter((r) => inR({ ...r, date: firsts.get(r.customer)! }, cr)).map((r) => r.customer)).size;
  return {
    revenue,
    growth: ly.length > 0 ? (revenue - revenueLy) / Math.abs(revenueLy) : null,
    margin: cur.reduce((s, r) => s + r.amount - r.cost, 0) / revenue,
    aov: revenue / orders,
    newCustomers,
  };
}

describe('rep scorecard KPIs', () => {
  let card: ScorecardRow[];
  beforeAll(async () => {
    card = await queryScorecard(db, params, allSources);
  });

  it('one row per rep, per team and the total', () => {
    expect(card.filter((r) => r.level === 'rep').map((r) => r.rep).sort()).toEqual(['R0', 'R1', 'R2', 'R3', 'R4']);
    expect(card.filter((r) => r.level === 'team').map((r) => r.team).sort()).toEqual(['TA', 'TB']);
    expect(card.filter((r) => r.level === 'total')).toHaveLength(1);
  });

  it('sales KPIs per rep, team and total match a plain-TS computation', () => {
    for (const row of card) {
      const keep = (r: FixtureRow) => (row.level === 'rep' ? r.rep === row.rep : row.level === 'team' ? r.team === row.team : true);
      const e = expectedSales(keep);
      const label = `${row.level} ${row.team} ${row.rep}`;
      expect(row.kpis.revenue, label).toBeCloseTo(e.revenue, 6);
      if (e.growth === null) expect(row.kpis.growth, label).toBeNull();
      else expect(row.kpis.growth, label).toBeCloseTo(e.growth, 9);
      expect(row.kpis.margin, label).toBeCloseTo(e.margin, 9);
      expect(row.kpis.aov, label).toBeCloseTo(e.aov, 9);
      expect(row.kpis.newCustomers, label).toBe(e.newCustomers);
    }
    expect(card.find((r) => r.level === 'total')!.kpis.newCustomers).toBeGreaterThan(0);
    expect(card.filter((r) => r.kpis.growth === null).length).toBeGreaterThan(0); // a rep without last year's sales
    expect(card.filter((r) => r.kpis.growth !== null).length).toBeGreaterThan(2);
  });

  it('attainment against prorated rep targets (hand-worked)', () => {
    const r0 = card.find((r) => r.rep === 'R0')!;
    // Jan 3100 + Feb 14/28 × 2800 = 4500; March is outside the period
    expect(r0.target).toBeCloseTo(4500, 9);
    expect(r0.kpis.attainment).toBeCloseTo(r0.kpis.revenue! / 4500, 12);
    expect(card.find((r) => r.rep === 'R1')!.target).toBeCloseTo(620, 9);
    expect(card.find((r) => r.rep === 'R2')!.kpis.attainment).toBeNull();
    // the team is measured against the sum of its reps' targets, never the team row added on top
    expect(card.find((r) => r.level === 'team' && r.team === 'TA')!.target).toBeCloseTo(5120, 9);
  });

  it('activity and pipeline KPIs (hand-worked)', () => {
    const r0 = card.find((r) => r.rep === 'R0')!;
    expect(r0.kpis.visits).toBe(30);
    expect(r0.kpis.satisfaction).toBeCloseTo((4 * 10 + 5 * 30) / 40, 12);
    expect(r0.kpis.salesCycle).toBeCloseTo(35, 12); // won deals closed in the period: 40 and 30 days
    expect(r0.kpis.conversion).toBeCloseTo(2 / 3, 12);
    const ta = card.find((r) => r.level === 'team' && r.team === 'TA')!;
    expect(ta.kpis.visits).toBe(35);
    expect(ta.kpis.satisfaction).toBeCloseTo((40 + 150 + 15) / 45, 12);
    expect(card.find((r) => r.rep === 'R3')!.kpis.satisfaction).toBeNull();
  });

  it('overlapping ranges (period "all" vs a year earlier) count each line in both', async () => {
    const cr = { start: '2024-01-01', end: '2025-06-30' };
    const lyr = { start: '2023-01-01', end: '2024-06-30' };
    const all = await queryScorecard(db, { ...params, current: cr, lastYear: lyr }, allSources);
    for (const row of all) {
      const keep = (r: FixtureRow) => (row.level === 'rep' ? r.rep === row.rep : row.level === 'team' ? r.team === row.team : true);
      const e = expectedSales(keep, cr, lyr);
      expect(row.kpis.revenue).toBeCloseTo(e.revenue, 6);
      expect(row.kpis.growth).toBeCloseTo(e.growth!, 9);
      expect(row.kpis.aov).toBeCloseTo(e.aov, 9);
      expect(row.kpis.newCustomers).toBe(e.newCustomers);
    }
  });

  it('without a comparison range (period "all"): the same KPIs, growth null', async () => {
    const cr = { start: '2024-01-01', end: '2025-06-30' };
    const uncompared = await queryScorecard(db, { ...params, current: cr, lastYear: null }, allSources);
    expect(uncompared.filter((r) => r.level === 'rep')).toHaveLength(5);
    for (const row of uncompared) {
      const keep = (r: FixtureRow) => (row.level === 'rep' ? r.rep === row.rep : row.level === 'team' ? r.team === row.team : true);
      const e = expectedSales(keep, cr, cr);
      expect(row.kpis.revenue).toBeCloseTo(e.revenue, 6);
      expect(row.kpis.aov).toBeCloseTo(e.aov, 9);
      expect(row.kpis.newCustomers).toBe(e.newCustomers);
      expect(row.kpis.growth).toBeNull();
      expect(row.revenueLastYear).toBe(0);
    }
  });

  it('counting orders by the compaction’s sale flag gives the same card whenever the flags are exact', async () => {
    const orderConstant = await compactFixture(db);
    const all = { start: '2024-01-01', end: '2025-06-30' };
    const cases = [
      { ...params },
      { ...params, filters: { region: ['East'] } },
      { ...params, basis: 'gross' as const },
      { ...params, current: all, lastYear: null },
      { ...params, current: all, lastYear: { start: '2023-01-01', end: '2024-06-30' } },
    ];
    for (const p of cases) {
      expect(orderCountFor({ orderConstant, customerDays: false }, { filters: p.filters, groupedOn: ['rep'] })).toBe('flag');
      const exact = await queryScorecard(db, p, allSources);
      expect(exact.find((r) => r.level === 'total')!.orders).toBeGreaterThan(0);
      // the sums run in another order: equal to 12 significant digits (order counts are integers, so exact)
      const rounded = (card: ScorecardRow[]) => JSON.parse(JSON.stringify(card, (_k, v: unknown) => (typeof v === 'number' ? Number(v.toPrecision(12)) : v)));
      expect(rounded(await queryScorecard(db, { ...p, warehouse: { orderConstant, customerDays: false } }, allSources))).toEqual(rounded(exact));
    }
  });

  it('without order ids every sales line is an order', async () => {
    const lines = await queryScorecard(db, { ...params, hasOrderId: false }, allSources);
    const r0 = lines.find((r) => r.rep === 'R0')!;
    const sales = rows.filter((r) => r.rep === 'R0' && inR(r, current) && r.amount > 0).length;
    expect(r0.orders).toBe(sales);
    expect(r0.orders).toBeGreaterThan(card.find((r) => r.rep === 'R0')!.orders); // orders have 1–2 lines
  });

  it('missing sources leave their KPIs empty', async () => {
    const bare = await queryScorecard(db, params, { repTargets: false, activity: false, opportunities: false, margin: false, customers: false });
    for (const r of bare) for (const k of ['attainment', 'satisfaction', 'visits', 'salesCycle', 'conversion', 'margin', 'newCustomers'] as RepKpi[]) expect(r.kpis[k]).toBeNull();
  });
});

describe('scoring', () => {
  it('percentile ranks, ties averaged, lower-is-better flipped', () => {
    expect(percentileRanks([10, 20, 20, 40, null])).toEqual([0, 50, 50, 100, null]);
    expect(percentileRanks([10, 20, 20, 40], true)).toEqual([100, 50, 50, 0]);
    expect(percentileRanks([7])).toEqual([50]);
  });

  const rep = (name: string, team: string, kpis: Partial<Record<RepKpi, number | null>>): ScorecardRow => ({
    level: 'rep',
    team,
    rep: name,
    revenueLastYear: 0,
    target: null,
    orders: 0,
    kpis: { ...(Object.fromEntries(REP_KPIS.map((k) => [k, null])) as Record<RepKpi, number | null>), ...kpis },
  });
  const only = (w: Partial<Record<RepKpi, number>>) => ({ ...(Object.fromEntries(REP_KPIS.map((k) => [k, 0])) as Record<RepKpi, number>), ...w });

  it('weighted score over the KPIs a rep has (hand-worked)', () => {
    const a = rep('A', 'T', { revenue: 100, growth: 0.1 });
    const b = rep('B', 'T', { revenue: 50, growth: 0.5 });
    expect(scoreReps([a, b], only({ revenue: 3, growth: 1 })).map((s) => s.score)).toEqual([75, 25]);
    const c = rep('C', 'T', { revenue: 50, growth: null });
    expect(scoreReps([a, c], only({ revenue: 3, growth: 1 })).map((s) => s.score)).toEqual([(300 + 50) / 4, 0]);
  });

  it('flags a KPI far below the team median: high growth, low satisfaction', () => {
    const team = [
      rep('A', 'South', { satisfaction: 4.3, growth: 0.1 }),
      rep('B', 'South', { satisfaction: 4.2, growth: 0.12 }),
      rep('C', 'South', { satisfaction: 4.4, growth: 0.08 }),
      rep('D', 'South', { satisfaction: 4.25, growth: 0.11 }),
      rep('W', 'South', { satisfaction: 3.0, growth: 0.5 }),
    ];
    const scored = scoreReps(team, DEFAULT_WEIGHTS);
    const w = scored.find((s) => s.row.rep === 'W')!;
    expect(Object.keys(w.flags)).toEqual(['satisfaction']);
    expect(w.flags.satisfaction!.median).toBeCloseTo(4.25, 12);
    expect(w.flags.satisfaction!.z).toBeCloseTo(-1.25 / (1.4826 * 0.05), 6);
    expect(scored.filter((s) => s.row.rep !== 'W').every((s) => Object.keys(s.flags).length === 0)).toBe(true);
  });

  it('a long sales cycle is flagged, a short one is not', () => {
    const team = [5, 40, 41, 42, 43, 120].map((d, i) => rep(`R${i}`, 'T', { salesCycle: d }));
    const flagged = scoreReps(team, DEFAULT_WEIGHTS).filter((s) => s.flags.salesCycle).map((s) => s.row.rep);
    expect(flagged).toEqual(['R5']);
  });
});
