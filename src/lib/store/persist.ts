/**
 * Keeps the user's workspace in this browser so a reload restores it without
 * re-dropping the file: the records in IndexedDB, the files' bytes (and a kept
 * table's) in the Origin Private File System where the browser has it, else
 * as Blobs in the records. Storage may be missing (private browsing) or full:
 * callers get a reason and the app keeps working in memory.
 */
import { openDB, type IDBPDatabase } from 'idb';
import type { SavedChoices } from '../load/load-file';
import { pruneOpfsFiles, readOpfsFile, writeOpfsFile } from './opfs';

const DB_NAME = 'targetscope';
const STORE = 'workspace';
const KEY = 'current';

export interface SavedFile {
  blob: Blob;
  name: string;
  lastModified: number;
}

export interface SavedWorkspace {
  version: 2;
  /** One sales file, or the files of a multi-file workspace. */
  files: SavedFile[];
  choices: SavedChoices;
  savedAt: string;
}

/** As stored: the bytes in the record (`blob`), or in OPFS under `opfs`. */
type StoredFile = Omit<SavedFile, 'blob'> & { blob: Blob | null; opfs?: string };
type StoredWorkspace = Omit<SavedWorkspace, 'files'> & { files: StoredFile[] };

/** Where a save put the files' bytes. */
export type FileStore = 'opfs' | 'indexeddb';

/** Whose work a record keeps: the published workspace in data/, one in another folder (`sample:<folder>`), or the dropped files. */
export type WorkKey = 'sample' | 'file' | `sample:${string}`;

export type PersistOutcome = { ok: true } | { ok: false; reason: 'unavailable' | 'quota' | 'error'; message: string };

/**
 * The sales table of a one-file workspace as compacted (canonical columns and
 * order flags, Arrow IPC), kept beside the saved file so a reload inserts it
 * instead of parsing the file again. It belongs to the workspace record with
 * the same `savedAt`.
 */
export interface KeptTable {
  savedAt: string;
  ipc: Blob;
  /** As stored: the bytes in OPFS under this name instead of `ipc`. */
  ipcOpfs?: string;
  /** The LoadedSource it was built with (JSON). */
  source: unknown;
  /** The fields constant within orders, as measured after the compaction. */
  orderConstant: string[] | null;
  /** The table's rows, date span and filled fields (the workspace's SalesSummary; checked when read). */
  summary: unknown;
}

const PARSED_KEY = 'parsed:file';

function open(): Promise<IDBPDatabase> {
  if (typeof indexedDB === 'undefined') throw new DOMException('IndexedDB is not available', 'InvalidStateError');
  return openDB(DB_NAME, 1, {
    upgrade(db) {
      db.createObjectStore(STORE);
    },
  });
}

function failure(e: unknown): PersistOutcome {
  const name = e instanceof DOMException ? e.name : '';
  const message = e instanceof Error ? e.message : String(e);
  if (name === 'QuotaExceededError') return { ok: false, reason: 'quota', message };
  if (name === 'InvalidStateError' || name === 'SecurityError' || name === 'UnknownError') return { ok: false, reason: 'unavailable', message };
  return { ok: false, reason: 'error', message };
}

/** A name for OPFS from a save's time (digits only). */
const stampOf = (savedAt: string) => savedAt.replace(/\D/g, '');

/** Saves the files and choices (dropping a kept table of earlier files); `savedAt` identifies this save. */
export async function saveWorkspace(files: File[], choices: SavedChoices): Promise<PersistOutcome & { savedAt?: string; fileStore?: FileStore }> {
  try {
    const db = await open();
    const savedAt = new Date().toISOString();
    const stored: StoredFile[] = await Promise.all(
      files.map(async (f, i) => {
        const opfs = `file-${stampOf(savedAt)}-${i}`;
        return (await writeOpfsFile(opfs, f)) ? { blob: null, opfs, name: f.name, lastModified: f.lastModified } : { blob: f, name: f.name, lastModified: f.lastModified };
      }),
    );
    const record: StoredWorkspace = { version: 2, files: stored, choices: JSON.parse(JSON.stringify(choices)) as SavedChoices, savedAt };
    const tx = db.transaction(STORE, 'readwrite');
    await Promise.all([tx.store.put(record, KEY), tx.store.delete(PARSED_KEY), tx.done]);
    db.close();
    // The earlier files and kept tables go with the records that named them.
    await pruneOpfsFiles(new Set(stored.flatMap((f) => (f.opfs ? [f.opfs] : []))));
    return { ok: true, savedAt, fileStore: stored.every((f) => f.opfs) ? 'opfs' : 'indexeddb' };
  } catch (e) {
    return failure(e);
  }
}

/** Keeps the parsed table of the workspace saved at `savedAt`; nothing when another save replaced it since. */
export async function keepParsedTable(table: KeptTable): Promise<PersistOutcome> {
  try {
    const name = `parsed-${stampOf(table.savedAt)}.arrow`;
    const inOpfs = await writeOpfsFile(name, table.ipc);
    const stored: Omit<KeptTable, 'ipc'> & { ipc: Blob | null } = inOpfs ? { ...table, ipc: null, ipcOpfs: name } : table;
    const db = await open();
    const tx = db.transaction(STORE, 'readwrite');
    const record = (await tx.store.get(KEY)) as StoredWorkspace | undefined;
    const current = record?.savedAt === table.savedAt;
    if (current) await tx.store.put(stored, PARSED_KEY);
    await tx.done;
    db.close();
    if (!current && inOpfs) await pruneOpfsFiles(new Set((record?.files ?? []).flatMap((f) => (f.opfs ? [f.opfs] : []))));
    return { ok: true };
  } catch (e) {
    return failure(e);
  }
}

/** The parsed table kept for the workspace saved at `savedAt`, or null (never throws). */
export async function readKeptTable(savedAt: string): Promise<KeptTable | null> {
  const kept = await readRecord<Omit<KeptTable, 'ipc'> & { ipc: Blob | null }>(PARSED_KEY);
  if (!kept || kept.savedAt !== savedAt) return null;
  const ipc = kept.ipc instanceof Blob ? kept.ipc : typeof kept.ipcOpfs === 'string' ? await readOpfsFile(kept.ipcOpfs) : null;
  if (!ipc) return null;
  const constant = kept.orderConstant;
  return { ...kept, ipc, orderConstant: Array.isArray(constant) && constant.every((f) => typeof f === 'string') ? constant : null };
}

/** The saved files as File objects again. */
export function savedFiles(saved: SavedWorkspace): File[] {
  return saved.files.map((f) => new File([f.blob], f.name, { lastModified: f.lastModified }));
}

/** The saved workspace with its files' bytes, or null when there is none or it cannot be read (never throws). */
export async function readSavedWorkspace(): Promise<SavedWorkspace | null> {
  try {
    const db = await open();
    const record = (await db.get(STORE, KEY)) as StoredWorkspace | undefined;
    db.close();
    if (!record || record.version !== 2 || !Array.isArray(record.files) || record.files.length === 0) return null;
    const files = await Promise.all(
      record.files.map(async (f) => ({
        name: f.name,
        lastModified: f.lastModified,
        blob: f.blob instanceof Blob ? f.blob : typeof f.opfs === 'string' ? await readOpfsFile(f.opfs) : null,
      })),
    );
    // Bytes gone (site data cleared in part) or foreign records: nothing to restore.
    if (!files.every((f): f is SavedFile => f.blob instanceof Blob && typeof f.name === 'string')) return null;
    return { ...record, files };
  } catch {
    return null;
  }
}

export async function clearSavedWorkspace(): Promise<PersistOutcome> {
  try {
    const db = await open();
    const tx = db.transaction(STORE, 'readwrite');
    await Promise.all([tx.store.delete(KEY), tx.store.delete(PARSED_KEY), tx.done]);
    db.close();
    await pruneOpfsFiles(new Set());
    return { ok: true };
  } catch (e) {
    return failure(e);
  }
}

/** A JSON record kept beside the workspace under a key (plans, saved queries). */
async function keepRecord(key: string, value: unknown): Promise<PersistOutcome> {
  try {
    const db = await open();
    await db.put(STORE, JSON.parse(JSON.stringify(value)), key);
    db.close();
    return { ok: true };
  } catch (e) {
    return failure(e);
  }
}

async function readRecord<T>(key: string): Promise<T | null> {
  try {
    const db = await open();
    const value = (await db.get(STORE, key)) as T | undefined;
    db.close();
    return value ?? null;
  } catch {
    return null;
  }
}

async function forgetRecord(key: string): Promise<void> {
  try {
    const db = await open();
    await db.delete(STORE, key);
    db.close();
  } catch {
    // nothing kept, nothing to clear
  }
}

/** A plan built or revised in the app, kept per workspace ('sample' or 'file'). */
export const savePlan = (key: WorkKey, plan: unknown) => keepRecord(`plan:${key}`, plan);
export const readPlan = <T>(key: WorkKey) => readRecord<T>(`plan:${key}`);
export const clearPlan = (key: WorkKey) => forgetRecord(`plan:${key}`);

/** The #/sql queries the user saved, per workspace ('sample' or 'file'). */
export const saveQueries = (key: WorkKey, queries: unknown) => keepRecord(`queries:${key}`, queries);
export const readQueries = <T>(key: WorkKey) => readRecord<T>(`queries:${key}`);
export const clearQueries = (key: WorkKey) => forgetRecord(`queries:${key}`);

/** Market notes imported on #/market, per workspace (market/store.svelte.ts). */
export const saveMarketKept = (key: WorkKey, data: unknown) => keepRecord(`market:${key}`, data);
export const readMarketKept = <T>(key: WorkKey) => readRecord<T>(`market:${key}`);
export const clearMarketKept = (key: WorkKey) => forgetRecord(`market:${key}`);

/** Budget lines entered in the app, per workspace ('sample' or 'file'). */
export const saveBudgetEntriesKept = (key: WorkKey, rows: unknown) => keepRecord(`budget:${key}`, rows);
export const readBudgetEntriesKept = <T>(key: WorkKey) => readRecord<T>(`budget:${key}`);
export const clearBudgetEntriesKept = (key: WorkKey) => forgetRecord(`budget:${key}`);
