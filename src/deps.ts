import { PollLease } from './core/pollLease';
import { PollScheduler } from './core/scheduler';
import { TaskStore } from './core/taskStore';
import { Log } from './platform/log';
import { ClientPool } from './providers/clientPool';
import { ProviderRegistry } from './providers/providerRegistry';
import { SavedTasks } from './save/savedTasks';
import { Settings } from './settings/settings';
import { ViewState } from './tree/viewState';

/** What every feature may use; built once in `activate`. */
export interface Deps {
  readonly store: TaskStore;
  readonly providers: ProviderRegistry;
  readonly clients: ClientPool;
  readonly scheduler: PollScheduler;
  /** Whether this window polls (and announces) for every window. */
  readonly pollLease: PollLease;
  readonly settings: Settings;
  readonly viewState: ViewState;
  readonly log: Log;
  /** Which tasks were saved into this workspace, and where. */
  readonly saved: SavedTasks;
}
