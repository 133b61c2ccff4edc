/**
 * Budget vs actual (#/budget): per unit and budget line over a date range,
 * budget, actual, variance = actual − budget, variance %, favourable or not
 * by line type (more revenue is favourable, more of any cost line is not),
 * margin and expense ratio against budget, and alerts beyond a threshold.
 *
 * Monthly budgets are prorated by days when the range covers only part of a
 * month (MTD as of the 24th gets 24/30 of the month's budget), like pacing's
 * expected-to-date. Actuals come from `sales`: revenue = sum(amount), cost of
 * sales = sum(cost). Other lines (selling expense…) have no actual in the
 * sales data: their actual is null and only the budget is shown.
 */
import type { SqlRunner } from '../engine/types';
import type { DateRange } from '../model/period';
import { sqlDate, sqlIdent, sqlString } from '../model/sql';
import { dimensionPredicates, type DimensionFilters } from '../model/where';
import { sumsSource } from '../warehouse/sources';
import type { Basis } from '../model/view-state';

/** Lines with an actual in the sales data: line → SQL aggregate over sales. */
export const ACTUAL_OF_LINE: Record<string, string> = {
  revenue: 'sum(amount)',
  cost_of_sales: 'sum(cost)',
};
/** Lines where more is favourable; every other line is a cost. */
export const REVENUE_LINES = new Set(['revenue']);
/** Budget unit types whose units are a sales column. */
const COLUMN_OF_UNIT_TYPE: Record<string, string> = { team: 'team', region: 'region', rep: 'rep', category: 'category', channel: 'channel', product: 'product' };

export interface BudgetParams {
  range: DateRange;
  /** The budget's unit type to compare at ('team' in the sample; 'company' = every sale). */
  unitType: string;
  filters: DimensionFilters;
  basis: Basis;
  /** `cost` is mapped: cost of sales has an actual. */
  hasCost: boolean;
}

export interface BudgetRow {
  unit: string;
  line: string;
  budget: number;
  /** Null when the sales data has no actual for the line. */
  actual: number | null;
}

/** The budget's unit types present (to choose a level). */
export function budgetUnitTypesSql(): string {
  return 'SELECT DISTINCT unit_type FROM budget ORDER BY unit_type';
}

/** Levels a budget can be compared at (a sales column, or the company), in the order the view offers them. */
export const BUDGET_LEVELS = ['team', 'region', 'rep', 'category', 'channel', 'company'] as const;
export type BudgetLevel = (typeof BUDGET_LEVELS)[number];

export async function queryBudgetLevels(db: SqlRunner, signal?: AbortSignal): Promise<BudgetLevel[]> {
  const rows = await db.query<{ unit_type: string }>(budgetUnitTypesSql(), { signal });
  const present = new Set(rows.map((r) => r.unit_type));
  return BUDGET_LEVELS.filter((l) => present.has(l));
}

export function budgetVarianceSql(p: BudgetParams): string {
  const { start, end } = p.range;
  const s = sqlDate(start);
  const e = sqlDate(end);
  const column = COLUMN_OF_UNIT_TYPE[p.unitType];
  if (p.unitType !== 'company' && !column) throw new Error(`budget unit type ${p.unitType} has no sales column`);
  const unitExpr = column ? `CAST(${sqlIdent(column)} AS VARCHAR)` : `'company'`;
  const lines = Object.entries(ACTUAL_OF_LINE).filter(([line]) => line !== 'cost_of_sales' || p.hasCost);
  const actualCols = lines.map(([line, agg]) => `${agg} AS ${sqlIdent(line)}`).join(', ');
  const unpivot = lines.map(([line]) => `SELECT unit, ${sqlString(line)} AS line, ${sqlIdent(line)} AS actual FROM actual_wide`).join('\nUNION ALL\n');
  const where = [`date BETWEEN ${s} AND ${e}`, ...dimensionPredicates(p.filters, p.basis)];
  if (column) where.push(`${sqlIdent(column)} IS NOT NULL`);
  const budgetUnit = p.unitType === 'company' ? `'company'` : 'unit';
  return `WITH budget_in_range AS (
  SELECT ${budgetUnit} AS unit, line,
    sum(amount * (date_diff('day', greatest(period, ${s}), least(last_day(period), ${e})) + 1) / day(last_day(period))) AS budget
  FROM budget
  WHERE unit_type = ${sqlString(p.unitType === 'company' ? 'company' : p.unitType)} AND period <= ${e} AND last_day(period) >= ${s}
  GROUP BY ALL
), actual_wide AS (
  SELECT ${unitExpr} AS unit, ${actualCols} FROM ${sumsSource(p.filters, column ? [column] : [])} WHERE ${where.join(' AND ')} GROUP BY ALL
), actual_long AS (
${unpivot}
)
SELECT b.unit, b.line, b.budget, a.actual
FROM budget_in_range b LEFT JOIN actual_long a ON a.unit = b.unit AND a.line = b.line
ORDER BY b.unit, b.line`;
}

/**
 * The budget at `unitType`; for 'company' when the budget has no company
 * lines, the sum of its units (the sample's company budget = sum of teams).
 */
export async function queryBudgetVariance(db: SqlRunner, p: BudgetParams, signal?: AbortSignal): Promise<BudgetRow[]> {
  const rows = await db.query<BudgetRow>(budgetVarianceSql(p), { signal });
  // A line with no sales in the range has actual 0, not "unknown", when the line has an actual at all.
  return rows.map((r) => ({ ...r, actual: r.actual === null && r.line in ACTUAL_OF_LINE && (r.line !== 'cost_of_sales' || p.hasCost) ? 0 : r.actual }));
}

export interface VarianceRow extends BudgetRow {
  /** actual − budget; null without an actual. */
  variance: number | null;
  /** variance / budget; null without an actual or with a zero budget. */
  variancePct: number | null;
  /** More revenue, or less cost, than budgeted; null without an actual. */
  favourable: boolean | null;
  /** Unfavourable and |variance %| ≥ threshold. */
  alert: boolean;
}

export function isRevenueLine(line: string): boolean {
  return REVENUE_LINES.has(line);
}

export function varianceRow(r: BudgetRow, threshold: number): VarianceRow {
  if (r.actual === null) return { ...r, variance: null, variancePct: null, favourable: null, alert: false };
  const variance = r.actual - r.budget;
  const variancePct = r.budget !== 0 ? variance / r.budget : null;
  const favourable = isRevenueLine(r.line) ? variance >= 0 : variance <= 0;
  const alert = !favourable && variancePct !== null && Math.abs(variancePct) >= threshold;
  return { ...r, variance, variancePct, favourable, alert };
}

/** Adds the total over units per line (unit = `totalLabel`); lines without actuals keep a null actual. */
export function withTotals(rows: BudgetRow[], totalLabel: string): BudgetRow[] {
  const totals = new Map<string, BudgetRow>();
  for (const r of rows) {
    const t = totals.get(r.line) ?? { unit: totalLabel, line: r.line, budget: 0, actual: r.actual === null ? null : 0 };
    t.budget += r.budget;
    if (t.actual !== null && r.actual !== null) t.actual += r.actual;
    else t.actual = null;
    totals.set(r.line, t);
  }
  return [...rows, ...totals.values()];
}

/** Variance rows, alerts first (largest |variance %| first), then by unit (`lastUnit`, the total, at the end) and line order. */
export function shapeVariance(rows: BudgetRow[], threshold: number, lineOrder: string[], lastUnit?: string): VarianceRow[] {
  const order = (line: string) => (lineOrder.includes(line) ? lineOrder.indexOf(line) : lineOrder.length);
  return rows
    .map((r) => varianceRow(r, threshold))
    .sort((a, b) => {
      if (a.alert !== b.alert) return a.alert ? -1 : 1;
      if (a.alert && b.alert) return Math.abs(b.variancePct ?? 0) - Math.abs(a.variancePct ?? 0);
      if ((a.unit === lastUnit) !== (b.unit === lastUnit)) return a.unit === lastUnit ? 1 : -1;
      return a.unit.localeCompare(b.unit) || order(a.line) - order(b.line);
    });
}

export interface MarginRow {
  unit: string;
  /** (revenue − cost of sales) / revenue. */
  actualMargin: number | null;
  budgetMargin: number | null;
  /** Budgeted selling expense / budgeted revenue (no actual selling expense in sales data). */
  budgetExpenseRatio: number | null;
}

/** Gross margin vs budget and the budgeted expense ratio per unit. */
export function marginRows(rows: BudgetRow[]): MarginRow[] {
  const byUnit = new Map<string, Map<string, BudgetRow>>();
  for (const r of rows) {
    if (!byUnit.has(r.unit)) byUnit.set(r.unit, new Map());
    byUnit.get(r.unit)!.set(r.line, r);
  }
  return [...byUnit].map(([unit, lines]) => {
    const rev = lines.get('revenue');
    const cos = lines.get('cost_of_sales');
    const sell = lines.get('selling_expense');
    const margin = (revenue: number | null | undefined, cost: number | null | undefined) =>
      revenue === null || revenue === undefined || cost === null || cost === undefined || revenue === 0 ? null : (revenue - cost) / revenue;
    return {
      unit,
      actualMargin: margin(rev?.actual, cos?.actual),
      budgetMargin: margin(rev?.budget, cos?.budget),
      budgetExpenseRatio: rev && sell && rev.budget !== 0 ? sell.budget / rev.budget : null,
    };
  });
}
