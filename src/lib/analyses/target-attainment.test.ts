import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDuckDB, type NodeDuckDB } from '../engine/node-duckdb';
import { queryTargetForRange, targetScope } from './target-attainment';

let db: NodeDuckDB;

beforeAll(async () => {
  db = await openNodeDuckDB();
  await db.query(`CREATE TABLE targets AS SELECT * FROM (VALUES
    (DATE '2024-01-01', 'company', 'ACME', 3100.0),
    (DATE '2024-02-01', 'company', 'ACME', 2900.0),
    (DATE '2024-03-01', 'company', 'ACME', 3100.0),
    (DATE '2024-01-01', 'rep', 'Ann', 1000.0),
    (DATE '2024-01-01', 'rep', 'Bob', 2000.0),
    (DATE '2024-02-01', 'rep', 'Ann', 1450.0)
  ) t(period, unit_type, unit, amount)`);
});
afterAll(() => db.close());

describe('target for a range', () => {
  it('whole months add up', async () => {
    expect(await queryTargetForRange(db, { start: '2024-01-01', end: '2024-03-31' }, { unitType: 'company', units: null })).toBeCloseTo(9100, 9);
  });

  it('a partial month counts by elapsed days (leap February: 29 days)', async () => {
    // Jan full 3100 + Feb 10/29 × 2900 = 3100 + 1000
    expect(await queryTargetForRange(db, { start: '2024-01-01', end: '2024-02-10' }, { unitType: 'company', units: null })).toBeCloseTo(4100, 9);
    // Jan 16..31 = 16/31 × 3100 = 1600
    expect(await queryTargetForRange(db, { start: '2024-01-16', end: '2024-01-31' }, { unitType: 'company', units: null })).toBeCloseTo(1600, 9);
  });

  it('one level only, selected units only', async () => {
    expect(await queryTargetForRange(db, { start: '2024-01-01', end: '2024-02-29' }, { unitType: 'rep', units: ['Ann'] })).toBeCloseTo(2450, 9);
    expect(await queryTargetForRange(db, { start: '2024-01-01', end: '2024-01-31' }, { unitType: 'rep', units: null })).toBeCloseTo(3000, 9);
  });

  it('no overlapping month → null', async () => {
    expect(await queryTargetForRange(db, { start: '2025-01-01', end: '2025-12-31' }, { unitType: 'company', units: null })).toBeNull();
  });
});

describe('which level the overview measures against', () => {
  it('top level without filters; the filtered level when the plan has it', () => {
    expect(targetScope(['rep', 'team', 'company'], {})).toEqual({ unitType: 'company', units: null });
    expect(targetScope(['rep', 'team'], { rep: ['Ann'] })).toEqual({ unitType: 'rep', units: ['Ann'] });
    expect(targetScope(['rep'], { region: ['East'] })).toEqual({ unavailable: 'filter-level' });
    expect(targetScope([], {})).toEqual({ unavailable: 'no-targets' });
    expect(targetScope(['rep'], { rep: ['Ann'], region: ['East'] })).toEqual({ unavailable: 'filter-level' });
  });
});

describe('a rep-level plan with overlapping territories (director, managers, reps)', () => {
  let tdb: NodeDuckDB;
  beforeAll(async () => {
    tdb = await openNodeDuckDB();
    // Adventure Works' shape: the director holds every territory; a manager holds a subset; reps one or two,
    // one rep's pair contains another rep's single territory (peers: still only the director is on top),
    // and one rep has exactly the manager's territory (equal, not contained).
    await tdb.query(`CREATE TABLE rep_regions AS SELECT * FROM (VALUES
      ('Dir', 'N'), ('Dir', 'S'), ('Dir', 'E'), ('Dir', 'W'),
      ('MgrN', 'N'), ('MgrN', 'S'),
      ('Ann', 'N'), ('Ann', 'S'), ('Bob', 'N'), ('Cy', 'S'),
      ('Dee', 'E'), ('Eve', 'W'), ('NoTarget', 'N'), ('NoTarget', 'S'), ('NoTarget', 'E'), ('NoTarget', 'W'), ('NoTarget', 'X')
    ) t(rep, region)`);
    await tdb.query(`CREATE TABLE targets AS SELECT DATE '2024-01-01' AS period, 'rep' AS unit_type, unit, amount FROM (VALUES
      ('Dir', 1000.0), ('MgrN', 600.0), ('Ann', 300.0), ('Bob', 150.0), ('Cy', 150.0), ('Dee', 200.0), ('Eve', 200.0)
    ) t(unit, amount)`);
  });
  afterAll(() => tdb?.close());
  const jan = { start: '2024-01-01', end: '2024-01-31' };

  it('the overview sums the top of the plan only: the director (a unit without a target covers nobody)', async () => {
    expect(targetScope(['rep'], {}, true)).toEqual({ unitType: 'rep', units: null, topOnly: true });
    expect(await queryTargetForRange(tdb, jan, { unitType: 'rep', units: null, topOnly: true })).toBeCloseTo(1000, 9);
    // Without the rule every target would be added up.
    expect(await queryTargetForRange(tdb, jan, { unitType: 'rep', units: null })).toBeCloseTo(2600, 9);
  });

  it('without a director: the manager and the reps outside the manager’s territory', async () => {
    await tdb.query(`DELETE FROM targets WHERE unit = 'Dir'`);
    // MgrN {N,S} ⊇ Ann {N,S}? equal, not strictly: Ann stays on top beside MgrN; Bob, Cy are covered; Dee, Eve on top.
    expect(await queryTargetForRange(tdb, jan, { unitType: 'rep', units: null, topOnly: true })).toBeCloseTo(600 + 300 + 200 + 200, 9);
  });
});
