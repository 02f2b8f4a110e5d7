import * as vscode from 'vscode';
import { parseTaskIdInput, TaskIdInput } from '../core/taskIdInput';

/**
 * Beyond this the clipboard is a file's worth of something else (a log, a dump), read only by an
 * explicit Track from Clipboard, never to prefill an input box.
 */
const PREFILL_MAX_CHARS = 200_000;

/** What the clipboard holds, read as Track Task reads a paste; `empty` when there is nothing. */
export async function clipboardTaskIds(): Promise<TaskIdInput & { empty: boolean }> {
  const text = await vscode.env.clipboard.readText();
  if (!text.trim()) {
    return { ids: [], problems: [], empty: true };
  }
  return { ...parseTaskIdInput(text), empty: false };
}

/** The clipboard's task IDs as Track Task's start value, or undefined when it holds none. */
export async function clipboardIdsForPrefill(): Promise<string | undefined> {
  const text = await vscode.env.clipboard.readText();
  if (!text.trim() || text.length > PREFILL_MAX_CHARS) {
    return undefined;
  }
  const { ids } = parseTaskIdInput(text);
  return ids.length ? ids.join(' ') : undefined;
}
