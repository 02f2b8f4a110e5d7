// The one list of MJ Tasks' settings and their defaults. package.json's contributed defaults are
// held against it by a unit test; the extension's settings module, the scheduler and the CLI read
// their defaults from here. No `vscode`: the CLI and the core use it too.

export type NotificationLevel = 'all' | 'failures' | 'off';

export interface SettingsValues {
  providers: unknown[];
  defaultProvider: string;
  pollIntervalSeconds: number;
  maxPollIntervalSeconds: number;
  stuckAfterMinutes: number;
  requestTimeoutSeconds: number;
  notifications: NotificationLevel;
  /** Where Save Image writes, relative to the workspace folder. */
  saveFolder: string;
  /** Save every task that succeeds, as it finishes. */
  autoSave: boolean;
  confirmSubmits: boolean;
}

/** The settings section: every key below is `mjTasks.<key>` in the user's settings. */
export const SETTINGS_SECTION = 'mjTasks';

export const SETTINGS_DEFAULTS: Readonly<SettingsValues> = Object.freeze({
  providers: [],
  defaultProvider: '',
  pollIntervalSeconds: 3,
  maxPollIntervalSeconds: 30,
  stuckAfterMinutes: 10,
  requestTimeoutSeconds: 15,
  notifications: 'all',
  saveFolder: 'mj-images',
  autoSave: false,
  confirmSubmits: true,
});

/** How much slower polling runs while the window is in the background (not a setting). */
export const UNFOCUSED_POLL_FACTOR = 4;
