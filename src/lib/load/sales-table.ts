/**
 * Builds the canonical sales table from a source relation: one CREATE TABLE
 * AS SELECT that parses every mapped column with the detected formats and
 * keeps the raw text of unparseable dates/amounts (so rejects are counted
 * and shown, never dropped silently). Pure SQL building; tested in DuckDB.
 */
import { amountRejectSql, amountSql, type AmountFormat } from '../ingest/amount';
import { dateRejectSql, dateSql, type DateFormat } from '../ingest/date';
import { CELL_SPACE, NULL_MARKERS } from '../ingest/blank';
import { CANONICAL_FIELDS, NUMERIC_FIELDS, type CanonicalField, type Mapping } from '../model/schema';
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
}

const NUMERIC = new Set<CanonicalField>(NUMERIC_FIELDS);
/** The same blanks as the amount/date parsers (ingest/blank.ts), with DuckDB's fast trim(text, characters). */
const BLANKS = `(${NULL_MARKERS.map(sqlString).join(', ')})`;
const trimmed = (text: string) => `trim(${text}, ${sqlString(CELL_SPACE)})`;

function col(plan: SalesTablePlan, field: CanonicalField): { expr: string; kind: SourceKind } | null {
  const source = plan.mapping[field];
  if (!source) return null;
  return { expr: sqlIdent(source), kind: plan.columnKinds[source] ?? 'text' };
}

function parsedNumber(plan: SalesTablePlan, field: CanonicalField): string | null {
  const c = col(plan, field);
  if (!c) return null;
  return c.kind === 'number' ? `CAST(${c.expr} AS DOUBLE)` : amountSql(`CAST(${c.expr} AS VARCHAR)`, plan.amountFormat);
}

function parsedDate(plan: SalesTablePlan): string | null {
  const c = col(plan, 'date');
  if (!c) return null;
  if (c.kind === 'date') return `CAST(${c.expr} AS DATE)`;
  if (c.kind === 'number') return `CAST(DATE '1899-12-30' + CAST(${c.expr} AS INTEGER) AS DATE)`;
  if (!plan.dateFormat) return null;
  return dateSql(`CAST(${c.expr} AS VARCHAR)`, plan.dateFormat);
}

function parsedText(plan: SalesTablePlan, field: CanonicalField): string | null {
  const c = col(plan, field);
  if (!c) return null;
  const t = trimmed(`CAST(${c.expr} AS VARCHAR)`);
  return `CASE WHEN lower(${t}) IN ${BLANKS} THEN NULL ELSE ${t} END`;
}

/** The amount source: mapped amount, else quantity × unit price. */
export function amountIsDerived(mapping: Mapping): boolean {
  return !mapping.amount && !!mapping.quantity && !!mapping.unit_price;
}

/** Raw text kept when a value fails to parse (NULL otherwise: costs nothing for good rows). */
function rejectColumn(plan: SalesTablePlan, field: CanonicalField): string {
  const c = col(plan, field);
  if (!c || c.kind !== 'text') return 'NULL::VARCHAR';
  const text = `CAST(${c.expr} AS VARCHAR)`;
  const reject =
    field === 'date'
      ? plan.dateFormat
        ? dateRejectSql(text, plan.dateFormat)
        : `(lower(${trimmed(text)}) NOT IN ${BLANKS})`
      : amountRejectSql(text, plan.amountFormat);
  return `CASE WHEN ${reject} THEN ${text} END`;
}

/** `_row` is the row number as a spreadsheet shows it (the header is row 1). */
export function salesSelectSql(plan: SalesTablePlan): string {
  const exprs = new Map<CanonicalField, string>();
  for (const field of CANONICAL_FIELDS) {
    const e = field === 'date' ? parsedDate(plan) : NUMERIC.has(field) ? parsedNumber(plan, field) : parsedText(plan, field);
    exprs.set(field, e ?? (field === 'date' ? 'NULL::DATE' : NUMERIC.has(field) ? 'NULL::DOUBLE' : 'NULL::VARCHAR'));
  }
  const select = CANONICAL_FIELDS.map((f) => `${exprs.get(f)} AS ${sqlIdent(f)}`);
  const amountRejects = amountIsDerived(plan.mapping)
    ? `coalesce(${rejectColumn(plan, 'quantity')}, ${rejectColumn(plan, 'unit_price')})`
    : rejectColumn(plan, 'amount');
  select.push(`${rejectColumn(plan, 'date')} AS _date_bad`, `${amountRejects} AS _amount_bad`, `row_number() OVER () + 1 AS _row`);
  return `SELECT ${select.join(',\n  ')}\nFROM ${plan.from}`;
}

/**
 * Fills what can be derived: amount = quantity × unit price; profit from cost
 * and cost from profit, so analyses can use either.
 */
export function salesTableSql(plan: SalesTablePlan, table: string): string {
  const m = plan.mapping;
  const amount = amountIsDerived(m) ? 'round(quantity * unit_price, 2)' : 'amount';
  const cost = !m.cost && m.profit ? 'amount - profit' : 'cost';
  const profit = !m.profit && m.cost ? 'amount - cost' : 'profit';
  return `CREATE OR REPLACE TABLE ${sqlIdent(table)} AS
WITH parsed AS (${salesSelectSql(plan)}),
with_amount AS (SELECT * REPLACE (${amount} AS amount) FROM parsed)
SELECT * REPLACE (${cost} AS cost, ${profit} AS profit) FROM with_amount`;
}

/** The canonical `sales` view over a loaded table (internal columns hidden). */
export function salesViewSql(table: string): string {
  return `CREATE OR REPLACE VIEW sales AS SELECT ${CANONICAL_FIELDS.map(sqlIdent).join(', ')} FROM ${sqlIdent(table)}`;
}

export interface LoadCheck {
  rows: number;
  badDates: number;
  missingDates: number;
  badAmounts: number;
  minDate: string | null;
  maxDate: string | null;
}

export function loadCheckSql(table: string): string {
  return `SELECT count(*) AS rows,
  count(_date_bad) AS "badDates",
  count(*) FILTER (WHERE date IS NULL AND _date_bad IS NULL) AS "missingDates",
  count(_amount_bad) AS "badAmounts",
  strftime(min(date), '%Y-%m-%d') AS "minDate",
  strftime(max(date), '%Y-%m-%d') AS "maxDate"
FROM ${sqlIdent(table)}`;
}

export function rejectExamplesSql(table: string, kind: 'date' | 'amount', limit = 5): string {
  const c = kind === 'date' ? '_date_bad' : '_amount_bad';
  return `SELECT _row AS "row", ${c} AS value FROM ${sqlIdent(table)} WHERE ${c} IS NOT NULL ORDER BY _row LIMIT ${limit}`;
}
