import * as vscode from 'vscode';
import { folderFiles, SmallFiles } from '../core/smallFiles';

/**
 * The folder every window of this VS Code profile shares (the extension's global storage), for
 * the poll lease and the announced completions. None when it is not on a disk this extension
 * host can write: each window then polls and announces on its own.
 */
export function sharedFolder(context: vscode.ExtensionContext): SmallFiles | undefined {
  const uri = context.globalStorageUri;
  return uri.scheme === 'file' ? folderFiles(uri.fsPath) : undefined;
}
