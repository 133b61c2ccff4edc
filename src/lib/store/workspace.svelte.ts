/**
 * The loaded workspace: what is in the engine, its status and metadata.
 * One source of truth for views; `revision` changes whenever the data does.
 */
import type { WorkspaceAudience } from '../load/audience';
import { engine, onQueryProgress } from '../engine/engine';
import { LoadError, type LoadWarning } from '../load/errors';
import { buildSalesTable, loadSalesFile, restoreKeptTable, type LoadPhase, type LoadedSource, type SavedChoices, type WorkspaceChoices } from '../load/load-file';
import {
  clearBudgetEntriesKept,
  clearPlan,
  clearQueries,
  clearSavedWorkspace,
  keepParsedTable,
  readBudgetEntriesKept,
  readKeptTable,
  readPlan,
  readQueries,
  readSavedWorkspace,
  saveBudgetEntriesKept,
  savePlan,
  saveQueries,
  saveWorkspace,
  savedFiles,
  type FileStore,
  type WorkKey,
  type PersistOutcome,
} from './persist';
import { parseSavedQueries } from './saved-queries';
import { queryBudgetEntries, replaceBudgetEntries, type BudgetEntryRow } from '../analyses/budget-entry';
import { exportPlanTables, restorePlanTables, savePlanVersion, type SavedPlan, type VersionMeta } from '../analyses/target-plan';
import type { TargetRow } from '../targets/plan';
import { applyWorkspaceBudget, applyWorkspaceTargets, applyWorkspaceTerritories, classifyFileHead, joinChoices, loadWorkspaceFiles, type Join, type LoadedWorkspace, type WorkspaceFile } from '../load/workspace-files';
import type { TargetsLoad } from '../load/targets-file';
import type { BudgetLoad } from '../load/budget-file';
import { isWorkbook } from '../load/xlsx-name';
import { isJsonFile, jsonToCsvFile } from '../load/json';
import { ArchiveError, exportWorkspace, importWorkspace, isArchive, type WorkspaceWork } from './workspace-archive';
import { DEFAULT_WORKSPACE, INTERNAL_TABLE, openPublishedWorkspace, publishedWorkspaceFolder, useFileTables, type WorkspaceManifest } from '../load/sample';
import { COMPACT_DATABASE, compactSalesSql, flaggedSalesViewSql, orderConstantSql, salesViewSql } from '../load/sales-table';
import { salesSummaryFromRow, salesSummaryOf, salesSummarySql, type SalesSummary } from '../load/sales-summary';
import { CANONICAL_FIELDS, DIMENSIONS, type CanonicalField, type Dimension, type Mapping } from '../model/schema';
import { sqlIdent } from '../model/sql';
import type { AmountFormat } from '../ingest/amount';
import type { DateFormat, Grain } from '../ingest/date';

export type LoadState = 'idle' | 'loading' | 'ready' | 'error';

export interface WorkspaceInfo {
  kind: 'sample' | 'file';
  name: string;
  rows: number;
  dataStart: string;
  /** The last date, or the end of the last period of monthly/quarterly data (the default as-of date). */
  dataEnd: string;
  /** A day, or a whole month or quarter per date (a periodic summary): periods then count as whole. */
  grain: Grain;
  /** Canonical fields with at least one value. */
  fields: CanonicalField[];
  /** Filter choices per dimension (top values by revenue); filled in the background after the data is ready. */
  dimensionValues: Partial<Record<Dimension, string[]>>;
  targetUnitTypes: string[];
  tables: string[];
}

export const workspace = $state({
  status: 'idle' as LoadState,
  phase: null as LoadPhase | 'engine' | 'sample' | null,
  progress: null as number | null,
  /** The failure of the last load; the previous data stays usable. */
  error: null as LoadError | Error | null,
  warnings: [] as LoadWarning[],
  info: null as WorkspaceInfo | null,
  source: null as LoadedSource | null,
  manifest: null as WorkspaceManifest | null,
  currency: '' as string,
  revision: 0,
  /** Completed load attempts (ready or failed); lets tests and the UI tell one load from the next. */
  attempts: 0,
  /** The revision whose files and choices were last kept in this browser (saving runs after the data is shown). */
  savedRevision: -1,
  /** Whether the loaded file is kept in this browser (null: nothing to keep, e.g. the published workspace). */
  storage: null as PersistOutcome | null,
  /** Set when a saved workspace could not be restored on start. */
  restoreError: null as string | null,
  /** The files of a multi-file workspace and the joins between them (empty for one file). */
  files: [] as WorkspaceFile[],
  joins: [] as Join[],
  /** The targets file made the plan in force, if the workspace has one. */
  targetsLoad: null as TargetsLoad | null,
  /** The budget file made the `budget` view, if the workspace has one. */
  budgetLoad: null as BudgetLoad | null,
  /** The loaded file's compacted copy: 'pending' while it is built in the background, 'done' once `sales` reads it. */
  compaction: 'none' as 'none' | 'pending' | 'done',
  /**
   * Set while `sales_flagged` serves the order flags (after the compaction, or at once when restored from a
   * kept table): 'date' and the dimensions that never vary within an order (orders then count by their flags).
   */
  orderConstant: null as string[] | null,
  /** The revision whose parsed table is kept in this browser for a fast reload (one-file workspaces). */
  keptTableRevision: -1,
  /** Where the saved files' bytes are: the Origin Private File System, or IndexedDB where the browser has no OPFS. */
  fileStore: null as FileStore | null,
  /** False from a plan version saved in the app until it is kept in this browser (background work after the recompute). */
  planKept: true,
  /** How the current workspace came back on start: from the kept parsed table, by loading its saved files again, or not restored. */
  restoredFrom: null as 'kept-table' | 'files' | null,
});

/** Where the open published workspace's plans, budgets and queries are kept: data/'s as 'sample', another folder's apart. */
let publishedKey: WorkKey = 'sample';
/** The dropped files behind the current workspace, kept to save them again after a remap. */
let currentFiles: File[] = [];
/** The files of the latest load request, so a refused file can be loaded again with columns the user picked. */
let requestedFiles: File[] = [];
/** The multi-file workspace behind the current data, kept to re-apply its targets after a remap. */
let currentWorkspace: LoadedWorkspace | null = null;

function choicesOf(source: LoadedSource): SavedChoices {
  const choices: SavedChoices = { mapping: source.mapping, amountFormat: source.amountFormat, dateFormat: source.dateFormat };
  // A multi-file workspace keeps its roles and joins as they are in force (proposed or the user's).
  if (currentWorkspace) {
    choices.workspace = {
      roles: Object.fromEntries(currentWorkspace.files.map((f) => [f.fileName, f.role])),
      joins: joinChoices(currentWorkspace.files, currentWorkspace.joins),
    };
  }
  return choices;
}

/** The save of the current files: resolves to its `savedAt` (null when not saved), which a kept parsed table belongs to. */
let saving: Promise<string | null> = Promise.resolve(null);

async function persist(files: File[], source: LoadedSource): Promise<void> {
  if (__READ_ONLY__ || files.length === 0) return;
  const revision = workspace.revision;
  saving = saveWorkspace(files, choicesOf(source)).then((outcome) => {
    workspace.storage = outcome;
    workspace.fileStore = outcome.ok ? (outcome.fileStore ?? null) : null;
    if (outcome.ok) workspace.savedRevision = revision;
    return outcome.ok ? (outcome.savedAt ?? null) : null;
  });
  await saving;
}

/** Tables up to this many rows are kept for a fast reload (Arrow IPC, roughly 150 bytes a row beside the file itself). */
const KEEP_TABLE_MAX_ROWS = 2_000_000;

/**
 * Keeps the compacted sales table of a one-file workspace beside its saved
 * file, as background work, so that a reload inserts it (~0.7 s per million
 * rows) instead of parsing the file again (~1.8 s), with its order flags.
 * Quietly gives up when storage refuses: the reload then parses the file.
 */
async function keepTableInBackground(source: LoadedSource, orderConstant: string[] | null, signal: AbortSignal): Promise<void> {
  const revision = workspace.revision;
  if (__READ_ONLY__ || currentWorkspace || source.keptTable || (workspace.info?.rows ?? Infinity) > KEEP_TABLE_MAX_ROWS) return;
  const savedAt = await saving;
  if (!savedAt || signal.aborted) return;
  // After 3 s without queries: turning the result into bytes holds the page ~0.3-0.5 s at 1M rows, which a user
  // opening a view right then would feel.
  const bytes = await engine.exportIpcWhenIdle(`SELECT * FROM ${sqlIdent(COMPACT_DATABASE)}.${sqlIdent(source.table)}`, signal, 3000);
  if (!bytes || signal.aborted) return;
  const ipc = new Blob([bytes as Uint8Array<ArrayBuffer>]);
  // Plain copies: IndexedDB cannot clone the app's reactive state.
  const info = workspace.info;
  const summary = info ? { rows: info.rows, dataStart: info.dataStart, dataEnd: info.dataEnd, fields: [...info.fields], grain: info.grain } : null;
  const outcome = await keepParsedTable({ savedAt, ipc, source: JSON.parse(JSON.stringify(source)), orderConstant: orderConstant ? [...orderConstant] : null, summary });
  if (!outcome.ok) console.warn('the table could not be kept in this browser; a reload will parse the file', outcome.message);
  else if (workspace.revision === revision) workspace.keptTableRevision = revision;
}

const MAX_FILTER_VALUES = 1000;

/** `grain`: the load check's, for a loaded file (one grain, decided once, with the date format). */
async function summarize(grain?: Grain): Promise<SalesSummary> {
  const [row] = await engine.query(salesSummarySql());
  return salesSummaryFromRow(row, new Date().toISOString().slice(0, 10), grain);
}

async function describe(kind: 'sample' | 'file', name: string, known?: SalesSummary, grain?: Grain): Promise<WorkspaceInfo> {
  const summary = known ?? (await summarize(grain));
  const units = await engine.query<{ unit_type: string }>('SELECT DISTINCT unit_type FROM targets');
  const tables = await engine.query<{ name: string }>(
    "SELECT DISTINCT table_name AS name FROM duckdb_tables() WHERE database_name = 'memory' AND NOT internal UNION SELECT view_name FROM duckdb_views() WHERE NOT internal AND database_name = 'memory' ORDER BY 1",
  );
  return {
    kind,
    name,
    ...summary,
    dimensionValues: {},
    targetUnitTypes: units.map((u) => u.unit_type),
    tables: tables.map((t) => t.name).filter((n) => !INTERNAL_TABLE.test(n)),
  };
}

/**
 * The latest load request wins: each open or load takes a number, and one that a later request overtook
 * commits nothing (no state, no "ready", no error), so the page never shows the earlier workspace as ready.
 */
let loadRequest = 0;
/** The published workspace being opened, for a file chosen meanwhile to wait on (the engine then serves the file last). */
let sampleOpening: Promise<void> | null = null;

// A load's long steps (the copy into the table, the check) move its bar with DuckDB's progress of the running
// query: views ask nothing meanwhile (view-queries.ts), so the running query is the load's. Never backwards.
onQueryProgress((fraction) => {
  if (workspace.status !== 'loading' || (workspace.phase !== 'loading' && workspace.phase !== 'checking')) return;
  workspace.progress = Math.max(workspace.progress ?? 0, fraction);
});

function begin(phase: typeof workspace.phase): number {
  compaction?.abort();
  dimensionValuesJob?.abort();
  workspace.status = 'loading';
  workspace.phase = phase;
  workspace.progress = null;
  workspace.error = null;
  return ++loadRequest;
}

/** Whether a later open or load has overtaken request `n`. */
const overtaken = (n: number) => n !== loadRequest;

function fail(e: unknown) {
  workspace.error = e instanceof Error ? e : new Error(String(e));
  workspace.status = 'error';
  workspace.phase = null;
  workspace.attempts++;
  // The previous workspace stays in use; a compaction stopped when this load began starts again.
  if (workspace.info && workspace.compaction !== 'done') compactInBackground();
}

/** The published workspace of this page's link (`?workspace=folder`), or data/. */
function publishedFolder(): string {
  return publishedWorkspaceFolder(location.search);
}

export function openSample(): Promise<void> {
  const opening = openSampleNow();
  sampleOpening = opening;
  return opening;
}

async function openSampleNow(): Promise<void> {
  const request = begin('sample');
  try {
    const folder = publishedFolder();
    const baseUrl = new URL(`${folder}/`, document.baseURI).href;
    const manifest = await openPublishedWorkspace(engine, baseUrl, (f) => {
      if (!overtaken(request)) workspace.progress = f;
    });
    if (overtaken(request)) return;
    salesRepointed();
    // A prepared workspace's lines carry the order flags (`sales_flagged`), as a compacted file's do.
    workspace.orderConstant = manifest.orderConstant ?? null;
    workspace.manifest = manifest;
    workspace.source = null;
    workspace.storage = null;
    workspace.files = [];
    workspace.joins = [];
    currentFiles = [];
    currentWorkspace = null;
    workspace.warnings = [];
    workspace.currency = manifest.currency;
    publishedKey = folder === DEFAULT_WORKSPACE ? 'sample' : `sample:${folder}`;
    await restoreKeptPlan(publishedKey);
    await restoreKeptBudget(publishedKey);
    // A prepared workspace's manifest says what describe() would measure, sparing a scan of every line.
    const info = await describe('sample', manifest.name, manifest.summary);
    if (overtaken(request)) return;
    workspace.info = info;
    finish();
  } catch (e) {
    if (!overtaken(request)) fail(e);
  }
}

function finish() {
  workspace.status = 'ready';
  workspace.phase = null;
  workspace.revision++;
  workspace.attempts++;
  // Background work, after the views' first queries: the filter choices, then the compacted copy.
  const revision = workspace.revision;
  void fillDimensionValues(revision)
    .catch((e: unknown) => console.warn('reading the filter choices failed', e))
    .finally(() => {
      if (workspace.revision === revision) compactInBackground();
    });
}

/** `sales` now reads another table: no compacted copy (nor its order flags) applies until one is built for it. */
function salesRepointed(): void {
  workspace.compaction = 'none';
  workspace.orderConstant = null;
}

let compaction: AbortController | null = null;
/** Tables of the compact database, dropped when a newer copy replaces them. */
let compactedTables: string[] = [];

/**
 * Builds the loaded file's compacted copy while the engine is idle, then
 * points `sales` at it (same rows, faster filters). The published workspace
 * is already compressed on disk; it only drops copies of earlier files.
 */
function compactInBackground(): void {
  compaction?.abort();
  const controller = new AbortController();
  compaction = controller;
  const table = workspace.info?.kind === 'file' ? workspace.source?.table : undefined;
  const older = compactedTables;
  if (!table) {
    workspace.compaction = 'none';
    // Nothing to compact; a published workspace keeps the flags openSample took from its manifest.
    if (workspace.info?.kind !== 'sample') workspace.orderConstant = null;
    if (older.length === 0) return;
    compactedTables = [];
    void engine.whenIdle(
      older.map((t) => `DROP TABLE IF EXISTS ${sqlIdent(COMPACT_DATABASE)}.${sqlIdent(t)}`),
      controller.signal,
    );
    return;
  }
  // A table restored from a kept copy already has its order flags, and `sales_flagged` serves them meanwhile.
  const flagged = workspace.source?.keptTable === true;
  workspace.compaction = 'pending';
  if (!flagged) workspace.orderConstant = null;
  compactedTables = [...older, table];
  engine
    .whenIdle(compactSalesSql(table, older, { flagged }), controller.signal)
    .then(async (done) => {
      // A load that started since has aborted us: checked before each step, which then queues before the load's.
      const stopped = () => !done || controller.signal.aborted;
      if (stopped()) return;
      compactedTables = [table];
      await engine.query(flaggedSalesViewSql(table));
      const fields = workspace.info?.fields ?? [];
      const checked = fields.includes('order_id') ? ['date', ...DIMENSIONS.filter((d) => fields.includes(d))] : [];
      const [row] = checked.length > 0 ? await engine.query<Record<string, boolean | null>>(orderConstantSql(checked)) : [];
      if (stopped()) return;
      await engine.query(salesViewSql(table, COMPACT_DATABASE));
      if (stopped()) return;
      workspace.orderConstant = checked.length > 0 ? checked.filter((f) => row?.[f] !== false) : null;
      workspace.compaction = 'done';
      const source = workspace.source;
      if (source) void keepTableInBackground(source, workspace.orderConstant, controller.signal).catch((e: unknown) => console.warn('keeping the table failed', e));
    })
    .catch((e: unknown) => {
      // The uncompressed table keeps serving `sales`; only speed is lost.
      console.warn('compacting the loaded table failed', e);
      if (!controller.signal.aborted) workspace.compaction = 'none';
    });
}

async function fillDimensionValues(revision: number): Promise<void> {
  const info = workspace.info;
  if (!info) return;
  const dims = DIMENSIONS.filter((d) => info.fields.includes(d));
  if (dims.length === 0) return;
  const union = dims
    .map(
      (d) =>
        `(SELECT '${d}' AS dim, ${sqlIdent(d)} AS value FROM sales WHERE ${sqlIdent(d)} IS NOT NULL GROUP BY 2 ORDER BY sum(amount) DESC NULLS LAST, 2 LIMIT ${MAX_FILTER_VALUES})`,
    )
    .join(' UNION ALL ');
  const values: Partial<Record<Dimension, string[]>> = {};
  dimensionValuesJob?.abort();
  dimensionValuesJob = new AbortController();
  // Soon after the view's first queries (which may start only once its code has loaded), and giving way to any query.
  const rows = await engine.queryWhenIdle<{ dim: Dimension; value: string }>(union, dimensionValuesJob.signal, 100);
  for (const r of rows ?? []) (values[r.dim] ??= []).push(r.value);
  if (rows && workspace.revision === revision && workspace.info === info) info.dimensionValues = values;
}

/** The filter choices being read; a new load stops it. */
let dimensionValuesJob: AbortController | null = null;

/** Currency guessed from the file's text: ¥/元/CNY or Chinese headers → CNY, $ → USD, € → EUR. */
export function guessCurrency(source: LoadedSource): string {
  const text = source.header.join(' ') + ' ' + source.preview.flat().slice(0, 400).join(' ');
  if (/[¥￥元]|CNY|RMB/.test(text) || /[\u4e00-\u9fff]/.test(source.header.join(''))) return 'CNY';
  if (/€/.test(text)) return 'EUR';
  if (/£/.test(text)) return 'GBP';
  return 'USD';
}

/**
 * Loads one sales file, or several related files as one workspace (facts plus
 * lookups, joined). `beforeReady` runs after the data is in place and before
 * views are told (e.g. to reset the period); `saved` restores earlier choices.
 * `restore`: the files and choices come from this browser's saved workspace
 * (saved at `savedAt`): its kept parsed table is used when there is one, and
 * nothing is saved again.
 */
export async function loadFiles(files: File[], beforeReady: () => void = () => {}, saved?: SavedChoices, restore?: { savedAt: string }): Promise<void> {
  const request = begin('reading');
  requestedFiles = files;
  // A file chosen while the published workspace opens: that open is abandoned (it commits nothing), and
  // the file's tables are made after its engine work, so nothing of it can repoint `sales` afterwards.
  await sampleOpening?.catch(() => undefined);
  // A restore brings back the plan kept for these files; a new load starts without one.
  const restoring = saved !== undefined;
  let archiveWork: WorkspaceWork | null = null;
  const progress = (phase: LoadPhase, fraction: number | null) => {
    workspace.phase = phase;
    workspace.progress = fraction;
  };
  try {
    // A workspace archive (exported earlier) brings its files and the mapping chosen then.
    if (files.length === 1 && isArchive(files[0])) {
      const archive = files[0];
      const imported = await importWorkspace(archive).catch((e) => {
        throw e instanceof ArchiveError ? new LoadError('archive', { file: archive.name, detail: e.message }) : e;
      });
      files = imported.files;
      saved = imported.choices;
      archiveWork = imported.work;
    }
    // Workbooks (one table per sheet; the reader is loaded only now) and JSON become tables like CSV.
    if (files.some(isWorkbook)) {
      const { workbookToCsvFiles } = await import('../load/xlsx');
      files = (await Promise.all(files.map((f) => (isWorkbook(f) ? workbookToCsvFiles(f) : [f])))).flat();
    }
    files = await Promise.all(files.map((f) => (isJsonFile(f) ? jsonToCsvFile(f) : f)));
    // A targets or budget file dropped onto a loaded file workspace joins it ("add more files later").
    if (files.length === 1 && currentFiles.length > 0 && workspace.info?.kind === 'file' && ['targets', 'budget'].includes(await classifyFileHead(files[0]))) {
      files = [...currentFiles, ...files];
    }
    const keptWork = archiveWork ?? (restoring ? 'restore' : 'forget');
    if (files.length === 1) {
      const kept = restore ? await fromKeptTable(restore.savedAt) : null;
      const source = kept?.source ?? (await loadSalesFile(engine, files[0], progress, saved));
      if (overtaken(request)) return;
      workspace.files = [];
      workspace.joins = [];
      currentFiles = files;
      currentWorkspace = null;
      // A kept table brings its order flags: orders count by them from the first query on.
      const withFlags = async () => {
        if (!kept?.orderConstant) return;
        await engine.query(flaggedSalesViewSql(source.table, null));
        workspace.orderConstant = kept.orderConstant;
      };
      await adopt(source, { beforeReady, withSales: withFlags, keptWork, summary: kept?.summary ?? undefined });
      afterLoad(files, source, restore, kept ? 'kept-table' : 'files');
    } else {
      const loaded = await loadWorkspaceFiles(engine, files, progress, saved);
      if (overtaken(request)) return;
      workspace.files = loaded.files;
      workspace.joins = loaded.joins;
      currentFiles = files;
      currentWorkspace = loaded;
      await adopt(loaded.source, { beforeReady, withSales: () => applyWorkspacePlan(loaded), keptWork });
      afterLoad(files, loaded.source, restore, 'files');
    }
  } catch (e) {
    if (!overtaken(request)) fail(e);
  }
}

/**
 * Loads the refused file again with the date and amount columns picked on its error card (formats detected);
 * in a multi-file workspace `factsFile`, whose columns they are, becomes its sales (the rest as proposed).
 */
export function loadWithColumns(mapping: Mapping, factsFile: string | undefined, beforeReady: () => void = () => {}): Promise<void> {
  const workspaceChoices = factsFile ? { workspace: { roles: { [factsFile]: 'sales' }, fillMapping: true } } : {};
  return loadFiles(requestedFiles, beforeReady, { mapping, ...workspaceChoices });
}

/** The workspace from its kept table, or null (none kept, or it does not fit: the file is then loaded as usual). */
async function fromKeptTable(savedAt: string): Promise<{ source: LoadedSource; orderConstant: string[] | null; summary: SalesSummary | null } | null> {
  const kept = await readKeptTable(savedAt);
  if (!kept) return null;
  workspace.phase = 'loading';
  try {
    const source = await restoreKeptTable(engine, new Uint8Array(await kept.ipc.arrayBuffer()), kept.source);
    return { source, orderConstant: kept.orderConstant, summary: salesSummaryOf(kept.summary) };
  } catch (e) {
    console.warn('the kept table could not be used; loading the file', e);
    return null;
  }
}

/** Saves a new load; a restored one is already saved (as it is: its kept table too, when it came from it). */
function afterLoad(files: File[], source: LoadedSource, restore: { savedAt: string } | undefined, from: 'kept-table' | 'files'): void {
  workspace.restoredFrom = restore ? from : null;
  if (!restore) {
    void persist(files, source);
    return;
  }
  saving = Promise.resolve(restore.savedAt);
  workspace.storage = { ok: true };
  workspace.savedRevision = workspace.revision;
  if (from === 'kept-table') workspace.keptTableRevision = workspace.revision;
}

/** A multi-file workspace's targets file (the plan in force), budget file and sales territories (rep_regions), once `sales` is in place. */
async function applyWorkspacePlan(loaded: LoadedWorkspace): Promise<void> {
  workspace.targetsLoad = await applyWorkspaceTargets(engine, loaded);
  workspace.budgetLoad = await applyWorkspaceBudget(engine, loaded);
  await applyWorkspaceTerritories(engine, loaded);
}

interface AdoptOptions {
  /** Runs after the data is in place and before views are told. */
  beforeReady?: () => void;
  /** Runs once `sales` is in place (e.g. to load its targets). */
  withSales?: () => Promise<void>;
  /**
   * Restore the plan and budget lines kept for file workspaces, forget them (a new file), or replace them
   * with an archive's — only now that the load succeeded.
   */
  keptWork?: 'restore' | 'forget' | WorkspaceWork;
  /** What describe() would measure of `sales`, when already known (a kept table). */
  summary?: SalesSummary;
}

/** Points the contract views at a loaded source. */
async function adopt(source: LoadedSource, { beforeReady = () => {}, withSales = async () => {}, keptWork = 'restore', summary }: AdoptOptions = {}) {
  await useFileTables(engine, salesViewSql(source.table));
  salesRepointed();
  workspace.targetsLoad = null;
  workspace.budgetLoad = null;
  await withSales();
  if (keptWork === 'forget') {
    await clearPlan('file');
    await clearBudgetEntriesKept('file');
  } else if (keptWork !== 'restore' && !__READ_ONLY__) {
    await keepArchiveWork(keptWork);
  }
  await restoreKeptPlan('file');
  await restoreKeptBudget('file');
  workspace.source = source;
  workspace.manifest = null;
  workspace.warnings = source.warnings;
  workspace.currency = guessCurrency(source);
  workspace.info = await describe('file', source.fileName, summary, source.check.grain);
  beforeReady();
  finish();
}

/** Rebuilds the loaded file's table with a corrected mapping or format. */
export async function remap(mapping: Mapping, amountFormat: AmountFormat, dateFormat: DateFormat | null): Promise<void> {
  const current = workspace.source;
  if (!current) return;
  // Restored from the kept table: the file behind it is not open in the engine, so it is loaded again with the new choices.
  if (current.keptTable) return loadFiles(currentFiles, () => {}, { mapping, amountFormat, dateFormat });
  begin('loading');
  try {
    const source = await buildSalesTable(
      engine,
      { ...current, mapping, amountFormat, dateFormat, dateAmbiguous: false, mappingReasons: {} },
      (phase, fraction) => {
        workspace.phase = phase;
        workspace.progress = fraction;
      },
    );
    const loaded = currentWorkspace ? { ...currentWorkspace, source } : null;
    currentWorkspace = loaded;
    await adopt(source, {
      withSales: async () => {
        if (loaded) await applyWorkspacePlan(loaded);
      },
    });
    void persist(currentFiles, source);
  } catch (e) {
    fail(e);
  }
}

/** Reloads the current multi-file workspace with the roles and joins the user set on #/data (the mapping is kept where it still fits). */
export async function reconfigureWorkspace(choices: WorkspaceChoices): Promise<void> {
  if (!workspace.source || !currentWorkspace) return;
  await loadFiles(currentFiles, () => {}, { ...choicesOf(workspace.source), workspace: { ...choices, fillMapping: true } });
}

/**
 * On start: the workspace saved in this browser if there is one (with the
 * user's mapping), else the published one in data/. Read-only sites always
 * open the published workspace.
 */
export async function restoreOrOpenSample(): Promise<void> {
  // A link naming a published workspace opens that one.
  const named = new URLSearchParams(location.search).has('workspace');
  const saved = __READ_ONLY__ || named ? null : await readSavedWorkspace();
  if (saved) {
    await loadFiles(savedFiles(saved), () => {}, saved.choices, { savedAt: saved.savedAt });
    if (workspace.status === 'ready') return;
    workspace.restoreError = workspace.error?.message ?? 'unknown error';
  }
  await openSample();
}

/** Re-applies a plan built or revised in the app earlier for this kind of workspace (never on read-only sites). */
async function restoreKeptPlan(key: WorkKey): Promise<void> {
  if (__READ_ONLY__) return;
  const plan = await readPlan<SavedPlan>(key);
  if (plan && Array.isArray(plan.targets) && Array.isArray(plan.versions)) await restorePlanTables(engine, plan);
}

/** Brings back the budget lines entered in the app for this kind of workspace (none: clears the previous workspace's). */
async function restoreKeptBudget(key: WorkKey): Promise<void> {
  const kept = __READ_ONLY__ ? null : await readBudgetEntriesKept<BudgetEntryRow[]>(key);
  const rows = Array.isArray(kept) ? kept.filter((r) => r && typeof r.period === 'string' && typeof r.unit === 'string' && typeof r.line === 'string' && Number.isFinite(r.amount)) : [];
  await replaceBudgetEntries(engine, rows);
}

/** Keeps the budget lines entered in the app (call after each change). */
export async function keepBudgetEntries(): Promise<void> {
  if (__READ_ONLY__ || !workspace.info) return;
  workspace.storage = await saveBudgetEntriesKept(currentWorkKey(), await queryBudgetEntries(engine));
}

let keepPlanJob: AbortController | null = null;

/** The open workspace has `customer_days` (a prepared one: warehouse/customer-days.ts); customer queries read it. */
export function hasCustomerDays(): boolean {
  return workspace.info?.kind === 'sample' && !!workspace.manifest?.tables.customer_days;
}

/** The audience the open published workspace was cut for (it holds only that slice), or null. */
export function workspaceAudience(): WorkspaceAudience | null {
  return workspace.info?.kind === 'sample' ? (workspace.manifest?.audience ?? null) : null;
}

/** The key the open workspace's work (plans, budgets, saved queries) is kept under. */
export function currentWorkKey(): WorkKey {
  return workspace.info?.kind === 'file' ? 'file' : publishedKey;
}

/**
 * Saves a plan version made in the app (built, revised, edited cell by cell, or a forecast scenario) and
 * keeps the plan in this browser: the one way every page saves a plan, so none can forget to keep it.
 */
export async function saveAppPlanVersion(rows: TargetRow[], meta: VersionMeta, options: { planTablesReady?: boolean } = {}): Promise<number> {
  const version = await savePlanVersion(engine, rows, meta, options);
  void keepPlan();
  return version;
}

/**
 * Keeps the plan built or revised in the app (saveAppPlanVersion does it after each saved version). It is background work, so
 * the status the new version changed recomputes first; a later save supersedes it. True once kept.
 */
export async function keepPlan(): Promise<boolean> {
  if (__READ_ONLY__ || !workspace.info) return false;
  keepPlanJob?.abort();
  const job = (keepPlanJob = new AbortController());
  const key = currentWorkKey();
  const revision = workspace.revision;
  workspace.planKept = false;
  try {
    const plan = await exportPlanTables(engine.background(job.signal, 50));
    if (job.signal.aborted || workspace.revision !== revision) return false;
    if (plan) workspace.storage = await savePlan(key, plan);
    return true;
  } catch (e) {
    // The plan stays in force in the engine; the storage status says it was not kept.
    workspace.storage = { ok: false, reason: 'error', message: e instanceof Error ? e.message : String(e) };
    return false;
  } finally {
    if (keepPlanJob === job) workspace.planKept = true;
  }
}

/** The current file workspace as one archive, with the work done on it (null for the published workspace). */
export async function exportCurrentWorkspace(): Promise<Blob | null> {
  if (currentFiles.length === 0 || !workspace.source) return null;
  const [plan, budget, queries] = await Promise.all([exportPlanTables(engine), queryBudgetEntries(engine), readQueries<unknown>('file')]);
  const work: WorkspaceWork = {};
  if (plan) work.plan = plan;
  if (budget.length > 0) work.budget = budget;
  if (Array.isArray(queries) && queries.length > 0) work.queries = queries;
  return exportWorkspace(currentFiles, choicesOf(workspace.source), new Date(), work);
}

async function keepArchiveWork(work: WorkspaceWork): Promise<void> {
  await clearPlan('file');
  await clearBudgetEntriesKept('file');
  await clearQueries('file');
  if (work.plan) await savePlan('file', work.plan);
  if (Array.isArray(work.budget)) await saveBudgetEntriesKept('file', work.budget);
  const queries = parseSavedQueries(work.queries);
  if (queries.length > 0) await saveQueries('file', queries);
}

/** Forgets the saved workspace and reopens the published one. */
export async function resetWorkspace(): Promise<void> {
  await clearSavedWorkspace();
  await clearPlan('file');
  await clearBudgetEntriesKept('file');
  await clearQueries('file');
  currentFiles = [];
  workspace.storage = null;
  await openSample();
}

export function dismissError(): void {
  workspace.error = null;
  if (workspace.status === 'error') workspace.status = workspace.info ? 'ready' : 'idle';
}
