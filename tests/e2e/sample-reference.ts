/**
 * Reference numbers for the bundled sample workspace, computed with native
 * DuckDB (@duckdb/node-api) straight from data/workspace.duckdb: a second
 * engine, independent of the app's SQL builders and of the browser.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import path from 'node:path';

export async function sampleQuery<T = Record<string, unknown>>(sql: string): Promise<T[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    await conn.run(`ATTACH '${path.resolve('data/workspace.duckdb')}' AS ws (READ_ONLY)`);
    const reader = await conn.runAndReadAll(sql);
    return reader.getRowObjectsJson() as T[];
  } finally {
    conn.closeSync();
  }
}
