/**
 * Pacing and projection for one unit and one to-date period (DESIGN.md
 * "Domain formulas", one name and one formula each): target, actual, target to
 * date (expected), attainment = actual / target to date (what other tools call
 * pace: one number), share of the full-period target, the projection (actual +
 * the backtested forecast of the rest of the period, as on #/forecast; the run
 * rate where no forecast exists), projected attainment, gap, required daily
 * run rate, status.
 * Pure: all sales sums come in from SQL; this only does the arithmetic.
 */
import { addDays, addMonths, daysBetweenInclusive, daysInMonth, fiscalQuarterStart, fiscalYearStart, monthStart, type DateRange } from '../model/period';

export const PERIOD_KINDS = ['mtd', 'qtd', 'ytd'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** The whole month / fiscal quarter / fiscal year that contains the as-of date. */
export function periodWindow(kind: PeriodKind, asOf: string, fyStartMonth: number): DateRange {
  const start = kind === 'mtd' ? monthStart(asOf) : kind === 'qtd' ? fiscalQuarterStart(asOf, fyStartMonth) : fiscalYearStart(asOf, fyStartMonth);
  const months = kind === 'mtd' ? 1 : kind === 'qtd' ? 3 : 12;
  return { start, end: addDays(addMonths(start, months), -1) };
}

/**
 * What #/targets measures for the filter bar's period (one state, never two periods on one screen):
 * MTD/QTD/YTD as they are; a custom period that is a whole month, fiscal quarter or fiscal year is
 * that period, measured to its end when the as-of date lies beyond it (FY2019 of a July fiscal year
 * chosen in May 2020 is the whole FY2019); any other period is the fiscal year to date as of its end,
 * with `aligned` false so the page says so.
 */
export function targetsPeriod(
  preset: string,
  asOf: string,
  current: DateRange,
  fyStartMonth: number,
): { kind: PeriodKind; asOf: string; aligned: boolean } {
  if ((PERIOD_KINDS as readonly string[]).includes(preset)) return { kind: preset as PeriodKind, asOf, aligned: true };
  const end = current.end < asOf ? current.end : asOf;
  for (const kind of ['ytd', 'qtd', 'mtd'] as const) {
    const w = periodWindow(kind, current.end, fyStartMonth);
    if (w.start === current.start && w.end === current.end) return { kind, asOf: end, aligned: true };
  }
  return { kind: 'ytd', asOf: end, aligned: false };
}

/** The same elapsed part of the period one year back, for growth. */
export function lastYearToDateRange(window: DateRange, asOf: string): DateRange {
  return { start: addMonths(window.start, -12), end: addMonths(asOf, -12) };
}

export type Status = 'ahead' | 'on-pace' | 'behind' | 'at-risk';

/** Pace thresholds: pace ≥ ahead → ahead; ≥ onPace → on pace; ≥ atRisk → behind; below → at risk. */
export interface Thresholds {
  ahead: number;
  onPace: number;
  atRisk: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { ahead: 1.05, onPace: 0.97, atRisk: 0.85 };

/** The status of an attainment (actual / target to date). */
export function statusOf(attainment: number | null, t: Thresholds = DEFAULT_THRESHOLDS): Status | null {
  if (attainment === null) return null;
  return attainment >= t.ahead ? 'ahead' : attainment >= t.onPace ? 'on-pace' : attainment >= t.atRisk ? 'behind' : 'at-risk';
}

/**
 * Sum of the targets of the window's months that have fully elapsed by
 * as-of, plus the as-of month's target × elapsed days / days in that month.
 */
export function expectedToDate(window: DateRange, asOf: string, monthlyTargets: ReadonlyMap<string, number>): number {
  let expected = 0;
  for (let m = window.start; m <= window.end && m <= asOf; m = addMonths(m, 1)) {
    const target = monthlyTargets.get(m) ?? 0;
    const [y, mo, d] = asOf.split('-').map(Number);
    const monthEnd = addDays(addMonths(m, 1), -1);
    expected += monthEnd <= asOf ? target : (target * d) / daysInMonth(y, mo);
  }
  return expected;
}

export interface PacingInput {
  window: DateRange;
  asOf: string;
  /** Month (first day, ISO) → target; null when the unit has no target at all in the period. */
  monthlyTargets: ReadonlyMap<string, number> | null;
  /** Credited sales from the window's start to as-of. */
  actual: number;
  /** The unit's forecast of the rest of the period (projection.ts forecastOfRest); null when the unit has no history to forecast. */
  forecastRemaining: number | null;
  /** Last year's sales over the same elapsed part of the period; null when not available. */
  lastYearToDate: number | null;
}

export interface Pacing {
  /** The whole period's target. */
  target: number | null;
  actual: number;
  /** Target to date. */
  expected: number | null;
  /** actual / target to date (达成率). */
  attainment: number | null;
  /** actual / the whole period's target (占全年/全季/全月目标). */
  ofFullTarget: number | null;
  /** projection / the whole period's target (预计达成率). */
  projectedAttainment: number | null;
  elapsedDays: number;
  totalDays: number;
  remainingDays: number;
  runRateProjection: number;
  /** actual + the forecast of the rest of the period; null without a forecast. */
  forecastProjection: number | null;
  /** The forecast projection when available, else the run rate. */
  projection: number;
  /** target − projection (positive = short of the target). */
  gap: number | null;
  /** (target − actual) / remaining days; null when no day remains or no target. */
  requiredDaily: number | null;
  growth: number | null;
  status: Status | null;
}

const ratio = (a: number, b: number | null): number | null => (b === null || b === 0 ? null : a / b);

export function pacing(input: PacingInput, thresholds: Thresholds = DEFAULT_THRESHOLDS): Pacing {
  const { window, asOf, monthlyTargets, actual } = input;
  const totalDays = daysBetweenInclusive(window);
  const elapsedDays = daysBetweenInclusive({ start: window.start, end: asOf });
  const remainingDays = totalDays - elapsedDays;
  let target: number | null = null;
  if (monthlyTargets) {
    target = 0;
    for (let m = window.start; m <= window.end; m = addMonths(m, 1)) target += monthlyTargets.get(m) ?? 0;
  }
  const expected = monthlyTargets ? expectedToDate(window, asOf, monthlyTargets) : null;
  const attainment = ratio(actual, expected);
  const runRateProjection = (actual / elapsedDays) * totalDays;
  const forecastProjection = input.forecastRemaining === null ? null : actual + input.forecastRemaining;
  const projection = forecastProjection ?? runRateProjection;
  return {
    target,
    actual,
    expected,
    attainment,
    ofFullTarget: ratio(actual, target),
    projectedAttainment: ratio(projection, target),
    elapsedDays,
    totalDays,
    remainingDays,
    runRateProjection,
    forecastProjection,
    projection,
    gap: target === null ? null : target - projection,
    requiredDaily: target === null || remainingDays === 0 ? null : (target - actual) / remainingDays,
    growth: input.lastYearToDate === null || input.lastYearToDate === 0 ? null : (actual - input.lastYearToDate) / Math.abs(input.lastYearToDate),
    status: statusOf(attainment, thresholds),
  };
}

/**
 * Most units far outside a plausible range (below 10 % or above 500 % of
 * their target) suggests the sales are credited by the wrong rule.
 */
export function implausibleAttainment(attainments: (number | null)[], low = 0.1, high = 5): boolean {
  const known = attainments.filter((a): a is number => a !== null);
  if (known.length === 0) return false;
  const off = known.filter((a) => a < low || a > high).length;
  return off / known.length > 0.5;
}

/** Share of the units with an attainment that lies within [low, high]. */
export function plausibleShare(attainments: (number | null)[], low = 0.5, high = 2): number {
  const known = attainments.filter((a): a is number => a !== null);
  return known.length === 0 ? 0 : known.filter((a) => a >= low && a <= high).length / known.length;
}

/**
 * The other credit rule fits the targets clearly better (at least `margin`
 * more of the units within a plausible band), or the current one is implausible
 * outright: the app suggests switching.
 */
export function suggestOtherRule(current: (number | null)[], other: (number | null)[] | null, margin = 0.2): boolean {
  if (other !== null && plausibleShare(other) - plausibleShare(current) >= margin) return true;
  return implausibleAttainment(current) && (other === null || plausibleShare(other) > plausibleShare(current));
}
