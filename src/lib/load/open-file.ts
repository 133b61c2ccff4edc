/**
 * Opening one file: refusing what can never be a table, reading its head,
 * telling Parquet from text, and registering a text file's bytes with the
 * engine (transcoded to UTF-8 only when needed); the ids of its tables.
 */
import { decodeHead, detectEncoding, EncodingError, needsTranscode, transcodeToUtf8, type EncodingGuess } from '../ingest/encoding';
import { sniffText, SniffError, type Sniff } from '../ingest/sniff';
import { LoadError, MAX_FILE_BYTES } from './errors';
import type { LoadEngine, ProgressFn } from './loaded-source';

const HEAD_BYTES = 512 * 1024;
let loadCounter = 0;

function extension(name: string): string {
  return name.toLowerCase().split('.').pop() ?? '';
}

/** Refuses what can never be a table (empty, too large, a workbook or archive) before reading it. */
export function checkFile(file: File): void {
  const facts = { file: file.name };
  if (file.size === 0) throw new LoadError('empty', facts);
  if (file.size > MAX_FILE_BYTES) throw new LoadError('too-large', { ...facts, limit: MAX_FILE_BYTES, count: file.size });
  const ext = extension(file.name);
  if (['xls', 'zip', 'pdf', 'docx', 'png', 'jpg', 'gz'].includes(ext)) {
    throw new LoadError('unsupported-type', { ...facts, detail: ext });
  }
}

/** A delimited text file, sniffed and registered with the engine as UTF-8. */
export interface OpenedText {
  guess: EncodingGuess;
  sniff: Sniff;
  /** The engine's name for the (transcoded) bytes. */
  registered: string;
}

/** Reads the head (encoding, dialect, header, sample rows) and registers the bytes, transcoded to UTF-8 only if needed. */
export async function openTextFile(db: LoadEngine, file: File, id: number, head: Uint8Array, progress: ProgressFn): Promise<OpenedText> {
  const facts = { file: file.name };
  let guess: EncodingGuess;
  try {
    guess = detectEncoding(head);
  } catch (e) {
    if (e instanceof EncodingError) throw new LoadError('binary', { ...facts, detail: e.message });
    throw e;
  }
  let sniff: Sniff;
  try {
    sniff = sniffText(decodeHead(head, guess), file.size <= HEAD_BYTES);
  } catch (e) {
    if (e instanceof SniffError) {
      const code = e.code === 'empty' ? 'empty' : e.code === 'header-only' ? 'header-only' : e.code === 'ragged' ? 'ragged' : 'read-failed';
      throw new LoadError(code, { ...facts, detail: e.message });
    }
    throw e;
  }
  const registered = `src_${id}.csv`;
  if (needsTranscode(guess)) {
    const bytes = await transcodeToUtf8(file, guess, (f) => progress('transcoding', f));
    await db.registerBuffer(registered, bytes);
  } else {
    await db.registerFile(registered, file);
  }
  return { guess, sniff, registered };
}

export function nextLoadId(): number {
  return ++loadCounter;
}

export async function readHead(file: File): Promise<Uint8Array> {
  return new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
}

export function isParquetFile(file: File, head: Uint8Array): boolean {
  return extension(file.name) === 'parquet' || isParquet(head);
}

/** The Parquet magic number at the start of the bytes. */
export function isParquet(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31; // "PAR1"
}
