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

/**
 * How long Track Task waits for the clipboard before it opens without it. In a browser (code-server,
 * vscode.dev) reading the clipboard can wait for a permission the page never gets: seen hanging for
 * good in a page without clipboard-read, which left Track Task's input unopened.
 */
const PREFILL_READ_MS = 1000;

function readClipboardBriefly(): Promise<string> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<string>((resolve) => (timer = setTimeout(() => resolve(''), PREFILL_READ_MS)));
  const read = Promise.resolve(vscode.env.clipboard.readText()).catch(() => '');
  return Promise.race([read, late]).finally(() => clearTimeout(timer));
}

/** The clipboard's task IDs as Track Task's start value, or undefined when it holds none (or cannot be read at once). */
export async function clipboardIdsForPrefill(): Promise<string | undefined> {
  const text = await readClipboardBriefly();
  if (!text.trim() || text.length > PREFILL_MAX_CHARS) {
    return undefined;
  }
  const { ids } = parseTaskIdInput(text);
  return ids.length ? ids.join(' ') : undefined;
}
