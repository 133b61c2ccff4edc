/**
 * File bytes in the Origin Private File System, where the browser has it: big
 * files are stored as files on disk instead of Blobs inside IndexedDB records,
 * and read back as disk-backed Files. Every function reports failure instead
 * of throwing; the caller then keeps the bytes in IndexedDB.
 */
const DIR = 'targetscope';

async function directory(): Promise<FileSystemDirectoryHandle | null> {
  try {
    if (typeof navigator === 'undefined' || !navigator.storage?.getDirectory) return null;
    const root = await navigator.storage.getDirectory();
    return await root.getDirectoryHandle(DIR, { create: true });
  } catch {
    return null;
  }
}

/** Writes `blob` as `name`; false when OPFS is missing or refuses (no writable streams, quota). */
export async function writeOpfsFile(name: string, blob: Blob): Promise<boolean> {
  const dir = await directory();
  if (!dir) return false;
  try {
    const handle = await dir.getFileHandle(name, { create: true });
    if (typeof handle.createWritable !== 'function') return false;
    const writable = await handle.createWritable();
    try {
      await writable.write(blob);
      await writable.close();
    } catch (e) {
      await writable.abort().catch(() => {});
      throw e;
    }
    return true;
  } catch {
    await dir.removeEntry(name).catch(() => {});
    return false;
  }
}

/** The stored file, or null when it is missing. */
export async function readOpfsFile(name: string): Promise<File | null> {
  const dir = await directory();
  if (!dir) return null;
  try {
    return await (await dir.getFileHandle(name)).getFile();
  } catch {
    return null;
  }
}

/** Removes every stored file except those named in `keep`. */
export async function pruneOpfsFiles(keep: ReadonlySet<string>): Promise<void> {
  const dir = await directory();
  if (!dir) return;
  try {
    const names: string[] = [];
    for await (const name of (dir as FileSystemDirectoryHandle & { keys(): AsyncIterable<string> }).keys()) names.push(name);
    for (const name of names) if (!keep.has(name)) await dir.removeEntry(name).catch(() => {});
  } catch {
    // Nothing to prune.
  }
}
