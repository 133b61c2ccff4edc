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
