import * as vscode from 'vscode';
import { describeCustomId } from '../core/customId';
import { plainText } from '../core/inertText';
import { isExistingTaskAnswer } from '../core/submitVerdict';
import { TrackedTask } from '../core/trackedTask';
import { TaskButton } from '../core/types';
import { Deps } from '../deps';
import { COMMANDS } from '../ids';
import { submitJob, SubmittedJob } from './submitJob';

// Pressing one of a finished task's buttons, from the preview, the tree or the palette: one
// `POST /mj/submit/action {taskId, customId}` through submitJob; a code-21 answer (a window
// waits for a prompt or a region) goes on to the follow-up dialog.

/** What the button does, in plain words ("Upscale image 2"); a server's own label made inert. */
export function buttonWhat(button: TaskButton): string {
  return plainText(describeCustomId(button.customId, button.label, button.emoji).meaning);
}

export async function pressButton(deps: Deps, parent: TrackedTask, button: TaskButton): Promise<SubmittedJob | undefined> {
  const submitted = await submitJob(deps, {
    provider: parent.provider,
    what: buttonWhat(button),
    parentId: parent.id,
    originCustomId: button.customId,
    send: (client, signal) => client.submitAction(parent.id, button.customId, { signal }),
  });
  if (submitted?.result.needsModal && !isExistingTaskAnswer(submitted.result.code, submitted.result.properties)) {
    await answerModal(submitted);
  }
  return submitted;
}

/** The follow-up dialog (a prompt, or a region drawn in the preview) for the MODAL task just made. */
async function answerModal(submitted: SubmittedJob): Promise<void> {
  await vscode.commands.executeCommand(COMMANDS.answerModal, { id: submitted.taskId, provider: submitted.provider, properties: submitted.result.properties });
}
