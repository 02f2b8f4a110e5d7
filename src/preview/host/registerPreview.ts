import * as vscode from 'vscode';
import { Deps } from '../../deps';
import { registerOpenPreview } from './commands/openPreview';
import { registerAnswerModal } from '../../jobs/answerModal';
import { EditorTargetTracker } from './editorTarget';
import { PreviewHost, PreviewPanel } from './previewPanel';
import { isPreviewState } from '../shared/protocolGuards';
import { PREVIEW_VIEW_TYPE } from '../../ids';

/**
 * The preview feature: the editor tracker "Insert" needs, the serializer that brings the panel
 * back after a reload, and the commands that need the shared host (Open Preview, Answer Follow-up).
 */
export function registerPreview(context: vscode.ExtensionContext, deps: Deps): void {
  const editors = new EditorTargetTracker();
  const host: PreviewHost = { extensionUri: context.extensionUri, deps, editors };
  context.subscriptions.push(
    editors,
    vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        if (!isPreviewState(state)) {
          // Saved before the webview got its first task, or damaged: nothing worth restoring.
          panel.dispose();
          return;
        }
        PreviewPanel.revive(panel, host, state.taskId);
      },
    }),
    // The panel may outlive every command: close it with the extension.
    { dispose: () => PreviewPanel.disposeCurrent() },
  );
  registerOpenPreview(context, host);
  // The follow-up window of a MODAL task draws Vary (Region) masks in the preview: it needs the host too.
  registerAnswerModal(context, host);
}
