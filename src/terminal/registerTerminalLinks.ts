import * as vscode from 'vscode';
import { terminalTaskLinks } from '../core/terminalTaskLinks';
import { Deps } from '../deps';
import { COMMANDS } from '../ids';

/** How many IDs a link's hover names before it only counts the rest. */
const IDS_NAMED_IN_TOOLTIP = 3;

class TaskTerminalLink extends vscode.TerminalLink {
  constructor(
    start: number,
    length: number,
    readonly ids: string[],
    tooltip: string,
  ) {
    super(start, length, tooltip);
  }
}

function named(ids: string[]): string {
  const shown = ids.slice(0, IDS_NAMED_IN_TOOLTIP).join(', ');
  return ids.length > IDS_NAMED_IN_TOOLTIP ? vscode.l10n.t('{0} and {1} more', shown, ids.length - IDS_NAMED_IN_TOOLTIP) : shown;
}

/**
 * Submit responses, fetch URLs and IDs next to "task" in the integrated terminal become links
 * that track the task(s) through Track Task and show them in the view. The terminal's text is only
 * read for IDs (which are [A-Za-z0-9_-] by construction): nothing from it is run or rendered.
 */
export function registerTerminalLinks(context: vscode.ExtensionContext, deps: Deps): void {
  const provider: vscode.TerminalLinkProvider<TaskTerminalLink> = {
    provideTerminalLinks(ctx) {
      return terminalTaskLinks(ctx.line).map((link) => {
        const tracked = link.ids.every((id) => deps.store.get(id));
        const tooltip = tracked
          ? vscode.l10n.t('Show in MJ Tasks: {0}', named(link.ids))
          : link.ids.length === 1
            ? vscode.l10n.t('Track task {0} in MJ Tasks', link.ids[0])
            : vscode.l10n.t('Track {0} tasks in MJ Tasks: {1}', link.ids.length, named(link.ids));
        return new TaskTerminalLink(link.start, link.length, link.ids, tooltip);
      });
    },
    async handleTerminalLink(link) {
      if (!link.ids.every((id) => deps.store.get(id))) {
        // The one Track Task path: provider check and pick, the store, the first poll, the message.
        await vscode.commands.executeCommand(COMMANDS.trackTask, { ids: link.ids });
      }
      await vscode.commands.executeCommand(COMMANDS.revealTasks, link.ids);
    },
  };
  context.subscriptions.push(vscode.window.registerTerminalLinkProvider(provider));
}
