import * as vscode from 'vscode';
import { openTaskFiles } from './core/taskFilesOpen';
import { TaskStore } from './core/taskStore';
import { Deps } from './deps';
import { registerCompletionNotifier } from './notifications/completionNotifier';
import { Log } from './platform/log';
import { shareL10nBundleWithCore } from './platform/l10n';
import { registerPolling } from './polling/registerPolling';
import { registerCopyCustomId } from './preview/host/commands/copyCustomId';
import { registerCopyFinalPrompt } from './preview/host/commands/copyFinalPrompt';
import { registerCopyImageUrl } from './preview/host/commands/copyImageUrl';
import { registerPreview } from './preview/host/registerPreview';
import { ClientPool } from './providers/clientPool';
import { applyDevSetup } from './providers/devSetup';
import { registerAddProvider } from './providers/commands/addProvider';
import { registerRemoveApiKey } from './providers/commands/removeApiKey';
import { registerRemoveProvider } from './providers/commands/removeProvider';
import { registerSetApiKey } from './providers/commands/setApiKey';
import { registerTestConnection } from './providers/commands/testConnection';
import { ProviderRegistry } from './providers/providerRegistry';
import { Settings } from './settings/settings';
import { registerTaskStatusBar } from './statusBar/taskStatusBar';
import { registerClearFilter } from './tasks/clearFilter';
import { registerClearFinished } from './tasks/clearFinished';
import { registerCopyDiagnostics } from './tasks/copyDiagnostics';
import { registerCopyTaskId } from './tasks/copyTaskId';
import { registerFilterTasks } from './tasks/filterTasks';
import { registerGroupBy } from './tasks/groupBy';
import { registerRefresh } from './tasks/refresh';
import { registerRefreshAll } from './tasks/refreshAll';
import { registerStopTracking } from './tasks/stopTracking';
import { registerTrackTask } from './tasks/trackTask';
import { registerTaskTree } from './tree/registerTaskTree';
import { ViewState } from './tree/viewState';
import { SavedTasks } from './save/savedTasks';
import { registerSaving } from './save/registerSaving';
import { registerSubmitJobs } from './actions/submitJob';
import { registerFamilyTree } from './tasks/familyTree';
import { registerPressButton } from './actions/pressButtonCommand';
import { registerCancelTask } from './actions/cancelTask';
import { registerImageSeed } from './actions/imageSeed';

/** The tracked list's last write, awaited on shutdown (VS Code waits for deactivate's promise, not for disposables). */
let flushTrackedTasks: (() => Promise<void>) | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  shareL10nBundleWithCore();
  const log = new Log();
  const settings = new Settings();
  const providers = new ProviderRegistry(context.secrets, log, settings);
  const store = new TaskStore(
    await openTaskFiles(vscode.Uri.joinPath(context.globalStorageUri, 'tasks').fsPath, context.globalState, (m) => log.warn(m)),
    (m) => log.warn(m),
  );
  const clients = new ClientPool(providers, settings, log);
  const viewState = new ViewState(context.globalState);
  flushTrackedTasks = () => store.flush();
  context.subscriptions.push(log, settings, providers, clients, viewState, store);
  await applyDevSetup(context, providers, store, log);
  const { scheduler, lease: pollLease } = registerPolling(context, store, clients, providers, settings, log);
  const saved = new SavedTasks(context.workspaceState);
  context.subscriptions.push(saved);
  const deps: Deps = { store, providers, clients, scheduler, pollLease, settings, viewState, log, saved };

  registerTaskTree(context, deps);
  registerTaskStatusBar(context, deps);
  registerCompletionNotifier(context, deps);
  registerPreview(context, deps);
  registerCopyFinalPrompt(context, deps);
  registerCopyImageUrl(context, deps);
  registerCopyCustomId(context, deps);
  registerTrackTask(context, deps);
  registerRefresh(context, deps);
  registerRefreshAll(context, deps);
  registerStopTracking(context, deps);
  registerClearFinished(context, deps);
  registerCopyTaskId(context, deps);
  registerCopyDiagnostics(context, deps);
  registerFilterTasks(context, deps);
  registerClearFilter(context, deps);
  registerGroupBy(context, deps);
  registerAddProvider(context, deps);
  registerSetApiKey(context, deps);
  registerRemoveApiKey(context, deps);
  registerTestConnection(context, deps);
  registerRemoveProvider(context, deps);
  registerSaving(context, deps);
  registerSubmitJobs(context, deps);
  registerFamilyTree(context, deps);
  registerPressButton(context, deps);
  registerCancelTask(context, deps);
  registerImageSeed(context, deps);
}

export function deactivate(): Promise<void> | undefined {
  return flushTrackedTasks?.();
}
