import * as vscode from 'vscode';
import { Deps } from '../deps';
import { HOVER_COMMANDS, trackedHoverMarkdown, untrackedHoverMarkdown } from './editorIdText';
import { EDITOR_ID_SELECTOR, idAtPosition } from './idAtCursor';

/**
 * A hover on every task ID in a file or an untitled editor. It reads only the store: an untracked
 * ID costs no request until the user presses "Track this task".
 */
export function registerTaskIdHover(context: vscode.ExtensionContext, deps: Deps): void {
  context.subscriptions.push(
    vscode.languages.registerHoverProvider(EDITOR_ID_SELECTOR, {
      provideHover(document, position) {
        const found = idAtPosition(document, position);
        if (!found) return undefined;
        const tracked = deps.store.get(found.match.id);
        const markdown = tracked
          ? trackedHoverMarkdown(tracked, deps.providers.list().length, Date.now())
          : untrackedHoverMarkdown(found.match.id, { defaultName: deps.providers.defaultProvider()?.name, count: deps.providers.list().length });
        const md = new vscode.MarkdownString(markdown);
        // Links run MJ Tasks' own commands only; server text in it is inert (taskItemText, inertMarkdown).
        md.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
        md.supportHtml = false;
        md.supportThemeIcons = false;
        return new vscode.Hover(md, found.range);
      },
    }),
  );
}
