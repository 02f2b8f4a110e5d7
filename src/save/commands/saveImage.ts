import * as vscode from 'vscode';
import { inertLabel, inertMessage } from '../../core/inertText';
import { saveSources, SaveSource } from '../../core/saveParts';
import { TrackedTask } from '../../core/trackedTask';
import { Deps } from '../../deps';
import { COMMANDS } from '../../ids';
import { resolveTargets } from '../../tasks/taskTargets';
import { saveFolder } from '../saveFolder';
import { saveResult, SavedResult } from '../saveResult';

/** From the preview or code: `{ id, part }` with part 'image', 'q1'…'q4', 'image2', 'video1'; from the tree: its node. */
interface SaveArgs {
  id: string;
  part?: string;
}

function isSaveArgs(v: unknown): v is SaveArgs {
  return !!v && typeof v === 'object' && typeof (v as SaveArgs).id === 'string' && (v as { kind?: unknown }).kind === undefined;
}

async function pickSource(t: TrackedTask, sources: SaveSource[]): Promise<SaveSource | undefined> {
  if (sources.length === 1) return sources[0];
  const picked = await vscode.window.showQuickPick(
    sources.map((s) => ({ label: s.label, description: s.cut ? vscode.l10n.t('cut from the grid') : '', source: s })),
    { title: vscode.l10n.t('Save Image'), placeHolder: vscode.l10n.t('Save which image of "{0}"?', inertLabel(t.task?.prompt ?? t.id).slice(0, 60)) },
  );
  return picked?.source;
}

/** Saves one piece of a task; the error (if any) is told to the user here, in words. */
export async function saveWithFeedback(deps: Deps, state: vscode.Memento, t: TrackedTask, source: SaveSource): Promise<SavedResult | undefined> {
  try {
    const folder = await saveFolder(deps, state, true);
    if (!folder) return undefined;
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Saving {0}…', source.label) },
      (_, token) => {
        const abort = new AbortController();
        const sub = token.onCancellationRequested(() => abort.abort());
        return saveResult(deps, t, source, folder, abort.signal).finally(() => sub.dispose());
      },
    );
    vscode.window.setStatusBarMessage(`$(check) ${vscode.l10n.t('Saved {0} and its sidecar', result.relative)}`, 4000);
    if (source.kind === 'image') {
      // Beside the preview (or the editor) the save came from, not over it.
      await vscode.commands.executeCommand('vscode.open', result.file, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
    }
    return result;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    deps.log.warn(`Save of task ${t.id} failed: ${message}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not save {0} of task {1}: {2}', source.label, t.id, inertMessage(message)));
    return undefined;
  }
}

/** mjTasks.saveImage: a finished task's image, one quadrant of its grid, or a video, into the workspace. */
export function registerSaveImage(context: vscode.ExtensionContext, deps: Deps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.saveImage, async (arg?: unknown, selection?: unknown) => {
      const wanted = isSaveArgs(arg) ? arg : undefined;
      const targets = wanted
        ? [deps.store.get(wanted.id)].filter((t): t is TrackedTask => !!t)
        : await resolveTargets(deps, arg, selection, {
            placeHolder: vscode.l10n.t('Save the image of which task?'),
            canPickMany: false,
            filter: (t) => saveSources(t.task).length > 0,
          });
      const t = targets[0];
      if (!t) return undefined;
      const sources = saveSources(t.task);
      if (!sources.length) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Only a task that succeeded has something to save.'));
        return undefined;
      }
      const source = wanted?.part ? sources.find((s) => s.id === wanted.part) : await pickSource(t, sources);
      if (!source) return undefined;
      return saveWithFeedback(deps, context.workspaceState, t, source);
    }),
  );
}
