/**
 * ABC classification and Pareto share (DESIGN.md): members ranked by revenue;
 * cumulative share ≤ A threshold → A, ≤ B threshold → B, the rest C.
 * Members with zero or negative net revenue (returns only) are C and do not
 * count in the total the shares are taken of.
 * Pure: params → SQL → typed rows; the summary is shaped from those rows.
 */
import type { SqlRunner } from '../engine/types';
import type { DateRange } from '../model/period';
import type { Dimension } from '../model/schema';
import { moneyKey, sqlIdent, sqlNumber } from '../model/sql';
import { dateInRange, dimensionPredicates, whereClause, type DimensionFilters } from '../model/where';
import { sumsSource } from '../warehouse/sources';
import type { Basis } from '../model/view-state';

export type AbcClass = 'A' | 'B' | 'C';

export interface AbcParams {
  dim: Dimension;
  range: DateRange;
  filters: DimensionFilters;
  basis: Basis;
  /** Cumulative share up to which a member is A (default 0.8). */
  aThreshold: number;
  /** Cumulative share up to which a member is B (default 0.95). */
  bThreshold: number;
}

export interface AbcRow {
  member: string | null;
  rank: number;
  revenue: number;
  share: number;
  cumulativeShare: number;
  abcClass: AbcClass;
}

export const DEFAULT_A = 0.8;
export const DEFAULT_B = 0.95;
/**
 * Cumulative shares are sums of doubles: a member exactly at the threshold
 * (80 of 100) may come out as 0.8000000000000002. Shares within this
 * tolerance of a threshold count as at it.
 */
export const SHARE_TOLERANCE = 1e-9;

export function abcSql(p: AbcParams): string {
  const a = sqlNumber(p.aThreshold + SHARE_TOLERANCE);
  const b = sqlNumber(Math.max(p.aThreshold, p.bThreshold) + SHARE_TOLERANCE);
  return `WITH m AS (
  SELECT ${sqlIdent(p.dim)} AS member, sum(amount) AS revenue
  FROM ${sumsSource(p.filters, [p.dim])} ${whereClause([...dimensionPredicates(p.filters, p.basis), dateInRange(p.range)])}
  GROUP BY 1
), ranked AS (
  SELECT member, revenue,
    row_number() OVER w AS rank,
    sum(greatest(revenue, 0)) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum,
    sum(greatest(revenue, 0)) OVER () AS total
  FROM m
  WINDOW w AS (ORDER BY ${moneyKey('revenue')} DESC, member NULLS LAST)
)
SELECT member, rank, revenue,
  CASE WHEN total > 0 THEN greatest(revenue, 0) / total ELSE 0 END AS share,
  CASE WHEN total > 0 THEN cum / total ELSE 0 END AS cumulative_share,
  CASE WHEN revenue <= 0 OR total <= 0 THEN 'C'
       WHEN cum / total <= ${a} THEN 'A'
       WHEN cum / total <= ${b} THEN 'B'
       ELSE 'C' END AS abc_class
FROM ranked ORDER BY rank`;
}

export async function queryAbc(db: SqlRunner, p: AbcParams, signal?: AbortSignal): Promise<AbcRow[]> {
  const rows = await db.query<Record<string, unknown>>(abcSql(p), { signal });
  return rows.map((r) => ({
    member: (r.member as string | null) ?? null,
    rank: Number(r.rank),
    revenue: Number(r.revenue),
    share: Number(r.share),
    cumulativeShare: Number(r.cumulative_share),
    abcClass: r.abc_class as AbcClass,
  }));
}

export interface ClassSummary {
  abcClass: AbcClass;
  members: number;
  revenue: number;
}

export interface ParetoSummary {
  /** Members with sales in the period. */
  members: number;
  /** The fewest top members whose revenue reaches `cut` of the total. */
  membersToCut: number;
  /** membersToCut / members: "x % of products make 80 % of revenue". */
  memberShare: number;
  cut: number;
  classes: ClassSummary[];
}

export function paretoSummary(rows: AbcRow[], cut = DEFAULT_A): ParetoSummary {
  const reaching = rows.find((r) => r.revenue > 0 && r.cumulativeShare >= cut - SHARE_TOLERANCE);
  const membersToCut = reaching ? reaching.rank : rows.filter((r) => r.revenue > 0).length;
  const classes = (['A', 'B', 'C'] as const).map((c) => {
    const inClass = rows.filter((r) => r.abcClass === c);
    return { abcClass: c, members: inClass.length, revenue: inClass.reduce((s, r) => s + r.revenue, 0) };
  });
  return { members: rows.length, membersToCut, memberShare: rows.length ? membersToCut / rows.length : 0, cut, classes };
}
