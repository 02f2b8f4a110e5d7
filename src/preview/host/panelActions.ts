import * as vscode from 'vscode';
import { pressButton } from '../../actions/buttonPress';
import { Deps } from '../../deps';
import { showCodeMenu } from '../../taskCode/codeMenu';
import { InsertResult } from '../shared/protocol';
import { httpMediaOrigins } from './csp';
import { EditorTargetTracker } from './editorTarget';
import { mediaProblem } from './mediaProblem';
import { ValueEntry } from './viewModel';

// What the preview's buttons do once the panel has found the value behind a key: the panel routes
// messages, these act (a press, the Code menu, an insert, why an image failed).

/** One submit for the button, if the task still has it and has finished. */
export async function pressFromPreview(deps: Deps, taskId: string, customId: string): Promise<void> {
  const tracked = deps.store.get(taskId);
  const button = tracked?.task?.status === 'SUCCESS' ? tracked.task.buttons.find((b) => b.customId === customId) : undefined;
  if (tracked && button) await pressButton(deps, tracked, button);
}

/** The Code menu for the task (entry null) or for a button; only a customId entry counts. */
export async function codeFromPreview(deps: Deps, editors: EditorTargetTracker, taskId: string, entry: ValueEntry | null): Promise<void> {
  if (entry === null) {
    await showCodeMenu(deps, editors, { id: taskId, task: true });
  } else if (entry.what === 'customId') {
    await showCodeMenu(deps, editors, { id: taskId, customId: entry.value });
  }
}

export async function insertFromPreview(deps: Deps, editors: EditorTargetTracker, entry: ValueEntry, literal: boolean): Promise<InsertResult> {
  try {
    return await editors.insert(entry.value, literal);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    deps.log.error(`Preview: insert failed: ${message}`);
    return { inserted: false, reason: vscode.l10n.t('Nothing was inserted: {0}', message) };
  }
}

/** Why an image or video did not load, in words; asked once per URL for the panel's life. */
export class MediaFailures {
  private readonly explained = new Map<string, string>();

  async explain(deps: Deps, entry: ValueEntry, kind: 'image' | 'video'): Promise<string> {
    const known = this.explained.get(entry.value);
    if (known !== undefined) return known;
    const origins = httpMediaOrigins(deps.providers.list().map((p) => p.baseUrl));
    const reason = (await mediaProblem(entry.value, kind, origins, Date.now())).slice(0, 480);
    this.explained.set(entry.value, reason);
    return reason;
  }
}
