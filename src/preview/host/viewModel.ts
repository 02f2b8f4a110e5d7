import * as l10n from '@vscode/l10n';
import { buttonsByGroup } from '../../core/customId';
import { formatAge, formatDuration, formatTime, taskTitle } from '../../core/format';
import { STATUS_CODICONS, StatusIconState, statusLabel } from '../../core/statusVocabulary';
import { TrackedTask } from '../../core/trackedTask';
import { Task } from '../../core/types';
import { describeExpiry, expiryState, taskLinkExpiry } from '../../core/linkExpiry';
import { saveSources } from '../../core/saveParts';
import { explainFailure } from './failure';
import { NO_RELATIVES, Relatives, relativeLabel } from './familyModel';
import { gridQuadrants } from './grid';
import { failureHeadline, groupTitle, modalNote } from './labels';
import { splitNumberedPrompts } from './numberedPrompts';
import { ButtonGroup, ButtonRef, Fact, FamilyLink, LinkExpiryView, MediaItem, Notice, PreviewModel, StatusIcon, TextValue, ValueKey } from '../shared/protocol';
import { safeHttpUrl } from '../shared/urlSafety';

// Turns a tracked task into what the webview shows (already localized; no HTML anywhere) and the
// table of values its buttons may ask for by key. Pure, so it is unit-tested in plain Node; it
// localizes through @vscode/l10n like the core, which the extension feeds VS Code's bundle.

/** What a key stands for: the exact text to copy or insert, and how the feedback names it. */
export interface ValueEntry {
  value: string;
  what: string;
  /** An http(s) URL that may be opened in the browser (checked when the table is built). */
  openable: boolean;
}

export interface BuiltView {
  view: PreviewModel;
  values: ReadonlyMap<ValueKey, ValueEntry>;
}

/** Fields offered for copy, in the order shown; `what` is how the status bar names a copy. */
function fieldSpecs(task: Task): Array<{ key: ValueKey; label: string; what: string; value: string | null }> {
  return [
    { key: 'finalPrompt', label: 'finalPrompt', what: 'finalPrompt', value: task.finalPrompt },
    { key: 'prompt', label: l10n.t('Prompt'), what: l10n.t('prompt'), value: task.prompt },
    { key: 'promptEn', label: 'promptEn', what: 'promptEn', value: task.promptEn },
    { key: 'finalZhPrompt', label: 'finalZhPrompt', what: 'finalZhPrompt', value: task.finalZhPrompt },
    { key: 'seed', label: l10n.t('Seed'), what: l10n.t('seed'), value: task.seed },
    { key: 'description', label: l10n.t('Server description'), what: l10n.t('description'), value: task.description },
    { key: 'failReason', label: l10n.t('Failure reason'), what: l10n.t('failure reason'), value: task.failReason },
  ];
}

class ValueTable {
  readonly map = new Map<ValueKey, ValueEntry>();

  text(key: ValueKey, label: string, what: string, value: string): TextValue {
    this.map.set(key, { value, what, openable: false });
    return { key, label, value };
  }

  media(key: ValueKey, url: string, what: string): MediaItem {
    const safeUrl = safeHttpUrl(url);
    this.map.set(key, { value: url, what, openable: safeUrl !== null });
    return { key, url, safeUrl };
  }

  button(key: ValueKey, customId: string): ButtonRef {
    this.map.set(key, { value: customId, what: 'customId', openable: false });
    return { key, customId };
  }

  relative(key: ValueKey, taskId: string, label: string): FamilyLink {
    this.map.set(key, { value: taskId, what: l10n.t('task ID'), openable: false });
    return { key, label, taskId };
  }
}

function notices(t: TrackedTask, now: number): Notice[] {
  const out: Notice[] = [];
  const task = t.task;
  if (!task && !t.error) {
    out.push({ tone: 'info', title: l10n.t('Waiting for the first answer from {0}…', t.provider), detail: '' });
  }
  if (t.error) {
    const notFound = t.error.kind === 'TaskNotFound';
    out.push({
      tone: task?.terminal ? 'warning' : 'error',
      title: notFound
        ? l10n.t('{0} does not know this task ID.', t.provider)
        : l10n.t('The last check failed ({0}): {1}', formatAge(now - t.error.at), t.error.message),
      detail: t.error.hint,
    });
  }
  if (t.stuck && task && !task.terminal) {
    out.push({
      tone: 'warning',
      title: l10n.t('No change for {0}.', formatDuration(t.lastChangedAt, now)),
      detail: l10n.t('The task may be stuck on the server; it is still checked now and then.'),
    });
  }
  if (!task) {
    return out;
  }
  switch (task.status) {
    case 'FAILURE': {
      const why = explainFailure(task.failReason);
      out.push({ tone: 'error', title: failureHeadline(why.kind), detail: why.detail || l10n.t('The server gave no reason.') });
      break;
    }
    case 'CANCEL':
      out.push({ tone: 'info', title: l10n.t('The task was cancelled.'), detail: task.failReason ?? '' });
      break;
    case 'MODAL':
      out.push({
        tone: 'warning',
        title: l10n.t('The task waits for input.'),
        detail: l10n.t('The server asked for a prompt or mask (a modal); submit it with /mj/submit/modal to continue.'),
      });
      break;
    case 'UNKNOWN':
      out.push({ tone: 'info', title: l10n.t('The server reports a status MJ Tasks does not know: {0}', task.rawStatus), detail: '' });
      break;
    default:
      break;
  }
  return out;
}

function facts(t: TrackedTask, now: number): Fact[] {
  const out: Fact[] = [];
  const add = (label: string, value: string | null | undefined) => {
    if (value) out.push({ label, value });
  };
  const task = t.task;
  add(l10n.t('Action'), task?.action);
  add(l10n.t('Provider'), t.provider);
  add(l10n.t('Mode'), task?.mode);
  add(l10n.t('Submitted'), formatTime(task?.submitTime ?? null));
  add(l10n.t('Started'), formatTime(task?.startTime ?? null));
  add(l10n.t('Finished'), formatTime(task?.finishTime ?? null));
  add(l10n.t('Took'), formatDuration(task?.startTime ?? task?.submitTime ?? null, task?.finishTime ?? null));
  add(l10n.t('Parent task'), task?.parentId);
  add(l10n.t('Last checked'), t.lastCheckedAt !== null ? formatAge(now - t.lastCheckedAt) : '');
  return out;
}

/** The badge's codicon, from the table the tree uses; the webview keeps no table of its own. */
function statusIcon(state: StatusIconState): StatusIcon {
  const { name, spin } = STATUS_CODICONS[state];
  return { name, spin };
}

function emptyView(taskId: string, phase: PreviewModel['phase']): PreviewModel {
  return {
    taskId,
    title: taskId,
    phase,
    status: '',
    statusLabel: '',
    statusIcon: statusIcon('PENDING_FIRST_FETCH'),
    progress: null,
    running: false,
    facts: [],
    notices: [],
    image: null,
    grid: null,
    gallery: [],
    videos: [],
    promptsIntro: '',
    prompts: [],
    fields: [],
    buttonGroups: [],
    saveOptions: [],
    savedFiles: [],
    linkExpiry: null,
    family: { parent: null, children: [], canPress: false },
  };
}

/** DESCRIBE and SHORTEN put several prompts in one text; other actions have one prompt. */
function numberedPrompts(task: Task) {
  const isList =
    /^(DESCRIBE|SHORTEN)$/i.test(task.action) || task.buttons.some((b) => /::(PicReader|PromptAnalyzer)::/i.test(b.customId));
  if (!isList) {
    return { intro: '', items: [] as string[] };
  }
  for (const text of [task.promptEn, task.description, task.prompt, task.finalPrompt]) {
    const split = splitNumberedPrompts(text);
    if (split.items.length) {
      return split;
    }
  }
  return { intro: '', items: [] as string[] };
}

/** How long the result's link lives, for the caption; and a notice when it is near its end or past it. */
function linkExpiryView(task: Task, saved: boolean, now: number): { view: LinkExpiryView | null; notice: Notice | null } {
  const at = taskLinkExpiry(task);
  const state = expiryState(at, now);
  if (state === 'none') return { view: null, notice: null };
  const text = describeExpiry(at, now);
  const tone = state === 'soon' ? 'soon' : state === 'expired' ? 'expired' : 'live';
  let notice: Notice | null = null;
  if (state === 'expired') {
    notice = {
      tone: 'warning',
      title: l10n.t('The result\'s link has expired: the image no longer loads from it.'),
      detail: saved ? l10n.t('Your saved copy is in the workspace.') : l10n.t('Refresh asks the server again; some relays hand out a fresh link.'),
    };
  } else if (state === 'soon' && !saved) {
    notice = { tone: 'warning', title: l10n.t('Not saved, and the {0}.', text), detail: l10n.t('Save it into the workspace to keep it.') };
  }
  return { view: { text, tone }, notice };
}

export function buildView(taskId: string, t: TrackedTask | undefined, now: number, relatives: Relatives = NO_RELATIVES, savedFiles: readonly string[] = []): BuiltView {
  const values = new ValueTable();
  if (!t) {
    const view = emptyView(taskId, 'untracked');
    view.notices.push({
      tone: 'info',
      title: l10n.t('This task is no longer tracked.'),
      detail: l10n.t('Track it again with "MJ Tasks: Track Task…" to see it here.'),
    });
    view.fields.push(values.text('taskId', l10n.t('Task ID'), l10n.t('task ID'), taskId));
    return { view, values: values.map };
  }
  const task = t.task;
  const view = emptyView(taskId, task ? 'fetched' : 'unfetched');
  view.title = taskTitle(task, t.id);
  view.notices = notices(t, now);
  view.facts = facts(t, now);
  view.fields.push(values.text('taskId', l10n.t('Task ID'), l10n.t('task ID'), t.id));
  view.family = {
    parent: relatives.parentId === null ? null : values.relative('family.parent', relatives.parentId, relativeLabel(relatives.parent, relatives.parentId)),
    children: relatives.children.map((c, i) => values.relative(`family.children.${i}`, c.id, relativeLabel(c, c.id))),
    canPress: task?.status === 'SUCCESS',
  };
  if (!task) {
    view.running = true;
    return { view, values: values.map };
  }
  view.status = task.status;
  view.statusLabel = statusLabel(task.status);
  view.statusIcon = statusIcon(task.status);
  view.running = !task.terminal;
  view.progress = !task.terminal && task.progress !== null ? Math.max(0, Math.min(100, task.progress)) : null;

  if (task.imageUrl) {
    view.image = values.media('imageUrl', task.imageUrl, l10n.t('image URL'));
  }
  view.gallery = task.imageUrls.map((u, i) => values.media(`imageUrls.${i}`, u, l10n.t('image URL')));
  view.videos = task.videoUrls.map((u, i) => values.media(`videoUrls.${i}`, u, l10n.t('video URL')));

  const numbered = numberedPrompts(task);
  view.promptsIntro = numbered.intro && numbered.items.length ? numbered.intro : '';
  view.prompts = numbered.items.map((p, i) => values.text(`prompts.${i}`, l10n.t('Prompt {0}', i + 1), l10n.t('prompt {0}', i + 1), p));

  for (const f of fieldSpecs(task)) {
    if (f.value) {
      view.fields.push(values.text(f.key, f.label, f.what, f.value));
    }
  }

  const buttonKey = (i: number) => `buttons.${i}`;
  view.buttonGroups = buttonsByGroup(task.buttons).map(
    (g): ButtonGroup => ({
      title: groupTitle(g.group),
      buttons: g.buttons.map((d) => {
        const i = task.buttons.indexOf(d.button);
        values.button(buttonKey(i), d.button.customId);
        return {
          key: buttonKey(i),
          customId: d.button.customId,
          label: d.button.label,
          emoji: d.button.emoji,
          meaning: d.info.meaning,
          modalNote: modalNote(d.info.needsModal),
        };
      }),
    }),
  );

  // Quadrant hovers only on a finished grid: while it runs there is nothing to press yet.
  const quadrants = view.image?.safeUrl && task.terminal ? gridQuadrants(task.buttons) : null;
  view.grid =
    quadrants?.map((q) => ({
      index: q.index,
      upscale: q.upscale !== null ? values.button(buttonKey(q.upscale), task.buttons[q.upscale].customId) : null,
      variation: q.variation !== null ? values.button(buttonKey(q.variation), task.buttons[q.variation].customId) : null,
    })) ?? null;

  view.saveOptions = saveSources(task).map((src) => ({ part: src.id, label: src.label }));
  view.savedFiles = [...savedFiles];
  const expiry = linkExpiryView(task, savedFiles.length > 0, now);
  view.linkExpiry = expiry.view;
  if (expiry.notice) view.notices.push(expiry.notice);
  return { view, values: values.map };
}
