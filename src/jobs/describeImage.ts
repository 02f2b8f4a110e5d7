import * as vscode from 'vscode';
import { submitJob } from '../actions/submitJob';
import { Deps } from '../deps';
import { COMMANDS } from '../ids';
import { JobInputs } from './jobInputs';
import { jobProvider } from './jobProvider';
import { explorerSelection, findWorkspaceImages, readImages } from './workspaceImages';

/**
 * mjTasks.describeImage: an image file (the Explorer's, or picked) → /mj/submit/describe; the new
 * DESCRIBE task opens in the preview, which lists its four prompts when it finishes.
 */
export function registerDescribeImage(context: vscode.ExtensionContext, deps: Deps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.describeImage, async (uri?: unknown, uris?: unknown) => {
      const title = vscode.l10n.t('Describe');
      const inputs = new JobInputs();
      try {
        let files = explorerSelection(uri, uris).slice(0, 1);
        if (!files.length) {
          const found = await findWorkspaceImages();
          if (!found.length) {
            void vscode.window.showInformationMessage(vscode.l10n.t('There is no PNG, JPEG, WebP or GIF image in the workspace to describe.'));
            return;
          }
          const picked = await inputs.pickOne(title, vscode.l10n.t('Which image should Midjourney describe?'), found.map((u) => ({ label: vscode.workspace.asRelativePath(u, false), uri: u })));
          if (!picked) return;
          files = [picked.uri];
        }
        const provider = await jobProvider(deps, inputs, title);
        if (!provider) return;
        inputs.dispose();
        const read = await readImages(files, 1, 1);
        if (!read.ok) {
          void vscode.window.showErrorMessage(vscode.l10n.t('Nothing was sent: {0}', read.reason));
          return;
        }
        const [image] = read.images;
        const what = vscode.l10n.t('Describe {0}', image.name);
        const submitted = await submitJob(deps, { provider, what, send: (client, signal) => client.submitDescribe(image.dataUrl, { signal }) });
        if (submitted) await vscode.commands.executeCommand(COMMANDS.openPreview, submitted.taskId);
      } finally {
        inputs.dispose();
      }
    }),
  );
}
