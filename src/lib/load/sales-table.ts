/**
 * Builds the canonical sales table from a source relation: one CREATE TABLE
 * AS SELECT that parses every mapped column with the detected formats and
 * keeps the raw text of values that did not parse (so rejects are counted
 * and shown, never dropped silently). Pure SQL building; tested in DuckDB.
 *
 * Speed matters here (a 1M-row file must load in seconds), so each parser has
 * a cheap first try and the full grammar only runs on what that misses:
 * TRY_CAST for plain numbers and ISO dates, no trimming of text columns whose
 * sample is clean, and a raw-text reject column that is classified (blank vs
 * unparseable) only afterwards, over the few rows that failed.
 */
import { GRAIN_COLUMNS_SQL } from './sales-summary';
import type { Grain } from '../ingest/date';
import { FLAGGED_SALES, ORDER_FLAGS, SALES_ROLLUP } from '../warehouse/relations';
import { amountRejectSql, amountSql, type AmountFormat } from '../ingest/amount';
import { dateRejectSql, dateSql, type DateFormat } from '../ingest/date';
import { CELL_SPACE, NULL_MARKERS, isBlankCell } from '../ingest/blank';
import { CANONICAL_FIELDS, NUMERIC_FIELDS, type CanonicalField, type InputField, type Mapping } from '../model/schema';
import { sqlIdent, sqlString } from '../model/sql';

/** How DuckDB typed a source column: CSV text is always 'text'; Parquet/Arrow keep their types. */
export type SourceKind = 'text' | 'number' | 'date';

export interface SalesTablePlan {
  /** A SQL relation: read_csv(...) or a table name. */
  from: string;
  columnKinds: Record<string, SourceKind>;
  mapping: Mapping;
  amountFormat: AmountFormat;
  dateFormat: DateFormat | null;
  /** Text columns whose sample has padding or null markers ('NULL', '-', …): only these are cleaned. */
  textToClean?: string[];
}

const NUMERIC = new Set<CanonicalField>(NUMERIC_FIELDS);
/** The same blanks as the amount/date parsers (ingest/blank.ts). */
const BLANKS = `(${NULL_MARKERS.map(sqlString).join(', ')})`;

/** Whether sampled text values need trimming or null-marker handling. */
export function needsCleaning(samples: string[]): boolean {
  const padded = (s: string) => CELL_SPACE.includes(s[0]) || CELL_SPACE.includes(s[s.length - 1]);
  return samples.some((s) => s !== '' && (padded(s) || isBlankCell(s)));
}

function source(plan: SalesTablePlan, field: InputField): { column: string; expr: string; kind: SourceKind } | null {
  const column = plan.mapping[field];
  if (!column) return null;
  return { column, expr: sqlIdent(column), kind: plan.columnKinds[column] ?? 'text' };
}

const asText = (expr: string) => `CAST(${expr} AS VARCHAR)`;

function parsedNumber(plan: SalesTablePlan, field: InputField): string | null {
  const c = source(plan, field);
  if (!c) return null;
  if (c.kind === 'number') return `CAST(${c.expr} AS DOUBLE)`;
  const full = amountSql(asText(c.expr), plan.amountFormat);
  // With '.' decimals a plain number casts directly; with ',' decimals "1.234" means 1234, so only the grammar may read it.
  return plan.amountFormat.decimal === '.' ? `coalesce(TRY_CAST(${c.expr} AS DOUBLE), ${full})` : full;
}

function parsedDate(plan: SalesTablePlan): string | null {
  const c = source(plan, 'date');
  if (!c) return null;
  if (c.kind === 'date') return `CAST(${c.expr} AS DATE)`;
  if (c.kind === 'number') return `CAST(DATE '1899-12-30' + CAST(${c.expr} AS INTEGER) AS DATE)`;
  if (!plan.dateFormat) return null;
  const full = dateSql(asText(c.expr), plan.dateFormat);
  return plan.dateFormat.kind === 'iso' ? `coalesce(TRY_CAST(${c.expr} AS DATE), ${full})` : full;
}

function parsedText(plan: SalesTablePlan, field: CanonicalField): string | null {
  const c = source(plan, field);
  if (!c) return null;
  if (c.kind !== 'text' || !plan.textToClean?.includes(c.column)) return `nullif(${asText(c.expr)}, '')`;
  const t = `trim(${asText(c.expr)}, ${sqlString(CELL_SPACE)})`;
  return `CASE WHEN lower(${t}) IN ${BLANKS} THEN NULL ELSE ${t} END`;
}

/** The amount source: mapped amount, else quantity × unit price. */
export function amountIsDerived(mapping: Mapping): boolean {
  return !mapping.amount && !!mapping.quantity && !!mapping.unit_price;
}

/** The source column's text, carried along so values that failed to parse can be shown (dropped at the end). */
function rawText(plan: SalesTablePlan, field: InputField): string {
  const c = source(plan, field);
  return c && c.kind === 'text' ? c.expr : 'NULL::VARCHAR';
}

/** `_row` is the row number as a spreadsheet shows it (the header is row 1). */
export function salesSelectSql(plan: SalesTablePlan): string {
  const select = CANONICAL_FIELDS.map((field) => {
    const e = field === 'date' ? parsedDate(plan) : NUMERIC.has(field) ? parsedNumber(plan, field) : parsedText(plan, field);
    const fallback = field === 'date' ? 'NULL::DATE' : NUMERIC.has(field) ? 'NULL::DOUBLE' : 'NULL::VARCHAR';
    return `${e ?? fallback} AS ${sqlIdent(field)}`;
  });
  select.push(
    `${rawText(plan, 'date')} AS _date_text`,
    `${rawText(plan, 'amount')} AS _amount_text`,
    `${rawText(plan, 'quantity')} AS _quantity_text`,
    `${rawText(plan, 'unit_price')} AS _price_text`,
    `${parsedNumber(plan, 'discount') ?? 'NULL::DOUBLE'} AS _discount`,
    'row_number() OVER () + 1 AS _row',
  );
  return `SELECT ${select.join(',\n  ')}\nFROM ${plan.from}`;
}

/**
 * Fills what can be derived (amount = quantity × unit price; profit from cost
 * and cost from profit) and keeps, in `_date_raw` / `_amount_raw`, the text of
 * dates and amounts that gave NULL: blanks or rejects, told apart by
 * loadCheckSql over those few rows only.
 */
export function salesTableSql(plan: SalesTablePlan, table: string): string {
  const m = plan.mapping;
  const derived = amountIsDerived(m);
  // A discount is a fraction of the list amount (Northwind: 0.05 = 5 %).
  // Not rounded per line: totals then match a computation over the same columns.
  const amount = derived ? (m.discount ? 'quantity * unit_price * (1 - coalesce(_discount, 0))' : 'quantity * unit_price') : 'amount';
  const cost = !m.cost && m.profit ? 'amount - profit' : 'cost';
  const profit = !m.profit && m.cost ? 'amount - cost' : 'profit';
  const amountRaw = derived
    ? 'CASE WHEN quantity IS NULL THEN _quantity_text WHEN unit_price IS NULL THEN _price_text END'
    : 'CASE WHEN amount IS NULL THEN _amount_text END';
  return `CREATE OR REPLACE TABLE ${sqlIdent(table)} AS
WITH parsed AS (${salesSelectSql(plan)}),
with_amount AS (
  SELECT * EXCLUDE (_date_text, _amount_text, _quantity_text, _price_text, _discount) REPLACE (${amount} AS amount),
    CASE WHEN date IS NULL THEN _date_text END AS _date_raw,
    ${amountRaw} AS _amount_raw
  FROM parsed)
SELECT * REPLACE (${cost} AS cost, ${profit} AS profit) FROM with_amount`;
}

/**
 * The canonical `sales` view over a loaded table (internal columns hidden; `database` for the compacted
 * copy), with `sales_rollup` over it (recreated with it: DuckDB refuses a view whose source changed shape).
 */
export function salesViewSql(table: string, database?: string): string {
  const from = database ? `${sqlIdent(database)}.${sqlIdent(table)}` : sqlIdent(table);
  return `CREATE OR REPLACE VIEW sales AS SELECT ${CANONICAL_FIELDS.map(sqlIdent).join(', ')} FROM ${from};\n${LINES_ROLLUP_VIEW}`;
}

/**
 * `sales_rollup` (the source of queries that only sum, warehouse/sources.ts sumsSource) over the lines
 * themselves — a line is an exact rollup of itself, `_lines` = 1. A prepared workspace has a real one instead.
 */
export const LINES_ROLLUP_VIEW = `CREATE OR REPLACE VIEW ${SALES_ROLLUP} AS SELECT *, 1 AS _lines FROM sales`;

/** The columns of `sales_rollup`: the grain (date and every dimension but customer) and the sums. */
export const ROLLUP_GRAIN = ['date', 'product', 'category', 'channel', 'region', 'rep', 'team'] as const;
export const ROLLUP_SUMS = ['amount', 'quantity', 'cost', 'profit'] as const;
export const ROLLUP_FIELDS = [...ROLLUP_GRAIN, ...ROLLUP_SUMS] as const;

/**
 * The exact daily rollup of canonical lines (scripts/prepare-workspace.ts). Every query that sums over
 * `sales_rollup` gets the lines' numbers: its filters are on grain columns, and grouping also by the signs
 * of amount and quantity keeps each row's sums of one sign, so `amount > 0` (the gross basis) picks
 * exactly the rows of the lines it would pick. `_lines` counts them.
 */
export function rollupSql(lines: string): string {
  const grain = ROLLUP_GRAIN.map(sqlIdent).join(', ');
  return `SELECT ${grain}, ${ROLLUP_SUMS.map((f) => `sum(${sqlIdent(f)}) AS ${sqlIdent(f)}`).join(', ')}, count(*) AS _lines,
  sign(amount) AS _amount_sign, sign(quantity) AS _quantity_sign
FROM ${lines}
GROUP BY ${grain}, sign(amount), sign(quantity)
ORDER BY date`;
}

/**
 * The in-memory database that holds compacted copies of loaded tables.
 * DuckDB compresses in-memory tables only when asked (COMPRESS); text then
 * becomes dictionary-encoded and filters, group-bys and distinct counts on
 * dimensions run several times faster in DuckDB-WASM. Compressing costs
 * about as much as the load itself, so it runs in the background after the
 * data is shown (engine.whenIdle), and `sales` is switched over when done.
 */
export const COMPACT_DATABASE = 'compact';

/**
 * Statements that build the compacted copy of `table` (canonical columns,
 * plus two order flags: `_order_first`, the first line of each order, and
 * `_sale_first`, its first line with amount > 0) and drop older copies.
 * Rows keep their order (semi-joins, not a window), so date ranges still
 * skip whole row groups.
 */
export function compactSalesSql(table: string, olderCopies: string[], options: { flagged?: boolean } = {}): string[] {
  const db = sqlIdent(COMPACT_DATABASE);
  const t = sqlIdent(table);
  // A table restored from a kept copy (see restoreKeptTable) already carries the flags.
  const copy = options.flagged
    ? `CREATE OR REPLACE TABLE ${db}.${t} AS SELECT ${[...CANONICAL_FIELDS, ...ORDER_FLAGS].map(sqlIdent).join(', ')} FROM ${t}`
    : `CREATE OR REPLACE TABLE ${db}.${t} AS
WITH firsts AS MATERIALIZED (
  SELECT min(_row) AS first_row, min(_row) FILTER (WHERE amount > 0) AS first_sale_row FROM ${t} WHERE order_id IS NOT NULL GROUP BY order_id
)
SELECT ${CANONICAL_FIELDS.map(sqlIdent).join(', ')},
  _row IN (SELECT first_row FROM firsts) AS _order_first,
  _row IN (SELECT first_sale_row FROM firsts) AS _sale_first
FROM ${t}`;
  return [
    `ATTACH IF NOT EXISTS ':memory:' AS ${db} (COMPRESS)`,
    ...olderCopies.filter((c) => c !== table).map((c) => `DROP TABLE IF EXISTS ${db}.${sqlIdent(c)}`),
    copy,
    // Compression happens at a checkpoint; a small table would otherwise stay as written.
    `CHECKPOINT ${db}`,
  ];
}

/*
 * FLAGGED_SALES (warehouse/relations.ts): the compacted rows with their order flags, for counting orders as
 * `count(*) FILTER (WHERE _order_first)` (every order) or `… _sale_first` (orders with a sale) — exact
 * whenever every filter, and every column grouped on, is constant within an order (see orderConstantSql).
 */

/** `database`: where the flagged table is (the compacted copy's by default; a restored kept table is in the main one). */
export function flaggedSalesViewSql(table: string, database: string | null = COMPACT_DATABASE): string {
  const from = database ? `${sqlIdent(database)}.${sqlIdent(table)}` : sqlIdent(table);
  return `CREATE OR REPLACE VIEW ${FLAGGED_SALES} AS SELECT ${[...CANONICAL_FIELDS, ...ORDER_FLAGS].map(sqlIdent).join(', ')} FROM ${from}`;
}

/** Which of date and the dimensions never vary within an order (each line compared with the order's first). */
export function orderConstantSql(fields: readonly string[]): string {
  const cols = fields.map((f) => `bool_and(a.${sqlIdent(f)} IS NOT DISTINCT FROM b.${sqlIdent(f)}) AS ${sqlIdent(f)}`).join(', ');
  return `SELECT ${cols} FROM ${FLAGGED_SALES} a JOIN (SELECT * FROM ${FLAGGED_SALES} WHERE _order_first) b USING (order_id)`;
}

export interface LoadCheck {
  rows: number;
  badDates: number;
  missingDates: number;
  badAmounts: number;
  /** rows with no amount that are no reject: empty, 'n/a', '-', … (left out of revenue) */
  missingAmounts: number;
  /** rows with no quantity, where a quantity column is mapped (and the amount is not quantity × price) */
  missingQuantities: number;
  minDate: string | null;
  maxDate: string | null;
  /** day, or month/quarter when the data is a periodic summary (each date a whole period) */
  grain: Grain;
}

/** SQL boolean over a raw-text column: the text is not blank and does not parse. */
function rejectPredicate(plan: SalesTablePlan, kind: 'date' | 'amount'): string {
  const column = kind === 'date' ? '_date_raw' : '_amount_raw';
  if (kind === 'amount') return amountRejectSql(column, plan.amountFormat);
  return plan.dateFormat ? dateRejectSql(column, plan.dateFormat) : `(lower(trim(${column}, ${sqlString(CELL_SPACE)})) NOT IN ${BLANKS})`;
}

export function loadCheckSql(plan: SalesTablePlan, table: string): string {
  return `SELECT count(*) AS rows,
  count(*) FILTER (WHERE _date_raw IS NOT NULL AND ${rejectPredicate(plan, 'date')}) AS "badDates",
  count(*) FILTER (WHERE date IS NULL) AS "nullDates",
  count(*) FILTER (WHERE _amount_raw IS NOT NULL AND ${rejectPredicate(plan, 'amount')}) AS "badAmounts",
  count(*) FILTER (WHERE amount IS NULL) AS "nullAmounts",
  ${plan.mapping.quantity && !amountIsDerived(plan.mapping) ? 'count(*) FILTER (WHERE quantity IS NULL)' : '0'} AS "nullQuantities",
  strftime(min(date), '%Y-%m-%d') AS "minDate",
  strftime(max(date), '%Y-%m-%d') AS "maxDate",
  ${GRAIN_COLUMNS_SQL}
FROM ${sqlIdent(table)}`;
}

/**
 * The commonest texts of the rows without an amount that are no reject ('n/a', '-', empty), with their
 * counts and first row: what the load notice quotes. Only run when there are such rows.
 */
export function missingAmountExamplesSql(table: string, plan: SalesTablePlan, limit = 5): string {
  return `SELECT coalesce(_amount_raw, '') AS value, count(*) AS n, min(_row) AS "row" FROM ${sqlIdent(table)}
WHERE amount IS NULL AND NOT coalesce(_amount_raw IS NOT NULL AND ${rejectPredicate(plan, 'amount')}, false)
GROUP BY 1 ORDER BY n DESC, "row" LIMIT ${limit}`;
}

export function rejectExamplesSql(plan: SalesTablePlan, table: string, kind: 'date' | 'amount', limit = 5): string {
  const column = kind === 'date' ? '_date_raw' : '_amount_raw';
  return `SELECT _row AS "row", ${column} AS value FROM ${sqlIdent(table)}
WHERE ${column} IS NOT NULL AND ${rejectPredicate(plan, kind)} ORDER BY _row LIMIT ${limit}`;
}
