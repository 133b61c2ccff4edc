/**
 * What the view on screen shows, for snapshot links: every chart registers
 * the table behind it, views register their KPI cards and notes, and the
 * Share button (in the app header, on every view) reads it all at the moment
 * it is pressed. Sources are functions, so nothing is copied until then.
 */
import type { Cell, CellFormat, SnapshotKpi, SnapshotTable } from './snapshot';

/** A column as the tables and charts describe it (DataTable's Column). */
export interface ShownColumn<R> {
  key: string;
  label: string;
  numeric?: boolean;
  value?: (row: R) => unknown;
  /** How the receiver formats it; default: numeric → number, a 'month' key → month, else text. */
  kind?: CellFormat;
}

const tables = new Map<string, () => SnapshotTable>();
let kpiSource: (() => SnapshotKpi[]) | null = null;
let noteSource: (() => string[]) | null = null;

/** Registers a table under a unique name; returns the unregister function (for an effect's cleanup). */
export function showTable(name: string, source: () => SnapshotTable): () => void {
  tables.set(name, source);
  return () => {
    if (tables.get(name) === source) tables.delete(name);
  };
}

export function showKpis(source: () => SnapshotKpi[]): () => void {
  kpiSource = source;
  return () => {
    if (kpiSource === source) kpiSource = null;
  };
}

export function showNotes(source: () => string[]): () => void {
  noteSource = source;
  return () => {
    if (noteSource === source) noteSource = null;
  };
}

export function screenContent(): { kpis: SnapshotKpi[]; tables: SnapshotTable[]; notes: string[] } {
  return { kpis: kpiSource?.() ?? [], tables: [...tables.values()].map((source) => source()), notes: noteSource?.() ?? [] };
}

/** A value as a snapshot cell: finite numbers and text as they are, dates as ISO text, anything else null or text. */
export function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  return String(value);
}

function kindOf<R>(c: ShownColumn<R>): CellFormat {
  if (c.kind) return c.kind;
  if (c.key === 'month') return 'month';
  return c.numeric ? 'number' : 'text';
}

/** The raw values of a table or chart, as a snapshot table (the receiver formats them in its own language). */
export function tableFromColumns<R extends object>(name: string, title: string, columns: ShownColumn<R>[], rows: R[]): SnapshotTable {
  return {
    name,
    title,
    columns: columns.map((c) => ({ key: c.key, label: c.label, format: kindOf(c) })),
    rows: rows.map((r) => columns.map((c) => toCell(c.value ? c.value(r) : (r as Record<string, unknown>)[c.key]))),
  };
}
