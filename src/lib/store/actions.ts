/**
 * User actions that touch both the workspace and the view: a newly loaded
 * file opens on its whole date range with no filters (DESIGN.md contract).
 */
import { loadFiles, loadWithColumns } from './workspace.svelte';
import { updateView } from './view.svelte';
import type { Mapping } from '../model/schema';

const openOnWholeRange = () => updateView({ period: 'all', asOf: undefined, from: undefined, to: undefined, filters: {} });

export function openFiles(files: File[]): Promise<void> {
  return loadFiles(files, openOnWholeRange);
}

/** The refused file (or files) again, with the columns picked on its error card. */
export function openWithColumns(mapping: Mapping, factsFile?: string): Promise<void> {
  return loadWithColumns(mapping, factsFile, openOnWholeRange);
}
