import * as l10n from '@vscode/l10n';
import { describeCustomId } from '../../core/customId';
import { taskTitle } from '../../core/format';
import { statusLabel } from '../../core/statusVocabulary';
import { TrackedTask } from '../../core/trackedTask';

// The preview's family links: the task a task was made from, and the tasks made from it, each
// named by what made it ("Upscale image 2") and where it is now ("Succeeded").

export interface Relatives {
  /** The parent's ID (from the lineage or the server), and the parent when it is tracked. */
  parentId: string | null;
  parent: TrackedTask | undefined;
  /** Tracked tasks made from this one, newest first. */
  children: readonly TrackedTask[];
}

export const NO_RELATIVES: Relatives = { parentId: null, parent: undefined, children: [] };

const TITLE_MAX = 60;

/** "Upscale image 2 · Succeeded" for a child made here; its title and status otherwise. */
export function relativeLabel(t: TrackedTask | undefined, id: string): string {
  if (!t) return l10n.t('Task {0} (not tracked)', id);
  const made = t.originCustomId ? describeCustomId(t.originCustomId).meaning : taskTitle(t.task, t.id, TITLE_MAX);
  const status = t.task ? statusLabel(t.task.status) : l10n.t('Loading…');
  return `${made} · ${status}`;
}
