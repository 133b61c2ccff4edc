/**
 * Keeping the workspace in this browser: the dropped files with the choices in force (persist), the parsed
 * table for a fast reload, the plan, budget lines and saved queries (IndexedDB), and the workspace archive
 * (the files and that work in one file, exported here, imported by a load).
 */
import { engine } from '../engine/engine';
import type { LoadedSource, SavedChoices } from '../load/load-file';
import {
  clearBudgetEntriesKept,
  clearPlan,
  clearQueries,
  keepParsedTable,
  readBudgetEntriesKept,
  readPlan,
  readQueries,
  saveBudgetEntriesKept,
  savePlan,
  saveQueries,
  saveWorkspace,
  type WorkKey,
} from './persist';
import { parseSavedQueries } from './saved-queries';
import { queryBudgetEntries, replaceBudgetEntries, type BudgetEntryRow } from '../analyses/budget-entry';
import { exportPlanTables, restorePlanTables, savePlanVersion, type SavedPlan, type VersionMeta } from '../analyses/target-plan';
import type { TargetRow } from '../targets/plan';
import { joinChoices } from '../load/workspace-files';
import { exportWorkspace, type WorkspaceWork } from './workspace-archive';
import { COMPACT_DATABASE } from '../load/sales-table';
import { sqlIdent } from '../model/sql';
import { currentWorkKey } from './workspace-describe';
import { getCurrentFiles, getCurrentWorkspace, workspace } from './workspace-state.svelte';

/** The choices in force for `source`, as they are saved with its files (and put in an archive). */
export function choicesOf(source: LoadedSource): SavedChoices {
  const currentWorkspace = getCurrentWorkspace();
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

export async function persist(files: File[], source: LoadedSource): Promise<void> {
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
export async function keepTableInBackground(source: LoadedSource, orderConstant: string[] | null, signal: AbortSignal): Promise<void> {
  const revision = workspace.revision;
  if (__READ_ONLY__ || getCurrentWorkspace() || source.keptTable || (workspace.info?.rows ?? Infinity) > KEEP_TABLE_MAX_ROWS) return;
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

/** Saves a new load; a restored one is already saved (as it is: its kept table too, when it came from it). */
export function afterLoad(files: File[], source: LoadedSource, restore: { savedAt: string } | undefined, from: 'kept-table' | 'files'): void {
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

/** Re-applies a plan built or revised in the app earlier for this kind of workspace (never on read-only sites). */
export async function restoreKeptPlan(key: WorkKey): Promise<void> {
  if (__READ_ONLY__) return;
  const plan = await readPlan<SavedPlan>(key);
  if (plan && Array.isArray(plan.targets) && Array.isArray(plan.versions)) await restorePlanTables(engine, plan);
}

/** Brings back the budget lines entered in the app for this kind of workspace (none: clears the previous workspace's). */
export async function restoreKeptBudget(key: WorkKey): Promise<void> {
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
  if (getCurrentFiles().length === 0 || !workspace.source) return null;
  const [plan, budget, queries] = await Promise.all([exportPlanTables(engine), queryBudgetEntries(engine), readQueries<unknown>('file')]);
  const work: WorkspaceWork = {};
  if (plan) work.plan = plan;
  if (budget.length > 0) work.budget = budget;
  if (Array.isArray(queries) && queries.length > 0) work.queries = queries;
  return exportWorkspace(getCurrentFiles(), choicesOf(workspace.source), new Date(), work);
}

export async function keepArchiveWork(work: WorkspaceWork): Promise<void> {
  await clearPlan('file');
  await clearBudgetEntriesKept('file');
  await clearQueries('file');
  if (work.plan) await savePlan('file', work.plan);
  if (Array.isArray(work.budget)) await saveBudgetEntriesKept('file', work.budget);
  const queries = parseSavedQueries(work.queries);
  if (queries.length > 0) await saveQueries('file', queries);
}
