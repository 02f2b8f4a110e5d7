import * as vscode from 'vscode';
import { Deps } from '../deps';
import { HoverThumbnails } from '../tree/hoverThumbnails';
import { taskImageUrl } from '../tree/taskItemText';
import { HOVER_COMMANDS, trackedHoverMarkdown, untrackedHoverMarkdown } from './editorIdText';
import { EDITOR_ID_SELECTOR, idAtPosition } from './idAtCursor';

/**
 * A hover on every task ID in a file or an untitled editor. It reads only the store: an untracked
 * ID costs no request until the user presses "Track this task".
 */
export function registerTaskIdHover(context: vscode.ExtensionContext, deps: Deps): void {
  const thumbnails = new HoverThumbnails();
  context.subscriptions.push(
    thumbnails,
    vscode.languages.registerHoverProvider(EDITOR_ID_SELECTOR, {
      async provideHover(document, position, token) {
        const found = idAtPosition(document, position);
        if (!found) return undefined;
        const tracked = deps.store.get(found.match.id);
        const thumbnail = tracked ? await thumbnails.source(taskImageUrl(tracked)) : null;
        if (token.isCancellationRequested) return undefined;
        const markdown = tracked
          ? trackedHoverMarkdown(deps.store.get(tracked.id) ?? tracked, deps.providers.list().length, Date.now(), thumbnail)
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
