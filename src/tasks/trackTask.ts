import * as vscode from 'vscode';
import { parseTaskIdInput } from '../core/taskIdInput';
import { Deps } from '../deps';
import { pickProvider } from '../providers/pickProvider';
import { COMMANDS, VIEW_COMMANDS } from '../ids';
import { clipboardIdsForPrefill } from './clipboardIds';

/** From code (here or another extension): `executeCommand('mjTasks.trackTask', { ids: ['…'], provider: 'Name' })` or a string. */
type TrackArgs = string | { ids?: string[] | string; provider?: string } | undefined;

/** The task IDs in the editor's selection (a log line, a JSON response…), as the input's start value. */
function idsInSelection(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.selection.isEmpty) {
    return undefined;
  }
  const ids = parseTaskIdInput(editor.document.getText(editor.selection)).ids;
  return ids.length ? ids.join(' ') : undefined;
}

async function askForIds(): Promise<string[] | undefined> {
  // The selection is the more deliberate gesture; the clipboard is the fallback (a copied ID).
  const fromSelection = idsInSelection() ?? (await clipboardIdsForPrefill());
  const value = await vscode.window.showInputBox({
    title: vscode.l10n.t('Track Midjourney Task'),
    prompt: vscode.l10n.t('Task IDs, /mj/task/<id>/fetch URLs, or a pasted task or submit-response JSON; several separated by spaces, commas or new lines.'),
    placeHolder: '1730621826053455',
    value: fromSelection,
    ignoreFocusOut: true,
    validateInput: (text) => {
      if (!text.trim()) {
        return undefined;
      }
      const { ids, problems } = parseTaskIdInput(text);
      if (!ids.length) {
        return { message: problems[0] ?? vscode.l10n.t('No task ID found.'), severity: vscode.InputBoxValidationSeverity.Error };
      }
      if (problems.length) {
        return {
          message: vscode.l10n.t('Task IDs found: {0}; skipped: {1}', ids.length, problems.join('; ')),
          severity: vscode.InputBoxValidationSeverity.Warning,
        };
      }
      return {
        message: vscode.l10n.t('Task IDs ({0}): {1}', ids.length, ids.slice(0, 3).join(', ') + (ids.length > 3 ? '…' : '')),
        severity: vscode.InputBoxValidationSeverity.Info,
      };
    },
  });
  if (value === undefined) {
    return undefined;
  }
  return parseTaskIdInput(value).ids;
}

export function registerTrackTask(context: vscode.ExtensionContext, deps: Deps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.trackTask, async (args: TrackArgs) => {
      if (!deps.providers.list().length) {
        const add = vscode.l10n.t('Add Provider');
        const choice = await vscode.window.showWarningMessage(
          vscode.l10n.t('MJ Tasks needs a provider first: the base URL of your Midjourney-proxy server or relay, and its API key.'),
          add,
        );
        if (choice === add) {
          await vscode.commands.executeCommand(COMMANDS.addProvider);
        }
        return;
      }
      let ids: string[] | undefined;
      if (typeof args === 'string') {
        ids = parseTaskIdInput(args).ids;
      } else if (args?.ids) {
        ids = parseTaskIdInput(Array.isArray(args.ids) ? args.ids.join('\n') : args.ids).ids;
      } else {
        ids = await askForIds();
      }
      if (!ids?.length) {
        return;
      }
      const providerName = typeof args === 'object' && args?.provider ? args.provider : (await pickProvider(deps))?.name;
      if (!providerName) {
        return;
      }
      const { added, existing } = deps.store.add(ids, providerName);
      void deps.scheduler.pollNow(added);
      void vscode.commands.executeCommand(VIEW_COMMANDS.showContainer);
      const message = existing.length
        ? vscode.l10n.t('New tasks tracked: {0} ({1} were tracked already).', added.length, existing.length)
        : vscode.l10n.t('New tasks tracked: {0}.', added.length);
      vscode.window.setStatusBarMessage(`$(eye) ${message}`, 3000);
    }),
  );
}
