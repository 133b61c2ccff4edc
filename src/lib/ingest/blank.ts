/**
 * What counts as "no value" in a sales export cell. Shared by the amount and
 * date parsers (TS and SQL) so both treat the same texts as empty, and an
 * empty cell is never counted as a rejected (unparseable) one.
 */

/** Lower-cased texts that mean "no value" (Excel, databases, hand-typed). */
/** Also the dashes and words Chinese spreadsheets use for "none": —, 空 (empty), 无 (none). */
export const NULL_MARKERS = ['', '-', '--', '—', 'null', 'n/a', 'n.a.', 'na', '#n/a', 'none', '空', '无'] as const;

/** Whitespace trimmed from both ends of a cell: ASCII, NBSP, narrow NBSP, ideographic space. */
export const CELL_SPACE = ' \t\r\n\u00A0\u202F\u3000';

const SPACE_CLASS = `[${CELL_SPACE.replace('\t', '\\t').replace('\r', '\\r').replace('\n', '\\n')}]`;

/** A whole cell that is only whitespace and at most one null marker (match case-insensitively). */
const BLANK_CELL_PATTERN = `^${SPACE_CLASS}*(?:${NULL_MARKERS.filter((m) => m !== '')
  .map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  .join('|')})?${SPACE_CLASS}*$`;
const BLANK_CELL = new RegExp(BLANK_CELL_PATTERN, 'i');

/** Whether the cell is empty or a null marker such as 'NULL', 'N/A', '-'. */
export function isBlankCell(text: string | null | undefined): boolean {
  return text == null || BLANK_CELL.test(text);
}

/**
 * SQL boolean: true when `col` is NULL, empty or a null marker (mirrors
 * isBlankCell; one full-match regex, which DuckDB runs fast).
 */
export function isBlankCellSql(col: string): string {
  return `(${col} IS NULL OR regexp_full_match(${col}, '${BLANK_CELL_PATTERN.replaceAll("'", "''")}', 'i'))`;
}
