/**
 * #/sql's queries: the workspace's tables and columns (for the editor's completion), and the user's own SQL,
 * on the app's one engine.
 */
import type { SqlRunner } from '../../lib/engine/types';
import { onEngine } from '../../lib/store/queries';

const SCHEMA_SQL = "SELECT table_name, column_name FROM duckdb_columns() WHERE NOT internal AND database_name = 'memory' ORDER BY table_name, column_index";

export const querySchema = onEngine((db: SqlRunner) => db.query<{ table_name: string; column_name: string }>(SCHEMA_SQL));
/** The user's query, as written: it reads the workspace, and a cancelled run stops the engine's work. */
export const runSql = onEngine((db: SqlRunner, sql: string, signal?: AbortSignal) => db.query(sql, { signal }));
