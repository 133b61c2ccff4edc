/**
 * The workspace store as views and actions use it: the loaded workspace's state and what opens, keeps,
 * resets and describes it, gathered from the modules that do each job:
 *   workspace-state.svelte.ts  the `workspace` state (and what is behind the current data);
 *   workspace-open.ts          open, load, remap, restore on start;
 *   workspace-background.ts    filter choices, the compacted copy and its order flags;
 *   workspace-keep.ts          persistence in this browser and the archive's export;
 *   workspace-reset.ts         forget the saved workspace;
 *   workspace-describe.ts      read-only helpers.
 */
export { workspace, type LoadState, type WorkspaceInfo } from './workspace-state.svelte';
export { dismissError, guessCurrency, loadFiles, loadWithColumns, openSample, reconfigureWorkspace, remap, restoreOrOpenSample } from './workspace-open';
export { exportCurrentWorkspace, keepBudgetEntries, keepPlan, saveAppPlanVersion } from './workspace-keep';
export { resetWorkspace } from './workspace-reset';
export { currentWarehouse, currentWorkKey, workspaceAudience } from './workspace-describe';
