/**
 * Target for a date range, for the overview's attainment KPI.
 * A month's target counts in proportion to the days of it inside the range
 * (so a year-to-date target is the expected-to-date of DESIGN.md's pacing).
 * Only one level of the plan is summed, so roll-ups never double count.
 */
import type { SqlRunner } from '../engine/types';
import type { DateRange } from '../model/period';
import type { Dimension } from '../model/schema';
import { sqlDate, sqlString } from '../model/sql';
import type { DimensionFilters } from '../model/where';

/** Plan levels from the top down; the overview measures against the highest one present. */
export const UNIT_TYPES = ['company', 'team', 'region', 'rep', 'category', 'product'] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

const DIMENSION_OF_UNIT: Partial<Record<UnitType, Dimension>> = {
  team: 'team',
  region: 'region',
  rep: 'rep',
  category: 'category',
  product: 'product',
};

/**
 * `topOnly`: of a rep-level plan with territories (`rep_regions`), sum only
 * the units whose territory no other target holder's territory strictly
 * contains — a director over regional managers over reps (Adventure Works)
 * counts once, as the director.
 */
export type TargetScope =
  | { unitType: UnitType; units: string[] | null; topOnly?: boolean }
  | { unavailable: 'no-targets' | 'filter-level' };

/**
 * Which targets to sum for the current filters: none → the top level (its
 * top units when reps have territories); a filter on one dimension that the
 * plan has a level for → those units.
 */
export function targetScope(unitTypes: string[], filters: DimensionFilters, hasTerritories = false): TargetScope {
  const present = UNIT_TYPES.filter((u) => unitTypes.includes(u));
  if (present.length === 0) return { unavailable: 'no-targets' };
  const active = (Object.keys(filters) as Dimension[]).filter((d) => (filters[d]?.length ?? 0) > 0);
  if (active.length === 0) return present[0] === 'rep' && hasTerritories ? { unitType: 'rep', units: null, topOnly: true } : { unitType: present[0], units: null };
  if (active.length === 1) {
    const unitType = present.find((u) => DIMENSION_OF_UNIT[u] === active[0]);
    if (unitType) return { unitType, units: filters[active[0]] ?? [] };
  }
  return { unavailable: 'filter-level' };
}

/**
 * Reps (target holders) whose territory another target holder's territory
 * strictly contains: every region of theirs is the other's, and the other
 * has more.
 */
export const COVERED_REPS_SQL = `WITH holders AS (SELECT DISTINCT unit AS rep FROM targets WHERE unit_type = 'rep'),
territory AS (SELECT DISTINCT rr.rep, rr.region FROM rep_regions rr JOIN holders USING (rep)),
size AS (SELECT rep, count(*) AS n FROM territory GROUP BY rep)
SELECT DISTINCT u.rep FROM territory u
JOIN territory v ON v.region = u.region AND v.rep <> u.rep
JOIN size su ON su.rep = u.rep JOIN size sv ON sv.rep = v.rep
WHERE sv.n > su.n
GROUP BY u.rep, v.rep, su.n HAVING count(*) = su.n`;

export function targetForRangeSql(range: DateRange, scope: { unitType: UnitType; units: string[] | null; topOnly?: boolean }): string {
  const start = sqlDate(range.start);
  const end = sqlDate(range.end);
  const units = scope.units
    ? ` AND unit IN (${scope.units.map(sqlString).join(', ')})`
    : scope.topOnly
      ? ` AND unit NOT IN (${COVERED_REPS_SQL})`
      : '';
  return `SELECT coalesce(sum(amount * (date_diff('day', greatest(period, ${start}), least(last_day(period), ${end})) + 1)
  / (date_diff('day', period, last_day(period)) + 1)), 0) AS target,
  count(*) AS months
FROM targets
WHERE unit_type = ${sqlString(scope.unitType)}${units} AND period <= ${end} AND last_day(period) >= ${start}`;
}

/** null when no target month overlaps the range. */
export async function queryTargetForRange(
  db: SqlRunner,
  range: DateRange,
  scope: { unitType: UnitType; units: string[] | null; topOnly?: boolean },
  signal?: AbortSignal,
): Promise<number | null> {
  const [row] = await db.query<{ target: number; months: number }>(targetForRangeSql(range, scope), { signal });
  return row && Number(row.months) > 0 ? Number(row.target) : null;
}
