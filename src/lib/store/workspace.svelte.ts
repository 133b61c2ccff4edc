/**
 * The loaded workspace: what is in the engine, its status and metadata.
 * One source of truth for views; `revision` changes whenever the data does.
 */
import { engine } from '../engine/engine';
import { LoadError, type LoadWarning } from '../load/errors';
import { buildSalesTable, loadSalesFile, type LoadPhase, type LoadedSource, type SavedChoices, type WorkspaceChoices } from '../load/load-file';
import { clearBudgetEntriesKept, clearPlan, clearQueries, clearSavedWorkspace, readBudgetEntriesKept, readPlan, readQueries, readSavedWorkspace, saveBudgetEntriesKept, savePlan, saveQueries, saveWorkspace, savedFiles, type PersistOutcome } from './persist';
import { parseSavedQueries } from './saved-queries';
import { queryBudgetEntries, replaceBudgetEntries, type BudgetEntryRow } from '../analyses/budget-entry';
import { exportPlanTables, restorePlanTables, type SavedPlan } from '../analyses/target-plan';
import { applyWorkspaceBudget, applyWorkspaceTargets, applyWorkspaceTerritories, classifyFileHead, joinChoices, loadWorkspaceFiles, type Join, type LoadedWorkspace, type WorkspaceFile } from '../load/workspace-files';
import type { TargetsLoad } from '../load/targets-file';
import type { BudgetLoad } from '../load/budget-file';
import { isWorkbook } from '../load/xlsx-name';
import { isJsonFile, jsonToCsvFile } from '../load/json';
import { ArchiveError, exportWorkspace, importWorkspace, isArchive, type WorkspaceWork } from './workspace-archive';
import { INTERNAL_TABLE, openPublishedWorkspace, useFileTables, type WorkspaceManifest } from '../load/sample';
import { COMPACT_DATABASE, compactSalesSql, flaggedSalesViewSql, orderConstantSql, salesViewSql } from '../load/sales-table';
import { CANONICAL_FIELDS, DIMENSIONS, type CanonicalField, type Dimension, type Mapping } from '../model/schema';
import { sqlIdent } from '../model/sql';
import type { AmountFormat } from '../ingest/amount';
import type { DateFormat } from '../ingest/date';

export type LoadState = 'idle' | 'loading' | 'ready' | 'error';

export interface WorkspaceInfo {
  kind: 'sample' | 'file';
  name: string;
  rows: number;
  dataStart: string;
  dataEnd: string;
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
  /** Once compacted: 'date' and the dimensions that never vary within an order (orders then count by their first line). */
  orderConstant: null as string[] | null,
});

/** The dropped files behind the current workspace, kept to save them again after a remap. */
let currentFiles: File[] = [];
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

async function persist(files: File[], source: LoadedSource): Promise<void> {
  if (__READ_ONLY__ || files.length === 0) return;
  const revision = workspace.revision;
  workspace.storage = await saveWorkspace(files, choicesOf(source));
  if (workspace.storage.ok) workspace.savedRevision = revision;
}

const MAX_FILTER_VALUES = 1000;

async function describe(kind: 'sample' | 'file', name: string): Promise<WorkspaceInfo> {
  const counts = CANONICAL_FIELDS.map((f) => `count(${sqlIdent(f)}) AS ${sqlIdent(f)}`).join(', ');
  const [row] = await engine.query(
    `SELECT count(*) AS _rows, strftime(min(date), '%Y-%m-%d') AS _start, strftime(max(date), '%Y-%m-%d') AS _end, ${counts} FROM sales`,
  );
  const fields = CANONICAL_FIELDS.filter((f) => Number(row[f]) > 0);
  const units = await engine.query<{ unit_type: string }>('SELECT DISTINCT unit_type FROM targets');
  const tables = await engine.query<{ name: string }>(
    "SELECT DISTINCT table_name AS name FROM duckdb_tables() WHERE database_name = 'memory' AND NOT internal UNION SELECT view_name FROM duckdb_views() WHERE NOT internal AND database_name = 'memory' ORDER BY 1",
  );
  const today = new Date().toISOString().slice(0, 10);
  return {
    kind,
    name,
    rows: Number(row._rows),
    dataStart: (row._start as string) ?? today,
    dataEnd: (row._end as string) ?? today,
    fields,
    dimensionValues: {},
    targetUnitTypes: units.map((u) => u.unit_type),
    tables: tables.map((t) => t.name).filter((n) => !INTERNAL_TABLE.test(n)),
  };
}

function begin(phase: typeof workspace.phase) {
  compaction?.abort();
  workspace.status = 'loading';
  workspace.phase = phase;
  workspace.progress = null;
  workspace.error = null;
}

function fail(e: unknown) {
  workspace.error = e instanceof Error ? e : new Error(String(e));
  workspace.status = 'error';
  workspace.phase = null;
  workspace.attempts++;
  // The previous workspace stays in use; a compaction stopped when this load began starts again.
  if (workspace.info && workspace.compaction !== 'done') compactInBackground();
}

export async function openSample(baseUrl = new URL('data/', document.baseURI).href): Promise<void> {
  begin('sample');
  try {
    const manifest = await openPublishedWorkspace(engine, baseUrl, (f) => (workspace.progress = f));
    salesRepointed();
    workspace.manifest = manifest;
    workspace.source = null;
    workspace.storage = null;
    workspace.files = [];
    workspace.joins = [];
    currentFiles = [];
    currentWorkspace = null;
    workspace.warnings = [];
    workspace.currency = manifest.currency;
    await restoreKeptPlan('sample');
    await restoreKeptBudget('sample');
    workspace.info = await describe('sample', manifest.name);
    finish();
  } catch (e) {
    fail(e);
  }
}

function finish() {
  workspace.status = 'ready';
  workspace.phase = null;
  workspace.revision++;
  workspace.attempts++;
  // After the views' first queries (their effects run before this timer), so they are not delayed.
  const revision = workspace.revision;
  setTimeout(() => void fillDimensionValues(revision), 0);
  compactInBackground();
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
    workspace.orderConstant = null;
    if (older.length === 0) return;
    compactedTables = [];
    void engine.whenIdle(
      older.map((t) => `DROP TABLE IF EXISTS ${sqlIdent(COMPACT_DATABASE)}.${sqlIdent(t)}`),
      controller.signal,
    );
    return;
  }
  workspace.compaction = 'pending';
  workspace.orderConstant = null;
  compactedTables = [...older, table];
  engine
    .whenIdle(compactSalesSql(table, older), controller.signal)
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
  for (const r of await engine.query<{ dim: Dimension; value: string }>(union)) (values[r.dim] ??= []).push(r.value);
  if (workspace.revision === revision && workspace.info === info) info.dimensionValues = values;
}

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
 */
export async function loadFiles(files: File[], beforeReady: () => void = () => {}, saved?: SavedChoices): Promise<void> {
  begin('reading');
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
      const source = await loadSalesFile(engine, files[0], progress, saved);
      workspace.files = [];
      workspace.joins = [];
      currentFiles = files;
      currentWorkspace = null;
      await adopt(source, beforeReady, undefined, keptWork);
      void persist(files, source);
    } else {
      const loaded = await loadWorkspaceFiles(engine, files, progress, saved);
      workspace.files = loaded.files;
      workspace.joins = loaded.joins;
      currentFiles = files;
      currentWorkspace = loaded;
      await adopt(loaded.source, beforeReady, () => applyWorkspacePlan(loaded), keptWork);
      void persist(files, loaded.source);
    }
  } catch (e) {
    fail(e);
  }
}

/** A multi-file workspace's targets file (the plan in force), budget file and sales territories (rep_regions), once `sales` is in place. */
async function applyWorkspacePlan(loaded: LoadedWorkspace): Promise<void> {
  workspace.targetsLoad = await applyWorkspaceTargets(engine, loaded);
  workspace.budgetLoad = await applyWorkspaceBudget(engine, loaded);
  await applyWorkspaceTerritories(engine, loaded);
}

/**
 * Points the contract views at a loaded source; `withSales` runs once `sales` is in place (e.g. to load its targets).
 * `keptWork`: restore the plan and budget lines kept for file workspaces, forget them (a new file), or replace
 * them with an archive's — only now that the load succeeded.
 */
async function adopt(source: LoadedSource, beforeReady: () => void = () => {}, withSales: () => Promise<void> = async () => {}, keptWork: 'restore' | 'forget' | WorkspaceWork = 'restore') {
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
  workspace.info = await describe('file', source.fileName);
  beforeReady();
  finish();
}

/** Rebuilds the loaded file's table with a corrected mapping or format. */
export async function remap(mapping: Mapping, amountFormat: AmountFormat, dateFormat: DateFormat | null): Promise<void> {
  const current = workspace.source;
  if (!current) return;
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
    await adopt(source, () => {}, async () => {
      if (loaded) await applyWorkspacePlan(loaded);
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
  const saved = __READ_ONLY__ ? null : await readSavedWorkspace();
  if (saved) {
    await loadFiles(savedFiles(saved), () => {}, saved.choices);
    if (workspace.status === 'ready') return;
    workspace.restoreError = workspace.error?.message ?? 'unknown error';
  }
  await openSample();
}

/** Re-applies a plan built or revised in the app earlier for this kind of workspace (never on read-only sites). */
async function restoreKeptPlan(key: 'sample' | 'file'): Promise<void> {
  if (__READ_ONLY__) return;
  const plan = await readPlan<SavedPlan>(key);
  if (plan && Array.isArray(plan.targets) && Array.isArray(plan.versions)) await restorePlanTables(engine, plan);
}

/** Brings back the budget lines entered in the app for this kind of workspace (none: clears the previous workspace's). */
async function restoreKeptBudget(key: 'sample' | 'file'): Promise<void> {
  const kept = __READ_ONLY__ ? null : await readBudgetEntriesKept<BudgetEntryRow[]>(key);
  const rows = Array.isArray(kept) ? kept.filter((r) => r && typeof r.period === 'string' && typeof r.unit === 'string' && typeof r.line === 'string' && Number.isFinite(r.amount)) : [];
  await replaceBudgetEntries(engine, rows);
}

/** Keeps the budget lines entered in the app (call after each change). */
export async function keepBudgetEntries(): Promise<void> {
  if (__READ_ONLY__ || !workspace.info) return;
  workspace.storage = await saveBudgetEntriesKept(workspace.info.kind, await queryBudgetEntries(engine));
}

/** Keeps the plan built or revised in the app (call after each saved version). */
export async function keepPlan(): Promise<void> {
  if (__READ_ONLY__ || !workspace.info) return;
  const plan = await exportPlanTables(engine);
  if (plan) workspace.storage = await savePlan(workspace.info.kind, plan);
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
