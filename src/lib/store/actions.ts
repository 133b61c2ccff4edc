/**
 * User actions that touch both the workspace and the view: a newly loaded
 * file opens on its whole date range with no filters (DESIGN.md contract).
 */
import { loadFile } from './workspace.svelte';
import { updateView } from './view.svelte';

export function openFile(file: File): Promise<void> {
  return loadFile(file, () => updateView({ period: 'all', asOf: undefined, from: undefined, to: undefined, filters: {} }));
}
