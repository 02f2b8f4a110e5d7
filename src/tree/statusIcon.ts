import * as vscode from 'vscode';
import { TaskStatus } from '../core/types';

/** What the icon reflects: the task's status, or a tracking problem that matters more. */
export type IconState = TaskStatus | 'PENDING_FIRST_FETCH' | 'STUCK' | 'ERROR';

/**
 * One pure, exhaustive mapping to codicons and built-in theme colours; only running tasks spin,
 * so a glance at the tree tells what is still moving.
 */
export function statusIcon(state: IconState): vscode.ThemeIcon {
  switch (state) {
    case 'NOT_START':
      return new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('testing.iconQueued'));
    case 'SUBMITTED':
      return new vscode.ThemeIcon('clock', new vscode.ThemeColor('testing.iconQueued'));
    case 'MODAL':
      return new vscode.ThemeIcon('comment-discussion', new vscode.ThemeColor('list.warningForeground'));
    case 'IN_PROGRESS':
      return new vscode.ThemeIcon('sync~spin', new vscode.ThemeColor('charts.blue'));
    case 'SUCCESS':
      return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
    case 'FAILURE':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'));
    case 'CANCEL':
      return new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground'));
    case 'UNKNOWN':
      return new vscode.ThemeIcon('question', new vscode.ThemeColor('descriptionForeground'));
    case 'PENDING_FIRST_FETCH':
      // Not known to be running yet: it does not spin until the server says it does.
      return new vscode.ThemeIcon('cloud-download', new vscode.ThemeColor('descriptionForeground'));
    case 'STUCK':
      return new vscode.ThemeIcon('watch', new vscode.ThemeColor('list.warningForeground'));
    case 'ERROR':
      return new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
  }
}

export function statusLabel(status: TaskStatus): string {
  switch (status) {
    case 'NOT_START':
      return vscode.l10n.t('Not started');
    case 'SUBMITTED':
      return vscode.l10n.t('Queued');
    case 'MODAL':
      return vscode.l10n.t('Waiting for input');
    case 'IN_PROGRESS':
      return vscode.l10n.t('Running');
    case 'SUCCESS':
      return vscode.l10n.t('Succeeded');
    case 'FAILURE':
      return vscode.l10n.t('Failed');
    case 'CANCEL':
      return vscode.l10n.t('Cancelled');
    case 'UNKNOWN':
      return vscode.l10n.t('Unknown');
  }
}
