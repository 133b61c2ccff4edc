/**
 * Snapshot links: the aggregated results of one screen (never raw rows), its
 * notes, filters, source name and a timestamp, carried in the URL fragment
 * `#/snapshot/<payload>` (fragments are never sent to a server).
 *
 * payload = base64url(zlib(JSON)); the zlib trailer's Adler-32 checksum
 * (checked here: fflate does not) catches tampering and truncation, and the
 * decoded JSON is validated field by field.
 * Decoding never throws: it returns the snapshot or a typed error.
 */
import { strFromU8, strToU8, unzlibSync, zlibSync } from 'fflate';
import { ROUTES, type Route, type ViewState } from '../model/view-state';
import { formatHash, parseHash } from './url-state';

export const SNAPSHOT_VERSION = 1;
export const SNAPSHOT_PREFIX = '#/snapshot/';
/** Longest link we make (the whole fragment); longer ones risk being cut by mail and chat clients. */
export const MAX_SNAPSHOT_LINK = 8 * 1024;

/** How a value is displayed; the receiver formats in its own language with the snapshot's currency. */
export type CellFormat = 'money' | 'percent' | 'change' | 'integer' | 'number' | 'month' | 'text';
export type Cell = string | number | null;

export interface SnapshotKpi {
  kpi: string;
  label: string;
  /** The raw number (data-value); null when unavailable. */
  value: number | null;
  /** The number as the sender saw it. */
  display: string;
  changes: { label: string; ratio: number | null }[];
  note: string;
  unavailable: string;
  status: 'ahead' | 'on-pace' | 'behind' | 'at-risk' | null;
}

export interface SnapshotTable {
  name: string;
  title: string;
  columns: { key: string; label: string; format: CellFormat }[];
  /** One array of cells per row, in column order. */
  rows: Cell[][];
}

export interface Snapshot {
  version: typeof SNAPSHOT_VERSION;
  route: Route;
  /** The screen's view state (filters, period, options). */
  view: ViewState;
  /** When the snapshot was made (ISO timestamp). */
  createdAt: string;
  /** The data's source: file name or workspace name. */
  source: string;
  /** The screen's title and the date range it covers. */
  title: string;
  range: { start: string; end: string } | null;
  currency: string;
  kpis: SnapshotKpi[];
  tables: SnapshotTable[];
  /** Notes shown on the screen (plain text, shown as text). */
  notes: string[];
}

export type SnapshotErrorKind = 'too-large' | 'not-a-snapshot' | 'corrupt' | 'unsupported-version' | 'invalid';
export interface SnapshotError {
  kind: SnapshotErrorKind;
  message: string;
  /** For too-large: the link's length in characters. */
  size?: number;
}
export type SnapshotResult<T> = { ok: true; value: T } | { ok: false; error: SnapshotError };

const fail = (kind: SnapshotErrorKind, message: string, size?: number): { ok: false; error: SnapshotError } => ({
  ok: false,
  error: size === undefined ? { kind, message } : { kind, message, size },
});

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null;
  const padded = text.replaceAll('-', '+').replaceAll('_', '/') + '='.repeat((4 - (text.length % 4)) % 4);
  try {
    const binary = atob(padded);
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

/** The link fragment for a snapshot, or `too-large` when it would exceed MAX_SNAPSHOT_LINK. */
export function encodeSnapshot(snapshot: Snapshot): SnapshotResult<string> {
  const json = JSON.stringify({ ...snapshot, view: formatHash(snapshot.view) });
  const fragment = SNAPSHOT_PREFIX + toBase64Url(zlibSync(strToU8(json), { level: 9 }));
  if (fragment.length > MAX_SNAPSHOT_LINK) {
    return fail('too-large', `the snapshot link would be ${fragment.length} characters (limit ${MAX_SNAPSHOT_LINK})`, fragment.length);
  }
  return { ok: true, value: fragment };
}

export function isSnapshotHash(hash: string): boolean {
  return hash.startsWith(SNAPSHOT_PREFIX);
}

/** Adler-32 as in the zlib trailer (RFC 1950). */
function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < bytes.length; i++) {
    a = (a + bytes[i]) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

function inflateChecked(bytes: Uint8Array): Uint8Array | null {
  try {
    const out = unzlibSync(bytes);
    const n = bytes.length;
    const stored = ((bytes[n - 4] << 24) | (bytes[n - 3] << 16) | (bytes[n - 2] << 8) | bytes[n - 1]) >>> 0;
    return adler32(out) === stored ? out : null;
  } catch {
    return null;
  }
}

// ---- validation of the decoded JSON ----

class Invalid extends Error {}
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
function obj(v: unknown, where: string): Record<string, unknown> {
  if (!isObj(v)) throw new Invalid(`${where}: expected an object`);
  return v;
}
function arr(v: unknown, where: string): unknown[] {
  if (!Array.isArray(v)) throw new Invalid(`${where}: expected a list`);
  return v;
}
function str(v: unknown, where: string): string {
  if (typeof v !== 'string') throw new Invalid(`${where}: expected text`);
  return v;
}
function numOrNull(v: unknown, where: string): number | null {
  if (v === null) return null;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Invalid(`${where}: expected a number`);
  return v;
}
function cell(v: unknown, where: string): Cell {
  if (v === null || typeof v === 'string') return v;
  return numOrNull(v, where);
}
const FORMATS: readonly CellFormat[] = ['money', 'percent', 'change', 'integer', 'number', 'month', 'text'];
const STATUSES = ['ahead', 'on-pace', 'behind', 'at-risk'] as const;

function kpi(v: unknown, i: number): SnapshotKpi {
  const w = `kpis[${i}]`;
  const o = obj(v, w);
  const status = o.status === null || o.status === undefined ? null : str(o.status, `${w}.status`);
  if (status !== null && !(STATUSES as readonly string[]).includes(status)) throw new Invalid(`${w}.status: unknown`);
  return {
    kpi: str(o.kpi, `${w}.kpi`),
    label: str(o.label, `${w}.label`),
    value: numOrNull(o.value, `${w}.value`),
    display: str(o.display, `${w}.display`),
    changes: arr(o.changes, `${w}.changes`).map((c, j) => {
      const co = obj(c, `${w}.changes[${j}]`);
      return { label: str(co.label, `${w}.changes[${j}].label`), ratio: numOrNull(co.ratio, `${w}.changes[${j}].ratio`) };
    }),
    note: str(o.note, `${w}.note`),
    unavailable: str(o.unavailable, `${w}.unavailable`),
    status: status as SnapshotKpi['status'],
  };
}

function table(v: unknown, i: number): SnapshotTable {
  const w = `tables[${i}]`;
  const o = obj(v, w);
  const columns = arr(o.columns, `${w}.columns`).map((c, j) => {
    const co = obj(c, `${w}.columns[${j}]`);
    const format = str(co.format, `${w}.columns[${j}].format`) as CellFormat;
    if (!FORMATS.includes(format)) throw new Invalid(`${w}.columns[${j}].format: unknown`);
    return { key: str(co.key, `${w}.columns[${j}].key`), label: str(co.label, `${w}.columns[${j}].label`), format };
  });
  const rows = arr(o.rows, `${w}.rows`).map((r, j) => {
    const cells = arr(r, `${w}.rows[${j}]`);
    if (cells.length !== columns.length) throw new Invalid(`${w}.rows[${j}]: expected ${columns.length} cells`);
    return cells.map((c, k) => cell(c, `${w}.rows[${j}][${k}]`));
  });
  return { name: str(o.name, `${w}.name`), title: str(o.title, `${w}.title`), columns, rows };
}

function validate(json: unknown): Snapshot {
  const o = obj(json, 'snapshot');
  const route = str(o.route, 'route');
  if (!(ROUTES as readonly string[]).includes(route)) throw new Invalid(`route: unknown view "${route}"`);
  const createdAt = str(o.createdAt, 'createdAt');
  if (Number.isNaN(Date.parse(createdAt))) throw new Invalid('createdAt: not a timestamp');
  let range: Snapshot['range'] = null;
  if (o.range !== null && o.range !== undefined) {
    const ro = obj(o.range, 'range');
    range = { start: str(ro.start, 'range.start'), end: str(ro.end, 'range.end') };
  }
  return {
    version: SNAPSHOT_VERSION,
    route: route as Route,
    // The URL-state codec validates every key and drops unknown ones.
    view: { ...parseHash(str(o.view, 'view')), route: route as Route },
    createdAt,
    source: str(o.source, 'source'),
    title: str(o.title, 'title'),
    range,
    currency: str(o.currency, 'currency'),
    kpis: arr(o.kpis, 'kpis').map(kpi),
    tables: arr(o.tables, 'tables').map(table),
    notes: arr(o.notes, 'notes').map((n, i) => str(n, `notes[${i}]`)),
  };
}

/** Decodes a fragment (`#/snapshot/…`) or a bare payload. Never throws. */
export function decodeSnapshot(fragmentOrPayload: string): SnapshotResult<Snapshot> {
  try {
    const payload = fragmentOrPayload.startsWith(SNAPSHOT_PREFIX) ? fragmentOrPayload.slice(SNAPSHOT_PREFIX.length) : fragmentOrPayload;
    // A link several times the limit was not made here; do not inflate it.
    if (payload.length > MAX_SNAPSHOT_LINK * 4) return fail('too-large', 'the link is far longer than any snapshot link', payload.length);
    if (payload.length === 0 || !/^[A-Za-z0-9_-]+$/.test(payload)) return fail('not-a-snapshot', 'the link does not contain snapshot data');
    const bytes = fromBase64Url(payload);
    if (!bytes || bytes.length < 6) return fail('corrupt', 'the link is damaged or incomplete');
    const inflated = inflateChecked(bytes);
    if (!inflated) return fail('corrupt', 'the link is damaged or incomplete (its checksum does not match)');
    const text = strFromU8(inflated);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return fail('corrupt', 'the link is damaged (its content is not valid JSON)');
    }
    if (!isObj(json) || !('version' in json)) return fail('not-a-snapshot', 'the link holds no TargetScope snapshot');
    if (json.version !== SNAPSHOT_VERSION) return fail('unsupported-version', `snapshot version ${String(json.version)} is not supported (expected ${SNAPSHOT_VERSION})`);
    return { ok: true, value: validate(json) };
  } catch (e) {
    if (e instanceof Invalid) return fail('invalid', `the snapshot is not valid: ${e.message}`);
    return fail('corrupt', `the link could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
}
