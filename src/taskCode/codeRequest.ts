import * as vscode from 'vscode';
import { CODE_LANGUAGES, CodeLanguage, SnippetServer, SnippetSubject } from '../codegen/snippetTypes';
import { buttonsByGroup } from '../core/customId';
import { taskTitle } from '../core/format';
import { inertLabel, inertMessage } from '../core/inertText';
import { isRecord } from '../core/record';
import { TrackedTask } from '../core/trackedTask';
import { Deps } from '../deps';
import { QuickPickFlow } from '../platform/quickPickFlow';
import { groupTitle } from '../preview/host/labels';
import { resolveTargets } from '../tasks/taskTargets';

// What "Copy as Code" and "Insert as Code" ask before they write: which task (from the tree,
// the preview or a pick), what of it (the task itself, or one of its buttons), on which server.

/** From the preview (or other code): a task, and the button to press or `task: true` for the task itself. */
export interface CodeArgument {
  id: string;
  customId?: string;
  task?: true;
}

export interface CodeRequest {
  readonly tracked: TrackedTask;
  readonly server: SnippetServer;
  readonly subject: SnippetSubject;
}

function asCodeArgument(arg: unknown): CodeArgument | undefined {
  if (!isRecord(arg) || typeof arg.id !== 'string' || arg.kind === 'task') return undefined;
  return { id: arg.id, customId: typeof arg.customId === 'string' ? arg.customId : undefined, task: arg.task === true ? true : undefined };
}

interface SubjectPick extends vscode.QuickPickItem {
  subject?: SnippetSubject;
}

/** The task, what of it and its server; undefined when the user cancelled or something was missing (then said). */
export async function resolveCodeRequest(deps: Deps, arg: unknown, flow: QuickPickFlow, title: string): Promise<CodeRequest | undefined> {
  const given = asCodeArgument(arg);
  const [tracked] = await resolveTargets(deps, given ? given.id : arg, undefined, {
    placeHolder: vscode.l10n.t('Code for which task?'),
    title,
    canPickMany: false,
    flow,
  });
  if (!tracked) {
    if (given) void vscode.window.showWarningMessage(vscode.l10n.t('Task {0} is not tracked any more.', inertMessage(given.id)));
    return undefined;
  }
  const provider = deps.providers.get(tracked.provider);
  if (!provider) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('The provider "{0}" of this task is not configured any more: add it again to get code for it.', inertLabel(tracked.provider)),
    );
    return undefined;
  }
  const server: SnippetServer = { baseUrl: provider.baseUrl, auth: provider.auth };
  const buttons = tracked.task?.buttons ?? [];
  if (given?.customId !== undefined) {
    // Only a customId the task has: the argument is someone else's word, the task is the server's.
    if (!buttons.some((b) => b.customId === given.customId)) {
      void vscode.window.showWarningMessage(vscode.l10n.t('This task has no such button (any more).'));
      return undefined;
    }
    return { tracked, server, subject: { kind: 'button', taskId: tracked.id, customId: given.customId } };
  }
  if (given?.task || !buttons.length) {
    return { tracked, server, subject: { kind: 'task', taskId: tracked.id } };
  }
  const items: SubjectPick[] = [
    {
      label: `$(sync) ${vscode.l10n.t('Fetch the task and wait until it is done')}`,
      subject: { kind: 'task', taskId: tracked.id },
    },
    ...buttonsByGroup(buttons).flatMap((g) => [
      { label: groupTitle(g.group), kind: vscode.QuickPickItemKind.Separator } as SubjectPick,
      ...g.buttons.map((b) => ({
        label: inertLabel(vscode.l10n.t('Press: {0}', b.info.meaning)),
        description: inertLabel([b.button.emoji, b.button.label].filter(Boolean).join(' ')),
        detail: inertLabel(b.button.customId),
        subject: { kind: 'button', taskId: tracked.id, customId: b.button.customId } as SnippetSubject,
      })),
    ]),
  ];
  const picked = await flow.pick(items, {
    placeHolder: vscode.l10n.t('Code for what: the task, or pressing one of its buttons?'),
    title: `${title}: ${inertLabel(taskTitle(tracked.task, tracked.id))}`,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.subject ? { tracked, server, subject: picked.subject } : undefined;
}

/** How the pickers name each form. */
export function codeLanguageName(language: CodeLanguage): string {
  switch (language) {
    case 'typescript':
      return vscode.l10n.t('TypeScript (fetch)');
    case 'javascript':
      return vscode.l10n.t('JavaScript (fetch)');
    case 'python-requests':
      return vscode.l10n.t('Python (requests)');
    case 'python-urllib':
      return vscode.l10n.t('Python (standard library)');
    case 'curl':
      return vscode.l10n.t('curl (bash)');
    case 'http':
      return vscode.l10n.t('HTTP request (.http file)');
  }
}

interface LanguagePick extends vscode.QuickPickItem {
  language: CodeLanguage;
}

export async function pickCodeLanguage(flow: QuickPickFlow, title: string, placeHolder: string): Promise<CodeLanguage | undefined> {
  const items: LanguagePick[] = CODE_LANGUAGES.map((language) => ({ label: codeLanguageName(language), language }));
  return (await flow.pick(items, { placeHolder, title }))?.language;
}
