/**
 * The market notes of the open workspace. The published workspace's come
 * from its `market.json` (beside workspace.json); a dropped file has none
 * until the user imports a market JSON file. An import is kept in memory and
 * in the browser beside the workspace's other work (store/persist.ts, under the
 * same key as its plans: currentWorkKey); it takes precedence over the published file.
 */
import { openDB } from 'idb';
import { publishedWorkspaceFolder } from '../load/sample';
import { workspace, currentWorkKey } from '../store/workspace.svelte';
import { clearMarketKept, readMarketKept, saveMarketKept, type WorkKey } from '../store/persist';
import { parseMarketData, parseMarketText, serializeMarketData, type MarketData } from './market-data';

export const market = $state({
  /** Which workspace `data` belongs to (see workspaceKey). */
  key: null as WorkKey | null,
  data: null as MarketData | null,
  origin: null as 'published' | 'imported' | null,
  status: 'idle' as 'idle' | 'loading' | 'ready',
  error: null as string | null,
});

/** The open workspace's key (null while none is open). */
const workspaceKey = (): WorkKey | null => (workspace.info ? currentWorkKey() : null);

/**
 * Imports made before the notes moved beside the workspace's other work were kept in their own database,
 * keyed by the published workspace's name: read once, moved under the new key, and forgotten there.
 */
async function readLegacy(key: WorkKey): Promise<unknown> {
  const legacyKey = key === 'file' ? 'file' : workspace.info ? `published:${workspace.info.name}` : null;
  if (!legacyKey) return undefined;
  try {
    const db = await openDB('targetscope-market', 1, { upgrade: (d) => void d.createObjectStore('market') });
    const saved: unknown = await db.get('market', legacyKey);
    if (saved !== undefined) {
      await saveMarketKept(key, saved);
      await db.delete('market', legacyKey);
    }
    db.close();
    return saved;
  } catch {
    return undefined;
  }
}

async function readSaved(key: WorkKey): Promise<MarketData | null> {
  if (__READ_ONLY__) return null;
  const saved: unknown = (await readMarketKept<unknown>(key)) ?? (await readLegacy(key));
  if (saved === null || saved === undefined) return null;
  const parsed = parseMarketData(saved);
  return parsed.ok ? parsed.value : null;
}

/** Kept beside the workspace's work (in memory only when the browser keeps nothing). */
async function save(key: WorkKey, data: MarketData | null): Promise<void> {
  if (__READ_ONLY__) return;
  if (data) await saveMarketKept(key, data);
  else await clearMarketKept(key);
}

async function fetchPublished(): Promise<MarketData | null> {
  const file = workspace.manifest?.market;
  if (!file) return null;
  const res = await fetch(new URL(file, new URL(`${publishedWorkspaceFolder(location.search)}/`, document.baseURI)));
  if (!res.ok) throw new Error(`${file}: HTTP ${res.status}`);
  const parsed = parseMarketData(await res.json());
  if (!parsed.ok) throw new Error(`${file}: ${parsed.error}`);
  return parsed.value;
}

let pending: Promise<void> | null = null;

/** Loads the market notes for the open workspace once (again when the workspace changes). */
export function ensureMarket(): Promise<void> {
  const key = workspaceKey();
  if (!key || (market.key === key && market.status !== 'idle')) return pending ?? Promise.resolve();
  market.key = key;
  market.status = 'loading';
  market.error = null;
  market.data = null;
  market.origin = null;
  pending = (async () => {
    try {
      const saved = await readSaved(key);
      const data = saved ?? (await fetchPublished());
      if (market.key !== key) return;
      market.data = data;
      market.origin = saved ? 'imported' : data ? 'published' : null;
    } catch (e) {
      if (market.key === key) market.error = e instanceof Error ? e.message : String(e);
    } finally {
      if (market.key === key) market.status = 'ready';
    }
  })();
  return pending;
}

/** Imports a market JSON file's text; returns an error message or null. */
export async function importMarket(text: string): Promise<string | null> {
  const parsed = parseMarketText(text);
  if (!parsed.ok) return parsed.error;
  const key = workspaceKey();
  if (!key) return 'no workspace is open';
  market.key = key;
  market.data = parsed.value;
  market.origin = 'imported';
  market.status = 'ready';
  market.error = null;
  await save(key, parsed.value);
  return null;
}

/** Forgets an import and goes back to the published notes (if any). */
export async function forgetImportedMarket(): Promise<void> {
  const key = workspaceKey();
  if (!key) return;
  await save(key, null);
  market.status = 'idle';
  market.key = null;
  await ensureMarket();
}

export function exportMarketText(): string {
  return serializeMarketData(market.data ?? { competitors: [], events: [], swot: [] });
}
