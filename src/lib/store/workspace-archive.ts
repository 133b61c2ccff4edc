/**
 * One file that carries a whole workspace — the dropped files as they were
 * plus a JSON manifest with the user's mapping, roles and joins, and the
 * work done on it (plan versions, budget lines, saved queries) — to hand to a colleague or
 * to commit. A zip (fflate); anything else, or a damaged archive, is refused
 * with a reason and the current workspace is left alone.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { SavedChoices } from '../load/load-file';

export const ARCHIVE_FORMAT = 'targetscope-workspace-archive';
const MANIFEST = 'targetscope.json';

export interface ArchiveManifest {
  format: typeof ARCHIVE_FORMAT;
  version: 1;
  exportedAt: string;
  files: string[];
  choices: SavedChoices;
  /** The work done on the workspace in the app; each part optional, checked again where it is restored. */
  work?: WorkspaceWork;
}

export interface WorkspaceWork {
  plan?: unknown;
  budget?: unknown;
  queries?: unknown;
}

export class ArchiveError extends Error {
  constructor(
    message: string,
    public reason: 'not-zip' | 'no-manifest' | 'foreign' | 'damaged',
  ) {
    super(message);
    this.name = 'ArchiveError';
  }
}

export async function exportWorkspace(files: File[], choices: SavedChoices, now = new Date(), work: WorkspaceWork = {}): Promise<Blob> {
  const manifest: ArchiveManifest = { format: ARCHIVE_FORMAT, version: 1, exportedAt: now.toISOString(), files: files.map((f) => f.name), choices, work };
  const entries: Record<string, Uint8Array> = { [MANIFEST]: strToU8(JSON.stringify(manifest, null, 2)) };
  for (const f of files) entries[`files/${f.name}`] = new Uint8Array(await f.arrayBuffer());
  return new Blob([new Uint8Array(zipSync(entries, { level: 6 }))], { type: 'application/zip' });
}

export function isArchive(file: File): boolean {
  return /\.zip$/i.test(file.name);
}

/** The archive's files, choices and work, or an ArchiveError saying what is wrong. */
export async function importWorkspace(file: File): Promise<{ files: File[]; choices: SavedChoices; work: WorkspaceWork }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new ArchiveError(`${file.name} is not a zip archive`, 'not-zip');
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (e) {
    throw new ArchiveError(`${file.name} is damaged: ${e instanceof Error ? e.message : String(e)}`, 'damaged');
  }
  const raw = entries[MANIFEST];
  if (!raw) throw new ArchiveError(`${file.name} has no ${MANIFEST}: not a TargetScope workspace`, 'no-manifest');
  let manifest: ArchiveManifest;
  try {
    manifest = JSON.parse(strFromU8(raw)) as ArchiveManifest;
  } catch {
    throw new ArchiveError(`${file.name}: ${MANIFEST} is not valid JSON`, 'damaged');
  }
  if (manifest?.format !== ARCHIVE_FORMAT || manifest.version !== 1 || !Array.isArray(manifest.files) || !manifest.choices?.mapping) {
    throw new ArchiveError(`${file.name} is not a TargetScope workspace archive (version 1)`, 'foreign');
  }
  const files = manifest.files.map((name) => {
    const data = entries[`files/${name}`];
    if (!data) throw new ArchiveError(`${file.name} is missing files/${name}`, 'damaged');
    return new File([new Uint8Array(data)], name, { lastModified: file.lastModified });
  });
  if (files.length === 0) throw new ArchiveError(`${file.name} holds no files`, 'damaged');
  const work = manifest.work && typeof manifest.work === 'object' ? manifest.work : {};
  return { files, choices: manifest.choices, work };
}
