/**
 * Writes tables into a DuckDB file with @duckdb/node-api: each table goes
 * through a temporary CSV read back with explicit column types (fast, and the
 * row order is kept, so the date-sorted sales compress well).
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type SqlType = 'DATE' | 'VARCHAR' | 'DOUBLE' | 'INTEGER' | 'BOOLEAN';
export type Cell = string | number | boolean | null;

export interface TableData {
  name: string;
  columns: [name: string, type: SqlType][];
  rows: Iterable<Cell[]>;
}

function csvCell(v: Cell): string {
  if (v === null) return '';
  if (typeof v !== 'string') return String(v);
  return /[",\n\r]/.test(v) || v === '' ? `"${v.replaceAll('"', '""')}"` : v;
}

const sqlString = (s: string) => `'${s.replaceAll("'", "''")}'`;
const sqlIdent = (s: string) => `"${s.replaceAll('"', '""')}"`;

async function writeTable(conn: DuckDBConnection, table: TableData, tmpDir: string): Promise<void> {
  const file = path.join(tmpDir, `${table.name}.csv`);
  const fd = fs.openSync(file, 'w');
  try {
    const chunk: string[] = [table.columns.map(([c]) => c).join(',')];
    for (const row of table.rows) {
      chunk.push(row.map(csvCell).join(','));
      if (chunk.length >= 20_000) {
        fs.writeSync(fd, chunk.join('\n') + '\n');
        chunk.length = 0;
      }
    }
    if (chunk.length > 0) fs.writeSync(fd, chunk.join('\n') + '\n');
  } finally {
    fs.closeSync(fd);
  }
  const columns = table.columns.map(([c, t]) => `${sqlString(c)}: ${sqlString(t)}`).join(', ');
  // Empty unquoted fields are NULL; a quoted "" stays an empty string.
  await conn.run(
    `CREATE TABLE ${sqlIdent(table.name)} AS SELECT * FROM read_csv(${sqlString(file)}, header = true, delim = ',', quote = '"', escape = '"', auto_detect = false, columns = {${columns}})`,
  );
}

/** Creates `dbPath` from scratch (any old file is removed first: DuckDB would append to it). */
export async function writeDatabase(dbPath: string, tables: TableData[]): Promise<void> {
  for (const f of [dbPath, `${dbPath}.wal`]) fs.rmSync(f, { force: true });
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'targetscope-sample-'));
  const instance = await DuckDBInstance.create(dbPath);
  const conn = await instance.connect();
  try {
    for (const t of tables) await writeTable(conn, t, tmpDir);
    await conn.run('CHECKPOINT');
  } finally {
    conn.closeSync();
    instance.closeSync();
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
}
