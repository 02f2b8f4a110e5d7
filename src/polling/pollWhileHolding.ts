import { Disposable } from '../core/events';
import { PollLease } from '../core/pollLease';
import { PollScheduler } from '../core/scheduler';
import { TaskStore } from '../core/taskStore';

/**
 * The scheduler polls in the background only while this window holds the lease. A window that
 * takes the lease over first re-reads the shared task list (the last polling window kept it up to
 * date), then polls from there at once: overdue tasks now, the others when due. Explicit requests
 * (Track, Refresh) poll in any window: pause() does not stop pollNow.
 */
export function pollWhileHolding(lease: PollLease, scheduler: PollScheduler, store: TaskStore): Disposable {
  const follow = (holder: boolean) => {
    if (holder) {
      store.reload();
      scheduler.resume();
    } else {
      scheduler.pause();
    }
  };
  const subscription = lease.onDidChange(follow);
  follow(lease.isHolder);
  return subscription;
}
