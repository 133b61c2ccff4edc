/**
 * Budgets entered in the app (#/budget): an annual amount for a unit and a
 * line, phased into the fiscal year's months (evenly or by the unit's
 * revenue last year), to the cent. Entries live in `app_budget` and replace
 * the loaded budget's rows with the same month, unit and line in the
 * `budget` view, which is always the loaded budget (`budget_base`) with the
 * entries applied.
 */
import { sumsSource } from '../warehouse/sources';
import type { SqlRunner } from '../engine/types';
import { addDays, addMonths } from '../model/period';
import { isoDate, sqlDate, sqlIdent, sqlNumber, sqlString, SALES_MONTH } from '../model/sql';
import { fiscalMonths } from '../targets/plan';
import { splitToCents } from '../targets/split';

export interface BudgetEntryRow {
  period: string;
  unit_type: string;
  unit: string;
  line: string;
  amount: number;
}

export interface BudgetEntrySpec {
  fiscalYearStart: string;
  unitType: string;
  unit: string;
  line: string;
  annual: number;
  /** 12 weights in fiscal order (e.g. last year's monthly revenue); all zero or absent = even. */
  weights?: number[];
}

export function budgetEntryRows(spec: BudgetEntrySpec): BudgetEntryRow[] {
  const months = fiscalMonths(spec.fiscalYearStart);
  const weights = spec.weights && spec.weights.length === 12 ? spec.weights.map((w) => Math.max(0, w)) : months.map(() => 1);
  const parts = splitToCents(spec.annual, weights);
  return months.map((period, i) => ({ period, unit_type: spec.unitType, unit: spec.unit, line: spec.line, amount: parts[i] }));
}

const values = (rows: BudgetEntryRow[]) =>
  rows.map((r) => `(${sqlDate(r.period)}, ${sqlString(r.unit_type)}, ${sqlString(r.unit)}, ${sqlString(r.line)}, ${sqlNumber(r.amount)})`).join(', ');

/** Adds entries, replacing earlier entries for the same months, unit and line. */
export async function saveBudgetEntries(db: SqlRunner, rows: BudgetEntryRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.query(`DELETE FROM app_budget a USING (VALUES ${values(rows)}) n(period, unit_type, unit, line, amount)
WHERE a.period = n.period AND a.unit_type = n.unit_type AND a.unit = n.unit AND a.line = n.line`);
  await db.query(`INSERT INTO app_budget VALUES ${values(rows)}`);
}

/** Replaces every entry (restoring the ones kept in the browser, or clearing them). */
export async function replaceBudgetEntries(db: SqlRunner, rows: BudgetEntryRow[]): Promise<void> {
  await db.query('DELETE FROM app_budget');
  if (rows.length > 0) await db.query(`INSERT INTO app_budget VALUES ${values(rows)}`);
}

export async function queryBudgetEntries(db: SqlRunner): Promise<BudgetEntryRow[]> {
  const rows = await db.query<BudgetEntryRow>(`SELECT ${isoDate('period')} AS period, unit_type, unit, line, amount FROM app_budget ORDER BY period, unit_type, unit, line`);
  return rows.map((r) => ({ ...r, amount: Number(r.amount) }));
}

/** The unit's revenue in each month of the year before the fiscal year (fiscal order), for phasing. */
export async function queryLastYearMonths(db: SqlRunner, fiscalYearStart: string, unitColumn: string | null, unit: string, signal?: AbortSignal): Promise<number[]> {
  const from = addMonths(fiscalYearStart, -12);
  const unitFilter = unitColumn ? ` AND CAST(${sqlIdent(unitColumn)} AS VARCHAR) = ${sqlString(unit)}` : '';
  const rows = await db.query<{ month: string; amount: number }>(
    `SELECT ${isoDate(SALES_MONTH)} AS month, sum(amount) AS amount FROM ${sumsSource({}, unitColumn ? [unitColumn] : [])}
WHERE date BETWEEN ${sqlDate(from)} AND ${sqlDate(addDays(fiscalYearStart, -1))}${unitFilter} GROUP BY ${SALES_MONTH}`,
    { signal },
  );
  const byMonth = new Map(rows.map((r) => [r.month, Number(r.amount)]));
  return fiscalMonths(from).map((m) => byMonth.get(m) ?? 0);
}
