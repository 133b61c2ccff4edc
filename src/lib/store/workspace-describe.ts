/**
 * Read-only helpers about the open workspace: its description (WorkspaceInfo, measured in the engine when
 * it is opened), what its warehouse holds (`customer_days`, order flags), the audience it was cut for, and the key its work is kept under.
 */
import type { WorkspaceAudience } from '../load/audience';
import type { Warehouse } from '../warehouse/sources';
import { engine } from '../engine/engine';
import type { WorkKey } from './persist';
import { INTERNAL_TABLE } from '../load/sample';
import { salesSummaryFromRow, salesSummarySql, type SalesSummary } from '../load/sales-summary';
import type { Grain } from '../ingest/date';
import { getPublishedKey, workspace, type WorkspaceInfo } from './workspace-state.svelte';

/** `grain`: the load check's, for a loaded file (one grain, decided once, with the date format). */
async function summarize(grain?: Grain): Promise<SalesSummary> {
  const [row] = await engine.query(salesSummarySql());
  return salesSummaryFromRow(row, new Date().toISOString().slice(0, 10), grain);
}

export async function describe(kind: 'sample' | 'file', name: string, known?: SalesSummary, grain?: Grain): Promise<WorkspaceInfo> {
  const summary = known ?? (await summarize(grain));
  const units = await engine.query<{ unit_type: string }>('SELECT DISTINCT unit_type FROM targets');
  const tables = await engine.query<{ name: string }>(
    "SELECT DISTINCT table_name AS name FROM duckdb_tables() WHERE database_name = 'memory' AND NOT internal UNION SELECT view_name FROM duckdb_views() WHERE NOT internal AND database_name = 'memory' ORDER BY 1",
  );
  return {
    kind,
    name,
    ...summary,
    dimensionValues: {},
    targetUnitTypes: units.map((u) => u.unit_type),
    tables: tables.map((t) => t.name).filter((n) => !INTERNAL_TABLE.test(n)),
  };
}

/** The open workspace has `customer_days` (a prepared one: warehouse/customer-days.ts); customer queries read it. */
export function hasCustomerDays(): boolean {
  return workspace.info?.kind === 'sample' && !!workspace.manifest?.tables.customer_days;
}

/**
 * What the open workspace's warehouse holds beyond the lines, for the analyses to choose their sources
 * (warehouse/sources.ts). Read inside a view's effect, so its queries run again when the compaction brings
 * the order flags.
 */
export function currentWarehouse(): Warehouse {
  return { orderConstant: workspace.orderConstant, customerDays: hasCustomerDays() };
}

/** The audience the open published workspace was cut for (it holds only that slice), or null. */
export function workspaceAudience(): WorkspaceAudience | null {
  return workspace.info?.kind === 'sample' ? (workspace.manifest?.audience ?? null) : null;
}

/** The key the open workspace's work (plans, budgets, saved queries) is kept under. */
export function currentWorkKey(): WorkKey {
  return workspace.info?.kind === 'file' ? 'file' : getPublishedKey();
}
