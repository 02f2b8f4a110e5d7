import * as vscode from 'vscode';
import { Lineage } from '../core/blankTask';
import { MjClient } from '../core/client';
import { plainText } from '../core/inertText';
import { findSubmitted } from '../core/submitLookup';
import { queuedAhead, submitFailure } from '../core/submitVerdict';
import { SubmitResult } from '../core/types';
import { Deps } from '../deps';
import { COMMANDS } from '../ids';
import { SubmitConsent } from './submitConsent';

// The one path every submit takes (buttons, modal answers, imagine, describe, blend, shorten):
// confirm the first submit to a provider, send exactly one request, never retry it, explain a
// refusal in plain words, tell the truth about a lost answer (and look for the job where the
// server can list recent tasks), then track the new task with its lineage and show it.

export interface SubmitJob {
  provider: string;
  /** Plain words for the action: "Upscale image 2", "Imagine". Not server text. */
  what: string;
  /** The task it is made from (a button pressed on it). */
  parentId?: string;
  /** The customId of the button pressed on the parent. */
  originCustomId?: string;
  /** Sends the one request. Called at most once per submitJob. */
  send(client: MjClient, signal: AbortSignal): Promise<SubmitResult>;
}

export interface SubmittedJob {
  taskId: string;
  provider: string;
  result: SubmitResult;
}

/** What the submit path needs that lives as long as the extension: consent, and requests to abort on shutdown. */
interface SubmitRuntime {
  consent: SubmitConsent;
  controllers: Set<AbortController>;
}

let runtime: SubmitRuntime | undefined;
/** Jobs sent or being confirmed: the same press again while one is under way is ignored. */
const inFlight = new Set<string>();

/** Sets up the submit path; `submitJob` refuses to run before this. */
export function registerSubmitJobs(context: vscode.ExtensionContext, deps: Deps): void {
  const own: SubmitRuntime = { consent: new SubmitConsent(context.globalState, deps.settings), controllers: new Set() };
  runtime = own;
  context.subscriptions.push(own.consent, {
    dispose: () => {
      for (const c of own.controllers) c.abort();
      if (runtime === own) runtime = undefined;
    },
  });
}

/** Whether a job for this key is being confirmed or sent now (controls show it as busy). */
export function isSubmitting(provider: string, parentId: string | undefined, originCustomId: string | undefined, what: string): boolean {
  return inFlight.has(jobKey({ provider, parentId, originCustomId, what }));
}

function jobKey(job: Pick<SubmitJob, 'provider' | 'parentId' | 'originCustomId' | 'what'>): string {
  return [job.provider, job.parentId ?? '', job.originCustomId ?? job.what].join('\n');
}

/**
 * Confirms, sends one request, and tracks the new task (with its lineage) and reveals it.
 * Undefined when the user declined, the same job was already under way, or it was refused or
 * its answer lost (the user has been told which, in plain words).
 */
export async function submitJob(deps: Deps, job: SubmitJob): Promise<SubmittedJob | undefined> {
  if (!runtime) throw new Error('submitJob before registerSubmitJobs');
  const { consent, controllers } = runtime;
  const key = jobKey(job);
  if (inFlight.has(key)) {
    deps.log.info(`Submit of "${job.what}" to ${job.provider} ignored: the same one is under way.`);
    return undefined;
  }
  inFlight.add(key);
  const controller = new AbortController();
  controllers.add(controller);
  try {
    if (!(await consent.ask(job.provider, job.what))) return undefined;
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Sending "{0}" to {1}…', job.what, plainText(job.provider)) },
      () => sendOnce(deps, job, controller.signal),
    );
  } finally {
    controllers.delete(controller);
    inFlight.delete(key);
  }
}

async function sendOnce(deps: Deps, job: SubmitJob, signal: AbortSignal): Promise<SubmittedJob | undefined> {
  const provider = plainText(job.provider);
  let client: MjClient;
  try {
    client = await deps.clients.client(job.provider);
  } catch (e) {
    void vscode.window.showErrorMessage(vscode.l10n.t('"{0}" was not sent: {1}', job.what, e instanceof Error ? e.message : String(e)));
    return undefined;
  }
  const sentAt = Date.now();
  let result: SubmitResult;
  try {
    result = await job.send(client, signal);
  } catch (e) {
    if (signal.aborted) return undefined;
    const failure = submitFailure(e);
    deps.log.warn(`Submit of "${job.what}" to ${job.provider}: ${failure.kind}: ${failure.words}`);
    if (failure.kind === 'refused') {
      void vscode.window.showErrorMessage(vscode.l10n.t('{0} did not accept "{1}": {2}. Nothing was tracked.', provider, job.what, failure.words));
    } else if (failure.kind === 'notSent') {
      void vscode.window.showErrorMessage(vscode.l10n.t('"{0}" was not sent: {1}', job.what, failure.words));
    } else {
      return afterLostAnswer(deps, job, client, sentAt, failure.words, signal);
    }
    return undefined;
  }
  // trueai's ❤️ answers with the parent's own ID: nothing new to track.
  if (job.parentId !== undefined && result.taskId === job.parentId) {
    vscode.window.setStatusBarMessage(`$(check) ${vscode.l10n.t('{0} accepted "{1}"; it made no new task.', provider, job.what)}`, 5000);
    return { taskId: result.taskId, provider: job.provider, result };
  }
  track(deps, job, result.taskId);
  if (result.code === 22) {
    const ahead = queuedAhead(result.properties, result.description);
    void vscode.window.showInformationMessage(
      ahead === null
        ? vscode.l10n.t('"{0}" is in the queue on {1}; it is tracked as task {2}.', job.what, provider, result.taskId)
        : vscode.l10n.t('"{0}" is in the queue on {1}, {2} ahead of it; it is tracked as task {3}.', job.what, provider, ahead, result.taskId),
    );
  } else {
    vscode.window.setStatusBarMessage(`$(check) ${vscode.l10n.t('"{0}" submitted to {1}: task {2}.', job.what, provider, result.taskId)}`, 5000);
  }
  return { taskId: result.taskId, provider: job.provider, result };
}

function track(deps: Deps, job: SubmitJob, taskId: string): void {
  const lineage: Lineage = { parentId: job.parentId ?? null, originCustomId: job.originCustomId ?? null };
  deps.store.add([taskId], job.provider, lineage);
  void deps.scheduler.pollNow([taskId]);
  void vscode.commands.executeCommand(COMMANDS.revealTask, taskId);
}

/**
 * The request went out and no answer came: the job may exist and be billed. It is never sent
 * again; where the server lists recent tasks, the task the job would have made is looked for.
 */
async function afterLostAnswer(
  deps: Deps,
  job: SubmitJob,
  client: MjClient,
  sentAt: number,
  words: string,
  signal: AbortSignal,
): Promise<SubmittedJob | undefined> {
  const provider = plainText(job.provider);
  const head = vscode.l10n.t('"{0}" was sent to {1}, but no answer came back ({2}). It may or may not have been accepted; it was not sent again.', job.what, provider, words);
  let found: string | null = null;
  let tail: string;
  if (job.parentId === undefined) {
    tail = vscode.l10n.t("Check the server's task list before trying again.");
  } else {
    try {
      const recent = await client.listRecent({ signal });
      if (recent === 'unsupported') {
        tail = vscode.l10n.t("This server cannot list recent tasks; check its task list before trying again.");
      } else {
        found = findSubmitted(recent, { parentId: job.parentId, customId: job.originCustomId, sentAt, known: new Set(deps.store.all().map((t) => t.id)) })?.id ?? null;
        tail = found
          ? vscode.l10n.t('It was accepted: task {0} was made from it just now, and is tracked now.', found)
          : vscode.l10n.t("No task made from it just now is on the server's list; check again before trying again.");
      }
    } catch (e) {
      if (signal.aborted) return undefined;
      tail = vscode.l10n.t("Its recent tasks could not be read either ({0}); check the server's task list before trying again.", e instanceof Error ? e.message : String(e));
    }
  }
  if (found) track(deps, job, found);
  void vscode.window.showWarningMessage(`${head} ${tail}`);
  return undefined;
}
