import { TaskStoreChange } from '../core/taskStore';
import { TrackedTask } from '../core/trackedTask';

// Which tasks finished while this window watched them, from the store's change events. Unlike the
// store's onDidFinish (this window's own fetches only) it also sees a finish that arrives in what
// another window saved: the window that polls must announce a task whose end another window
// fetched (a Refresh there), and it may never fetch that task itself.

/** Fetched and not finished: a task whose end is news. One first fetched already finished never was. */
function running(t: TrackedTask | undefined): boolean {
  return t?.task != null && !t.task.terminal;
}

export class FinishWatch {
  private readonly watched = new Set<string>();

  constructor(tasks: readonly TrackedTask[]) {
    for (const t of tasks) {
      if (running(t)) this.watched.add(t.id);
    }
  }

  /** The tasks this change finished, in the change's order; updates what is watched. */
  finished(change: TaskStoreChange, get: (id: string) => TrackedTask | undefined): TrackedTask[] {
    // `removed` first: an ID removed and tracked again in one event is in both lists.
    for (const id of change.removed) {
      this.watched.delete(id);
    }
    for (const id of change.added) {
      if (running(get(id))) this.watched.add(id);
    }
    const out: TrackedTask[] = [];
    for (const t of change.changed) {
      if (running(t)) {
        this.watched.add(t.id);
      } else if (t.task?.terminal && this.watched.delete(t.id)) {
        out.push(t);
      }
    }
    return out;
  }
}
