/**
 * Targets files, long (period, unit, amount) or wide (a year column and one
 * column per month, M01..M12 / Jan..Dec / 1月..12月, with '-' or blank for no
 * target), normalised to the targets model: (period, unit_type, unit, amount).
 * A unit given by a key (Adventure Works' EmployeeID) is named through the
 * lookup that has that key, so targets meet the sales' rep names. Amounts
 * given "in thousands" (or 万) are scaled: from the header, or by comparing
 * the targets' size with the units' actual monthly sales.
 */
import { normalizeHeader } from '../ingest/header-synonyms';
import { amountSql } from '../ingest/amount';
import { dateSql, detectDateFormat } from '../ingest/date';
import { sqlIdent, sqlString } from '../model/sql';
import type { SqlRunner } from '../engine/types';

export type TargetUnitType = 'company' | 'team' | 'region' | 'rep' | 'category' | 'product';

export type TargetsLayout =
  | { kind: 'wide'; unitColumn: string | null; unitType: TargetUnitType; yearColumn: string; months: { column: string; month: number }[] }
  | { kind: 'long'; unitColumn: string | null; unitType: TargetUnitType; periodColumn: string; amountColumn: string };

const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** The calendar month a column header names, or null. */
export function monthOfColumn(header: string): number | null {
  const h = normalizeHeader(header);
  const numbered = /^(?:m|month)?0?([1-9]|1[0-2])(?:月)?$/.exec(h);
  if (numbered) return Number(numbered[1]);
  // A full name or its three-letter abbreviation ('Mar', 'March'; not 'Market').
  const i = MONTH_NAMES.findIndex((m) => h === m || h === m.slice(0, 3) || (h === 'sept' && m === 'september'));
  return i >= 0 ? i + 1 : null;
}

const UNIT_TYPES: [TargetUnitType, RegExp][] = [
  ['rep', /employee|salesperson|salesrep|^rep|销售员|业务员|销售代表|员工/],
  ['team', /team|department|团队|部门/],
  ['region', /region|territory|区域|地区|大区/],
  ['category', /category|类别|品类/],
  ['product', /product|产品|商品/],
];

function unitOf(header: string[]): { unitColumn: string | null; unitType: TargetUnitType } {
  for (const [type, pattern] of UNIT_TYPES) {
    const column = header.find((h) => pattern.test(normalizeHeader(h)));
    if (column) return { unitColumn: column, unitType: type };
  }
  return { unitColumn: null, unitType: 'company' };
}

const TARGET_AMOUNT = /target|quota|amount|目标|指标|金额/;

/**
 * Reads the layout of a targets file from its header (and sample, for the
 * long form's period column). `amountColumn` tells the long form's amount
 * column by its name (a budget file's is "Budget", "预算", …).
 */
export function detectTargetsLayout(header: string[], rows: string[][], amountColumnName: RegExp = TARGET_AMOUNT): TargetsLayout | null {
  const months = header.map((column) => ({ column, month: monthOfColumn(column) })).filter((m): m is { column: string; month: number } => m.month !== null);
  const unit = unitOf(header);
  if (months.length >= 6) {
    const yearColumn = header.find((h) => /^(year|fy|fiscalyear|年|年度|年份)$/.test(normalizeHeader(h)));
    if (!yearColumn) return null;
    return { kind: 'wide', ...unit, yearColumn, months };
  }
  const amountColumn = header.find((h) => amountColumnName.test(normalizeHeader(h)) && !/month|date|period|月/.test(normalizeHeader(h)));
  const periodColumn =
    header.find((h) => /month|period|date|月份|期间|日期/.test(normalizeHeader(h))) ??
    header.find((h, i) => detectDateFormat(rows.map((r) => r[i] ?? '')).parsed > 0);
  if (!amountColumn || !periodColumn) return null;
  return { kind: 'long', ...unit, periodColumn, amountColumn };
}

/** How the unit's values are named in the sales data, when the targets use a key. */
export interface UnitNames {
  lookupTable: string;
  keyColumn: string;
  nameColumn: string;
}

/**
 * SQL: the file's rows as (period, unit_type, unit, amount), amounts ×
 * multiplier, no-target cells left out. `carry` adds one more column
 * computed from each row (a budget file's line), after unit.
 */
export function targetsSql(table: string, layout: TargetsLayout, multiplier: number, names: UnitNames | null, carry?: { expr: string; as: string }): string {
  const plain = { decimal: '.' as const };
  const unitExpr = layout.unitColumn ? `CAST(t.${sqlIdent(layout.unitColumn)} AS VARCHAR)` : `'company'`;
  const unit = names ? `coalesce(n.${sqlIdent(names.nameColumn)}, ${unitExpr})` : unitExpr;
  const join = names && layout.unitColumn ? `LEFT JOIN ${sqlIdent(names.lookupTable)} n ON CAST(n.${sqlIdent(names.keyColumn)} AS VARCHAR) = ${unitExpr}` : '';
  const carried = carry ? `, ${carry.expr} AS ${sqlIdent(carry.as)}` : '';
  const carriedName = carry ? `, ${sqlIdent(carry.as)}` : '';
  if (layout.kind === 'wide') {
    const cells = layout.months
      .map((m) => `SELECT make_date(CAST(t.${sqlIdent(layout.yearColumn)} AS INTEGER), ${m.month}, 1) AS period, ${unit} AS unit${carried}, ${amountSql(`CAST(t.${sqlIdent(m.column)} AS VARCHAR)`, plain)} AS value FROM ${sqlIdent(table)} t ${join}`)
      .join('\nUNION ALL\n');
    return `SELECT period, ${sqlString(layout.unitType)} AS unit_type, unit${carriedName}, value * ${multiplier} AS amount FROM (${cells}) WHERE value IS NOT NULL`;
  }
  const samplePeriod = `CAST(t.${sqlIdent(layout.periodColumn)} AS VARCHAR)`;
  // Months as 2017/12/01, 2017-12 or 201712: first of the month.
  const period = `date_trunc('month', coalesce(${dateSql(samplePeriod, { kind: 'iso' })}, try_strptime(${samplePeriod}, '%Y-%m')::DATE, try_strptime(${samplePeriod}, '%Y%m')::DATE))::DATE`;
  return `SELECT ${period} AS period, ${sqlString(layout.unitType)} AS unit_type, ${unit} AS unit${carried}, ${amountSql(`CAST(t.${sqlIdent(layout.amountColumn)} AS VARCHAR)`, plain)} * ${multiplier} AS amount
FROM ${sqlIdent(table)} t ${join} WHERE ${amountSql(`CAST(t.${sqlIdent(layout.amountColumn)} AS VARCHAR)`, plain)} IS NOT NULL`;
}

/** Scales tried for "in thousands" / "in 万" files; 1 first. */
const SCALES = [1, 1_000, 10_000, 1_000_000];

/**
 * The multiplier that brings the typical target closest to the typical
 * actual month of the same units (targets are within a few times the actuals;
 * a ×1000 gap means "in thousands"). 1 when there is nothing to compare.
 */
export function suggestMultiplier(medianTarget: number | null, medianActual: number | null): number {
  if (!medianTarget || !medianActual || medianTarget <= 0 || medianActual <= 0) return 1;
  let best = 1;
  let bestDistance = Infinity;
  for (const scale of SCALES) {
    const distance = Math.abs(Math.log10((medianTarget * scale) / medianActual));
    if (distance < bestDistance - 0.5) {
      best = scale;
      bestDistance = distance;
    }
  }
  return best;
}

export interface TargetsLoad {
  layout: TargetsLayout;
  multiplier: number;
  rows: number;
  total: number;
  /** Units with a target but no sales under that name (listed, never hidden). */
  unmatchedUnits: string[];
}

/**
 * Normalises a targets file (already a text table) into `table` and makes it
 * the plan in force: views targets / targets_all / target_versions.
 * `salesColumn` is the sales column holding the unit's names (e.g. 'rep').
 */
export async function loadTargetsTable(
  db: SqlRunner,
  fileTable: string,
  header: string[],
  rows: string[][],
  fileName: string,
  names: UnitNames | null,
  targetsTable: string,
): Promise<TargetsLoad | null> {
  const layout = detectTargetsLayout(header, rows);
  if (!layout) return null;
  const raw = targetsSql(fileTable, layout, 1, names);
  const salesColumn = layout.unitType === 'company' ? null : layout.unitType;
  const [medians] = await db.query<{ target: number | null; actual: number | null }>(
    `SELECT (SELECT median(amount) FROM (${raw})) AS target,
      (SELECT median(v) FROM (SELECT sum(amount) AS v FROM sales GROUP BY ${salesColumn ? sqlIdent(salesColumn) + ', ' : ''}date_trunc('month', date))) AS actual`,
  );
  const multiplier = suggestMultiplier(medians.target, medians.actual);
  await db.query(`CREATE OR REPLACE TABLE ${sqlIdent(targetsTable)} AS ${targetsSql(fileTable, layout, multiplier, names)}`);
  await db.query(`CREATE OR REPLACE VIEW targets AS SELECT period, unit_type, unit, amount FROM ${sqlIdent(targetsTable)}`);
  await db.query(`CREATE OR REPLACE VIEW targets_all AS SELECT period, unit_type, unit, amount, 1 AS version FROM ${sqlIdent(targetsTable)}`);
  await db.query(
    `CREATE OR REPLACE VIEW target_versions AS SELECT 1 AS version, CAST(year(min(period)) AS INTEGER) AS fiscal_year, DATE '${new Date().toISOString().slice(0, 10)}' AS created,
       min(period) AS effective_from, ${sqlString(`loaded from ${fileName}`)} AS reason, 'all' AS scope FROM ${sqlIdent(targetsTable)}`,
  );
  const [summary] = await db.query<{ n: number; total: number }>(`SELECT count(*) AS n, coalesce(sum(amount), 0) AS total FROM ${sqlIdent(targetsTable)}`);
  const unmatched = salesColumn
    ? await db.query<{ unit: string }>(
        `SELECT DISTINCT unit FROM ${sqlIdent(targetsTable)} WHERE unit NOT IN (SELECT ${sqlIdent(salesColumn)} FROM sales WHERE ${sqlIdent(salesColumn)} IS NOT NULL) ORDER BY 1 LIMIT 20`,
      )
    : [];
  return { layout, multiplier, rows: Number(summary.n), total: Number(summary.total), unmatchedUnits: unmatched.map((u) => u.unit) };
}
