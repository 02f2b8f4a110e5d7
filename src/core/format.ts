import * as l10n from '@vscode/l10n';
import { sliceWhole } from './fieldCaps';
import { plainText } from './inertText';
import { Task } from './types';

/**
 * Server text as one clean line (plainText: no escape sequences, bidi or control characters), cut
 * at a word boundary where possible, with an ellipsis. Only a bounded head of a long text is read.
 */
export function shortenText(text: string, max = 60): string {
  const head = sliceWhole(text, max * 8);
  const oneLine = plainText(head).replace(/\s+/g, ' ').trim();
  if (oneLine.length <= max && head.length === text.length) {
    return oneLine;
  }
  const cut = sliceWhole(oneLine, max - 1);
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd() + '…';
}

/** Enough of a prompt for a title after the reference-image URLs some relays put in front of it. */
const TITLE_SOURCE_MAX = 4096;

/** What a person would call the task (one clean line): its prompt, else what the server described, else the action. */
export function taskTitle(task: Task | null, id: string, max = 60): string {
  const text = task?.prompt ?? task?.promptEn ?? task?.finalPrompt ?? task?.description;
  if (text) {
    // Relays put reference-image URLs in front of the prompt, and DESCRIBE results number their
    // prompts with keycap emoji (1️⃣); neither says anything in a one-line title.
    const withoutUrls = sliceWhole(text, TITLE_SOURCE_MAX)
      .replace(/<?https?:\/\/\S+>?\s*/g, '')
      .replace(/[0-9#*]\uFE0F?\u20E3\s*/g, '')
      .trim();
    if (withoutUrls) {
      return shortenText(withoutUrls, max);
    }
  }
  return shortenText(task?.action ? `${task.action} ${id}` : id, max);
}

/** "just now", "5 min ago", "3 h ago", "2 d ago". */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 45) {
    return l10n.t('just now');
  }
  const m = Math.round(s / 60);
  if (m < 60) {
    return l10n.t('{0} min ago', m);
  }
  const h = Math.round(m / 60);
  if (h < 36) {
    return l10n.t('{0} h ago', h);
  }
  return l10n.t('{0} d ago', Math.round(h / 24));
}

/** Local date and time for tooltips and diagnostics; empty when unknown. */
export function formatTime(epochMs: number | null): string {
  if (epochMs === null) {
    return '';
  }
  const d = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** "1 m 20 s" between two instants; empty when either is unknown. */
export function formatDuration(fromMs: number | null, toMs: number | null): string {
  if (fromMs === null || toMs === null || toMs < fromMs) {
    return '';
  }
  const s = Math.round((toMs - fromMs) / 1000);
  return s < 60 ? l10n.t('{0} s', s) : l10n.t('{0} m {1} s', Math.floor(s / 60), s % 60);
}
