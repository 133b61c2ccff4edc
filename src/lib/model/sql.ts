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
