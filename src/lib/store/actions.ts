/**
 * User actions that touch both the workspace and the view: a newly loaded
 * file opens on its whole date range with no filters (DESIGN.md contract).
 */
import { loadFiles } from './workspace.svelte';
import { updateView } from './view.svelte';

export function openFiles(files: File[]): Promise<void> {
  return loadFiles(files, () => updateView({ period: 'all', asOf: undefined, from: undefined, to: undefined, filters: {} }));
}
