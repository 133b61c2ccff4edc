/**
 * #/brief, the page a director reads in a minute, composed of the analyses the other pages show (so
 * every number is the one those pages show for the same state):
 *  - the verdict: the company row of #/targets' status (actual, attainment against the target to date,
 *    the forecast projection and its projected attainment, the chance of reaching the full target);
 *  - who is behind: the units of the level below the company (teams, else regions, else reps) with the
 *    largest positive gap (target − projection), as #/targets' status table has them;
 *  - what changed: the period against the comparison period on the dimension whose change one member
 *    explains most (#/regions' dimension ranking), its largest increases and decreases, and the region ×
 *    category cells (#/regions' matrix) that fell most — where a regional promotion of a rival shows;
 *  - products and customers, a line each: the A class of #/products' ABC analysis and its falling slow
 *    mover with the largest drop; #/customers' top-10 share and churn (its default 90 days).
 */
import type { SqlRunner } from '../engine/types';
import type { DateRange } from '../model/period';
import type { Dimension } from '../model/schema';
import type { Basis } from '../model/view-state';
import type { DimensionFilters } from '../model/where';
import type { Warehouse } from '../warehouse/sources';
import type { PeriodKind, Thresholds } from '../targets/pacing';
import { queryPlanTables } from './target-plan';
import { CHILD_LEVEL, isSupportedLevel, queryStatusData, shapeStatus, type StatusRow } from './target-status';
import { queryContribution, queryDimensionRanks, type ContributionRow } from './contribution';
import { DEFAULT_A, DEFAULT_B, paretoSummary, queryAbc, type ParetoSummary } from './abc-pareto';
import { DEFAULT_IDLE_DAYS, DEFAULT_SLOW_WINDOW_DAYS, querySlowMovers, type SlowMoverRow } from './slow-movers';
import { queryCustomerRanking } from './customer-ranking';
import { DEFAULT_CHURN_DAYS, queryChurn, type ChurnSummary } from './customer-lifecycle';
import type { Concentration } from './customer-concentration';
import { queryMatrix, type MatrixCell } from './region-matrix';

/** The levels the brief looks below the company at, in order of preference. */
export const BEHIND_LEVELS = ['team', 'region', 'rep'] as const;

export interface BriefParams {
  asOf: string;
  kind: PeriodKind;
  fyStartMonth: number;
  basis: Basis;
  thresholds: Thresholds;
  /** The company unit's name when the plan has none. */
  companyLabel: string;
  /** The sales have an org chart (`org`): a rep's team comes from it. */
  hasOrg: boolean;
  /** The workspace's first date (growth needs a year before the fiscal year). */
  dataStart: string;
  /** What changed: the filter bar's period against its comparison period, under its filters. */
  current: DateRange;
  comparison: DateRange;
  filters: DimensionFilters;
  /** The mapped dimensions what changed may break the change down by. */
  dims: Dimension[];
}

export interface MixParams {
  range: DateRange;
  asOf: string;
  filters: DimensionFilters;
  basis: Basis;
  withProduct: boolean;
  withCustomer: boolean;
  hasOrderId: boolean;
  /** What the warehouse holds (warehouse/sources.ts). */
  warehouse: Warehouse;
}

export interface BriefMix {
  abc: ParetoSummary | null;
  slowMover: SlowMoverRow | null;
  concentration: Concentration | null;
  churn: ChurnSummary | null;
}

/** The falling product that lost the most revenue against the window before (null when none is falling). */
export function biggestSlowMover(rows: SlowMoverRow[]): SlowMoverRow | null {
  const drop = (r: SlowMoverRow) => r.priorRevenue - r.recentRevenue;
  return rows.filter((r) => r.falling && r.product !== null).sort((a, b) => drop(b) - drop(a) || a.product!.localeCompare(b.product!))[0] ?? null;
}

/** Products and customers for the brief, with #/products' and #/customers' defaults. */
export async function queryBriefMix(db: SqlRunner, p: MixParams, signal?: AbortSignal): Promise<BriefMix> {
  const { range, filters, basis } = p;
  const [abc, slow, ranking, churn] = await Promise.all([
    p.withProduct ? queryAbc(db, { dim: 'product', range, filters, basis, aThreshold: DEFAULT_A, bThreshold: DEFAULT_B }, signal) : null,
    p.withProduct ? querySlowMovers(db, { asOf: p.asOf, windowDays: DEFAULT_SLOW_WINDOW_DAYS, noSalesDays: DEFAULT_IDLE_DAYS, lookbackDays: 365, filters, basis }, signal) : null,
    p.withCustomer ? queryCustomerRanking(db, { range, filters, basis, hasOrderId: p.hasOrderId, warehouse: p.warehouse }, { limit: 1 }, signal) : null,
    p.withCustomer ? queryChurn(db, { filters, basis, asOf: range.end, days: DEFAULT_CHURN_DAYS, warehouse: p.warehouse }, signal, 1) : null,
  ]);
  return {
    abc: abc ? paretoSummary(abc, DEFAULT_A) : null,
    slowMover: slow ? biggestSlowMover(slow) : null,
    concentration: ranking?.concentration ?? null,
    churn: churn?.summary ?? null,
  };
}

/**
 * Whose verdict the brief gives. Targets are set per unit, so the verdict follows the filters only where
 * they pick one unit of the plan: no filter → the company; one value of a plan level's dimension (one
 * team, one region, one rep) → that unit, with its members below it; any other filter → no verdict
 * (the page says why), as the overview's attainment card has none then either.
 */
export type BriefFocus = { level: 'company' } | { level: (typeof BEHIND_LEVELS)[number]; unit: string } | { unavailable: 'filter-level' };

export function briefFocus(filters: DimensionFilters, unitTypes: string[]): BriefFocus {
  const active = (Object.keys(filters) as Dimension[]).filter((d) => (filters[d]?.length ?? 0) > 0);
  if (active.length === 0) return { level: 'company' };
  const level = BEHIND_LEVELS.find((l) => l === active[0]);
  if (active.length === 1 && filters[active[0]]!.length === 1 && level && unitTypes.includes(level) && isSupportedLevel(level)) return { level, unit: filters[active[0]]![0] };
  return { unavailable: 'filter-level' };
}

export interface Brief {
  focus: BriefFocus;
  /** The focus unit's status row (the company's without filters); null without a target for it in the plan. */
  verdict: StatusRow | null;
  behind: { level: string; units: StatusRow[] } | null;
  changes: { dimension: Dimension; up: ContributionRow[]; down: ContributionRow[] } | null;
  /** The region × category cells whose revenue fell most against the comparison period (both dimensions mapped). */
  fallingCells: MatrixCell[];
}

/** The `n` cells with the largest fall (revenue − comparison < 0), named on both sides. */
export function fallingCells(cells: MatrixCell[], n = 3): MatrixCell[] {
  const change = (c: MatrixCell) => c.revenue - c.comparison;
  return cells.filter((c) => c.row !== null && c.col !== null && change(c) < 0).sort((a, b) => change(a) - change(b)).slice(0, n);
}

/** The units with a positive gap, largest first, at most `n`. */
export function behindUnits(rows: StatusRow[], n = 5): StatusRow[] {
  return rows.filter((r) => r.gap !== null && r.gap > 0).sort((a, b) => b.gap! - a.gap! || a.unit.localeCompare(b.unit)).slice(0, n);
}

/** The `n` largest increases and the `n` largest decreases of named members. */
export function largestChanges(rows: ContributionRow[], n = 3): { up: ContributionRow[]; down: ContributionRow[] } {
  const named = rows.filter((r) => r.member !== null);
  return {
    up: named.filter((r) => r.change > 0).sort((a, b) => b.change - a.change).slice(0, n),
    down: named.filter((r) => r.change < 0).sort((a, b) => a.change - b.change).slice(0, n),
  };
}

export async function queryBrief(db: SqlRunner, p: BriefParams, signal?: AbortSignal): Promise<Brief> {
  const plan = await queryPlanTables(db, signal);
  const focus = briefFocus(p.filters, plan.unitTypes);
  // Below the company: teams, else regions, else reps; below a team: its reps.
  const focusLevel = 'unavailable' in focus ? null : focus.level;
  const belowCompany = BEHIND_LEVELS.find((l) => plan.unitTypes.includes(l) && isSupportedLevel(l)) ?? null;
  const below = focusLevel === 'company' ? belowCompany : focusLevel && CHILD_LEVEL[focusLevel] && plan.unitTypes.includes(CHILD_LEVEL[focusLevel]) ? CHILD_LEVEL[focusLevel] : null;
  const levels = focusLevel ? [focusLevel, ...(below ? [below] : [])].filter((l) => plan.unitTypes.includes(l)) : [];
  const companyUnit = plan.companyUnit ?? p.companyLabel;
  const withCells = p.dims.includes('region') && p.dims.includes('category');
  const [status, ranks, cells] = await Promise.all([
    levels.length > 0
      ? queryStatusData(db, { levels, credit: 'own', basis: p.basis, asOf: p.asOf, fyStartMonth: p.fyStartMonth, version: 'current', companyUnit, hasTargetsAll: plan.hasTargetsAll, hasOrg: p.hasOrg }, p.dataStart, signal)
      : Promise.resolve(null),
    queryDimensionRanks(db, p.dims, p.comparison, p.current, p.filters, p.basis, signal),
    withCells ? queryMatrix(db, { rowDim: 'region', colDim: 'category', current: p.current, comparison: p.comparison, filters: p.filters, basis: p.basis }, signal) : Promise.resolve([]),
  ]);
  const dimension = ranks.find((r) => r.totalChange !== 0 || r.concentration > 0)?.dim ?? null;
  const contributions = dimension ? await queryContribution(db, { dim: dimension, base: p.comparison, current: p.current, filters: p.filters, basis: p.basis }, signal) : [];
  const rows = status && focusLevel && levels.includes(focusLevel) ? shapeStatus(status, focusLevel, p.kind, p.thresholds) : [];
  const verdict = 'unit' in focus ? (rows.find((r) => r.unit === focus.unit) ?? null) : (rows[0] ?? null);
  const members = status && below && levels.includes(below) ? shapeStatus(status, below, p.kind, p.thresholds) : [];
  return {
    focus,
    verdict: verdict && verdict.target !== null ? verdict : null,
    behind: status && below && levels.includes(below) ? { level: below, units: behindUnits('unit' in focus ? members.filter((m) => m.parent === focus.unit) : members) } : null,
    changes: dimension ? { dimension, ...largestChanges(contributions) } : null,
    fallingCells: fallingCells(cells),
  };
}
