import { describe, expect, it } from 'vitest';
import { openAsBlob, readFileSync } from 'node:fs';
import {
  decodeHead,
  detectEncoding,
  EncodingError,
  needsTranscode,
  transcodeToUtf8,
  utf8Length,
  type EncodingGuess,
} from './encoding';
import { openTestDuckDB, queryRows, registerTestFile } from './test-duckdb';

/** The public datasets beside the repo (../shared/datasets), or TARGETSCOPE_DATASETS. */
const DATASETS = process.env.TARGETSCOPE_DATASETS ?? `${process.cwd()}/../shared/datasets`;
const CP1252_SUPERSTORE = `${DATASETS}/superstore_cp1252/Sample - Superstore.csv`;
const BOM_SUPERSTORE = `${DATASETS}/superstore_2020_us_ca/Sample - Superstore.csv`;
const UTF16_TARGETS = `${DATASETS}/adventureworks_sales_targets/pl300_utf16/ResellerSalesTargets.csv`;

const HEAD_BYTES = 64 * 1024;
const bytes = (...list: number[]) => new Uint8Array(list);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const utf8 = (s: string) => new TextEncoder().encode(s);
/** UTF-16 code units written out byte by byte (independent of TextDecoder). */
const utf16 = (s: string, order: 'le' | 'be') => {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    const [first, second] = order === 'le' ? [unit & 0xff, unit >> 8] : [unit >> 8, unit & 0xff];
    out[2 * i] = first;
    out[2 * i + 1] = second;
  }
  return out;
};
const head = (file: string) => readFileSync(file).subarray(0, HEAD_BYTES);
const countByte = (data: Uint8Array, byte: number) => data.reduce((n, b) => n + (b === byte ? 1 : 0), 0);

/** '订单日期,销售额,客户\n2026/1/5,"¥1,234.50",张三\n' in GB18030, written out by hand
 * (订 B6A9 单 B5A5 日 C8D5 期 C6DA 销 CFFA 售 CADB 额 B6EE 客 BFCD 户 BBA7 张 D5C5 三 C8FD;
 * ¥ U+00A5 is not in GBK, GB18030 gives it the 4-byte code 81 30 84 36). */
const GB_TEXT = '订单日期,销售额,客户\n2026/1/5,"¥1,234.50",张三\n';
const GB_BYTES = bytes(
  0xb6, 0xa9, 0xb5, 0xa5, 0xc8, 0xd5, 0xc6, 0xda, 0x2c, 0xcf, 0xfa, 0xca, 0xdb, 0xb6, 0xee, 0x2c, 0xbf, 0xcd, 0xbb,
  0xa7, 0x0a, 0x32, 0x30, 0x32, 0x36, 0x2f, 0x31, 0x2f, 0x35, 0x2c, 0x22, 0x81, 0x30, 0x84, 0x36, 0x31, 0x2c, 0x32,
  0x33, 0x34, 0x2e, 0x35, 0x30, 0x22, 0x2c, 0xd5, 0xc5, 0xc8, 0xfd, 0x0a,
);
/** GBK without the 4-byte ¥: '客户,金额\n张三,100\n' (金 BDF0 额 B6EE). */
const GBK_BYTES = bytes(
  0xbf, 0xcd, 0xbb, 0xa7, 0x2c, 0xbd, 0xf0, 0xb6, 0xee, 0x0a, 0xd5, 0xc5, 0xc8, 0xfd, 0x2c, 0x31, 0x30, 0x30, 0x0a,
);
/** 'Customer,Note\r\nFranzösisch,“quoted” café\u00a0x\r\n' in Windows-1252 (ö F6, “ 93, ” 94, é E9, NBSP A0). */
const CP1252_TEXT = 'Customer,Note\r\nFranzösisch,“quoted” café\u00a0x\r\n';
const CP1252_BYTES = concat(
  utf8('Customer,Note\r\nFranz'),
  bytes(0xf6),
  utf8('sisch,'),
  bytes(0x93),
  utf8('quoted'),
  bytes(0x94),
  utf8(' caf'),
  bytes(0xe9, 0xa0),
  utf8('x\r\n'),
);

describe('detectEncoding', () => {
  it('reads UTF-8 without a BOM', () => {
    expect(detectEncoding(utf8('订单日期,销售额\n2026-01-05,100\n'))).toEqual({ encoding: 'utf-8', bom: false, bomLength: 0 });
  });

  it('reads pure ASCII as UTF-8', () => {
    expect(detectEncoding(utf8('a,b\n1,2\n'))).toEqual({ encoding: 'utf-8', bom: false, bomLength: 0 });
  });

  it('reads an empty sample as UTF-8', () => {
    expect(detectEncoding(new Uint8Array(0))).toEqual({ encoding: 'utf-8', bom: false, bomLength: 0 });
  });

  it('reads the UTF-8 BOM', () => {
    expect(detectEncoding(concat(bytes(0xef, 0xbb, 0xbf), utf8('a,b\n')))).toEqual({ encoding: 'utf-8', bom: true, bomLength: 3 });
  });

  it('tolerates a UTF-8 character cut by the end of the sample', () => {
    const cut = utf8('日期,金额\n').subarray(0, 8); // '日期' is 6 bytes, ',' 1, then 2 of 金's 3 bytes
    expect(detectEncoding(cut).encoding).toBe('utf-8');
    expect(decodeHead(cut, detectEncoding(cut))).toBe('日期,');
  });

  it('reads UTF-16 LE and BE BOMs', () => {
    expect(detectEncoding(concat(bytes(0xff, 0xfe), utf16('a,b\n', 'le')))).toEqual({ encoding: 'utf-16le', bom: true, bomLength: 2 });
    expect(detectEncoding(concat(bytes(0xfe, 0xff), utf16('a,b\n', 'be')))).toEqual({ encoding: 'utf-16be', bom: true, bomLength: 2 });
  });

  it('recognises UTF-16 without a BOM from the zero bytes', () => {
    expect(detectEncoding(utf16('Year,Amount\r\n2026,100\r\n', 'le'))).toEqual({ encoding: 'utf-16le', bom: false, bomLength: 0 });
    expect(detectEncoding(utf16('Year,Amount\r\n2026,100\r\n', 'be'))).toEqual({ encoding: 'utf-16be', bom: false, bomLength: 0 });
    expect(detectEncoding(utf16('日期,金额\r\n2026-01-05,100\r\n', 'le')).encoding).toBe('utf-16le');
  });

  it('tells GB18030 from Windows-1252', () => {
    expect(detectEncoding(GB_BYTES)).toEqual({ encoding: 'gb18030', bom: false, bomLength: 0 });
    expect(detectEncoding(GBK_BYTES).encoding).toBe('gb18030');
    expect(detectEncoding(CP1252_BYTES)).toEqual({ encoding: 'windows-1252', bom: false, bomLength: 0 });
  });

  it('reads a lone accented letter as Windows-1252 even where it would pair up in GBK', () => {
    // F6 73 ('ös') is a valid GBK pair, but an isolated high byte between letters is Western text.
    expect(detectEncoding(concat(utf8('name\nFranz'), bytes(0xf6), utf8('sisch\n'))).encoding).toBe('windows-1252');
  });

  it('rejects binary content with a clear message', () => {
    const png = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0, 1, 0);
    expect(() => detectEncoding(png)).toThrow(EncodingError);
    expect(() => detectEncoding(png)).toThrow(/binary/);
    const controls = bytes(...Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x41)));
    expect(() => detectEncoding(controls)).toThrow(/binary/);
  });

  it('names Excel workbooks dropped instead of CSV', () => {
    const xlsx = concat(bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0x06, 0), utf8('[Content_Types].xml'));
    expect(() => detectEncoding(xlsx)).toThrow(/Excel workbook/);
    try {
      detectEncoding(xlsx);
    } catch (e) {
      expect((e as EncodingError).reason).toBe('spreadsheet');
    }
  });

  it('refuses UTF-32', () => {
    expect(() => detectEncoding(bytes(0xff, 0xfe, 0, 0, 0x41, 0, 0, 0))).toThrow(/UTF-32/);
  });

  it('detects the real files', () => {
    expect(detectEncoding(head(CP1252_SUPERSTORE))).toEqual({ encoding: 'windows-1252', bom: false, bomLength: 0 });
    expect(detectEncoding(head(BOM_SUPERSTORE))).toEqual({ encoding: 'utf-8', bom: true, bomLength: 3 });
    expect(detectEncoding(head(UTF16_TARGETS))).toEqual({ encoding: 'utf-16le', bom: true, bomLength: 2 });
    expect(detectEncoding(head(`${DATASETS}/northwind/orders.csv`))).toEqual({ encoding: 'utf-8', bom: false, bomLength: 0 });
  });
});

describe('decodeHead', () => {
  it('decodes each encoding without the BOM', () => {
    expect(decodeHead(GB_BYTES, detectEncoding(GB_BYTES))).toBe(GB_TEXT);
    expect(decodeHead(CP1252_BYTES, detectEncoding(CP1252_BYTES))).toBe(CP1252_TEXT);
    const le = concat(bytes(0xff, 0xfe), utf16('日期,金额\r\n', 'le'));
    expect(decodeHead(le, detectEncoding(le))).toBe('日期,金额\r\n');
    const be = concat(bytes(0xfe, 0xff), utf16('a,b\n', 'be'));
    expect(decodeHead(be, detectEncoding(be))).toBe('a,b\n');
    const bom8 = concat(bytes(0xef, 0xbb, 0xbf), utf8('Row ID,x\n'));
    expect(decodeHead(bom8, detectEncoding(bom8))).toBe('Row ID,x\n');
  });

  it('drops a character cut by the end of the sample', () => {
    expect(decodeHead(GB_BYTES.subarray(0, 3), { encoding: 'gb18030', bom: false, bomLength: 0 })).toBe('订');
    const le = concat(bytes(0xff, 0xfe), utf16('ab', 'le')).subarray(0, 5);
    expect(decodeHead(le, { encoding: 'utf-16le', bom: true, bomLength: 2 })).toBe('a');
    const pair = concat(bytes(0xff, 0xfe), utf16('x\u{1F600}', 'le')).subarray(0, 6); // cut between the surrogates
    expect(decodeHead(pair, { encoding: 'utf-16le', bom: true, bomLength: 2 })).toBe('x');
  });

  it('decodes the real UTF-16 targets header', () => {
    const text = decodeHead(head(UTF16_TARGETS), detectEncoding(head(UTF16_TARGETS)));
    expect(text.startsWith('Year,EmployeeID,M01,M02,M03,M04,M05,M06,M07,M08,M09,M10,M11,M12\r\n2017,61161660,-,-')).toBe(true);
  });

  it('decodes the real Windows-1252 head (no-break spaces and curly quotes)', () => {
    const text = decodeHead(head(CP1252_SUPERSTORE), detectEncoding(head(CP1252_SUPERSTORE)));
    expect(text).toContain('Imation\u00a08GB Mini');
    expect(text).toContain('Post-it “Important Message” Note Pad');
  });
});

describe('needsTranscode', () => {
  it('is false only for UTF-8', () => {
    expect(needsTranscode({ encoding: 'utf-8', bom: true, bomLength: 3 })).toBe(false);
    expect(needsTranscode({ encoding: 'utf-8', bom: false, bomLength: 0 })).toBe(false);
    expect(needsTranscode({ encoding: 'utf-16le', bom: true, bomLength: 2 })).toBe(true);
    expect(needsTranscode({ encoding: 'gb18030', bom: false, bomLength: 0 })).toBe(true);
    expect(needsTranscode({ encoding: 'windows-1252', bom: false, bomLength: 0 })).toBe(true);
  });
});

describe('utf8Length', () => {
  it('counts UTF-8 bytes per character width', () => {
    expect(utf8Length('a')).toBe(1);
    expect(utf8Length('ö')).toBe(2);
    expect(utf8Length('订')).toBe(3);
    expect(utf8Length('\u{1F600}')).toBe(4);
    expect(utf8Length('\ud800')).toBe(3); // lone surrogate → U+FFFD
  });
});

describe('transcodeToUtf8', () => {
  const gb: EncodingGuess = { encoding: 'gb18030', bom: false, bomLength: 0 };
  const cp: EncodingGuess = { encoding: 'windows-1252', bom: false, bomLength: 0 };

  it('transcodes GB18030 with chunks that cut multi-byte characters', async () => {
    for (const chunk of [1, 2, 3, 5, 7, 64]) {
      const out = await transcodeToUtf8(new Blob([GB_BYTES]), gb, undefined, chunk);
      expect(out).toEqual(utf8(GB_TEXT));
    }
  });

  it('transcodes UTF-16 LE/BE with a BOM, including surrogate pairs cut by chunks', async () => {
    const text = 'Kunde,Betrag\r\nFranzösisch,€5 \u{1F600}\r\n';
    for (const order of ['le', 'be'] as const) {
      const bom = order === 'le' ? bytes(0xff, 0xfe) : bytes(0xfe, 0xff);
      const blob = new Blob([concat(bom, utf16(text, order))]);
      const guess: EncodingGuess = { encoding: order === 'le' ? 'utf-16le' : 'utf-16be', bom: true, bomLength: 2 };
      for (const chunk of [1, 3, 4, 1000]) {
        expect(await transcodeToUtf8(blob, guess, undefined, chunk)).toEqual(utf8(text));
      }
    }
  });

  it('transcodes Windows-1252 and drops a UTF-8 BOM', async () => {
    expect(await transcodeToUtf8(new Blob([CP1252_BYTES]), cp, undefined, 3)).toEqual(utf8(CP1252_TEXT));
    const bom8 = concat(bytes(0xef, 0xbb, 0xbf), utf8('日期\n'));
    expect(await transcodeToUtf8(new Blob([bom8]), { encoding: 'utf-8', bom: true, bomLength: 3 }, undefined, 2)).toEqual(
      utf8('日期\n'),
    );
  });

  it('gives an empty result for a BOM-only file', async () => {
    const out = await transcodeToUtf8(new Blob([bytes(0xff, 0xfe)]), { encoding: 'utf-16le', bom: true, bomLength: 2 });
    expect(out.length).toBe(0);
  });

  it('reports progress rising to 1', async () => {
    const seen: number[] = [];
    await transcodeToUtf8(new Blob([GB_BYTES]), gb, (f) => seen.push(f), 10);
    expect(seen.at(-1)).toBe(1);
    expect(seen.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= seen[i - 1]))).toBe(true);
    expect(seen.length).toBeGreaterThan(5); // 50 bytes in 10-byte chunks, two passes
  });

  it('transcodes the real Windows-1252 Superstore (sizes from Python cp1252 codec)', async () => {
    const blob = await openAsBlob(CP1252_SUPERSTORE);
    const out = await transcodeToUtf8(blob, detectEncoding(head(CP1252_SUPERSTORE)), undefined, 1 << 20);
    expect(out.length).toBe(2311924);
    expect(countByte(out, 0x0a)).toBe(9995); // header + 9,994 rows, same as the source
    const text = new TextDecoder('utf-8', { fatal: true }).decode(out);
    expect(text).toContain('Barry Französisch');
  });

  it('transcodes the real UTF-16 targets', async () => {
    const blob = await openAsBlob(UTF16_TARGETS);
    const out = await transcodeToUtf8(blob, detectEncoding(head(UTF16_TARGETS)), undefined, 999);
    expect(out.length).toBe(5073);
    expect(countByte(out, 0x0a)).toBe(82); // header + 81 rows
    expect(new TextDecoder().decode(out.subarray(0, 20))).toBe('Year,EmployeeID,M01,');
  });

  it('gives DuckDB the same row counts as the sources', async () => {
    const conn = await openTestDuckDB();
    const cp1252 = await transcodeToUtf8(await openAsBlob(CP1252_SUPERSTORE), cp);
    await registerTestFile('enc_cp1252.csv', cp1252);
    expect(queryRows(conn, "SELECT count(*)::INTEGER AS n FROM read_csv('enc_cp1252.csv')")).toEqual([{ n: 9994 }]);
    const names = queryRows(conn, "SELECT \"Customer Name\" AS c FROM read_csv('enc_cp1252.csv') WHERE \"Customer Name\" LIKE 'Barry F%' LIMIT 1");
    expect(names).toEqual([{ c: 'Barry Französisch' }]);

    const utf16 = await transcodeToUtf8(await openAsBlob(UTF16_TARGETS), { encoding: 'utf-16le', bom: true, bomLength: 2 });
    await registerTestFile('enc_utf16.csv', utf16);
    expect(queryRows(conn, "SELECT count(*)::INTEGER AS n FROM read_csv('enc_utf16.csv')")).toEqual([{ n: 81 }]);
  });

  it('lets DuckDB read UTF-8 with a BOM as is (no transcode needed)', async () => {
    const conn = await openTestDuckDB();
    await registerTestFile('enc_bom.csv', new Uint8Array(readFileSync(BOM_SUPERSTORE)));
    const rows = queryRows(conn, "SELECT count(*)::INTEGER AS n, min(\"Row ID\")::INTEGER AS first FROM read_csv('enc_bom.csv')");
    expect(rows).toEqual([{ n: 10194, first: 1 }]);
  });
});
