import { describe, expect, it } from 'vitest';
import { behindUnits, largestChanges } from './brief';
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
});
