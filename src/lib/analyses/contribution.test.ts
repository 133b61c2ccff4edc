import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDuckDB, type NodeDuckDB } from '../engine/node-duckdb';
import { fixtureRows, loadFixture, type FixtureRow } from './fixture-sales';
import { nextDrillDimension, queryContribution, queryDimensionRanks, topContributions, waterfallSteps } from './contribution';
import type { Dimension } from '../model/schema';

let db: NodeDuckDB;
const rows = fixtureRows();
const base = { start: '2024-01-01', end: '2024-06-30' };
const current = { start: '2025-01-01', end: '2025-06-30' };
const inRange = (r: FixtureRow, x: typeof base) => r.date >= x.start && r.date <= x.end;

beforeAll(async () => {
  db = await openNodeDuckDB();
  await loadFixture(db, rows);
});
afterAll(() => db.close());

function expectedChanges(dim: Dimension, keep: (r: FixtureRow) => boolean = () => true) {
  const m = new Map<string | null, number>();
  for (const r of rows.filter(keep)) {
    const key = ((r as unknown as Record<string, string>)[dim] || null) as string | null;
    if (inRange(r, base)) m.set(key, (m.get(key) ?? 0) - r.amount);
    if (inRange(r, current)) m.set(key, (m.get(key) ?? 0) + r.amount);
  }
  return m;
}

describe('what changed: contributions', () => {
  it('each member’s change matches plain TS, ranked by size, summing to the total change', async () => {
    const c = await queryContribution(db, { dim: 'product', base, current, filters: {}, basis: 'net' });
    const expected = expectedChanges('product');
    expect(c).toHaveLength(expected.size);
    for (const row of c) expect(row.change).toBeCloseTo(expected.get(row.member) ?? NaN, 6);
    const total = [...expected.values()].reduce((s, v) => s + v, 0);
    const totalR0 = rows.filter((r) => inRange(r, base)).reduce((s, r) => s + r.amount, 0);
    const totalR1 = rows.filter((r) => inRange(r, current)).reduce((s, r) => s + r.amount, 0);
    expect(total).toBeCloseTo(totalR1 - totalR0, 6);
    expect(c.reduce((s, r) => s + r.change, 0)).toBeCloseTo(total, 6);
    expect(c.reduce((s, r) => s + (r.shareOfChange ?? 0), 0)).toBeCloseTo(1, 9);
    const sizes = c.map((r) => Math.abs(r.change));
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
  });

  it('keeps blank members and respects filters', async () => {
    const c = await queryContribution(db, { dim: 'channel', base, current, filters: { category: ['Audio'] }, basis: 'net' });
    const expected = expectedChanges('channel', (r) => r.category === 'Audio');
    expect(c.map((r) => r.member).sort()).toEqual([...expected.keys()].sort());
    for (const row of c) expect(row.change).toBeCloseTo(expected.get(row.member) ?? NaN, 6);
    expect(c.some((r) => r.member === null)).toBe(true);
  });

  it('ranks dimensions by concentration (max |c| / Σ |c|)', async () => {
    const dims: Dimension[] = ['region', 'channel', 'product'];
    const ranks = await queryDimensionRanks(db, dims, base, current, {}, 'net');
    expect(ranks.map((r) => r.dim).sort()).toEqual([...dims].sort());
    for (const r of ranks) {
      const vals = [...expectedChanges(r.dim).values()];
      const abs = vals.map(Math.abs);
      expect(r.concentration).toBeCloseTo(Math.max(...abs) / abs.reduce((s, v) => s + v, 0), 9);
      expect(r.totalChange).toBeCloseTo(vals.reduce((s, v) => s + v, 0), 6);
      expect(Math.abs(r.topChange)).toBeCloseTo(Math.max(...abs), 6);
    }
    const conc = ranks.map((r) => r.concentration);
    expect(conc).toEqual([...conc].sort((a, b) => b - a));
  });

  it('the waterfall runs from the base total to the current total', async () => {
    const c = await queryContribution(db, { dim: 'product', base, current, filters: {}, basis: 'net' });
    const r0 = c.reduce((s, r) => s + r.r0, 0);
    const r1 = c.reduce((s, r) => s + r.r1, 0);
    const { top, rest, restCount } = topContributions(c, 3);
    expect(top).toHaveLength(3);
    expect(restCount).toBe(c.length - 3);
    const steps = waterfallSteps('base', r0, [...top.map((t) => ({ label: String(t.member), value: t.change })), { label: 'other', value: rest }], 'now');
    expect(steps[0]).toMatchObject({ kind: 'total', start: 0, end: r0 });
    expect(steps.at(-1)?.end).toBeCloseTo(r1, 6);
    for (let i = 1; i < steps.length - 1; i++) {
      expect(steps[i].start).toBeCloseTo(steps[i - 1].kind === 'total' ? steps[i - 1].end : steps[i - 1].end, 9);
      expect(steps[i].kind).toBe(steps[i].value >= 0 ? 'increase' : 'decrease');
    }
  });

  it('drills region → category → product, skipping unmapped or filtered dimensions', () => {
    const all: Dimension[] = ['region', 'category', 'product', 'channel'];
    expect(nextDrillDimension('region', all, { region: ['华南'] })).toBe('category');
    expect(nextDrillDimension('category', all, { region: ['华南'], category: ['耳机'] })).toBe('product');
    expect(nextDrillDimension('region', ['region', 'channel'], {})).toBe('channel');
    expect(nextDrillDimension('customer', ['customer'], {})).toBeNull();
  });
});
