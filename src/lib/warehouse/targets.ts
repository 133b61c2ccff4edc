/** `targets`: the plan in force, over a table of every version (`targets_all`). */
import { fiscalYearSql } from '../model/sql';

/**
 * The plan in force: for each fiscal year's months, the latest version of that fiscal year (the workspace's
 * fiscal year, which need not start in January). Older versions stay in `targets_all` for the history.
 */
export function targetsInForceSql(table: string, fyStartMonth: number): string {
  return `SELECT period, unit_type, unit, amount FROM ${table} t
WHERE version = (SELECT max(version) FROM ${table} v WHERE ${fiscalYearSql('v.period', fyStartMonth)} = ${fiscalYearSql('t.period', fyStartMonth)})`;
}
