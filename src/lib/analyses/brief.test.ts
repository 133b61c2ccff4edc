import { describe, expect, it } from 'vitest';
import { behindUnits, biggestSlowMover, briefFocus, fallingCells, largestChanges } from './brief';
import type { MatrixCell } from './region-matrix';
import type { SlowMoverRow } from './slow-movers';
import type { StatusRow } from './target-status';
import type { ContributionRow } from './contribution';

const row = (unit: string, gap: number | null) => ({ unit, gap }) as StatusRow;
const change = (member: string | null, change: number) => ({ member, change, r0: 0, r1: change, shareOfChange: null }) as ContributionRow;

describe('brief shaping', () => {
  it('behind: only positive gaps, largest first (ties by name), at most n', () => {
    const rows = [row('A', 10), row('B', -5), row('C', 30), row('D', null), row('E', 10), row('F', 1)];
    expect(behindUnits(rows, 3).map((r) => r.unit)).toEqual(['C', 'A', 'E']);
    expect(behindUnits([row('B', -5), row('D', null), row('Z', 0)])).toEqual([]);
  });

  it('changes: the n largest increases and decreases of named members', () => {
    const rows = [change('a', 5), change('b', -2), change(null, -50), change('c', 9), change('d', -7), change('e', 1), change('f', 0)];
    const { up, down } = largestChanges(rows, 2);
    expect(up.map((r) => r.member)).toEqual(['c', 'a']);
    expect(down.map((r) => r.member)).toEqual(['d', 'b']);
  });

  it('slow mover: the falling product with the largest drop (prior − recent); none when nothing falls', () => {
    const p = (product: string | null, priorRevenue: number, recentRevenue: number) => ({ product, priorRevenue, recentRevenue, falling: recentRevenue < priorRevenue }) as SlowMoverRow;
    expect(biggestSlowMover([p('a', 100, 90), p('b', 500, 480), p('c', 300, 100), p(null, 1000, 0), p('d', 10, 50)])?.product).toBe('c');
    expect(biggestSlowMover([p('d', 10, 50)])).toBeNull();
  });

  it('falling cells: named on both sides, the largest falls first, at most n', () => {
    const c = (row: string | null, col: string | null, revenue: number, comparison: number) => ({ row, col, revenue, comparison, rowShare: null }) as MatrixCell;
    const cells = [c('华南', '耳机', 70, 100), c('华北', '手机', 10, 90), c(null, '手机', 0, 500), c('华东', '电脑', 120, 100), c('西北', '平板', 95, 100)];
    expect(fallingCells(cells, 2).map((x) => `${x.row}·${x.col}`)).toEqual(['华北·手机', '华南·耳机']);
  });

  it('focus: the company without filters, the one unit a plan level’s filter picks, else none', () => {
    const plan = ['company', 'team', 'rep'];
    expect(briefFocus({}, plan)).toEqual({ level: 'company' });
    expect(briefFocus({ team: [] }, plan)).toEqual({ level: 'company' });
    expect(briefFocus({ team: ['南方团队'] }, plan)).toEqual({ level: 'team', unit: '南方团队' });
    expect(briefFocus({ rep: ['吴强'] }, plan)).toEqual({ level: 'rep', unit: '吴强' });
    // Two teams, a dimension the plan has no level for, or two dimensions: no single unit's target.
    expect(briefFocus({ team: ['南方团队', '北方团队'] }, plan)).toEqual({ unavailable: 'filter-level' });
    expect(briefFocus({ region: ['华东'] }, plan)).toEqual({ unavailable: 'filter-level' });
    expect(briefFocus({ region: ['华东'] }, ['company', 'region'])).toEqual({ level: 'region', unit: '华东' });
    expect(briefFocus({ team: ['南方团队'], channel: ['线上'] }, plan)).toEqual({ unavailable: 'filter-level' });
  });
});
