/**
 * #/brief, the page a director reads in a minute, composed of the analyses the other pages show (so
 * every number is the one those pages show for the same state):
 *  - the verdict: the company row of #/targets' status (actual, attainment against the target to date,
 *    the forecast projection and its projected attainment, the chance of reaching the full target);
 *  - who is behind: the units of the level below the company (teams, else regions, else reps) with the
 *    largest positive gap (target − projection), as #/targets' status table has them;
 *  - what changed: the period against the comparison period on the dimension whose change one member
 *    explains most (#/regions' dimension ranking), its largest increases and decreases.
 */
import type { SqlRunner } from '../engine/types';
import type { DateRange } from '../model/period';
import type { Dimension } from '../model/schema';
import type { Basis } from '../model/view-state';
import type { DimensionFilters } from '../model/where';
import type { PeriodKind, Thresholds } from '../targets/pacing';
import { queryPlanTables } from './target-plan';
import { isSupportedLevel, queryStatusData, shapeStatus, type StatusRow } from './target-status';
import { queryContribution, queryDimensionRanks, type ContributionRow } from './contribution';

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

export interface Brief {
  /** The company's status row; null without a company target in the plan. */
  verdict: StatusRow | null;
  behind: { level: string; units: StatusRow[] } | null;
  changes: { dimension: Dimension; up: ContributionRow[]; down: ContributionRow[] } | null;
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
  const below = BEHIND_LEVELS.find((l) => plan.unitTypes.includes(l) && isSupportedLevel(l)) ?? null;
  const levels = ['company', ...(below ? [below] : [])].filter((l) => plan.unitTypes.includes(l));
  const companyUnit = plan.companyUnit ?? p.companyLabel;
  const [status, ranks] = await Promise.all([
    levels.length > 0
      ? queryStatusData(db, { levels, credit: 'own', basis: p.basis, asOf: p.asOf, fyStartMonth: p.fyStartMonth, version: 'current', companyUnit, hasTargetsAll: plan.hasTargetsAll, hasOrg: p.hasOrg }, p.dataStart, signal)
      : Promise.resolve(null),
    queryDimensionRanks(db, p.dims, p.comparison, p.current, p.filters, p.basis, signal),
  ]);
  const dimension = ranks.find((r) => r.totalChange !== 0 || r.concentration > 0)?.dim ?? null;
  const contributions = dimension ? await queryContribution(db, { dim: dimension, base: p.comparison, current: p.current, filters: p.filters, basis: p.basis }, signal) : [];
  const company = status && levels.includes('company') ? (shapeStatus(status, 'company', p.kind, p.thresholds)[0] ?? null) : null;
  return {
    verdict: company && company.target !== null ? company : null,
    behind: status && below && levels.includes(below) ? { level: below, units: behindUnits(shapeStatus(status, below, p.kind, p.thresholds)) } : null,
    changes: dimension ? { dimension, ...largestChanges(contributions) } : null,
  };
}
