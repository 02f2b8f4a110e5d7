import * as fs from 'fs';
import { Disposable } from './events';
import { errorText } from './storeWriter';

/** One write makes several folder events; one call serves them all. */
const SETTLE_MS = 20;

/**
 * Calls `onChange` soon after anything in `folder` changes, once per burst of events. Where the
 * folder cannot be watched (no inotify watches left, a file system without events), says so and
 * watches nothing.
 */
export function watchFolder(folder: string, onChange: () => void, log: (msg: string) => void): Disposable {
  let watcher: fs.FSWatcher | undefined;
  let settle: ReturnType<typeof setTimeout> | undefined;
  const stop = () => {
    watcher?.close();
    watcher = undefined;
    clearTimeout(settle);
    settle = undefined;
  };
  const unwatched = (err: unknown) =>
    log(`TaskStore: cannot watch ${folder} (${errorText(err)}); what other windows save shows when this window is focused.`);
  try {
    watcher = fs.watch(folder, { persistent: false }, () => {
      settle ??= setTimeout(() => {
        settle = undefined;
        onChange();
      }, SETTLE_MS);
    });
    watcher.on('error', (err) => {
      unwatched(err);
      stop();
    });
  } catch (err) {
    unwatched(err);
  }
  return { dispose: stop };
}
