/**
 * Background work on a workspace once it is shown: the filter choices, and a loaded file's compacted copy
 * with the check of which fields never vary within an order (its order flags). A new load stops both.
 */
import { engine } from '../engine/engine';
import { COMPACT_DATABASE, compactSalesSql, flaggedSalesViewSql, orderConstantSql, salesViewSql } from '../load/sales-table';
import { DIMENSIONS, type Dimension } from '../model/schema';
import { sqlIdent } from '../model/sql';
import { keepTableInBackground } from './workspace-keep';
import { workspace } from './workspace-state.svelte';

const MAX_FILTER_VALUES = 1000;

/** `sales` now reads another table: no compacted copy (nor its order flags) applies until one is built for it. */
export function salesRepointed(): void {
  workspace.compaction = 'none';
  workspace.orderConstant = null;
}

let compaction: AbortController | null = null;
/** Tables of the compact database, dropped when a newer copy replaces them. */
let compactedTables: string[] = [];

/**
 * Builds the loaded file's compacted copy while the engine is idle, then
 * points `sales` at it (same rows, faster filters). The published workspace
 * is already compressed on disk; it only drops copies of earlier files.
 */
export function compactInBackground(): void {
  compaction?.abort();
  const controller = new AbortController();
  compaction = controller;
  const table = workspace.info?.kind === 'file' ? workspace.source?.table : undefined;
  const older = compactedTables;
  if (!table) {
    workspace.compaction = 'none';
    // Nothing to compact; a published workspace keeps the flags openSample took from its manifest.
    if (workspace.info?.kind !== 'sample') workspace.orderConstant = null;
    if (older.length === 0) return;
    compactedTables = [];
    void engine.whenIdle(
      older.map((t) => `DROP TABLE IF EXISTS ${sqlIdent(COMPACT_DATABASE)}.${sqlIdent(t)}`),
      controller.signal,
    );
    return;
  }
  // A table restored from a kept copy already has its order flags, and `sales_flagged` serves them meanwhile.
  const flagged = workspace.source?.keptTable === true;
  workspace.compaction = 'pending';
  if (!flagged) workspace.orderConstant = null;
  compactedTables = [...older, table];
  engine
    .whenIdle(compactSalesSql(table, older, { flagged }), controller.signal)
    .then(async (done) => {
      // A load that started since has aborted us: checked before each step, which then queues before the load's.
      const stopped = () => !done || controller.signal.aborted;
      if (stopped()) return;
      compactedTables = [table];
      await engine.query(flaggedSalesViewSql(table));
      const fields = workspace.info?.fields ?? [];
      const checked = fields.includes('order_id') ? ['date', ...DIMENSIONS.filter((d) => fields.includes(d))] : [];
      const [row] = checked.length > 0 ? await engine.query<Record<string, boolean | null>>(orderConstantSql(checked)) : [];
      if (stopped()) return;
      await engine.query(salesViewSql(table, COMPACT_DATABASE));
      if (stopped()) return;
      workspace.orderConstant = checked.length > 0 ? checked.filter((f) => row?.[f] !== false) : null;
      workspace.compaction = 'done';
      const source = workspace.source;
      if (source) void keepTableInBackground(source, workspace.orderConstant, controller.signal).catch((e: unknown) => console.warn('keeping the table failed', e));
    })
    .catch((e: unknown) => {
      // The uncompressed table keeps serving `sales`; only speed is lost.
      console.warn('compacting the loaded table failed', e);
      if (!controller.signal.aborted) workspace.compaction = 'none';
    });
}

export async function fillDimensionValues(revision: number): Promise<void> {
  const info = workspace.info;
  if (!info) return;
  const dims = DIMENSIONS.filter((d) => info.fields.includes(d));
  if (dims.length === 0) return;
  const union = dims
    .map(
      (d) =>
        `(SELECT '${d}' AS dim, ${sqlIdent(d)} AS value FROM sales WHERE ${sqlIdent(d)} IS NOT NULL GROUP BY 2 ORDER BY sum(amount) DESC NULLS LAST, 2 LIMIT ${MAX_FILTER_VALUES})`,
    )
    .join(' UNION ALL ');
  const values: Partial<Record<Dimension, string[]>> = {};
  dimensionValuesJob?.abort();
  dimensionValuesJob = new AbortController();
  // Soon after the view's first queries (which may start only once its code has loaded), and giving way to any query.
  const rows = await engine.queryWhenIdle<{ dim: Dimension; value: string }>(union, dimensionValuesJob.signal, 100);
  for (const r of rows ?? []) (values[r.dim] ??= []).push(r.value);
  if (rows && workspace.revision === revision && workspace.info === info) info.dimensionValues = values;
}

/** The filter choices being read; a new load stops it. */
let dimensionValuesJob: AbortController | null = null;

/** Stops the compaction and the reading of the filter choices under way (a new load begins). */
export function stopBackgroundWork(): void {
  compaction?.abort();
  dimensionValuesJob?.abort();
}
