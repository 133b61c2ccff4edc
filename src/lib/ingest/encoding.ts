/**
 * Text encoding of an uploaded file: detection from the first bytes, and a
 * streamed transcode to UTF-8 for DuckDB (whose CSV reader only reads UTF-8).
 *
 * Real exports come as UTF-8 (with or without BOM), UTF-16 (Excel "Unicode
 * text"), GBK/GB18030 (Chinese Excel "CSV") or Windows-1252 (Western Excel
 * "CSV"). The last two have no marker, so they are told apart by plausibility.
 */

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'windows-1252';

export interface EncodingGuess {
  encoding: Encoding;
  bom: boolean;
  /** bytes of BOM to skip */
  bomLength: number;
}

/** Why a file can't be read as text (the UI picks its sentence from this). */
export type EncodingErrorReason = 'binary' | 'spreadsheet' | 'utf-32';

export class EncodingError extends Error {
  constructor(
    message: string,
    readonly reason: EncodingErrorReason = 'binary',
  ) {
    super(message);
    this.name = 'EncodingError';
  }
}

/** Default slice size for transcoding: large enough to be fast, small enough to keep memory flat. */
export const TRANSCODE_CHUNK_BYTES = 8 * 1024 * 1024;

export function detectEncoding(head: Uint8Array): EncodingGuess {
  const bomGuess = encodingFromBom(head);
  if (bomGuess) return bomGuess;
  rejectKnownBinaryFormats(head);
  const utf16 = utf16WithoutBom(head);
  if (utf16) return { encoding: utf16, bom: false, bomLength: 0 };
  rejectBinary(head);
  if (isValidUtf8(withoutCutUtf8Tail(head))) return { encoding: 'utf-8', bom: false, bomLength: 0 };
  return { encoding: chineseOrWestern(head), bom: false, bomLength: 0 };
}

export function decodeHead(head: Uint8Array, guess: EncodingGuess): string {
  // stream:true keeps an incomplete trailing character in the decoder instead
  // of turning it into U+FFFD; we never flush, so it is dropped.
  const decoder = new TextDecoder(guess.encoding, { ignoreBOM: true });
  return decoder.decode(head.subarray(guess.bomLength), { stream: true });
}

export function needsTranscode(guess: EncodingGuess): boolean {
  // DuckDB's CSV reader reads UTF-8 and skips a UTF-8 BOM itself.
  return guess.encoding !== 'utf-8';
}

export async function transcodeToUtf8(
  blob: Blob,
  guess: EncodingGuess,
  onProgress?: (f: number) => void,
  chunkBytes: number = TRANSCODE_CHUNK_BYTES,
): Promise<Uint8Array> {
  // Two passes so the output is allocated once at its exact size: the first
  // only counts UTF-8 bytes, the second encodes straight into the output.
  // Memory is then the output plus one chunk (and its decoded text).
  let total = 0;
  for await (const text of decodeChunks(blob, guess, chunkBytes, (f) => onProgress?.(f / 2))) {
    total += utf8Length(text);
  }
  const out = new Uint8Array(total);
  const encoder = new TextEncoder();
  let written = 0;
  for await (const text of decodeChunks(blob, guess, chunkBytes, (f) => onProgress?.(0.5 + f / 2))) {
    const result = encoder.encodeInto(text, out.subarray(written));
    written += result.written;
    if (result.read !== text.length) throw new Error('The file changed while it was being read.');
  }
  if (written !== total) throw new Error('The file changed while it was being read.');
  onProgress?.(1);
  return out;
}

/** Decoded text of the blob, one chunk at a time; characters cut by a chunk edge carry over. */
export async function* decodeChunks(
  blob: Blob,
  guess: EncodingGuess,
  chunkBytes: number,
  onProgress: (f: number) => void,
): AsyncGenerator<string> {
  if (!(chunkBytes >= 1)) throw new RangeError('chunkBytes must be at least 1');
  const decoder = new TextDecoder(guess.encoding, { ignoreBOM: true });
  const size = blob.size;
  for (let pos = guess.bomLength; pos < size; pos += chunkBytes) {
    const end = Math.min(pos + chunkBytes, size);
    const bytes = new Uint8Array(await blob.slice(pos, end).arrayBuffer());
    yield decoder.decode(bytes, { stream: true });
    onProgress(end / size);
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

/** Bytes TextEncoder will produce for `text` (a lone surrogate becomes U+FFFD, 3 bytes). */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

function startsWith(head: Uint8Array, prefix: number[]): boolean {
  return head.length >= prefix.length && prefix.every((b, i) => head[i] === b);
}

function encodingFromBom(head: Uint8Array): EncodingGuess | null {
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return { encoding: 'utf-8', bom: true, bomLength: 3 };
  if (startsWith(head, [0xff, 0xfe, 0x00, 0x00]) || startsWith(head, [0x00, 0x00, 0xfe, 0xff])) {
    throw new EncodingError('The file is UTF-32 text, which is not supported; save it as UTF-8 CSV.', 'utf-32');
  }
  if (startsWith(head, [0xff, 0xfe])) return { encoding: 'utf-16le', bom: true, bomLength: 2 };
  if (startsWith(head, [0xfe, 0xff])) return { encoding: 'utf-16be', bom: true, bomLength: 2 };
  return null;
}

/** Spreadsheets dropped instead of their CSV export are the common mistake; say so. */
function rejectKnownBinaryFormats(head: Uint8Array): void {
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new EncodingError(
      'The file looks like an Excel workbook (or another binary file), not CSV text; save it as CSV first.',
      'spreadsheet',
    );
  }
}

/** UTF-16 without a BOM: ASCII-range characters leave a 0 byte at every other position. */
function utf16WithoutBom(head: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(head.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenZeros++;
    if (head[i + 1] === 0) oddZeros++;
  }
  const units = n / 2;
  // Non-ASCII text (e.g. Chinese) has fewer zero bytes, so the bar for the
  // zero side is low; the other side must be (almost) free of zeros.
  if (oddZeros >= units * 0.3 && evenZeros <= units * 0.01) return 'utf-16le';
  if (evenZeros >= units * 0.3 && oddZeros <= units * 0.01) return 'utf-16be';
  return null;
}

/** NUL bytes or many control characters never occur in CSV text. */
function rejectBinary(head: Uint8Array): void {
  let controls = 0;
  for (const b of head) {
    if (b === 0) {
      throw new EncodingError('The file looks binary (it contains NUL bytes), not CSV text; this format is unsupported.');
    }
    // Tab, LF, VT (Excel in-cell breaks), FF, CR and SUB (DOS end of file) are harmless.
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d && b !== 0x1a) controls++;
  }
  if (controls > head.length * 0.01 + 2) {
    throw new EncodingError('The file looks binary (many control characters), not CSV text; this format is unsupported.');
  }
}

/** The head without a multi-byte UTF-8 sequence cut off by the end of the sample. */
function withoutCutUtf8Tail(head: Uint8Array): Uint8Array {
  const end = head.length;
  for (let back = 1; back <= 3 && back <= end; back++) {
    const b = head[end - back];
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? head.subarray(0, end - back) : head;
  }
  return head;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Bytes Windows-1252 leaves undefined; real Western text never has them. */
const CP1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/**
 * GB18030 vs Windows-1252 for bytes that are not UTF-8. Each side gets the
 * share of high bytes (>= 0x80) it explains well:
 * - GB: Chinese text is made of byte pairs; pairs in the GB2312 block (both
 *   bytes 0xA1-0xFE, where everyday hanzi live) and 4-byte GB18030 sequences
 *   count fully, other GBK pairs (trail byte 0x40-0xA0) half; a byte that
 *   cannot start or finish a GB character counts against.
 * - 1252: Western text has isolated accented letters / curly quotes between
 *   ASCII bytes; those count, bytes 1252 leaves undefined count against.
 */
function chineseOrWestern(head: Uint8Array): 'gb18030' | 'windows-1252' {
  const n = head.length;
  let high = 0;
  let cpGood = 0;
  let cpBad = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i];
    if (b < 0x80) continue;
    high++;
    if (CP1252_UNDEFINED.has(b)) cpBad++;
    else if ((i === 0 || head[i - 1] < 0x80) && (i === n - 1 || head[i + 1] < 0x80)) cpGood++;
  }
  let gbGood = 0;
  let gbBad = 0;
  for (let i = 0; i < n; ) {
    const lead = head[i];
    if (lead < 0x80) {
      i++;
      continue;
    }
    if (lead === 0x80 || lead === 0xff) {
      gbBad++;
      i++;
      continue;
    }
    if (i + 1 >= n) break; // cut by the end of the sample
    const trail = head[i + 1];
    if (trail >= 0x30 && trail <= 0x39) {
      if (i + 3 >= n) break;
      if (head[i + 2] >= 0x81 && head[i + 2] <= 0xfe && head[i + 3] >= 0x30 && head[i + 3] <= 0x39) {
        gbGood += 2; // both high bytes of a 4-byte sequence
        i += 4;
      } else {
        gbBad++;
        i++;
      }
    } else if ((trail >= 0x40 && trail <= 0x7e) || (trail >= 0x80 && trail <= 0xfe)) {
      const gb2312 = lead >= 0xa1 && lead <= 0xf7 && trail >= 0xa1;
      gbGood += gb2312 ? 2 : trail >= 0x80 ? 1 : 0.5;
      i += 2;
    } else {
      gbBad++;
      i++;
    }
  }
  const gbScore = (gbGood - 2 * gbBad) / high;
  const cpScore = (cpGood - 2 * cpBad) / high;
  return gbScore > cpScore ? 'gb18030' : 'windows-1252';
}
