import * as fs from 'fs';
import * as path from 'path';

// Files that appear whole or not at all, and appends that are on disk when they return.

/** Hard links are not everywhere (FAT, some network shares): there a rename stands in. */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'ENOSYS', 'EXDEV', 'EOPNOTSUPP']);

/**
 * Creates `target` holding `text`, in one step: written to `temp` next to it, synced, then linked
 * to its name, so a reader sees the whole file or none, and a crash leaves at most a stray temp
 * file. False when `target` exists already: another process made it first, and it is kept.
 */
export async function createFileAtomically(target: string, temp: string, text: string): Promise<boolean> {
  await writeSynced(temp, 'wx', text);
  try {
    await installFile(temp, target);
    return true;
  } catch (err) {
    if (codeOf(err) === 'EEXIST') return false;
    throw err;
  } finally {
    await fs.promises.rm(temp, { force: true });
    await syncFolder(path.dirname(target));
  }
}

/** Appends `text` in one write and waits until it is on disk. */
export function appendDurably(file: string, text: string): Promise<void> {
  return writeSynced(file, 'a', text);
}

/** Writes `text` to a new file ('wx') or at the end of one ('a'); returns once it is on disk. */
async function writeSynced(file: string, flag: 'wx' | 'a', text: string): Promise<void> {
  const handle = await fs.promises.open(file, flag);
  try {
    await handle.writeFile(text);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

/** Whether a process with this ID is running (one we may not signal is running too). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return codeOf(err) === 'EPERM';
  }
}

export function codeOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** link() fails when the name is taken, which rename() would silently replace. */
async function installFile(temp: string, target: string): Promise<void> {
  try {
    await fs.promises.link(temp, target);
  } catch (err) {
    if (!NO_LINKS.has(codeOf(err) ?? '')) throw err;
    if (fs.existsSync(target)) throw Object.assign(new Error(`${target} exists`), { code: 'EEXIST' });
    await fs.promises.rename(temp, target);
  }
}

/** Makes a new name in the folder durable; not possible (nor needed) everywhere, so best effort. */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await fs.promises.open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows cannot open a folder as a file; its renames are durable without it.
  }
}
