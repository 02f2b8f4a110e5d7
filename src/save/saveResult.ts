import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { cutQuadrant, sniffImage } from '../core/imageCut';
import { downloadMedia } from '../core/mediaDownload';
import { baseName, candidateName, extensionFor } from '../core/saveNames';
import { partName, SaveSource } from '../core/saveParts';
import { buildSidecar, sidecarText } from '../core/sidecar';
import { childrenOf } from '../core/taskFamily';
import { parentOf, TrackedTask } from '../core/trackedTask';
import { Deps } from '../deps';
import { workspaceRoot } from './saveFolder';

// Saves one piece of a finished task into a folder of the workspace: downloaded (no key), cut
// from the grid where the server sent no per-quadrant link, written under a name no existing file
// has (exclusive create: never overwritten, not even by a file that appeared a moment ago), with
// its sidecar JSON beside it, and remembered for the tree and the preview.

/** Name attempts before giving up (`name.png`, `name-2.png`, … `name-999.png`). */
const MAX_ATTEMPTS = 999;

export interface SavedResult {
  file: vscode.Uri;
  sidecar: vscode.Uri;
  /** Workspace-relative, for messages: `mj-images/…-q2.png`. */
  relative: string;
}

async function writeExclusive(file: string, data: Buffer | string): Promise<boolean> {
  try {
    await fs.promises.writeFile(file, data, { flag: 'wx' });
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

export async function saveResult(deps: Deps, t: TrackedTask, source: SaveSource, folder: string, signal?: AbortSignal): Promise<SavedResult> {
  const task = t.task;
  if (!task) throw new Error(vscode.l10n.t('The task has not been fetched yet.'));
  const downloaded = await downloadMedia(source.url, source.kind, { signal });
  let bytes: Buffer = downloaded.bytes;
  let ext: string;
  if (source.cut && source.part.kind === 'quadrant') {
    bytes = cutQuadrant(bytes, source.part.index);
    ext = '.png';
  } else {
    const sniffed = source.kind === 'image' ? sniffImage(bytes) : null;
    ext = extensionFor(downloaded.contentType) ?? (sniffed ? `.${sniffed === 'jpeg' ? 'jpg' : sniffed}` : source.kind === 'video' ? '.mp4' : '.png');
  }
  const base = baseName(task.prompt ?? task.promptEn, t.id, source.part);
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const name = candidateName(base, ext, attempt);
    const file = path.join(folder, name);
    const sidecarFile = path.join(folder, `${name.slice(0, -ext.length)}.json`);
    if (fs.existsSync(sidecarFile) || !(await writeExclusive(file, bytes))) continue;
    const sidecar = buildSidecar({
      task,
      provider: t.provider,
      parentId: parentOf(t),
      childrenIds: childrenOf(t.id, deps.store.all()).map((c) => c.id),
      part: partName(source.part),
      sourceUrl: source.url,
      file: name,
      cutLocally: source.cut,
      savedAt: Date.now(),
    });
    if (!(await writeExclusive(sidecarFile, sidecarText(sidecar)))) {
      // A sidecar of that name appeared meanwhile: give the image back and take the next name.
      await fs.promises.rm(file, { force: true });
      continue;
    }
    const root = workspaceRoot();
    const relative = root ? path.relative(root.fsPath, file).split(path.sep).join('/') : name;
    await deps.saved.add(t.id, { file: relative, part: partName(source.part), savedAt: Date.now() });
    deps.log.info(`Saved ${partName(source.part)} of task ${t.id} to ${relative}`);
    return { file: vscode.Uri.file(file), sidecar: vscode.Uri.file(sidecarFile), relative };
  }
  throw new Error(vscode.l10n.t('Every name for this file is taken in {0}.', folder));
}
