import { AnnounceLedger } from '../core/announceLedger';
import { Disposable } from '../core/events';
import { TaskStore } from '../core/taskStore';
import { TrackedTask } from '../core/trackedTask';
import { FinishWatch } from './finishWatch';

// Which finished tasks this window announces, and when: only while it polls for every window (it
// holds the poll lease), so each finish is told once. Every window notes what finished; the
// polling window announces what the shared list of announced tasks does not hold yet, recording
// it there first. A window that takes the lease over announces what it noted meanwhile and the
// last polling window did not get to (it closed between the finish and the announcement).

/** Finished tasks kept while another window polls; the oldest go beyond this. */
const MAX_PENDING = 1_000;

export interface AnnouncerDeps {
  readonly store: TaskStore;
  isHolder(): boolean;
  /** The announced tasks shared by every window; none: this window decides alone. */
  readonly ledger: AnnounceLedger | undefined;
  /** Of these finished tasks, the ones the settings want told. */
  wanted(finished: TrackedTask[]): TrackedTask[];
  /** Tells the user, once per task. */
  show(tasks: TrackedTask[]): void;
  now?(): number;
}

export class Announcer implements Disposable {
  private readonly watch: FinishWatch;
  private readonly pending = new Set<string>();
  private readonly subscription: Disposable;

  constructor(private readonly deps: AnnouncerDeps) {
    this.watch = new FinishWatch(deps.store.all());
    this.subscription = deps.store.onDidChange((change) => {
      for (const id of change.removed) {
        this.pending.delete(id);
      }
      for (const t of this.watch.finished(change, (id) => deps.store.get(id))) {
        this.pending.add(t.id);
      }
      for (const id of this.pending) {
        if (this.pending.size <= MAX_PENDING) break;
        this.pending.delete(id); // Sets iterate oldest first
      }
      this.announcePending();
    });
  }

  /** Announces what finished and is not announced yet, if this window polls; call it on taking the lease. */
  announcePending(): void {
    if (!this.deps.isHolder() || !this.pending.size) {
      return;
    }
    const finished = [...this.pending].map((id) => this.deps.store.get(id)).filter((t): t is TrackedTask => t?.task?.terminal === true);
    this.pending.clear();
    const wanted = this.deps.wanted(finished);
    if (!wanted.length) {
      return;
    }
    // Recorded before shown: a window that takes over a moment later skips them.
    const fresh = this.deps.ledger ? new Set(this.deps.ledger.claim(wanted.map((t) => t.id), (this.deps.now ?? Date.now)())) : undefined;
    const told = fresh ? wanted.filter((t) => fresh.has(t.id)) : wanted;
    if (told.length) {
      this.deps.show(told);
    }
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
