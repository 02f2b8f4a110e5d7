import * as l10n from '@vscode/l10n';
import { Task } from './types';

/**
 * Server text made safe for a VS Code notification or progress message. Those render
 * `[label](target)` as a link, and a `command:` target runs a command on one click: a hostile
 * relay could put one in a prompt or a failure reason. A space between `]` and `(` keeps the text
 * readable and breaks the link syntax.
 */
export function inertLinks(text: string): string {
  return text.replace(/\]\s*\(/g, '] (');
}

/** A prompt on one line, cut at a word boundary where possible, with an ellipsis. */
export function shortenText(text: string, max = 60): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  if (oneLine.length <= max) {
    return oneLine;
  }
  const cut = oneLine.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd() + '…';
}

/** What a person would call the task: its prompt, else what the server described, else the action. */
export function taskTitle(task: Task | null, id: string, max = 60): string {
  const text = task?.prompt ?? task?.promptEn ?? task?.finalPrompt ?? task?.description;
  if (text) {
    // Relays put reference-image URLs in front of the prompt, and DESCRIBE results number their
    // prompts with keycap emoji (1️⃣); neither says anything in a one-line title.
    const withoutUrls = text
      .replace(/<?https?:\/\/\S+>?\s*/g, '')
      .replace(/[0-9#*]\uFE0F?\u20E3\s*/g, '')
      .trim();
    if (withoutUrls) {
      return shortenText(withoutUrls, max);
    }
  }
  return task?.action ? `${task.action} ${id}` : id;
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
