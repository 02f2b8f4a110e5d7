import * as vscode from 'vscode';
import { Deps } from '../deps';
import { CONTEXT_KEYS, VIEWS } from '../ids';
import { setContext } from '../platform/contextKeys';
import { registerRevealTask } from './revealTask';
import { TaskDragAndDrop } from './taskDragAndDrop';
import { TaskTreeProvider } from './taskTreeProvider';

const AGE_REFRESH_MS = 60_000;

/** The sidebar list; returns the provider so commands can read what is shown. */
export function registerTaskTree(context: vscode.ExtensionContext, deps: Deps): TaskTreeProvider {
  const provider = new TaskTreeProvider(deps.store, deps.viewState, deps.providers, deps.saved);
  const view = vscode.window.createTreeView(VIEWS.tasks, {
    treeDataProvider: provider,
    dragAndDropController: new TaskDragAndDrop(),
    showCollapseAll: false,
    canSelectMany: true,
  });

  const describeView = () => {
    const filter = deps.viewState.describeFilter();
    const shown = provider.currentView();
    view.description = filter ? vscode.l10n.t('Filter: {0}', filter) : undefined;
    view.message =
      filter && shown.shown === 0 && shown.total > 0
        ? vscode.l10n.t('No tracked task matches the filter "{0}".', filter)
        : undefined;
    setContext(CONTEXT_KEYS.hasTasks, shown.total > 0);
  };
  describeView();
  registerRevealTask(context, view, provider);

  // Ages in descriptions ("3 min ago") drift; redraw them only while someone can see them.
  let ageTimer: NodeJS.Timeout | undefined;
  const syncAgeTimer = () => {
    if (view.visible && !ageTimer) {
      ageTimer = setInterval(() => provider.refreshAll(), AGE_REFRESH_MS);
    } else if (!view.visible && ageTimer) {
      clearInterval(ageTimer);
      ageTimer = undefined;
    }
  };
  syncAgeTimer();

  context.subscriptions.push(
    provider,
    view,
    view.onDidChangeVisibility(syncAgeTimer),
    deps.store.onDidChange(describeView),
    deps.viewState.onDidChange(describeView),
    { dispose: () => ageTimer && clearInterval(ageTimer) },
  );
  return provider;
}
