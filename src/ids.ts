// Every identifier MJ Tasks shares with package.json or with VS Code: command IDs, view IDs,
// context keys, the tree's context-value flags. test/unit/manifest.test.ts holds package.json
// against these tables, so the manifest and the code cannot drift apart.

export const COMMANDS = {
  trackTask: 'mjTasks.trackTask',
  refresh: 'mjTasks.refresh',
  refreshAll: 'mjTasks.refreshAll',
  stopTracking: 'mjTasks.stopTracking',
  clearFinished: 'mjTasks.clearFinished',
  copyTaskId: 'mjTasks.copyTaskId',
  copyDiagnostics: 'mjTasks.copyDiagnostics',
  filter: 'mjTasks.filter',
  clearFilter: 'mjTasks.clearFilter',
  groupBy: 'mjTasks.groupBy',
  groupByStatus: 'mjTasks.groupByStatus',
  showFlat: 'mjTasks.showFlat',
  openPreview: 'mjTasks.openPreview',
  copyFinalPrompt: 'mjTasks.copyFinalPrompt',
  copyImageUrl: 'mjTasks.copyImageUrl',
  copyCustomId: 'mjTasks.copyCustomId',
  addProvider: 'mjTasks.addProvider',
  setApiKey: 'mjTasks.setApiKey',
  removeApiKey: 'mjTasks.removeApiKey',
  testConnection: 'mjTasks.testConnection',
  removeProvider: 'mjTasks.removeProvider',
  pressButton: 'mjTasks.pressButton',
  cancelTask: 'mjTasks.cancelTask',
  imageSeed: 'mjTasks.imageSeed',
  nestFamilies: 'mjTasks.nestFamilies',
  unnestFamilies: 'mjTasks.unnestFamilies',
  answerModal: 'mjTasks.answerModal',
  imagine: 'mjTasks.imagine',
  describeImage: 'mjTasks.describeImage',
  blendImages: 'mjTasks.blendImages',
  shortenPrompt: 'mjTasks.shortenPrompt',
  saveImage: 'mjTasks.saveImage',
  retrackSidecar: 'mjTasks.retrackSidecar',
  retrackFolder: 'mjTasks.retrackFolder',
  copyAsCode: 'mjTasks.copyAsCode',
  insertAsCode: 'mjTasks.insertAsCode',
  previewTaskAtCursor: 'mjTasks.previewTaskAtCursor',
  trackFromClipboard: 'mjTasks.trackFromClipboard',
  openWalkthrough: 'mjTasks.openWalkthrough',
  revealTasks: 'mjTasks.revealTasks',
} as const;

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];

export const VIEWS = {
  container: 'mjTasks',
  tasks: 'mjTasks.tasks',
} as const;

/** VS Code's own commands for our views: focus the task list, show the activity-bar container. */
export const VIEW_COMMANDS = {
  focusTasks: `${VIEWS.tasks}.focus`,
  showContainer: `workbench.view.extension.${VIEWS.container}`,
} as const;

/** The preview's webview panel type (also what VS Code restores panels by). */
export const PREVIEW_VIEW_TYPE = 'mjTasks.preview';

/** The status-bar item's ID (VS Code lets the user hide it by this). */
export const STATUS_BAR_ID = 'mjTasks.status';

/** The first-run walkthrough, as `workbench.action.openWalkthrough` names it: `<publisher>.<name>#<id>`. */
export const WALKTHROUGH_ID = 'mj-tasks.mj-tasks#mjTasks.gettingStarted';

/** Context keys set with `setContext` and read by package.json `when` clauses. */
export const CONTEXT_KEYS = {
  hasProviders: 'mjTasks.hasProviders',
  hasTasks: 'mjTasks.hasTasks',
  groupBy: 'mjTasks.groupBy',
  filtered: 'mjTasks.filtered',
  familyTree: 'mjTasks.familyTree',
  /** A Test Connection succeeded in this window: the walkthrough's second step. */
  connectionTested: 'mjTasks.connectionTested',
  /** A preview tab is open: the walkthrough's last step. */
  previewOpen: 'mjTasks.previewOpen',
} as const;

export type ContextKey = (typeof CONTEXT_KEYS)[keyof typeof CONTEXT_KEYS];

/**
 * The flags a task row's contextValue may hold (space-separated); package.json menus match one
 * flag each with `viewItem =~ /\bflag\b/`. `status-<STATUS>` flags are added per status.
 */
export const TREE_ITEM_FLAGS = {
  task: 'task',
  group: 'group',
  terminal: 'terminal',
  active: 'active',
  unfetched: 'unfetched',
  hasImage: 'hasImage',
  hasFinalPrompt: 'hasFinalPrompt',
  hasButtons: 'hasButtons',
  stuck: 'stuck',
  error: 'error',
} as const;
