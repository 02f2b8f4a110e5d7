import * as vscode from 'vscode';
import { describeCustomId } from '../core/customId';
import { plainText } from '../core/inertText';
import { isRecord } from '../core/record';
import { parentOf, TrackedTask } from '../core/trackedTask';
import { Task } from '../core/types';
import { submitJob } from '../actions/submitJob';
import { Deps } from '../deps';
import { COMMANDS } from '../ids';
import { PreviewHost, PreviewPanel } from '../preview/host/previewPanel';
import { pickTasks, resolveTargets } from '../tasks/taskTargets';
import { ModalKind, modalKind, prefillPrompt, promptProblem, regionImageUrl } from './modalQuestion';
import { openRegionEditor } from './regionAnswer';

/** From the button flow after a code 21: `{ id, provider, properties }`; from a tree row: its node; from the palette: nothing. */
interface ModalArgs {
  id: string;
  provider?: string;
  properties?: Record<string, unknown>;
}

function modalArgs(arg: unknown): ModalArgs | undefined {
  // A tree node also has an `id`, but says `kind`: that one goes through resolveTargets.
  if (!isRecord(arg) || typeof arg.id !== 'string' || 'kind' in arg) return undefined;
  return {
    id: arg.id,
    provider: typeof arg.provider === 'string' ? arg.provider : undefined,
    properties: isRecord(arg.properties) ? arg.properties : undefined,
  };
}

/** The MODAL task the user means, with what the command was told about it. */
async function target(deps: Deps, arg: unknown, selection: unknown): Promise<{ tracked: TrackedTask; properties?: Record<string, unknown> } | undefined> {
  const given = modalArgs(arg);
  if (given) {
    let tracked = deps.store.get(given.id);
    if (!tracked && given.provider) {
      deps.store.add([given.id], given.provider);
      tracked = deps.store.get(given.id);
    }
    return tracked ? { tracked, properties: given.properties } : undefined;
  }
  const [picked] = await resolveTargets(deps, arg, selection, {
    placeHolder: vscode.l10n.t('Answer the follow-up of which task?'),
    canPickMany: false,
    filter: (t) => t.task?.status === 'MODAL',
  });
  return picked ? { tracked: picked } : undefined;
}

/** When nothing says what the window asks (a task tracked by ID), the user says it. */
async function askKind(regionPossible: boolean): Promise<ModalKind | undefined> {
  const items: Array<vscode.QuickPickItem & { answer: ModalKind }> = [
    { answer: 'remix', label: vscode.l10n.t('Answer with a prompt'), detail: vscode.l10n.t('Remix, Custom Zoom, a description or a shortened prompt') },
  ];
  if (regionPossible) {
    items.push({ answer: 'region', label: vscode.l10n.t('Vary (Region): draw the region to change'), detail: vscode.l10n.t('Opens the image in the preview') });
  }
  const picked = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('What does this task wait for?'), ignoreFocusOut: true });
  return picked?.answer;
}

/** The tracked task whose image the region is drawn on, when the MODAL task does not say. */
async function pickImageTask(deps: Deps, modalId: string): Promise<{ id: string; imageUrl: string } | undefined> {
  const withImage = (t: TrackedTask) => t.id !== modalId && !!t.task?.imageUrl && t.task.status === 'SUCCESS';
  if (!deps.store.all().some(withImage)) {
    void vscode.window.showWarningMessage(vscode.l10n.t('There is no image to draw the region on: track the task {0} was made from, then answer again.', modalId));
    return undefined;
  }
  const [picked] = await pickTasks(deps, { placeHolder: vscode.l10n.t('Which image is the region drawn on? (the task {0} was made from)', modalId), canPickMany: false, filter: withImage });
  return picked?.task?.imageUrl ? { id: picked.id, imageUrl: picked.task.imageUrl } : undefined;
}

function whatFor(kind: ModalKind, originCustomId: string | null, id: string): string {
  if (originCustomId) return describeCustomId(originCustomId).meaning;
  if (kind === 'region') return vscode.l10n.t('Vary (Region)');
  if (kind === 'customZoom') return vscode.l10n.t('Custom zoom');
  return vscode.l10n.t('Answer to task {0}', id);
}

/**
 * mjTasks.answerModal: the follow-up window of a MODAL task — a prompt (prefilled with what the
 * server or the parent says) or, for Vary (Region), a region drawn in the preview — sent with
 * /mj/submit/modal through the one submit path.
 */
export function registerAnswerModal(context: vscode.ExtensionContext, host: PreviewHost): void {
  const deps = host.deps;
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.answerModal, async (arg?: unknown, selection?: unknown) => {
      const found = await target(deps, arg, selection);
      if (!found) return;
      const { tracked, properties } = found;
      const task = tracked.task;
      if (task && task.status !== 'MODAL') {
        void vscode.window.showInformationMessage(vscode.l10n.t('Task {0} is not waiting for an answer.', tracked.id));
        return;
      }
      const parentId = parentOf(tracked);
      const parent: Task | null = parentId ? deps.store.get(parentId)?.task ?? null : null;
      const imageUrl = regionImageUrl(task, parent);
      let kind = modalKind(tracked.originCustomId, task?.action);
      if (kind === 'unknown') {
        const chosen = await askKind(imageUrl !== null);
        if (!chosen) return;
        kind = chosen;
      }
      const prompt = prefillPrompt(kind, { submitFinalPrompt: properties?.finalPrompt, modal: task, parent, originCustomId: tracked.originCustomId });
      const what = whatFor(kind, tracked.originCustomId ?? null, tracked.id);
      if (kind === 'region') {
        // Tracked by ID on a server that does not name the parent: the user says which image it was.
        const drawOn = imageUrl ? { id: parentId && parent ? parentId : tracked.id, imageUrl } : await pickImageTask(deps, tracked.id);
        if (!drawOn) return;
        PreviewPanel.showRegion(host, drawOn.id, openRegionEditor(deps, { tracked, imageUrl: drawOn.imageUrl, prompt, what }));
        return;
      }
      const answer = await vscode.window.showInputBox({
        title: vscode.l10n.t('Follow-up of task {0} on {1}', tracked.id, plainText(tracked.provider)),
        prompt: vscode.l10n.t('{0}: the prompt to send. The server waits for it before it makes the image.', what),
        value: prompt,
        ignoreFocusOut: true,
        validateInput: (text) => promptProblem(kind, text),
      });
      if (answer === undefined) return;
      await submitJob(deps, {
        provider: tracked.provider,
        what,
        send: (client, signal) => client.submitModal(tracked.id, { prompt: answer.trim() }, { signal }),
      });
    }),
  );
}
