// Human-readable task blocks, the watch progress lines and error lines. Every piece of server
// text goes through plainText on its way to the terminal: a relay controls prompts, failure
// reasons, status words, button labels and error messages, and none of them may move the
// cursor, clear the screen, retitle the window, write the clipboard or reorder what is read.
// `--json` is not rendered here: JSON.stringify escapes every control character.

import * as l10n from '@vscode/l10n';
import { statusLabels, taskStatusLabel } from '../core/statusVocabulary';
import { MjError } from '../core/errors';
import { plainText } from '../core/inertText';
import { Task } from '../core/types';

const PROMPT_MAX = 120;
const BAR_WIDTH = 20;

/** One block per task: a header line, then aligned label/value lines, then the buttons. */
export function renderTask(task: Task): string {
  const rows: [string, string][] = [];
  const add = (label: string, value: string | null | undefined): void => {
    if (value) rows.push([label, value]);
  };
  add(l10n.t('Status'), taskStatusLabel(task));
  add(l10n.t('Progress'), task.progress === null ? null : `${task.progress}%`);
  add(l10n.t('Action'), task.action);
  add(l10n.t('Prompt'), task.prompt === null ? null : shorten(task.prompt, PROMPT_MAX));
  if (task.promptEn !== null && task.promptEn !== task.prompt) add(l10n.t('Prompt (en)'), shorten(task.promptEn, PROMPT_MAX));
  add(l10n.t('Image'), task.imageUrl);
  task.imageUrls.filter((u) => u !== task.imageUrl).forEach((u, i) => add(l10n.t('Image {0}', i + 1), u));
  task.videoUrls.forEach((u, i) => add(l10n.t('Video {0}', i + 1), u));
  add(l10n.t('Failure reason'), task.failReason);
  add(l10n.t('Final prompt'), task.finalPrompt);
  add(l10n.t('Final prompt (zh)'), task.finalZhPrompt);
  add(l10n.t('Seed'), task.seed);

  const width = Math.max(...rows.map(([label]) => displayWidth(label)));
  const lines = [l10n.t('Task {0}', oneLine(task.id)), ...rows.map(([label, value]) => `  ${pad(label, width)}  ${oneLine(value)}`)];
  if (task.buttons.length > 0) {
    lines.push(`  ${l10n.t('Buttons')}`);
    const names = task.buttons.map((b) => oneLine([b.emoji, b.label].filter((s) => s !== '').join(' ')) || '—');
    const nameWidth = Math.max(...names.map(displayWidth));
    task.buttons.forEach((b, i) => lines.push(`    ${pad(names[i], nameWidth)}  ${oneLine(b.customId)}`));
  }
  return lines.join('\n');
}

/** One watch line: `<id>  Running  [██████░░░░░░]  57%`, cut to `columns` when given. */
export function progressLine(id: string, task: Task | undefined, note: string | undefined, columns?: number): string {
  let line: string;
  if (note !== undefined) {
    line = `${id}  ${note}`;
  } else if (task === undefined) {
    line = `${id}  ${l10n.t('waiting…')}`;
  } else {
    const pct = task.progress ?? (task.status === 'SUCCESS' ? 100 : 0);
    const filled = Math.round((pct / 100) * BAR_WIDTH);
    const bar = '█'.repeat(filled) + '░'.repeat(BAR_WIDTH - filled);
    // Padded to the widest label, so the bars line up whatever the statuses and the language.
    const width = Math.max(...statusLabels().map(displayWidth));
    line = `${id}  ${pad(oneLine(taskStatusLabel(task)), width)}  [${bar}] ${String(Math.round(pct)).padStart(3)}%`;
  }
  return columns !== undefined && columns > 1 && displayWidth(line) >= columns ? cutToWidth(line, columns - 1) : line;
}

/** A plain line for logs and pipes: written only when something changed. */
export function changeLine(task: Task): string {
  const progress = task.progress === null ? '' : `  ${task.progress}%`;
  return `${oneLine(task.id)}  ${oneLine(taskStatusLabel(task))}${progress}`;
}

/** A failure as one line on stderr: the message and its hint, with the server's words made inert. */
export function errorLine(error: MjError): string {
  return oneLine(error.oneLine);
}

function shorten(text: string, max: number): string {
  const one = oneLine(text);
  return one.length > max ? one.slice(0, max - 1).trimEnd() + '…' : one;
}

/** Server text for one terminal line: escape sequences and bidi controls gone, on one line. */
function oneLine(text: string): string {
  return plainText(text).replace(/\s+/g, ' ').trim();
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** Terminal columns: CJK and emoji take two. Good enough to align labels and keep lines unwrapped. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp === 0xfe0f || cp === 0x200d || (cp >= 0x300 && cp < 0x370)) continue;
    w += isWide(cp) ? 2 : 1;
  }
  return w;
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

function cutToWidth(text: string, width: number): string {
  let out = '';
  let w = 0;
  for (const ch of text) {
    const cw = displayWidth(ch);
    if (w + cw > width - 1) return out + '…';
    out += ch;
    w += cw;
  }
  return out;
}
