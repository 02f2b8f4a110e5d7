import * as vscode from 'vscode';
import { Deps } from '../deps';
import { COMMANDS } from '../ids';
import { withQuickPickFlow } from '../platform/quickPickFlow';
import { EditorTargetTracker } from '../preview/host/editorTarget';
import { resolveCodeRequest } from './codeRequest';
import { insertCode } from './writeCode';

/**
 * mjTasks.insertAsCode: the task or one of its buttons as code, inserted at the cursor of the
 * last text editor (the tree or the palette may have the focus meanwhile), in its language.
 */
export function registerInsertAsCode(context: vscode.ExtensionContext, deps: Deps): void {
  const editors = new EditorTargetTracker();
  context.subscriptions.push(
    editors,
    vscode.commands.registerCommand(COMMANDS.insertAsCode, async (arg?: unknown) => {
      await withQuickPickFlow(async (flow) => {
        const title = vscode.l10n.t('Insert as Code');
        const request = await resolveCodeRequest(deps, arg, flow, title);
        if (request) {
          await insertCode(request, editors, flow, title);
        }
      });
    }),
  );
}
