import * as vscode from 'vscode';
import { BLEND_MAX_IMAGES, BLEND_MIN_IMAGES, imageCountProblem } from '../core/imageFiles';
import { BlendDimensions } from '../core/types';
import { submitJob } from '../actions/submitJob';
import { Deps } from '../deps';
import { COMMANDS } from '../ids';
import { JobInputs } from './jobInputs';
import { jobProvider } from './jobProvider';
import { explorerSelection, findWorkspaceImages, readImages } from './workspaceImages';

function dimensionItems(): Array<vscode.QuickPickItem & { value: BlendDimensions }> {
  return [
    { value: 'SQUARE', label: vscode.l10n.t('Square'), description: '1:1' },
    { value: 'PORTRAIT', label: vscode.l10n.t('Portrait'), description: '2:3' },
    { value: 'LANDSCAPE', label: vscode.l10n.t('Landscape'), description: '3:2' },
  ];
}

/** mjTasks.blendImages: 2–5 image files (the Explorer's selection, or picked) and a shape → /mj/submit/blend. */
export function registerBlendImages(context: vscode.ExtensionContext, deps: Deps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.blendImages, async (uri?: unknown, uris?: unknown) => {
      const title = vscode.l10n.t('Blend');
      const inputs = new JobInputs();
      try {
        let files = explorerSelection(uri, uris);
        if (!files.length) {
          const found = await findWorkspaceImages();
          const picked = await inputs.pickMany(
            title,
            vscode.l10n.t('Select {0} to {1} images to blend', BLEND_MIN_IMAGES, BLEND_MAX_IMAGES),
            found.map((u) => ({ label: vscode.workspace.asRelativePath(u, false), uri: u })),
          );
          if (!picked) return;
          files = picked.map((p) => p.uri);
        }
        // The count is told before any other question.
        const countProblem = imageCountProblem(files.length, BLEND_MIN_IMAGES, BLEND_MAX_IMAGES);
        if (countProblem) {
          void vscode.window.showErrorMessage(vscode.l10n.t('Blend takes {0} to {1} images. {2}', BLEND_MIN_IMAGES, BLEND_MAX_IMAGES, countProblem));
          return;
        }
        const shape = await inputs.pickOne(title, vscode.l10n.t('The shape of the blended image'), dimensionItems());
        if (!shape) return;
        const provider = await jobProvider(deps, inputs, title);
        if (!provider) return;
        inputs.dispose();
        const read = await readImages(files, BLEND_MIN_IMAGES, BLEND_MAX_IMAGES);
        if (!read.ok) {
          void vscode.window.showErrorMessage(vscode.l10n.t('Nothing was sent: {0}', read.reason));
          return;
        }
        const images = read.images.map((i) => i.dataUrl);
        await submitJob(deps, {
          provider,
          what: vscode.l10n.t('Blend {0} images', images.length),
          send: (client, signal) => client.submitBlend(images, shape.value, { signal }),
        });
      } finally {
        inputs.dispose();
      }
    }),
  );
}
