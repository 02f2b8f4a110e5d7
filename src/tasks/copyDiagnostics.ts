import * as vscode from 'vscode';
import { formatTime } from '../core/format';
import { TrackedTask } from '../core/trackedTask';
import { Deps } from '../deps';
import { copyWithFeedback } from '../platform/clipboard';
import { resolveTargets } from './taskTargets';
import { COMMANDS } from '../ids';

/** What a relay's support desk asks for: IDs, server, status history, the last error — never the key. */
export function diagnosticsText(t: TrackedTask, deps: Deps): string {
  const provider = deps.providers.get(t.provider);
  const task = t.task;
  const lines = [
    `Task: ${t.id}`,
    `Provider: ${t.provider}${provider ? ` (${provider.baseUrl}, auth ${provider.auth})` : ' (not configured)'}`,
    `Status: ${task ? `${task.status}${task.status === 'UNKNOWN' ? ` "${task.rawStatus}"` : ''}` : 'not fetched yet'}`,
    `Progress: ${task?.progress ?? '-'}`,
    `Action: ${task?.action || '-'}`,
    `Submitted: ${formatTime(task?.submitTime ?? null) || '-'}`,
    `Started: ${formatTime(task?.startTime ?? null) || '-'}`,
    `Finished: ${formatTime(task?.finishTime ?? null) || '-'}`,
    `Tracked since: ${formatTime(t.addedAt)}`,
    `Last change seen: ${formatTime(t.lastChangedAt)}`,
    `Last checked: ${formatTime(t.lastCheckedAt) || '-'}`,
    `Stuck: ${t.stuck ? 'yes' : 'no'}`,
  ];
  if (task?.failReason) {
    lines.push(`Failure reason: ${task.failReason}`);
  }
  if (t.error) {
    lines.push(`Last error: ${t.error.kind}: ${t.error.message} ${t.error.hint} (${formatTime(t.error.at)})`);
  }
  lines.push(`MJ Tasks: ${vscode.extensions.getExtension('mj-tasks.mj-tasks')?.packageJSON.version ?? '?'}, VS Code ${vscode.version}`);
  return lines.join('\n');
}

export function registerCopyDiagnostics(context: vscode.ExtensionContext, deps: Deps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.copyDiagnostics, async (arg?: unknown, selection?: unknown) => {
      const targets = await resolveTargets(deps, arg, selection, {
        placeHolder: vscode.l10n.t('Copy diagnostics of which tasks?'),
        canPickMany: true,
      });
      if (targets.length) {
        await copyWithFeedback(targets.map((t) => diagnosticsText(t, deps)).join('\n\n'), vscode.l10n.t('diagnostics'));
      }
    }),
  );
}
