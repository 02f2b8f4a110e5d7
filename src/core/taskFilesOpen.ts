import { DocumentBackend, StoreBackend } from './storeBackend';
import { decodeDocument, TASK_STORE_KEY } from './storeCodec';
import { errorText, StoreStorage } from './storeWriter';
import { TaskFiles, TaskFilesOptions } from './taskFiles';

// Opening the extension's task files, and the one move of the tracked list out of globalState,
// where versions before the task files kept it as one document under TASK_STORE_KEY.

/**
 * The task files in `folder`, with what `legacy` still holds under the old key moved in first:
 * every entry the document decoder reads is stored in the files (by ID, so a second move adds
 * nothing), and only then is the key cleared. An unreadable document stays where it is, untouched.
 * Where the folder cannot be used at all, the list stays in `legacy`, as before.
 */
export async function openTaskFiles(
  folder: string,
  legacy: StoreStorage,
  log: (msg: string) => void,
  options?: TaskFilesOptions,
): Promise<StoreBackend> {
  let files: TaskFiles;
  try {
    files = new TaskFiles(folder, log, options);
  } catch (err) {
    log(`TaskStore: cannot keep the task list in ${folder} (${errorText(err)}); it stays in globalState.`);
    return new DocumentBackend(legacy, log);
  }
  const raw = legacy.get(TASK_STORE_KEY);
  if (raw === undefined) {
    return files;
  }
  const tasks = decodeDocument(raw, log);
  if (!tasks) {
    log(`TaskStore: the task list in globalState (${TASK_STORE_KEY}) is left there, untouched.`);
    return files;
  }
  try {
    const moved = await files.importTasks(tasks.values());
    await legacy.update(TASK_STORE_KEY, undefined);
    if (moved > 0) log(`TaskStore: moved ${moved} tracked tasks from globalState to ${folder}.`);
  } catch (err) {
    // Nothing is lost: the key is cleared only after the files hold its tasks, and the next
    // start moves what is still missing.
    log(`TaskStore: could not move the task list out of globalState yet (${errorText(err)}).`);
  }
  return files;
}
