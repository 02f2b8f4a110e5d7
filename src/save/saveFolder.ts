import * as fs from 'fs';
import * as vscode from 'vscode';
import { isInside, resolveSaveFolder } from '../core/saveNames';
import { SETTINGS_SECTION } from '../core/settingsDefaults';
import { Deps } from '../deps';

// The folder results are saved into: `mjTasks.saveFolder` (mj-images/ by default), relative to
// the first workspace folder, asked once per workspace the first time something is saved, and
// always inside the workspace — a setting or a link into elsewhere is refused before anything is
// written (symbolic links included: the real path must be inside too).

const CHOSEN_KEY = 'mjTasks.saveFolderChosen';

export class SaveFolderError extends Error {
  override readonly name = 'SaveFolderError';
}

function refusal(reason: 'absolute' | 'outside' | 'invalid', setting: string): string {
  switch (reason) {
    case 'absolute':
      return vscode.l10n.t('"{0}" is an absolute path: MJ Tasks saves only inside the workspace. Use a folder relative to it, e.g. mj-images.', setting);
    case 'outside':
      return vscode.l10n.t('"{0}" leads out of the workspace: MJ Tasks saves only inside it.', setting);
    case 'invalid':
      return vscode.l10n.t('"{0}" holds characters a folder name cannot have on every system.', setting);
  }
}

export function workspaceRoot(): vscode.Uri | undefined {
  return vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri;
}

/**
 * The folder to save into, created if missing; undefined when the user closed the question.
 * `ask`: false for auto-save (never asks; uses the setting as it is).
 */
export async function saveFolder(deps: Deps, state: vscode.Memento, ask: boolean): Promise<string | undefined> {
  const root = workspaceRoot();
  if (!root) throw new SaveFolderError(vscode.l10n.t('Open a folder first: MJ Tasks saves results into the workspace.'));
  let setting = deps.settings.get('saveFolder');
  if (ask && !state.get<boolean>(CHOSEN_KEY)) {
    const answer = await vscode.window.showInputBox({
      title: vscode.l10n.t('Save Midjourney results'),
      prompt: vscode.l10n.t('Folder of the workspace to save images, videos and their sidecar JSON into (asked once; the setting mjTasks.saveFolder keeps it).'),
      value: setting,
      ignoreFocusOut: true,
      validateInput: (text) => {
        const r = resolveSaveFolder(root.fsPath, text);
        return r.ok ? undefined : refusal(r.reason, text);
      },
    });
    if (answer === undefined) return undefined;
    if (answer.trim() !== setting) {
      await vscode.workspace.getConfiguration(SETTINGS_SECTION).update('saveFolder', answer.trim(), vscode.ConfigurationTarget.Workspace);
      setting = answer.trim();
    }
    await state.update(CHOSEN_KEY, true);
  }
  const resolved = resolveSaveFolder(root.fsPath, setting);
  if (!resolved.ok) throw new SaveFolderError(refusal(resolved.reason, setting));
  await fs.promises.mkdir(resolved.folder, { recursive: true });
  const [realRoot, realFolder] = await Promise.all([fs.promises.realpath(root.fsPath), fs.promises.realpath(resolved.folder)]);
  if (!isInside(realRoot, realFolder)) throw new SaveFolderError(refusal('outside', setting));
  return resolved.folder;
}
