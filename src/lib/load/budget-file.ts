/**
 * Budget files, normalised to the budget model (period, unit_type, unit,
 * line, amount) like targets files: long (a period, an optional unit, a line
 * and an amount per row) or wide (a year, an optional unit, a line and one
 * column per month). The line's text is mapped to the lines the budget view
 * knows (revenue, cost of sales, selling expense; English or Chinese); any
 * other line keeps its own name and is shown with its budget only.
 */
import { normalizeHeader } from '../ingest/header-synonyms';
import { sqlIdent } from '../model/sql';
import type { SqlRunner } from '../engine/types';
import { detectTargetsLayout, targetsSql, type TargetsLayout } from './targets-file';
import { budgetViewStatements } from '../warehouse/budget';

export interface BudgetLayout {
  /** Period, unit and amount as in a targets file. */
  values: TargetsLayout;
  lineColumn: string;
}

const LINE_COLUMN = /^(line|lineitem|item|account|budgetline|科目|项目|预算科目|费用项目)$/;
const BUDGET_AMOUNT = /budget|amount|预算|金额/;

export function detectBudgetLayout(header: string[], rows: string[][]): BudgetLayout | null {
  const lineColumn = header.find((h) => LINE_COLUMN.test(normalizeHeader(h)));
  if (!lineColumn) return null;
  const rest = header.map((h, i) => ({ h, i })).filter(({ h }) => h !== lineColumn);
  const values = detectTargetsLayout(
    rest.map(({ h }) => h),
    rows.map((r) => rest.map(({ i }) => r[i] ?? '')),
    BUDGET_AMOUNT,
  );
  return values ? { values, lineColumn } : null;
}

/** SQL: a line's text → the budget view's line name (unknown lines keep their trimmed text). */
export function budgetLineSql(expr: string): string {
  const t = `lower(trim(CAST(${expr} AS VARCHAR)))`;
  return `CASE
  WHEN regexp_matches(${t}, '^(cost of (goods|sales)|cogs|cost_of_sales|销售成本|营业成本|成本)$') THEN 'cost_of_sales'
  WHEN regexp_matches(${t}, '^(selling|selling expenses?|sales expenses?|selling_expense|销售费用)$') THEN 'selling_expense'
  WHEN regexp_matches(${t}, '^(revenue|sales|net sales|turnover|销售额|收入|营业收入|销售收入)$') THEN 'revenue'
  ELSE trim(CAST(${expr} AS VARCHAR)) END`;
}

/** The budget rows (period, unit_type, unit, line, amount): the targets normaliser, carrying each row's line. */
export function budgetSql(table: string, layout: BudgetLayout): string {
  return `SELECT period, unit_type, unit, line, amount FROM (${targetsSql(table, layout.values, 1, null, { expr: budgetLineSql(`t.${sqlIdent(layout.lineColumn)}`), as: 'line' })})`;
}

export interface BudgetLoad {
  layout: BudgetLayout;
  rows: number;
  lines: string[];
}

/** Normalises a budget file (already a text table) into `budgetTable` and makes it the `budget` view. */
export async function loadBudgetTable(db: SqlRunner, fileTable: string, header: string[], rows: string[][], budgetTable: string): Promise<BudgetLoad | null> {
  const layout = detectBudgetLayout(header, rows);
  if (!layout) return null;
  await db.query(`CREATE OR REPLACE TABLE ${sqlIdent(budgetTable)} AS ${budgetSql(fileTable, layout)}`);
  for (const sql of budgetViewStatements(`SELECT period, unit_type, unit, line, amount FROM ${sqlIdent(budgetTable)}`)) await db.query(sql);
  const [summary] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${sqlIdent(budgetTable)}`);
  const lines = await db.query<{ line: string }>(`SELECT DISTINCT line FROM ${sqlIdent(budgetTable)} ORDER BY 1`);
  return { layout, rows: Number(summary.n), lines: lines.map((l) => l.line) };
}
