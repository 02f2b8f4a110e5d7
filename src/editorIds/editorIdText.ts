import * as l10n from '@vscode/l10n';
import { formatAge, shortenText } from '../core/format';
import { inertMarkdown, plainText } from '../core/inertText';
import { StatusIconState, STATUS_CODICONS, taskStatusLabel, trackedIconState, statusLabel } from '../core/statusVocabulary';
import { scanTaskIds, TaskIdMatch } from '../core/taskIdScan';
import { TrackedTask } from '../core/trackedTask';
import { COMMANDS } from '../ids';
import { taskTooltipMarkdown } from '../tree/taskItemText';

// What an editor shows about a task ID: the hover's Markdown and the inline status after the ID.
// Free of `vscode`, so the unit tests run the very code the editor runs.

/** The commands the hover links to: its MarkdownString enables these and no other. */
export const HOVER_COMMANDS: readonly string[] = [COMMANDS.openPreview, COMMANDS.copyFinalPrompt, COMMANDS.refresh, COMMANDS.trackTask, COMMANDS.addProvider];

/**
 * A glyph per state for the inline status: decorations show text, not codicons, so each state gets
 * the character nearest its tree icon, in the same theme colour.
 */
const INLINE_GLYPHS: { readonly [S in StatusIconState]: string } = {
  NOT_START: '○',
  SUBMITTED: '◷',
  MODAL: '✎',
  IN_PROGRESS: '⟳',
  SUCCESS: '✓',
  FAILURE: '✗',
  CANCEL: '⊘',
  UNKNOWN: '?',
  PENDING_FIRST_FETCH: '…',
  STUCK: '⌛',
  ERROR: '⚠',
};

/** A status word from a server is one clean, short line in the decoration. */
const INLINE_STATUS_MAX = 40;

export interface InlineStatus {
  readonly text: string;
  /** A theme colour ID. */
  readonly color: string;
}

/** "✓ Succeeded", "⟳ Running 57%": plain text (decorations render no Markdown), from the tree's vocabulary. */
export function inlineStatus(t: TrackedTask): InlineStatus {
  const state = trackedIconState(t);
  const task = t.task;
  let word: string;
  if (state === 'PENDING_FIRST_FETCH') word = l10n.t('Not fetched yet');
  else if (state === 'STUCK') word = l10n.t('stuck');
  else if (state === 'ERROR') word = t.error?.kind === 'TaskNotFound' ? l10n.t('not found') : l10n.t('error');
  else word = task ? shortenText(taskStatusLabel(task), INLINE_STATUS_MAX) : statusLabel(state);
  const progress = task && !task.terminal && task.progress !== null && state !== 'ERROR' ? ` ${task.progress}%` : '';
  return { text: plainText(`${INLINE_GLYPHS[state]} ${word}${progress}`), color: STATUS_CODICONS[state].color };
}

/** A `command:` link to one of HOVER_COMMANDS with its arguments, as VS Code decodes them. */
function commandLink(label: string, command: (typeof HOVER_COMMANDS)[number], args: unknown[]): string {
  // encodeURIComponent leaves `(`, `)` and `'` as they are; a `)` in a provider's name would end the link.
  const query = encodeURIComponent(JSON.stringify(args)).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `[${inertMarkdown(label)}](command:${command}?${query} "${inertMarkdown(label)}")`;
}

/**
 * The hover of a tracked task: its age, the tree's tooltip (status, progress, prompt, failure,
 * thumbnail), and what to do next. `thumbnail`: a data: URI standing in for an http: image.
 */
export function trackedHoverMarkdown(t: TrackedTask, providerCount: number, now: number, thumbnail?: string | null): string {
  const age = formatAge(now - (t.task?.finishTime ?? t.task?.submitTime ?? t.addedAt));
  const links = [commandLink(l10n.t('Open Preview'), COMMANDS.openPreview, [t.id])];
  if (t.task?.finalPrompt) links.push(commandLink(l10n.t('Copy finalPrompt'), COMMANDS.copyFinalPrompt, [t.id]));
  links.push(commandLink(l10n.t('Refresh'), COMMANDS.refresh, [t.id]));
  // The links first: a hover with a prompt and a thumbnail scrolls, and what to do next should not.
  return `**MJ Tasks** · ${inertMarkdown(age)}\n\n${links.join(' · ')}\n\n---\n\n${taskTooltipMarkdown(t, providerCount, { now, thumbnail })}\n`;
}

export interface ProviderChoice {
  /** The provider Track would use without asking (the default one); undefined when none is set up. */
  readonly defaultName: string | undefined;
  readonly count: number;
}

/** The hover of an ID nobody tracks: nothing was asked of a server; the links say what Track would do. */
export function untrackedHoverMarkdown(id: string, providers: ProviderChoice): string {
  const head = `**MJ Tasks** · ${inertMarkdown(l10n.t('Task {0} is not tracked.', id))}`;
  if (providers.defaultName === undefined) {
    return `${head}\n\n${commandLink(l10n.t('Add a provider to track it'), COMMANDS.addProvider, [])}\n`;
  }
  const track = commandLink(l10n.t('Track this task'), COMMANDS.trackTask, [{ ids: [id], provider: providers.defaultName }]);
  const where = inertMarkdown(l10n.t('on provider {0}', providers.defaultName));
  const other = providers.count > 1 ? ` · ${commandLink(l10n.t('Track on another provider…'), COMMANDS.trackTask, [{ ids: [id] }])}` : '';
  return `${head}\n\n${track} ${where}${other}\n`;
}

/** How far on each side of the cursor a hover or the key looks: enough for a submit response around the ID. */
export const AROUND_CURSOR = 2000;

/** The ID whose characters include `offset` (its end too: a cursor just after an ID is on it). */
export function matchAt(text: string, offset: number): TaskIdMatch | undefined {
  return scanTaskIds(text).find((m) => m.start <= offset && offset <= m.end);
}
