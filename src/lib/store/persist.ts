/**
 * Keeps the user's workspace in this browser (IndexedDB, which stores the
 * file itself as a Blob) so a reload restores it without re-dropping the
 * file. Storage may be missing (private browsing) or full: callers get a
 * reason and the app keeps working in memory.
 */
import { openDB, type IDBPDatabase } from 'idb';
import type { SavedChoices } from '../load/load-file';

const DB_NAME = 'targetscope';
const STORE = 'workspace';
const KEY = 'current';

export interface SavedWorkspace {
  version: 1;
  file: Blob;
  fileName: string;
  lastModified: number;
  choices: SavedChoices;
  savedAt: string;
}

export type PersistOutcome = { ok: true } | { ok: false; reason: 'unavailable' | 'quota' | 'error'; message: string };

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

export async function saveWorkspace(file: File, choices: SavedChoices): Promise<PersistOutcome> {
  try {
    const db = await open();
    const record: SavedWorkspace = {
      version: 1,
      file,
      fileName: file.name,
      lastModified: file.lastModified,
      choices: JSON.parse(JSON.stringify(choices)) as SavedChoices,
      savedAt: new Date().toISOString(),
    };
    await db.put(STORE, record, KEY);
    db.close();
    return { ok: true };
  } catch (e) {
    return failure(e);
  }
}

/** The saved workspace, or null when there is none or it cannot be read (never throws). */
export async function readSavedWorkspace(): Promise<SavedWorkspace | null> {
  try {
    const db = await open();
    const record = (await db.get(STORE, KEY)) as SavedWorkspace | undefined;
    db.close();
    if (!record || record.version !== 1 || !(record.file instanceof Blob) || typeof record.fileName !== 'string') return null;
    return record;
  } catch {
    return null;
  }
}

export async function clearSavedWorkspace(): Promise<PersistOutcome> {
  try {
    const db = await open();
    await db.delete(STORE, KEY);
    db.close();
    return { ok: true };
  } catch (e) {
    return failure(e);
  }
}
