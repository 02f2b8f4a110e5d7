import * as vscode from 'vscode';
import { taskTitle } from '../core/format';
import { inertLabel } from '../core/inertText';
import { TrackedTask } from '../core/trackedTask';
import { Deps } from '../deps';
import { QuickPickFlow } from '../platform/quickPickFlow';
import { statusLabel } from '../core/statusVocabulary';
import { TreeNode } from '../tree/taskTreeProvider';

/**
 * Commands are reached from a tree item (node, plus the multi-selection), from code with an ID,
 * or from the palette with nothing: then the user picks.
 */
export async function resolveTargets(
  deps: Deps,
  arg: unknown,
  selection: unknown,
  pick: TaskPickOptions,
): Promise<TrackedTask[]> {
  const ids = new Set<string>();
  const take = (v: unknown) => {
    if (typeof v === 'string') {
      ids.add(v);
    } else if (v && typeof v === 'object' && (v as TreeNode).kind === 'task') {
      ids.add((v as { id: string }).id);
    }
  };
  if (Array.isArray(selection) && selection.some((s) => s === arg)) {
    selection.forEach(take);
  } else {
    take(arg);
  }
  if (ids.size) {
    return [...ids].map((id) => deps.store.get(id)).filter((t): t is TrackedTask => !!t);
  }
  return pickTasks(deps, pick);
}

export interface TaskPickOptions {
  readonly placeHolder: string;
  readonly canPickMany: boolean;
  readonly filter?: (t: TrackedTask) => boolean;
  /** For a command that asks something next: the task is picked in the flow's input, which stays open. */
  readonly flow?: QuickPickFlow;
  readonly title?: string;
}

interface TaskPickItem extends vscode.QuickPickItem {
  task: TrackedTask;
}

export async function pickTasks(deps: Deps, opts: TaskPickOptions): Promise<TrackedTask[]> {
  const candidates = deps.store.all().filter(opts.filter ?? (() => true));
  if (!candidates.length) {
    // Right after a start or a Track, tasks have no state until their first answer: say so rather
    // than suggest tracking tasks that are tracked already.
    const pending = deps.store.all().filter((t) => !t.task && !t.error).length;
    void vscode.window.showInformationMessage(
      pending
        ? vscode.l10n.t('No tracked task fits yet: {0} still waiting for the server\'s first answer. Try again in a moment.', pending)
        : vscode.l10n.t('No tracked task fits. Track one with "MJ Tasks: Track Task…".'),
    );
    return [];
  }
  const items: TaskPickItem[] = candidates.map((task) => ({
    task,
    // Quick picks render `$(icon)` in all three: a prompt must not fake a status icon.
    label: inertLabel(taskTitle(task.task, task.id)),
    description: task.task ? statusLabel(task.task.status) : '',
    detail: inertLabel(task.id),
  }));
  if (opts.canPickMany) {
    const picked = await vscode.window.showQuickPick(items, { placeHolder: opts.placeHolder, title: opts.title, canPickMany: true, matchOnDetail: true });
    return picked?.map((p) => p.task) ?? [];
  }
  const picked = opts.flow
    ? await opts.flow.pick(items, { placeHolder: opts.placeHolder, title: opts.title, matchOnDetail: true })
    : await vscode.window.showQuickPick(items, { placeHolder: opts.placeHolder, title: opts.title, matchOnDetail: true });
  return picked ? [picked.task] : [];
}
