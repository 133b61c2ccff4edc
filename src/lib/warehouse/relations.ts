/**
 * The warehouse contract: the relations every analysis reads, by name. The loaders (load/*, the published
 * workspace in load/sample.ts, scripts/prepare-workspace.ts) make them; analyses only read them.
 *
 * - `sales`: the canonical lines (model/schema.ts), a view over the loaded or published table;
 * - `sales_rollup` (SALES_ROLLUP): sums by date and every dimension but customer — warehouse/sources.ts sumsSource
 *   chooses it for queries that only sum; in a file workspace it is the lines themselves;
 * - `sales_flagged` (FLAGGED_SALES): the lines with the order flags `_order_first`, `_sale_first`
 *   (ORDER_FLAGS), for counting orders without count(DISTINCT);
 * - `customer_days` (customer-days.ts): a prepared workspace's customer-day rollup;
 * - `targets` (the plan in force, targets.ts), `targets_all` (every version) and `target_versions`;
 * - `budget` (the loaded budget with the app's entries applied, budget.ts).
 */
export const SALES = 'sales';
export const SALES_ROLLUP = 'sales_rollup';
export const FLAGGED_SALES = 'sales_flagged';
/** The order flags of the flagged copy. */
export const ORDER_FLAGS = ['_order_first', '_sale_first'] as const;
