/**
 * Resetting: forgets the workspace saved in this browser and the work kept for file workspaces, then
 * reopens the published workspace. Apart from workspace-keep.ts because it opens a workspace, and
 * workspace-open.ts itself builds on workspace-keep.ts.
 */
import { clearBudgetEntriesKept, clearMarketKept, clearPlan, clearQueries, clearSavedWorkspace } from './persist';
import { openSample } from './workspace-open';
import { setCurrentFiles, workspace } from './workspace-state.svelte';

/** Forgets the saved workspace and reopens the published one. */
export async function resetWorkspace(): Promise<void> {
  await clearSavedWorkspace();
  await clearPlan('file');
  await clearBudgetEntriesKept('file');
  await clearQueries('file');
  await clearMarketKept('file');
  setCurrentFiles([]);
  workspace.storage = null;
  await openSample();
}
