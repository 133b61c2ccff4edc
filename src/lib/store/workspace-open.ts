/**
 * Opening a workspace: the published one, dropped files (one file, several joined as one workspace, an
 * archive, workbooks, JSON), the same files with a corrected mapping or other roles and joins, and on start
 * the one saved in this browser. The latest request wins; the previous data stays usable until one succeeds.
 */
import { engine, onEngineProgress, onQueryProgress } from '../engine/engine';
import { LoadError } from '../load/errors';
import { buildSalesTable, loadSalesFile, restoreKeptTable, type LoadPhase, type LoadedSource, type SavedChoices, type WorkspaceChoices } from '../load/load-file';
import { clearBudgetEntriesKept, clearPlan, readKeptTable, readSavedWorkspace, savedFiles } from './persist';
import { applyWorkspaceBudget, applyWorkspaceTargets, applyWorkspaceTerritories, classifyFileHead, loadWorkspaceFiles, type LoadedWorkspace } from '../load/workspace-files';
import { isWorkbook } from '../load/xlsx-name';
import { isJsonFile, jsonToCsvFile } from '../load/json';
import { ArchiveError, importWorkspace, isArchive, type WorkspaceWork } from './workspace-archive';
import { DEFAULT_WORKSPACE, openPublishedWorkspace, publishedWorkspaceFolder, useFileTables } from '../load/sample';
import { flaggedSalesViewSql, salesViewSql } from '../load/sales-table';
import { salesSummaryOf, type SalesSummary } from '../load/sales-summary';
import type { Mapping } from '../model/schema';
import type { AmountFormat } from '../ingest/amount';
import type { DateFormat } from '../ingest/date';
import { compactInBackground, fillDimensionValues, salesRepointed, stopBackgroundWork } from './workspace-background';
import { describe } from './workspace-describe';
import { afterLoad, choicesOf, keepArchiveWork, persist, restoreKeptBudget, restoreKeptPlan } from './workspace-keep';
import { getCurrentFiles, getCurrentWorkspace, getPublishedKey, setCurrentFiles, setCurrentWorkspace, setPublishedKey, workspace } from './workspace-state.svelte';

/** The files of the latest load request, so a refused file can be loaded again with columns the user picked. */
let requestedFiles: File[] = [];

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
// While the engine itself downloads (its first start), the bar shows that download.
onEngineProgress((p) => {
  if (workspace.status === 'loading' && p.phase === 'download') workspace.progress = p.fraction;
});

function begin(phase: typeof workspace.phase): number {
  stopBackgroundWork();
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
    setCurrentFiles([]);
    setCurrentWorkspace(null);
    workspace.warnings = [];
    workspace.currency = manifest.currency;
    setPublishedKey(folder === DEFAULT_WORKSPACE ? 'sample' : `sample:${folder}`);
    await restoreKeptPlan(getPublishedKey());
    await restoreKeptBudget(getPublishedKey());
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
    if (files.length === 1 && getCurrentFiles().length > 0 && workspace.info?.kind === 'file' && ['targets', 'budget'].includes(await classifyFileHead(files[0]))) {
      files = [...getCurrentFiles(), ...files];
    }
    const keptWork = archiveWork ?? (restoring ? 'restore' : 'forget');
    if (files.length === 1) {
      const kept = restore ? await fromKeptTable(restore.savedAt) : null;
      const source = kept?.source ?? (await loadSalesFile(engine, files[0], progress, saved));
      if (overtaken(request)) return;
      workspace.files = [];
      workspace.joins = [];
      setCurrentFiles(files);
      setCurrentWorkspace(null);
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
      setCurrentFiles(files);
      setCurrentWorkspace(loaded);
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
  if (current.keptTable) return loadFiles(getCurrentFiles(), () => {}, { mapping, amountFormat, dateFormat });
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
    const currentWorkspace = getCurrentWorkspace();
    const loaded = currentWorkspace ? { ...currentWorkspace, source } : null;
    setCurrentWorkspace(loaded);
    await adopt(source, {
      withSales: async () => {
        if (loaded) await applyWorkspacePlan(loaded);
      },
    });
    void persist(getCurrentFiles(), source);
  } catch (e) {
    fail(e);
  }
}

/** Reloads the current multi-file workspace with the roles and joins the user set on #/data (the mapping is kept where it still fits). */
export async function reconfigureWorkspace(choices: WorkspaceChoices): Promise<void> {
  if (!workspace.source || !getCurrentWorkspace()) return;
  await loadFiles(getCurrentFiles(), () => {}, { ...choicesOf(workspace.source), workspace: { ...choices, fillMapping: true } });
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

export function dismissError(): void {
  workspace.error = null;
  if (workspace.status === 'error') workspace.status = workspace.info ? 'ready' : 'idle';
}
