import * as vscode from 'vscode';
import { Deps } from '../deps';
import { registerAutoSave } from './autoSave';
import { registerRetrackFolder } from './commands/retrackFolder';
import { registerRetrackSidecar } from './commands/retrackSidecar';
import { registerSaveImage } from './commands/saveImage';
import { registerLinkExpiryWatch } from './linkExpiryWatch';
import { registerSidecarCodeLens } from './sidecarCodeLens';

/** Keeping results: Save Image, sidecars and re-tracking from them, auto-save, link-expiry warnings. */
export function registerSaving(context: vscode.ExtensionContext, deps: Deps): void {
  registerSaveImage(context, deps);
  registerRetrackSidecar(context, deps);
  registerRetrackFolder(context, deps);
  registerSidecarCodeLens(context);
  registerAutoSave(context, deps);
  registerLinkExpiryWatch(context, deps);
}
