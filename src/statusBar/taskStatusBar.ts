import * as vscode from 'vscode';
import { Deps } from '../deps';

interface Counts {
  total: number;
  active: number;
  failed: number;
  succeeded: number;
  troubled: number;
}

function count(deps: Deps): Counts {
  const c: Counts = { total: 0, active: 0, failed: 0, succeeded: 0, troubled: 0 };
  for (const t of deps.store.all()) {
    c.total++;
    if (!t.task || !t.task.terminal) {
      c.active++;
    } else if (t.task.status === 'FAILURE') {
      c.failed++;
    } else if (t.task.status === 'SUCCESS') {
      c.succeeded++;
    }
    if ((t.error && !t.task?.terminal) || t.stuck) {
      c.troubled++;
    }
  }
  return c;
}

/** "$(sync~spin) 2 running · 1 failed"; hidden while nothing is tracked. Click shows the list. */
export function registerTaskStatusBar(context: vscode.ExtensionContext, deps: Deps): void {
  const item = vscode.window.createStatusBarItem('mjTasks.status', vscode.StatusBarAlignment.Left, 10);
  item.name = vscode.l10n.t('MJ Tasks');
  item.command = 'mjTasks.tasks.focus';

  const update = () => {
    const c = count(deps);
    if (!c.total) {
      item.hide();
      return;
    }
    const parts: string[] = [];
    if (c.active) {
      parts.push(`$(sync~spin) ${vscode.l10n.t('{0} running', c.active)}`);
    } else {
      parts.push(`$(pass) ${vscode.l10n.t('{0} done', c.succeeded)}`);
    }
    if (c.failed) {
      parts.push(vscode.l10n.t('{0} failed', c.failed));
    }
    if (c.troubled) {
      parts.push(`$(warning) ${c.troubled}`);
    }
    item.text = parts.join(' · ');
    item.tooltip = vscode.l10n.t(
      'MJ Tasks: {0} tracked, {1} running, {2} succeeded, {3} failed. Click to show the list.',
      c.total,
      c.active,
      c.succeeded,
      c.failed,
    );
    item.show();
  };
  update();
  context.subscriptions.push(item, deps.store.onDidChange(update));
}
