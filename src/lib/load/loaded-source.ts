/**
 * What loading a file takes and gives: the engine it needs, its progress
 * phases, the loaded source, and the choices a user made before (with the
 * helpers that lay them over the proposals).
 */
import type { AmountFormat } from '../ingest/amount';
import type { DateFormat } from '../ingest/date';
import type { InputField, Mapping } from '../model/schema';
import type { SqlRunner } from '../engine/types';
import type { LoadWarning } from './errors';
import type { LoadCheck, SourceKind } from './sales-table';

/** What the engine must offer besides SQL to load files. */
export interface LoadEngine extends SqlRunner {
  registerFile(name: string, file: File): Promise<void>;
  registerBuffer(name: string, bytes: Uint8Array): Promise<void>;
  insertArrow(table: import('apache-arrow').Table, name: string): Promise<void>;
  /** Creates table `name` from Arrow IPC stream bytes. */
  insertIpc(bytes: Uint8Array, name: string): Promise<void>;
}

export type LoadPhase = 'reading' | 'transcoding' | 'loading' | 'checking';
export type ProgressFn = (phase: LoadPhase, fraction: number | null) => void;

/** Everything the data page shows about a loaded file, and what is needed to rebuild it with another mapping. */
export interface LoadedSource {
  fileName: string;
  fileSize: number;
  format: 'csv' | 'parquet';
  encoding: string | null;
  delimiter: string | null;
  header: string[];
  preview: string[][];
  columnKinds: Record<string, SourceKind>;
  /** SQL relation the canonical table is built from. */
  relation: string;
  mapping: Mapping;
  mappingReasons: Partial<Record<InputField, string>>;
  amountFormat: AmountFormat;
  dateFormat: DateFormat | null;
  dateAmbiguous: boolean;
  /** Text columns whose sample has padding or null markers. */
  textToClean: string[];
  /** The engine table behind the `sales` view. */
  table: string;
  check: LoadCheck;
  warnings: LoadWarning[];
  /**
   * Restored from the table kept in the browser (restoreKeptTable): `table`
   * holds the canonical columns and order flags only, and `relation` names a
   * file registered by an earlier page, so another mapping reloads the file.
   */
  keptTable?: boolean;
}

/** Choices the user made for a file before (restored from storage): used instead of the proposals. */
export interface SavedChoices {
  mapping: Mapping;
  /** Absent when only the columns were chosen (the error card's picker): the formats are then detected. */
  amountFormat?: AmountFormat;
  dateFormat?: DateFormat | null;
  /** A multi-file workspace's roles and joins as the user set them on #/data (by file name). */
  workspace?: WorkspaceChoices;
}

/** What a user changed in a multi-file workspace; absent parts are proposed by the app. */
export interface WorkspaceChoices {
  /** File name → its role ('sales' | 'lookup' | 'targets' | 'ignored'). */
  roles?: Record<string, string>;
  /** The joins in force, in order; each from the facts or a lookup joined before it. */
  joins?: JoinChoice[];
  /** After the user changed roles or joins: map the fields the saved mapping leaves empty from the new columns. */
  fillMapping?: boolean;
}

export interface JoinChoice {
  fromFile: string;
  fromColumn: string;
  toFile: string;
  toColumn: string;
}

/** The formats a saved choice fixes, to lay over the detected ones. */
export function savedFormats(choices: SavedChoices | undefined): { amountFormat?: AmountFormat; dateFormat?: DateFormat | null; dateAmbiguous?: boolean } {
  if (!choices?.amountFormat) return {};
  return { amountFormat: choices.amountFormat, dateFormat: choices.dateFormat ?? null, dateAmbiguous: false };
}

/** Saved choices apply only when every column they name is still in the file. */
export function applicable(choices: SavedChoices | undefined, header: string[]): SavedChoices | undefined {
  if (!choices) return undefined;
  return Object.values(choices.mapping).every((c) => c && header.includes(c)) ? choices : undefined;
}
