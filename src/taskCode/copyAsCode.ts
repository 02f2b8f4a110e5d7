import * as vscode from 'vscode';
import { Deps } from '../deps';
import { COMMANDS } from '../ids';
import { withQuickPickFlow } from '../platform/quickPickFlow';
import { pickCodeLanguage, resolveCodeRequest } from './codeRequest';
import { copyCode } from './writeCode';

/** mjTasks.copyAsCode: the task (fetch and wait) or one of its buttons (submit/action) as code, copied. */
export function registerCopyAsCode(context: vscode.ExtensionContext, deps: Deps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.copyAsCode, async (arg?: unknown) => {
      // Up to three questions (which task, what of it, which language) in one input that stays open.
      await withQuickPickFlow(async (flow) => {
        const title = vscode.l10n.t('Copy as Code');
        const request = await resolveCodeRequest(deps, arg, flow, title);
        const language = request && (await pickCodeLanguage(flow, title, vscode.l10n.t('Copy as which language?')));
        if (request && language) {
          flow.dispose();
          await copyCode(request, language);
        }
      });
    }),
  );
}
