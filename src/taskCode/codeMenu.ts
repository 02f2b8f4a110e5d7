import * as vscode from 'vscode';
import { CODE_LANGUAGES, CodeLanguage } from '../codegen/snippetTypes';
import { Deps } from '../deps';
import { withQuickPickFlow } from '../platform/quickPickFlow';
import { EditorTargetTracker } from '../preview/host/editorTarget';
import { CodeArgument, codeLanguageName, resolveCodeRequest } from './codeRequest';
import { copyCode, editorCodeLanguage, insertCode } from './writeCode';

interface MenuPick extends vscode.QuickPickItem {
  insert: boolean;
  language?: CodeLanguage;
}

/**
 * The preview's Code button: one pick offering "Insert into <file> as <language>" (when there is
 * an editor) and "Copy as <language>" for every form.
 */
export async function showCodeMenu(deps: Deps, editors: EditorTargetTracker, arg: CodeArgument): Promise<void> {
  await withQuickPickFlow(async (flow) => {
    const title = arg.customId ? vscode.l10n.t('Code for this button') : vscode.l10n.t('Code for this task');
    const request = await resolveCodeRequest(deps, arg, flow, title);
    if (!request) return;
    const target = editorCodeLanguage(editors);
    const items: MenuPick[] = [];
    if (target) {
      items.push({
        label: `$(insert) ${
          target.language
            ? vscode.l10n.t('Insert into {0} as {1}', target.fileName, codeLanguageName(target.language))
            : vscode.l10n.t('Insert into {0}…', target.fileName)
        }`,
        insert: true,
        language: target.language ?? undefined,
      });
    }
    items.push(...CODE_LANGUAGES.map((language) => ({ label: `$(copy) ${vscode.l10n.t('Copy as {0}', codeLanguageName(language))}`, insert: false, language })));
    const picked = await flow.pick(items, { placeHolder: vscode.l10n.t('Insert or copy the code in which language?'), title });
    if (!picked) return;
    if (picked.insert) {
      await insertCode(request, editors, flow, title, picked.language);
    } else if (picked.language) {
      flow.dispose();
      await copyCode(request, picked.language);
    }
  });
}
