/** The ranges every view measures, for daily and for periodic (monthly, quarterly) workspaces. */
import { describe, expect, it } from 'vitest';
import { computeRanges } from './view.svelte';
import { DEFAULT_VIEW_STATE } from '../model/view-state';
import { pacing, periodWindow } from '../targets/pacing';
import type { WorkspaceInfo } from './workspace.svelte';

const info = (grain: WorkspaceInfo['grain'], dataEnd: string): WorkspaceInfo => ({
  kind: 'file', name: 'x', rows: 18, dataStart: '2023-01-01', dataEnd, grain, fields: ['date', 'amount'], dimensionValues: {}, targetUnitTypes: [], tables: [],
});

describe('computeRanges', () => {
  it('daily data: the as-of date is the one chosen, or the last date', () => {
    expect(computeRanges({ ...DEFAULT_VIEW_STATE, asOf: '2024-06-15' }, info('day', '2024-06-20')).asOf).toBe('2024-06-15');
    expect(computeRanges(DEFAULT_VIEW_STATE, info('day', '2024-06-20')).current).toEqual({ start: '2024-01-01', end: '2024-06-20' });
  });

  it('monthly data: an as-of date inside a month means that month’s end, so no month is measured in part', () => {
    const monthly = info('month', '2024-06-30');
    expect(computeRanges(DEFAULT_VIEW_STATE, monthly)).toMatchObject({ asOf: '2024-06-30', current: { start: '2024-01-01', end: '2024-06-30' } });
    const chosen = computeRanges({ ...DEFAULT_VIEW_STATE, asOf: '2024-03-10', period: 'mtd' }, monthly);
    expect(chosen).toMatchObject({ asOf: '2024-03-31', current: { start: '2024-03-01', end: '2024-03-31' } });
  });

  it('quarterly data: the as-of date is the quarter’s end', () => {
    expect(computeRanges({ ...DEFAULT_VIEW_STATE, asOf: '2024-08-01' }, info('quarter', '2024-09-30')).asOf).toBe('2024-09-30');
  });

  it('whole months in pacing: YTD of a monthly workspace expects exactly the targets of its months', () => {
    // Targets 100, 200, … 1200 for Jan … Dec 2024; data through June (as of 2024-06-30).
    const asOf = computeRanges({ ...DEFAULT_VIEW_STATE, asOf: '2024-06-01' }, info('month', '2024-06-30')).asOf;
    const monthlyTargets = new Map(Array.from({ length: 12 }, (_, i) => [`2024-${String(i + 1).padStart(2, '0')}-01`, 100 * (i + 1)] as [string, number]));
    const p = pacing({ window: periodWindow('ytd', asOf, 1), asOf, monthlyTargets, actual: 2100, forecastRemaining: null, lastYearToDate: null });
    // hand-worked: 100 + 200 + … + 600 = 2100 expected, attainment 1, of the year's 7800 a share; Jul–Dec remain (184 days).
    expect(p.expected).toBe(2100);
    expect(p.attainment).toBe(1);
    expect(p.ofFullTarget).toBeCloseTo(2100 / 7800, 12);
    expect(p.remainingDays).toBe(184);
    expect(p.requiredDaily).toBeCloseTo((7800 - 2100) / 184, 9);
  });
});
