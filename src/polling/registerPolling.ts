import * as vscode from 'vscode';
import { PollScheduler } from '../core/scheduler';
import { TaskStore } from '../core/taskStore';
import { Log } from '../platform/log';
import { ClientPool } from '../providers/clientPool';
import { ProviderRegistry } from '../providers/providerRegistry';
import { Settings } from '../settings/settings';
import { pollSettings } from './pollSettings';

/**
 * One scheduler for every tracked task. It starts at once so polling resumes after a restart,
 * follows window focus (slower in the background, at once on return if overdue) and re-reads
 * the shared store on focus, where another window may have changed the list.
 */
export function registerPolling(
  context: vscode.ExtensionContext,
  store: TaskStore,
  clients: ClientPool,
  providers: ProviderRegistry,
  settings: Settings,
  log: Log,
): PollScheduler {
  const scheduler = new PollScheduler({
    store,
    fetchBatch: async (provider, ids, signal) => (await clients.client(provider)).fetchTasks(ids, { signal }),
    settings: () => pollSettings(settings),
    isFocused: () => vscode.window.state.focused,
    log: (m) => log.debug(m),
  });
  context.subscriptions.push(
    scheduler,
    vscode.window.onDidChangeWindowState((s) => {
      if (s.focused) {
        store.reload();
      }
      scheduler.onFocusChanged(s.focused);
    }),
    // A fixed key or base URL deserves an answer now, not after the error backoff.
    providers.onDidChange(() => void scheduler.pollNow(store.active().map((t) => t.id))),
  );
  scheduler.start();
  return scheduler;
}
