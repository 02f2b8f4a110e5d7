import * as vscode from 'vscode';
import { PollLease } from '../core/pollLease';
import { PollScheduler } from '../core/scheduler';
import { TaskStore } from '../core/taskStore';
import { Log } from '../platform/log';
import { ClientPool } from '../providers/clientPool';
import { ProviderRegistry } from '../providers/providerRegistry';
import { Settings } from '../settings/settings';
import { pollSettings } from './pollSettings';
import { pollWhileHolding } from './pollWhileHolding';
import { sharedFolder } from './sharedFolder';

export interface Polling {
  readonly scheduler: PollScheduler;
  /** Whether this window polls for every window of the profile (and so announces completions). */
  readonly lease: PollLease;
}

/**
 * One scheduler for every tracked task, and one polling window for all windows: the scheduler
 * polls in the background only while this window holds the poll lease (pollWhileHolding.ts); in
 * the other windows it answers explicit requests (Track, Refresh) alone. It follows window focus
 * (slower in the background, at once on return if overdue) and re-reads the shared store on focus,
 * where another window may have changed the list.
 */
export function registerPolling(
  context: vscode.ExtensionContext,
  store: TaskStore,
  clients: ClientPool,
  providers: ProviderRegistry,
  settings: Settings,
  log: Log,
): Polling {
  const scheduler = new PollScheduler({
    store,
    fetchBatch: async (provider, ids, signal) => (await clients.client(provider)).fetchTasks(ids, { signal }),
    settings: () => pollSettings(settings),
    isFocused: () => vscode.window.state.focused,
    log: (m) => log.debug(m),
  });
  const lease = new PollLease({
    files: sharedFolder(context),
    isFocused: () => vscode.window.state.focused,
    log: (m) => log.info(m),
  });
  context.subscriptions.push(
    scheduler,
    lease,
    // Before start(): a window that opens beside a polling one must not poll before it has read the lease.
    pollWhileHolding(lease, scheduler, store),
    vscode.window.onDidChangeWindowState((s) => {
      if (s.focused) {
        store.reload();
      }
      scheduler.onFocusChanged(s.focused);
      lease.onFocusChanged(s.focused);
    }),
    // A fixed key or base URL deserves an answer now, not after the error backoff. Every window
    // hears of the change; the one that polls answers it.
    providers.onDidChange(() => {
      if (lease.isHolder) {
        void scheduler.pollNow(store.active().map((t) => t.id));
      }
    }),
  );
  scheduler.start();
  lease.start();
  return { scheduler, lease };
}
