/**
 * The market notes of the open workspace. The published workspace's come
 * from its `market.json` (beside workspace.json); a dropped file has none
 * until the user imports a market JSON file. An import is kept in memory and
 * in IndexedDB (its own database, so the workspace store is untouched), per
 * workspace; it takes precedence over the published file.
 */
import { openDB } from 'idb';
import { publishedWorkspaceFolder } from '../load/sample';
import { workspace } from '../store/workspace.svelte';
import { parseMarketData, parseMarketText, serializeMarketData, type MarketData } from './market-data';

const DB_NAME = 'targetscope-market';
const STORE = 'market';

export const market = $state({
  /** Which workspace `data` belongs to (see workspaceKey). */
  key: null as string | null,
  data: null as MarketData | null,
  origin: null as 'published' | 'imported' | null,
  status: 'idle' as 'idle' | 'loading' | 'ready',
  error: null as string | null,
});

/** One key per workspace: the published one by name, any dropped file under one key. */
function workspaceKey(): string | null {
  const info = workspace.info;
  if (!info) return null;
  return info.kind === 'sample' ? `published:${info.name}` : 'file';
}

async function readSaved(key: string): Promise<MarketData | null> {
  if (__READ_ONLY__ || typeof indexedDB === 'undefined') return null;
  try {
    const db = await openDB(DB_NAME, 1, { upgrade: (d) => void d.createObjectStore(STORE) });
    const saved: unknown = await db.get(STORE, key);
    db.close();
    if (saved === undefined) return null;
    const parsed = parseMarketData(saved);
    return parsed.ok ? parsed.value : null;
  } catch {
    return null; // storage unavailable: the app works without it
  }
}

async function save(key: string, data: MarketData | null): Promise<void> {
  if (__READ_ONLY__ || typeof indexedDB === 'undefined') return;
  try {
    const db = await openDB(DB_NAME, 1, { upgrade: (d) => void d.createObjectStore(STORE) });
    if (data) await db.put(STORE, JSON.parse(JSON.stringify(data)), key);
    else await db.delete(STORE, key);
    db.close();
  } catch {
    // Kept in memory only.
  }
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
