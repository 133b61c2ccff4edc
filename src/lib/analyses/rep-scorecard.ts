/**
 * Rep scorecard: KPIs per rep for the selected period, their team totals and
 * the company total, a weighted score and flags.
 *
 * KPIs (each null when its data is missing):
 * - revenue (net), growth = (revenue − same period last year) / |last year|,
 * - attainment = revenue / the rep's target for the period (months prorated by
 *   days, as in target-attainment.ts; team rows: sum of their reps' targets),
 * - margin = profit / revenue, aov = revenue / orders (orders = distinct order
 *   ids of sales lines), newCustomers = customers whose first purchase in the
 *   data falls in the period (counted for every rep they bought from then),
 * - from `rep_activity` (months overlapping the period): visits (sum) and
 *   satisfaction (mean weighted by survey_responses),
 * - from `opportunities` closed in the period: salesCycle = mean days from
 *   created to closed of won deals, conversion = won / closed.
 * A rep's team is the team on most of their sales lines (mode).
 *
 * Score: score = Σₖ wₖ·pₖ / Σₖ wₖ over the KPIs the rep has a value for, with
 * pₖ = the rep's percentile rank for KPI k among the reps (0 = worst, 100 =
 * best; ties share their average rank; a shorter sales cycle is better).
 *
 * Flags: a KPI is flagged when it is far worse than the median of the rep's
 * team (all reps when the team has fewer than 3 with a value): robust z =
 * (value − median) / (1.4826 × MAD) beyond −FLAG_Z (sign flipped for sales
 * cycle). With MAD = 0 nothing is flagged.
 */
import type { SqlRunner } from '../engine/types';
import type { DateRange } from '../model/period';
import { sqlDate } from '../model/sql';
import { dateInRange, dimensionPredicates, whereClause, type DimensionFilters } from '../model/where';
import type { Basis } from '../model/view-state';
import { LINES_ONLY, orderCountFor, type Warehouse } from '../warehouse/sources';
import { customerLinesSource } from '../warehouse/customer-days';

export const REP_KPIS = ['revenue', 'growth', 'attainment', 'margin', 'newCustomers', 'aov', 'satisfaction', 'visits', 'salesCycle', 'conversion'] as const;
export type RepKpi = (typeof REP_KPIS)[number];

/** KPIs where less is better. */
export const LOWER_IS_BETTER: ReadonlySet<RepKpi> = new Set(['salesCycle']);

export const DEFAULT_WEIGHTS: Record<RepKpi, number> = {
  revenue: 20,
  growth: 15,
  attainment: 20,
  margin: 10,
  newCustomers: 5,
  aov: 5,
  satisfaction: 15,
  visits: 0,
  salesCycle: 5,
  conversion: 5,
};

export const FLAG_Z = 3;

export interface ScorecardParams {
  current: DateRange;
  /** null: no comparison (the whole history has no year before it); growth is then null. */
  lastYear: DateRange | null;
  filters: DimensionFilters;
  basis: Basis;
  hasOrderId: boolean;
  /** What the warehouse holds (warehouse/sources.ts): decides how orders are counted and whether `customer_days` serves. */
  warehouse?: Warehouse;
}

/** What the workspace has, deciding which parts are queried. */
export interface ScorecardSources {
  repTargets: boolean;
  activity: boolean;
  opportunities: boolean;
  margin: boolean;
  customers: boolean;
}

export type Level = 'rep' | 'team' | 'total';

export interface ScorecardRow {
  level: Level;
  team: string | null;
  rep: string | null;
  kpis: Record<RepKpi, number | null>;
  /** Extra figures for tooltips and the table. */
  revenueLastYear: number;
  target: number | null;
  orders: number;
}

const LEVEL_OF_GROUPING: Record<number, Level> = { 0: 'rep', 1: 'team', 3: 'total' };

function lastYearPredicate(p: ScorecardParams): string {
  return p.lastYear ? dateInRange(p.lastYear) : 'false';
}

/**
 * Reps with sales in the period or last year's, each with their main team: the team of most of their lines
 * (a named team before none; equal counts go to the first name), counted as line sums so that
 * customer_days serves it.
 */
function repsCte(p: ScorecardParams): string {
  const when = `(${dateInRange(p.current)} OR ${lastYearPredicate(p)})`;
  const source = customerLinesSource(p.filters, { rollup: (p.warehouse ?? LINES_ONLY).customerDays });
  return `reps AS (SELECT rep, first(team ORDER BY team IS NULL, n DESC, team) AS team FROM (
  SELECT rep, team, sum(_lines) AS n FROM ${source} ${whereClause([...dimensionPredicates(p.filters, p.basis), 'rep IS NOT NULL', when])} GROUP BY rep, team
) GROUP BY rep)`;
}

const GROUPING_SETS = 'GROUP BY GROUPING SETS ((r.team, r.rep), (r.team), ())';
const KEYS = 'GROUPING(r.team, r.rep) AS lvl, r.team AS team, r.rep AS rep';

export function repSalesSql(p: ScorecardParams): string {
  const cur = dateInRange(p.current);
  const ly = lastYearPredicate(p);
  const dims = dimensionPredicates(p.filters, p.basis);
  const w = p.warehouse ?? LINES_ONLY;
  // Grouped on rep; `_sale_first` counts orders with a sale, so the gross basis drops none of them.
  const byFlag = p.hasOrderId && orderCountFor(w, { filters: p.filters, groupedOn: ['rep'] }) === 'flag';
  // Lines are first summed per rep × customer (× order, unless orders are counted by their flag) × which
  // ranges they fall in (with period "all" and a comparison the two overlap), so the grouping sets and
  // distinct counts run over far fewer rows.
  const rollup = w.customerDays;
  // Counted by flag, the lines only need summing, which customer_days serves.
  const lines = byFlag
    ? `SELECT * FROM ${customerLinesSource(p.filters, { rollup, flagged: true })} ${whereClause([...dims, `(${cur} OR ${ly})`])}`
    : `SELECT *, 1 AS _lines${p.hasOrderId ? '' : ', row_number() OVER () AS line_no'} FROM sales ${whereClause([...dims, `(${cur} OR ${ly})`])}`;
  const orderKey = byFlag ? '' : `s.${p.hasOrderId ? 'order_id' : 'line_no'} AS order_key,`;
  const orders = byFlag ? 'sum(o.sale_orders) FILTER (WHERE o.in_cur)' : 'count(DISTINCT o.order_key) FILTER (WHERE o.in_cur AND o.has_sale)';
  return `WITH ${repsCte(p)},
firsts AS (SELECT customer, min(date) AS first_date FROM ${customerLinesSource(p.filters, { rollup })} ${whereClause([...dims, 'customer IS NOT NULL', 'amount > 0'])} GROUP BY customer),
lines AS (${lines}),
orders AS (
  SELECT r.team, r.rep, s.customer, ${orderKey}
    ${cur} AS in_cur, ${ly} AS in_ly,
    sum(s.amount) AS amount, sum(s.profit) AS profit, sum(s._lines) AS lines, bool_or(s.amount > 0) AS has_sale${byFlag ? ', sum(s._sales) AS sale_orders' : ''}
  FROM lines s JOIN reps r ON s.rep = r.rep
  GROUP BY ALL
)
SELECT GROUPING(o.team, o.rep) AS lvl, o.team AS team, o.rep AS rep,
  coalesce(sum(o.amount) FILTER (WHERE o.in_cur), 0) AS revenue,
  coalesce(sum(o.amount) FILTER (WHERE o.in_ly), 0) AS revenue_ly,
  coalesce(sum(o.lines) FILTER (WHERE o.in_ly), 0) AS lines_ly,
  sum(o.profit) FILTER (WHERE o.in_cur) AS profit,
  coalesce(${orders}, 0) AS orders,
  count(DISTINCT o.customer) FILTER (WHERE o.in_cur AND f.first_date BETWEEN ${sqlDate(p.current.start)} AND ${sqlDate(p.current.end)}) AS new_customers
FROM orders o LEFT JOIN firsts f ON o.customer = f.customer
GROUP BY GROUPING SETS ((o.team, o.rep), (o.team), ())`;
}

export function repTargetsSql(p: ScorecardParams): string {
  const start = sqlDate(p.current.start);
  const end = sqlDate(p.current.end);
  return `WITH ${repsCte(p)}
SELECT ${KEYS},
  sum(t.amount * (date_diff('day', greatest(t.period, ${start}), least(last_day(t.period), ${end})) + 1) / (date_diff('day', t.period, last_day(t.period)) + 1)) AS target
FROM targets t JOIN reps r ON t.unit = r.rep
WHERE t.unit_type = 'rep' AND t.period <= ${end} AND last_day(t.period) >= ${start}
${GROUPING_SETS}`;
}

export function repActivitySql(p: ScorecardParams): string {
  return `WITH ${repsCte(p)}
SELECT ${KEYS}, sum(a.visits) AS visits, sum(a.satisfaction * a.survey_responses) / nullif(sum(a.survey_responses), 0) AS satisfaction
FROM rep_activity a JOIN reps r ON a.rep = r.rep
WHERE a.month BETWEEN date_trunc('month', ${sqlDate(p.current.start)}) AND ${sqlDate(p.current.end)}
${GROUPING_SETS}`;
}

export function repOpportunitiesSql(p: ScorecardParams): string {
  return `WITH ${repsCte(p)}
SELECT ${KEYS}, count(*) AS closed_n, count(*) FILTER (WHERE o.won) AS won_n,
  avg(date_diff('day', o.created, o.closed)) FILTER (WHERE o.won) AS sales_cycle
FROM opportunities o JOIN reps r ON o.rep = r.rep
WHERE o.closed BETWEEN ${sqlDate(p.current.start)} AND ${sqlDate(p.current.end)}
${GROUPING_SETS}`;
}

type Keyed = { lvl: number; team: string | null; rep: string | null } & Record<string, unknown>;
const keyOf = (r: { lvl: number; team: string | null; rep: string | null }) => `${r.lvl}\u0000${r.team ?? ''}\u0000${r.rep ?? ''}`;
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export async function queryScorecard(db: SqlRunner, p: ScorecardParams, sources: ScorecardSources, signal?: AbortSignal): Promise<ScorecardRow[]> {
  const none = Promise.resolve([] as Keyed[]);
  const [sales, targets, activity, opps] = await Promise.all([
    db.query<Keyed>(repSalesSql(p), { signal }),
    sources.repTargets ? db.query<Keyed>(repTargetsSql(p), { signal }) : none,
    sources.activity ? db.query<Keyed>(repActivitySql(p), { signal }) : none,
    sources.opportunities ? db.query<Keyed>(repOpportunitiesSql(p), { signal }) : none,
  ]);
  const index = (rows: Keyed[]) => new Map(rows.map((r) => [keyOf({ ...r, lvl: Number(r.lvl) }), r]));
  const [t, a, o] = [index(targets), index(activity), index(opps)];
  const rows = sales.map((s): ScorecardRow => {
    const key = keyOf({ ...s, lvl: Number(s.lvl) });
    const revenue = Number(s.revenue);
    const revenueLastYear = Number(s.revenue_ly);
    const orders = Number(s.orders);
    const profit = num(s.profit);
    const target = num(t.get(key)?.target);
    const act = a.get(key);
    const opp = o.get(key);
    const closed = Number(opp?.closed_n ?? 0);
    return {
      level: LEVEL_OF_GROUPING[Number(s.lvl)] ?? 'rep',
      team: s.team,
      rep: s.rep,
      revenueLastYear,
      target,
      orders,
      kpis: {
        revenue,
        growth: Number(s.lines_ly) > 0 && revenueLastYear !== 0 ? (revenue - revenueLastYear) / Math.abs(revenueLastYear) : null,
        attainment: target !== null && target > 0 ? revenue / target : null,
        margin: sources.margin && profit !== null && revenue !== 0 ? profit / revenue : null,
        newCustomers: sources.customers ? Number(s.new_customers) : null,
        aov: orders > 0 ? revenue / orders : null,
        satisfaction: num(act?.satisfaction),
        visits: num(act?.visits),
        salesCycle: num(opp?.sales_cycle),
        conversion: closed > 0 ? Number(opp?.won_n ?? 0) / closed : null,
      },
    };
  });
  const order: Record<Level, number> = { total: 0, team: 1, rep: 2 };
  return rows.sort(
    (x, y) => (x.team ?? '').localeCompare(y.team ?? '') || order[x.level] - order[y.level] || (y.kpis.revenue ?? 0) - (x.kpis.revenue ?? 0),
  );
}

// ---------------------------------------------------------------- scoring (pure)

/**
 * Percentile rank of each value among the non-null values, 0 = worst … 100 =
 * best; ties share their average rank; a single value gets 50.
 */
export function percentileRanks(values: (number | null)[], lowerIsBetter = false): (number | null)[] {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const n = present.length;
  return values.map((v) => {
    if (v === null || !Number.isFinite(v)) return null;
    if (n === 1) return 50;
    const worse = present.filter((x) => (lowerIsBetter ? x > v : x < v)).length;
    const equal = present.filter((x) => x === v).length;
    const avgRank = worse + (equal + 1) / 2; // 1-based, worst first
    return ((avgRank - 1) / (n - 1)) * 100;
  });
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export interface KpiFlag {
  median: number;
  /** Robust z, signed so that negative = worse. */
  z: number;
}

export interface ScoredRep {
  row: ScorecardRow;
  percentiles: Record<RepKpi, number | null>;
  score: number | null;
  flags: Partial<Record<RepKpi, KpiFlag>>;
}

export function scoreReps(rows: ScorecardRow[], weights: Record<RepKpi, number>, flagZ = FLAG_Z): ScoredRep[] {
  const reps = rows.filter((r) => r.level === 'rep');
  const percentiles = reps.map(() => ({}) as Record<RepKpi, number | null>);
  for (const k of REP_KPIS) {
    const ranks = percentileRanks(
      reps.map((r) => r.kpis[k]),
      LOWER_IS_BETTER.has(k),
    );
    ranks.forEach((p, i) => (percentiles[i][k] = p));
  }
  return reps.map((row, i) => {
    let sum = 0;
    let weight = 0;
    for (const k of REP_KPIS) {
      const p = percentiles[i][k];
      const w = Math.max(0, weights[k] ?? 0);
      if (p === null || w === 0) continue;
      sum += w * p;
      weight += w;
    }
    const flags: Partial<Record<RepKpi, KpiFlag>> = {};
    for (const k of REP_KPIS) {
      const v = row.kpis[k];
      if (v === null) continue;
      const teamValues = reps.filter((r) => r.team === row.team && r.kpis[k] !== null).map((r) => r.kpis[k] as number);
      const group = teamValues.length >= 3 ? teamValues : reps.filter((r) => r.kpis[k] !== null).map((r) => r.kpis[k] as number);
      if (group.length < 3) continue;
      const med = median(group);
      const mad = median(group.map((x) => Math.abs(x - med)));
      if (mad === 0) continue;
      const z = ((LOWER_IS_BETTER.has(k) ? -1 : 1) * (v - med)) / (1.4826 * mad);
      if (z < -flagZ) flags[k] = { median: med, z };
    }
    return { row, percentiles: percentiles[i], score: weight > 0 ? sum / weight : null, flags };
  });
}
