import * as vscode from 'vscode';
import { CheckedImage, checkImage, IMAGE_EXTENSIONS, imageCountProblem, sizeProblem } from '../core/imageFiles';

// Image files from the workspace, read and checked (count, size, type by their bytes) before any
// request is built. One bad file stops the job with its name and the reason: nothing is sent.

export type ReadImages = { ok: true; images: CheckedImage[] } | { ok: false; reason: string };

export async function readImages(uris: readonly vscode.Uri[], min: number, max: number): Promise<ReadImages> {
  const countProblem = imageCountProblem(uris.length, min, max);
  if (countProblem) return { ok: false, reason: countProblem };
  const images: CheckedImage[] = [];
  for (const uri of uris) {
    const name = vscode.workspace.asRelativePath(uri, false);
    try {
      // The size first: a huge file is refused without being read into memory.
      const stat = await vscode.workspace.fs.stat(uri);
      const tooBig = sizeProblem(name, stat.size);
      if (tooBig) return { ok: false, reason: tooBig };
      const check = checkImage(name, await vscode.workspace.fs.readFile(uri));
      if (!check.ok) return { ok: false, reason: check.reason };
      images.push(check.image);
    } catch (e) {
      return { ok: false, reason: vscode.l10n.t('{0} could not be read: {1}', name, e instanceof Error ? e.message : String(e)) };
    }
  }
  return { ok: true, images };
}

/** The image files of the workspace, for a pick (node_modules and the like left out). */
export function findWorkspaceImages(limit = 500): Thenable<vscode.Uri[]> {
  return vscode.workspace.findFiles(`**/*.{${IMAGE_EXTENSIONS.join(',')}}`, '**/{node_modules,.git,out,dist}/**', limit);
}

/** The Explorer's clicked file and its multi-selection, as VS Code passes them to a context-menu command. */
export function explorerSelection(uri: unknown, uris: unknown): vscode.Uri[] {
  if (Array.isArray(uris) && uris.length && uris.every((u) => u instanceof vscode.Uri)) return uris as vscode.Uri[];
  return uri instanceof vscode.Uri ? [uri] : [];
}
