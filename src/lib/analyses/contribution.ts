/**
 * "What changed": each member's contribution to the revenue change between
 * a base period and a current period (contribution = r1 − r0, so the members
 * sum to the total change), ranked by size; and a ranking of dimensions by
 * how concentrated their change is (largest single |contribution| divided by
 * the sum of all |contributions|: 100 % = one member explains all movement).
 * Pure: params → SQL → typed rows, plus the waterfall shaping.
 */
import type { SqlRunner } from '../engine/types';
import type { DateRange } from '../model/period';
import type { Dimension } from '../model/schema';
import { sqlIdent, sqlString } from '../model/sql';
import { dateInRange, dimensionPredicates, whereClause, type DimensionFilters } from '../model/where';
import { sumsSource } from '../warehouse/sources';
import type { Basis } from '../model/view-state';

export interface ContributionParams {
  dim: Dimension;
  base: DateRange;
  current: DateRange;
  filters: DimensionFilters;
  basis: Basis;
}

export interface ContributionRow {
  member: string | null;
  r0: number;
  r1: number;
  change: number;
  /** change / total change (null when the total did not change). */
  shareOfChange: number | null;
}

function perMember(dim: Dimension, base: DateRange, current: DateRange, filters: DimensionFilters, basis: Basis): string {
  const b = dateInRange(base);
  const c = dateInRange(current);
  return `SELECT ${sqlIdent(dim)} AS member,
    coalesce(sum(amount) FILTER (WHERE ${b}), 0) AS r0,
    coalesce(sum(amount) FILTER (WHERE ${c}), 0) AS r1
  FROM ${sumsSource(filters, [dim])} ${whereClause([...dimensionPredicates(filters, basis), `(${b} OR ${c})`])}
  GROUP BY 1`;
}

export function contributionSql(p: ContributionParams): string {
  return `WITH m AS (${perMember(p.dim, p.base, p.current, p.filters, p.basis)})
SELECT member, r0, r1, r1 - r0 AS change,
  CASE WHEN sum(r1 - r0) OVER () <> 0 THEN (r1 - r0) / sum(r1 - r0) OVER () END AS share_of_change
FROM m ORDER BY abs(r1 - r0) DESC, member NULLS LAST`;
}

export async function queryContribution(db: SqlRunner, p: ContributionParams, signal?: AbortSignal): Promise<ContributionRow[]> {
  const rows = await db.query<Record<string, unknown>>(contributionSql(p), { signal });
  return rows.map((r) => ({
    member: (r.member as string | null) ?? null,
    r0: Number(r.r0),
    r1: Number(r.r1),
    change: Number(r.change),
    shareOfChange: r.share_of_change === null || r.share_of_change === undefined ? null : Number(r.share_of_change),
  }));
}

export interface DimensionRank {
  dim: Dimension;
  members: number;
  totalChange: number;
  /** The member with the largest |contribution|, and that contribution. */
  topMember: string | null;
  topChange: number;
  /** max |contribution| / Σ |contribution| (0 when nothing changed). */
  concentration: number;
}

export function dimensionRankSql(dims: Dimension[], base: DateRange, current: DateRange, filters: DimensionFilters, basis: Basis): string {
  const parts = dims.map(
    (d) => `SELECT ${sqlString(d)} AS dim, member, r1 - r0 AS change FROM (${perMember(d, base, current, filters, basis)})`,
  );
  return `WITH c AS (${parts.join('\nUNION ALL\n')})
SELECT dim, count(*) AS members, sum(change) AS total_change,
  arg_max(member, abs(change)) AS top_member, arg_max(change, abs(change)) AS top_change,
  CASE WHEN sum(abs(change)) > 0 THEN max(abs(change)) / sum(abs(change)) ELSE 0 END AS concentration
FROM c GROUP BY dim ORDER BY concentration DESC, dim`;
}

export async function queryDimensionRanks(
  db: SqlRunner,
  dims: Dimension[],
  base: DateRange,
  current: DateRange,
  filters: DimensionFilters,
  basis: Basis,
  signal?: AbortSignal,
): Promise<DimensionRank[]> {
  if (dims.length === 0) return [];
  const rows = await db.query<Record<string, unknown>>(dimensionRankSql(dims, base, current, filters, basis), { signal });
  return rows.map((r) => ({
    dim: r.dim as Dimension,
    members: Number(r.members),
    totalChange: Number(r.total_change),
    topMember: (r.top_member as string | null) ?? null,
    topChange: Number(r.top_change),
    concentration: Number(r.concentration),
  }));
}

/** Where a drill goes next: region → category → product, and so on. */
const DRILL_NEXT: Partial<Record<Dimension, Dimension[]>> = {
  region: ['category', 'product', 'channel'],
  channel: ['category', 'product', 'region'],
  team: ['rep', 'category', 'product'],
  rep: ['category', 'product', 'customer'],
  category: ['product', 'region', 'channel'],
  product: ['region', 'channel', 'customer'],
  customer: ['product', 'category'],
};

/** The next dimension to break a drilled member down by: mapped and not already filtered. */
export function nextDrillDimension(dim: Dimension, available: Dimension[], filters: DimensionFilters): Dimension | null {
  return (DRILL_NEXT[dim] ?? []).find((d) => available.includes(d) && !(filters[d]?.length)) ?? null;
}

export type WaterfallKind = 'total' | 'increase' | 'decrease';

export interface WaterfallStep {
  label: string;
  kind: WaterfallKind;
  /** Bar from start to end (a total starts at 0). */
  start: number;
  end: number;
  value: number;
}

/**
 * Bars from the base total through each change to the current total. The
 * changes must sum to current − base; steps are given in display order.
 */
export function waterfallSteps(
  baseLabel: string,
  base: number,
  changes: { label: string; value: number }[],
  currentLabel: string,
): WaterfallStep[] {
  const steps: WaterfallStep[] = [{ label: baseLabel, kind: 'total', start: 0, end: base, value: base }];
  let level = base;
  for (const c of changes) {
    steps.push({ label: c.label, kind: c.value >= 0 ? 'increase' : 'decrease', start: level, end: level + c.value, value: c.value });
    level += c.value;
  }
  steps.push({ label: currentLabel, kind: 'total', start: 0, end: level, value: level });
  return steps;
}

/** Keeps the n largest contributions and folds the rest into one (labelled by the caller). */
export function topContributions<T extends { change: number }>(rows: T[], n: number): { top: T[]; rest: number; restCount: number } {
  const sorted = [...rows].sort((a, b) => Math.abs(b.change) - Math.abs(a.change));
  const top = sorted.slice(0, n);
  const tail = sorted.slice(n);
  return { top, rest: tail.reduce((s, r) => s + r.change, 0), restCount: tail.length };
}
