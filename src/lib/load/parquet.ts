/**
 * Parquet → Arrow, in JS (hyparquet): DuckDB-WASM's npm build has no parquet
 * extension and we never fetch one. Loaded lazily with the file.
 * Numbers stay numbers; dates become ISO text (parsed as ISO downstream);
 * everything else becomes text.
 */
import type { SourceKind } from './sales-table';

export interface ParquetColumns {
  names: string[];
  kinds: Record<string, SourceKind>;
  table: import('apache-arrow').Table;
  rows: number;
}

function toText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().replace('T00:00:00.000Z', '');
  if (typeof v === 'object') return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? Number(x) : x));
  return String(v);
}

export async function readParquet(bytes: ArrayBuffer): Promise<ParquetColumns> {
  const [{ parquetReadObjects, parquetMetadata }, { compressors }, arrow] = await Promise.all([
    import('hyparquet'),
    import('hyparquet-compressors'),
    import('apache-arrow'),
  ]);
  const metadata = parquetMetadata(bytes);
  const names = metadata.schema.slice(1).filter((s) => !s.num_children).map((s) => s.name);
  const rows = await parquetReadObjects({ file: bytes, compressors });
  const kinds: Record<string, SourceKind> = {};
  const vectors: Record<string, import('apache-arrow').Vector> = {};
  for (const name of names) {
    const values = rows.map((r) => r[name]);
    const numeric = values.every((v) => v === null || v === undefined || typeof v === 'number' || typeof v === 'bigint');
    if (numeric) {
      kinds[name] = 'number';
      vectors[name] = arrow.vectorFromArray(
        values.map((v) => (v === null || v === undefined ? null : Number(v))),
        new arrow.Float64(),
      );
    } else {
      kinds[name] = 'text';
      vectors[name] = arrow.vectorFromArray(values.map(toText), new arrow.Utf8());
    }
  }
  return { names, kinds, table: new arrow.Table(vectors), rows: rows.length };
}
