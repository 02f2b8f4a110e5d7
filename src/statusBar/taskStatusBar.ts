import * as vscode from 'vscode';
import { codiconId, STATUS_CODICONS, StatusIconState } from '../core/statusVocabulary';
import { statusGroupOf } from '../core/taskView';
import { Deps } from '../deps';
import { STATUS_BAR_ID, VIEW_COMMANDS } from '../ids';

interface Counts {
  total: number;
  /** IN_PROGRESS: the only ones that spin. */
  running: number;
  /** NOT_START, SUBMITTED, UNKNOWN, and tasks without a first answer yet. */
  queued: number;
  /** MODAL: waiting for the user's /mj/submit/modal. */
  waiting: number;
  failed: number;
  succeeded: number;
  troubled: number;
}

function count(deps: Deps): Counts {
  const c: Counts = { total: 0, running: 0, queued: 0, waiting: 0, failed: 0, succeeded: 0, troubled: 0 };
  for (const t of deps.store.all()) {
    c.total++;
    const group = statusGroupOf(t);
    if (group === 'running') c.running++;
    else if (group === 'waiting') c.waiting++;
    else if (group === 'failed') c.failed++;
    else if (group === 'succeeded') c.succeeded++;
    else if (group !== 'cancelled') c.queued++;
    if ((t.error && !t.task?.terminal) || t.stuck) {
      c.troubled++;
    }
  }
  return c;
}

/** `$(name)` in a status-bar text: the codicon the tree shows for the same state. */
function icon(state: StatusIconState): string {
  return `$(${codiconId(STATUS_CODICONS[state])})`;
}

/** "$(sync~spin) 2 running · 3 queued · 1 failed"; hidden while nothing is tracked. Click shows the list. */
export function registerTaskStatusBar(context: vscode.ExtensionContext, deps: Deps): void {
  const item = vscode.window.createStatusBarItem(STATUS_BAR_ID, vscode.StatusBarAlignment.Left, 10);
  item.name = vscode.l10n.t('MJ Tasks');
  item.command = VIEW_COMMANDS.focusTasks;

  const update = () => {
    const c = count(deps);
    if (!c.total) {
      item.hide();
      return;
    }
    const parts: string[] = [];
    if (c.running) parts.push(`${icon('IN_PROGRESS')} ${vscode.l10n.t('{0} running', c.running)}`);
    if (c.queued) parts.push(`${c.running ? '' : `${icon('SUBMITTED')} `}${vscode.l10n.t('{0} queued', c.queued)}`);
    if (c.waiting) parts.push(`${icon('MODAL')} ${vscode.l10n.t('{0} waiting for input', c.waiting)}`);
    if (!c.running && !c.queued && !c.waiting) parts.push(`${icon('SUCCESS')} ${vscode.l10n.t('{0} done', c.succeeded)}`);
    if (c.failed) {
      parts.push(vscode.l10n.t('{0} failed', c.failed));
    }
    if (c.troubled) {
      parts.push(`${icon('ERROR')} ${c.troubled}`);
    }
    item.text = parts.join(' · ');
    item.tooltip = vscode.l10n.t(
      'MJ Tasks: {0} tracked — {1} running, {2} queued, {3} waiting for input, {4} succeeded, {5} failed. Click to show the list.',
      c.total,
      c.running,
      c.queued,
      c.waiting,
      c.succeeded,
      c.failed,
    );
    item.show();
  };
  update();
  context.subscriptions.push(item, deps.store.onDidChange(update));
}
