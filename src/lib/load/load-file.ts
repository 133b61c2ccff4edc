/**
 * File → DuckDB: sniff the head (encoding, delimiter, header, preview),
 * propose the mapping and formats, register the bytes (transcoded to UTF-8
 * only when needed), build the canonical table in a staging name and swap it
 * in only when it checks out, so a failed load never touches the workspace.
 */
import { raggedRows } from '../ingest/sniff';
import { withYearMonthSql } from '../ingest/year-month';
import { CANONICAL_FIELDS } from '../model/schema';
import { sqlIdent } from '../model/sql';
import { LoadError, type LoadWarning } from './errors';
import { ORDER_FLAGS } from '../warehouse/relations';
import { applicable, savedFormats, type LoadEngine, type LoadedSource, type ProgressFn, type SavedChoices } from './loaded-source';
import { checkFile, isParquetFile, nextLoadId, openTextFile, readHead } from './open-file';
import { detectFormats, planCsv, proposeWithYearMonth } from './load-plan';
import { buildSalesTable } from './build-sales-table';

// Its parts: loaded-source.ts (what a load takes and gives), open-file.ts (the head, the bytes), load-plan.ts
// (mapping, formats, relations), build-sales-table.ts (build, check, swap in); this module loads one file.
export { savedFormats, type JoinChoice, type LoadEngine, type LoadPhase, type LoadedSource, type ProgressFn, type SavedChoices, type WorkspaceChoices } from './loaded-source';
export { checkFile, isParquet, isParquetFile, nextLoadId, openTextFile, readHead, type OpenedText } from './open-file';
export { csvRelation, csvSalesPlan, detectFormats, MAPPING_SAMPLE_ROWS, planCsv, type CsvPlan } from './load-plan';
export { buildSalesTable } from './build-sales-table';

export async function loadSalesFile(db: LoadEngine, file: File, progress: ProgressFn = () => {}, saved?: SavedChoices): Promise<LoadedSource> {
  const facts = { file: file.name };
  checkFile(file);
  const id = nextLoadId();
  progress('reading', null);
  const head = await readHead(file);
  if (isParquetFile(file, head)) return loadParquet(db, file, id, progress, saved);
  const { guess, sniff, registered } = await openTextFile(db, file, id, head, progress);
  const plan = planCsv(registered, sniff, saved);
  const warnings: LoadWarning[] = [];
  const ragged = raggedRows(sniff);
  if (ragged.length > 0) {
    warnings.push({ code: 'ragged-rows', facts: { ...facts, count: ragged.length, row: ragged[0].line, detail: `${ragged[0].fields}/${sniff.header.length}` } });
  }
  const source = {
    fileName: file.name,
    fileSize: file.size,
    format: 'csv' as const,
    encoding: guess.encoding + (guess.bom ? ' (BOM)' : ''),
    delimiter: sniff.delimiter,
    header: plan.header,
    preview: plan.rows.slice(0, 20),
    ...plan.text,
    mapping: plan.mapping,
    mappingReasons: plan.reasons,
    ...plan.formats,
    table: `sales_data_${id}`,
    warnings,
  };
  // Fast path: let DuckDB's CSV reader type the columns whose sample is plain
  // (numbers, ISO dates). If any row disagrees, the read fails and the robust
  // text path parses everything and reports each reject.
  if (plan.typed) {
    try {
      return await buildSalesTable(db, { ...source, ...plan.typed }, progress);
    } catch (e) {
      if (!(e instanceof LoadError && e.code === 'conversion')) throw e;
    }
  }
  return buildSalesTable(db, source, progress);
}

/**
 * A one-file workspace from its table kept in the browser (see
 * store/persist.ts): the canonical columns and the order flags of the
 * compacted copy go back in as they were, nothing is parsed again. Throws
 * when the bytes or the saved source do not fit together; the caller then
 * loads the file as usual.
 */
export async function restoreKeptTable(db: LoadEngine, ipc: Uint8Array, saved: unknown): Promise<LoadedSource> {
  const source = saved as LoadedSource;
  const valid =
    !!source && typeof source.table === 'string' && typeof source.fileName === 'string' && typeof source.mapping === 'object' && Number.isFinite(source.check?.rows);
  if (!valid) throw new Error('the kept table has no usable description');
  // Read here first: damaged bytes would leave the engine's Arrow reader stuck for later inserts.
  const { tableFromIPC } = await import('apache-arrow');
  tableFromIPC(ipc);
  const table = `sales_data_${nextLoadId()}`;
  await db.insertIpc(ipc, table);
  try {
    const columns = [...CANONICAL_FIELDS, ...ORDER_FLAGS].map(sqlIdent).join(', ');
    const [row] = await db.query<{ rows: number }>(`SELECT count(*) AS rows FROM (SELECT ${columns} FROM ${sqlIdent(table)})`);
    if (Number(row?.rows) !== source.check.rows) throw new Error(`the kept table has ${row?.rows} rows, its file ${source.check.rows}`);
  } catch (e) {
    await db.query(`DROP TABLE IF EXISTS ${sqlIdent(table)}`);
    throw e;
  }
  return { ...source, table, keptTable: true };
}

async function loadParquet(db: LoadEngine, file: File, id: number, progress: ProgressFn, saved?: SavedChoices): Promise<LoadedSource> {
  const { readParquet } = await import('./parquet');
  let parsed;
  try {
    parsed = await readParquet(await file.arrayBuffer());
  } catch (e) {
    throw new LoadError('read-failed', { file: file.name, detail: e instanceof Error ? e.message : String(e) });
  }
  if (parsed.rows === 0) throw new LoadError('header-only', { file: file.name });
  progress('loading', null);
  const rawTable = `raw_${id}`;
  await db.insertArrow(parsed.table, rawTable);
  const preview = await db.query(`SELECT * FROM ${sqlIdent(rawTable)} LIMIT 200`);
  const sample = preview.map((r) => parsed.names.map((n) => (r[n] === null || r[n] === undefined ? '' : String(r[n]))));
  // Year and month columns (integers in a warehouse export) make the date as in a text file.
  const { header, rows, derived, proposal } = proposeWithYearMonth(parsed.names, sample);
  const choices = applicable(saved, header);
  const formats = { ...detectFormats(header, rows, choices?.mapping ?? proposal.mapping), ...savedFormats(choices) };
  return buildSalesTable(
    db,
    {
      fileName: file.name,
      fileSize: file.size,
      format: 'parquet',
      encoding: null,
      delimiter: null,
      header,
      preview: rows.slice(0, 20),
      columnKinds: derived ? { ...parsed.kinds, [derived.column]: 'text' } : parsed.kinds,
      relation: derived ? withYearMonthSql(sqlIdent(rawTable), derived) : sqlIdent(rawTable),
      mapping: choices?.mapping ?? proposal.mapping,
      mappingReasons: proposal.reasons,
      table: `sales_data_${id}`,
      warnings: [],
      ...formats,
    },
    progress,
  );
}
