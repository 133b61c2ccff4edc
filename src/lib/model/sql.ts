/** SQL quoting: every user-supplied name or value goes through these. */

export function sqlIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** An ISO date literal; rejects anything that is not YYYY-MM-DD. */
export function sqlDate(iso: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new Error(`not an ISO date: ${iso}`);
  return `DATE '${iso}'`;
}

export function sqlNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`not a finite number: ${n}`);
  return String(n);
}

/**
 * The month of the `date` column, as a DATE. Group on this and format with
 * isoDate in the SELECT: formatting a million dates before grouping made a
 * monthly trend about 5× slower in DuckDB-WASM.
 */
/**
 * The fiscal year of a date, labelled by the calendar year it ends in (FY2020 = Jul 2019–Jun 2020 when it
 * starts in July), as model/period.ts fiscalYearOf: the one key every plan, version and yearly total uses.
 */
export function fiscalYearSql(date: string, fyStartMonth: number): string {
  return `(year(${date}) + CASE WHEN ${sqlNumber(fyStartMonth)} > 1 AND month(${date}) >= ${sqlNumber(fyStartMonth)} THEN 1 ELSE 0 END)`;
}

export const SALES_MONTH = "date_trunc('month', date)";

/** A DATE expression as 'YYYY-MM-DD' text. */
export function isoDate(expr: string): string {
  return `strftime(${expr}, '%Y-%m-%d')`;
}

/**
 * A sum of money as a sort key. The same cents summed in another order (parallel aggregation, a rollup)
 * differ in the last bits, so equal amounts would rank apart, differently from run to run; compared at a
 * millionth they tie, and the next sort key (a name) decides.
 */
export function moneyKey(expr: string): string {
  return `round(${expr}, 6)`;
}
