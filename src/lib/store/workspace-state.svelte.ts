/**
 * The loaded workspace: what is in the engine, its status and metadata.
 * One source of truth for views; `revision` changes whenever the data does.
 * This module holds the state (and, not reactive, the files behind it); the
 * modules that open, keep and describe the workspace change it.
 */
import type { LoadError, LoadWarning } from '../load/errors';
import type { LoadPhase, LoadedSource } from '../load/load-file';
import type { FileStore, PersistOutcome, WorkKey } from './persist';
import type { Join, LoadedWorkspace, WorkspaceFile } from '../load/workspace-files';
import type { TargetsLoad } from '../load/targets-file';
import type { BudgetLoad } from '../load/budget-file';
import type { WorkspaceManifest } from '../load/sample';
import type { CanonicalField, Dimension } from '../model/schema';
import type { Grain } from '../ingest/date';

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

// Not reactive: what is behind the current data, read to save, export or load it again. Changed only here,
// through the setters below (workspace-open.ts and workspace-reset.ts call them).

/** Where the open published workspace's plans, budgets and queries are kept: data/'s as 'sample', another folder's apart. */
let publishedKey: WorkKey = 'sample';
/** The dropped files behind the current workspace, kept to save them again after a remap. */
let currentFiles: File[] = [];
/** The multi-file workspace behind the current data, kept to re-apply its targets after a remap. */
let currentWorkspace: LoadedWorkspace | null = null;

export function getPublishedKey(): WorkKey {
  return publishedKey;
}

export function setPublishedKey(key: WorkKey): void {
  publishedKey = key;
}

export function getCurrentFiles(): File[] {
  return currentFiles;
}

export function setCurrentFiles(files: File[]): void {
  currentFiles = files;
}

export function getCurrentWorkspace(): LoadedWorkspace | null {
  return currentWorkspace;
}

export function setCurrentWorkspace(loaded: LoadedWorkspace | null): void {
  currentWorkspace = loaded;
}
