import * as vscode from 'vscode';
import { planExpiry, toldKey } from '../core/expiryPlan';
import { taskTitle } from '../core/format';
import { inertMessage } from '../core/inertText';
import { describeExpiry, taskLinkExpiry } from '../core/linkExpiry';
import { Deps } from '../deps';
import { COMMANDS } from '../ids';

// Says, once, that an unsaved task's link expires within the hour (with Save), and that a link
// has expired (then fetches the task again: a relay may hand out a fresh link). Only in the window
// that polls for every window, so it is said once. One timer, armed for the next moment.

const TOLD_KEY = 'mjTasks.linkExpiryTold';
/** Remembered moments; the oldest go first (their links are long dead). */
const MAX_TOLD = 2000;
/** setTimeout's limit; a later moment is looked at again then. */
const MAX_DELAY_MS = 2 ** 31 - 1;

export function registerLinkExpiryWatch(context: vscode.ExtensionContext, deps: Deps): void {
  const state = context.workspaceState;
  const told = new Set<string>(state.get<string[]>(TOLD_KEY) ?? []);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let queued = false;

  const remember = (keys: string[]) => {
    keys.forEach((k) => told.add(k));
    void state.update(TOLD_KEY, [...told].slice(-MAX_TOLD));
  };

  const check = () => {
    queued = false;
    clearTimeout(timer);
    timer = undefined;
    const now = Date.now();
    const candidates = deps.store
      .all()
      .filter((t) => t.task?.status === 'SUCCESS')
      .map((t) => ({ id: t.id, expiresAt: taskLinkExpiry(t.task), saved: deps.saved.isSaved(t.id) }));
    const plan = planExpiry(candidates, now, told);
    if (deps.pollLease.isHolder) {
      if (plan.warn.length) {
        remember(plan.warn.map((c) => toldKey('warn', c)));
        for (const c of plan.warn) {
          const title = inertMessage(taskTitle(deps.store.get(c.id)?.task ?? null, c.id, 50));
          const save = vscode.l10n.t('Save');
          void vscode.window
            .showInformationMessage(vscode.l10n.t('"{0}" is not saved and its {1}.', title, describeExpiry(c.expiresAt, now)), save)
            .then((choice) => (choice === save ? vscode.commands.executeCommand(COMMANDS.saveImage, { id: c.id }) : undefined));
        }
      }
      if (plan.expired.length) {
        remember(plan.expired.map((c) => toldKey('expired', c)));
        const first = plan.expired[0];
        const title = inertMessage(taskTitle(deps.store.get(first.id)?.task ?? null, first.id, 50));
        const message =
          plan.expired.length === 1
            ? vscode.l10n.t('The image link of "{0}" has expired: it no longer loads. MJ Tasks is asking the server again in case it hands out a fresh one.', title)
            : vscode.l10n.t('The image links of {0} tasks have expired: they no longer load. MJ Tasks is asking the server again in case it hands out fresh ones.', plan.expired.length);
        void vscode.window.showInformationMessage(message);
        void deps.scheduler.pollNow(plan.expired.map((c) => c.id));
      }
    }
    if (plan.nextAt !== null) {
      timer = setTimeout(check, Math.min(MAX_DELAY_MS, Math.max(0, plan.nextAt - Date.now()) + 50));
    }
  };
  // Store changes come in bursts (a poll round): one look after the burst.
  const soon = () => {
    if (!queued) {
      queued = true;
      queueMicrotask(check);
    }
  };
  context.subscriptions.push(
    deps.store.onDidChange(soon),
    deps.saved.onDidChange(soon),
    deps.pollLease.onDidChange(soon),
    { dispose: () => clearTimeout(timer) },
  );
  soon();
}
