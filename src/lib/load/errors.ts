/**
 * Load failures and warnings carry a code and the facts (file, row, column,
 * examples); the UI turns them into a sentence in the user's language.
 */
import type { Mapping } from '../model/schema';

export type LoadErrorCode =
  | 'empty'
  | 'header-only'
  | 'binary'
  | 'unsupported-type'
  | 'encoding'
  | 'ragged'
  | 'no-date'
  | 'no-amount'
  | 'bad-dates'
  | 'bad-amounts'
  | 'too-large'
  | 'out-of-memory'
  | 'read-failed'
  | 'archive'
  /** internal: a typed fast-path read met a value of another type; the loader retries as text */
  | 'conversion';

export interface LoadFacts {
  file: string;
  row?: number;
  column?: string;
  count?: number;
  total?: number;
  expected?: string;
  examples?: { row: number; value: string }[];
  detail?: string;
  limit?: number;
  /** no-date / no-amount: the file's columns and what was proposed, for the column picker */
  columns?: string[];
  proposed?: Mapping;
  /** A multi-file workspace: the file whose columns the picker offers (it becomes the sales facts). */
  factsFile?: string;
}

export class LoadError extends Error {
  constructor(
    public code: LoadErrorCode,
    public facts: LoadFacts,
  ) {
    super(`${code}: ${facts.file}${facts.column ? ` [${facts.column}]` : ''}${facts.detail ? ` — ${facts.detail}` : ''}`);
    this.name = 'LoadError';
  }
}

export type LoadWarningCode =
  | 'some-bad-dates'
  | 'some-bad-amounts'
  | 'missing-dates'
  | 'missing-amounts'
  | 'missing-quantities'
  | 'ambiguous-dates'
  | 'ragged-rows'
  | 'date-by-content'
  | 'amount-by-content'
  | 'date-from-year-month'
  | 'weekly'
  | 'monthly'
  | 'quarterly';

export interface LoadWarning {
  code: LoadWarningCode;
  facts: LoadFacts;
}

/** Share of non-blank values that must parse; below it the load is refused rather than showing a wrong number. */
export const MIN_PARSED_SHARE = 0.5;

/** Files above this are refused before reading: the tab would run out of memory (wasm is limited to 4 GB). */
export const MAX_FILE_BYTES = 1_500_000_000;
