/**
 * The canonical sales table: built in a staging name from a loaded source,
 * checked (dates, amounts, periods), and swapped in only when it checks out;
 * the engine's errors told as load errors.
 */
import { describeDateFormat, periodGrain, SUPPORTED_DATE_FORMATS } from '../ingest/date';
import { grainOfDates } from './sales-summary';
import { isBlankCell } from '../ingest/blank';
import { missingRequired } from '../ingest/mapping';
import { sqlIdent } from '../model/sql';
import { LoadError, MIN_PARSED_SHARE } from './errors';
import { amountIsDerived, loadCheckSql, missingAmountExamplesSql, rejectExamplesSql, salesTableSql, type LoadCheck, type SalesTablePlan } from './sales-table';
import type { LoadEngine, LoadedSource, ProgressFn } from './loaded-source';

type SourceWithoutCheck = Omit<LoadedSource, 'check'>;

/**
 * Builds (or rebuilds, after the user corrects the mapping or a format) the
 * canonical table in a staging name, checks it, and only then swaps the
 * `sales` view to it. On any error the staging table is dropped and the
 * previous workspace is untouched.
 */
export async function buildSalesTable(db: LoadEngine, source: SourceWithoutCheck, progress: ProgressFn = () => {}): Promise<LoadedSource> {
  const facts = { file: source.fileName };
  const missing = missingRequired(source.mapping);
  // The header and the proposal go with the error: its card lets the user pick the columns and load.
  const pick = { ...facts, detail: source.header.join(', '), columns: source.header, proposed: source.mapping };
  if (missing.includes('date')) throw new LoadError('no-date', pick);
  if (missing.includes('amount')) throw new LoadError('no-amount', pick);
  const staging = `${source.table}_staging`;
  progress('loading', null);
  const plan: SalesTablePlan = {
    from: source.relation,
    columnKinds: source.columnKinds,
    mapping: source.mapping,
    amountFormat: source.amountFormat,
    dateFormat: source.dateFormat,
    textToClean: source.textToClean,
  };
  try {
    await db.query(salesTableSql(plan, staging));
  } catch (e) {
    await db.query(`DROP TABLE IF EXISTS ${sqlIdent(staging)}`).catch(() => undefined);
    throw translateEngineError(e, source.fileName);
  }
  progress('checking', null);
  const [raw] = await db.query<Record<string, unknown>>(loadCheckSql(plan, staging));
  const check: LoadCheck = {
    rows: Number(raw.rows),
    badDates: Number(raw.badDates),
    missingDates: Number(raw.nullDates) - Number(raw.badDates),
    badAmounts: Number(raw.badAmounts),
    missingAmounts: Number(raw.nullAmounts) - Number(raw.badAmounts),
    missingQuantities: Number(raw.nullQuantities),
    minDate: (raw.minDate as string | null) ?? null,
    maxDate: (raw.maxDate as string | null) ?? null,
    grain: 'day',
  };
  // A month or quarter form (2024-01, 2024Q1) is periodic by itself; ISO dates all on the 1st are too.
  const formatGrain = periodGrain(source.dateFormat);
  check.grain = formatGrain !== 'day' ? formatGrain : grainOfDates(raw._firsts as boolean | null, raw._quarter_starts as boolean | null, check.minDate, check.maxDate);
  const warnings = source.warnings.filter((w) => w.code === 'ragged-rows');
  try {
    if (check.rows === 0) throw new LoadError('header-only', facts);
    const dateColumn = source.mapping.date;
    const amountColumn = amountIsDerived(source.mapping) ? `${source.mapping.quantity} × ${source.mapping.unit_price}` : source.mapping.amount;
    const judge = async (kind: 'date' | 'amount', bad: number, column: string | undefined, expected: string) => {
      if (bad === 0) return;
      const examples = (await db.query<{ row: number; value: string }>(rejectExamplesSql(plan, staging, kind))).map((r) => ({
        row: Number(r.row),
        value: String(r.value),
      }));
      const f = { ...facts, column, count: bad, total: check.rows, expected, examples, row: examples[0]?.row };
      if (bad > check.rows * (1 - MIN_PARSED_SHARE)) throw new LoadError(kind === 'date' ? 'bad-dates' : 'bad-amounts', f);
      warnings.push({ code: kind === 'date' ? 'some-bad-dates' : 'some-bad-amounts', facts: f });
    };
    // No format fits the column at all: name every format it could have been in.
    await judge('date', check.badDates, dateColumn, source.dateFormat ? describeDateFormat(source.dateFormat) : SUPPORTED_DATE_FORMATS);
    await judge('amount', check.badAmounts, amountColumn, source.amountFormat.decimal === ',' ? '1.234,50' : '1,234.50');
    if (check.missingAmounts > 0) {
      const tokens = await db.query<{ value: string; n: number; row: number }>(missingAmountExamplesSql(staging, plan));
      const detail = tokens.map((r) => `“${r.value}” ×${Number(r.n)}`).join(', ');
      warnings.push({ code: 'missing-amounts', facts: { ...facts, column: amountColumn, count: check.missingAmounts, total: check.rows, detail, row: Number(tokens[0]?.row) } });
    }
    if (check.missingQuantities > 0) {
      warnings.push({ code: 'missing-quantities', facts: { ...facts, column: source.mapping.quantity, count: check.missingQuantities, total: check.rows } });
    }
    if (check.grain !== 'day') {
      const [{ periods }] = await db.query<{ periods: number }>(`SELECT count(DISTINCT date) AS periods FROM ${sqlIdent(staging)}`);
      const at = source.header.indexOf(dateColumn ?? '');
      const examples = source.preview.slice(0, 3).map((r, i) => ({ row: i + 2, value: r[at] ?? '' }));
      warnings.push({ code: GRAIN_WARNING[check.grain], facts: { ...facts, column: dateColumn, count: Number(periods), examples } });
    }
    if (check.missingDates > 0) warnings.push({ code: 'missing-dates', facts: { ...facts, column: dateColumn, count: check.missingDates } });
    if (source.dateAmbiguous) warnings.push({ code: 'ambiguous-dates', facts: { ...facts, column: dateColumn } });
    if (source.mappingReasons.date === 'year-month' && dateColumn) {
      const at = source.header.indexOf(dateColumn);
      const examples = source.preview.map((r, i) => ({ row: i + 2, value: r[at] ?? '' })).filter((e) => !isBlankCell(e.value)).slice(0, 3);
      warnings.push({ code: 'date-from-year-month', facts: { ...facts, column: dateColumn, examples } });
    }
    for (const field of ['date', 'amount'] as const) {
      const column = source.mapping[field];
      if (source.mappingReasons[field] !== 'content' || !column) continue;
      const at = source.header.indexOf(column);
      // Preview row i is the file's line i + 2 (after the header).
      const examples = source.preview.map((r, i) => ({ row: i + 2, value: r[at] ?? '' })).filter((e) => !isBlankCell(e.value)).slice(0, 3);
      warnings.push({ code: field === 'date' ? 'date-by-content' : 'amount-by-content', facts: { ...facts, column, examples } });
    }
  } catch (e) {
    await db.query(`DROP TABLE IF EXISTS ${sqlIdent(staging)}`).catch(() => undefined);
    throw e;
  }
  await db.query(`DROP TABLE IF EXISTS ${sqlIdent(source.table)}`);
  await db.query(`ALTER TABLE ${sqlIdent(staging)} RENAME TO ${sqlIdent(source.table)}`);
  return { ...source, check, warnings };
}

/** The load notice that says a file is a periodic summary. */
const GRAIN_WARNING = { week: 'weekly', month: 'monthly', quarter: 'quarterly' } as const;

function translateEngineError(e: unknown, file: string): LoadError {
  const message = e instanceof Error ? e.message : String(e);
  if (/out of memory|memory limit|could not allocate|Allocation failure/i.test(message)) {
    return new LoadError('out-of-memory', { file, detail: message });
  }
  const line = /line:? (\d+)/i.exec(message);
  const columns = /Expected Number of Columns: (\d+) Found: (\d+)/i.exec(message);
  if (columns) {
    return new LoadError('ragged', { file, row: line ? Number(line[1]) : undefined, detail: `${columns[2]}/${columns[1]}` });
  }
  if (/Conversion Error|Could not convert/i.test(message)) return new LoadError('conversion', { file, row: line ? Number(line[1]) : undefined, detail: message.split('\n')[0] });
  if (/invalid unicode/i.test(message)) return new LoadError('encoding', { file, row: line ? Number(line[1]) : undefined, detail: message.split('\n')[0] });
  return new LoadError('read-failed', { file, row: line ? Number(line[1]) : undefined, detail: message.split('\n').slice(0, 2).join(' ') });
}
