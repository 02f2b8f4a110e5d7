import * as vscode from 'vscode';
import { IMAGINE_MAX_IMAGES } from '../core/imageFiles';
import { recentPrompts, rememberPrompt } from '../core/recentPrompts';
import { submitJob } from '../actions/submitJob';
import { Deps } from '../deps';
import { COMMANDS } from '../ids';
import { JobInputs } from './jobInputs';
import { jobProvider } from './jobProvider';
import { findWorkspaceImages, readImages } from './workspaceImages';

const RECENT_KEY = 'mjTasks.recentPrompts';

/** The optional reference images: asked only when the workspace has images; none is an answer. */
async function referenceImages(inputs: JobInputs, title: string): Promise<vscode.Uri[] | undefined> {
  const files = await findWorkspaceImages();
  if (!files.length) return [];
  const picked = await inputs.pickMany(
    title,
    vscode.l10n.t('Reference images (optional, up to {0}): select some, or press Enter for none', IMAGINE_MAX_IMAGES),
    files.map((uri) => ({ label: vscode.workspace.asRelativePath(uri, false), uri })),
  );
  return picked?.map((p) => p.uri);
}

/** mjTasks.imagine: a prompt (recent ones offered), the provider, optional reference images → /mj/submit/imagine. */
export function registerImagine(context: vscode.ExtensionContext, deps: Deps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.imagine, async () => {
      const title = vscode.l10n.t('Imagine');
      const inputs = new JobInputs();
      try {
        const prompt = await inputs.prompt({
          title,
          placeholder: vscode.l10n.t('Type a prompt, e.g. a lighthouse at dusk --ar 16:9 (or pick a recent one)'),
          recent: recentPrompts(context.globalState.get(RECENT_KEY)),
          typedLabel: (text) => vscode.l10n.t('Imagine: {0}', text),
        });
        if (prompt === undefined) return;
        await context.globalState.update(RECENT_KEY, rememberPrompt(context.globalState.get<unknown[]>(RECENT_KEY) ?? [], prompt));
        const provider = await jobProvider(deps, inputs, title);
        if (!provider) return;
        const uris = await referenceImages(inputs, title);
        if (uris === undefined) return;
        inputs.dispose();
        const read = await readImages(uris, 0, IMAGINE_MAX_IMAGES);
        if (!read.ok) {
          void vscode.window.showErrorMessage(vscode.l10n.t('Nothing was sent: {0}', read.reason));
          return;
        }
        const base64Array = read.images.map((i) => i.dataUrl);
        await submitJob(deps, { provider, what: title, send: (client, signal) => client.submitImagine(prompt, { signal, base64Array }) });
      } finally {
        inputs.dispose();
      }
    }),
  );
}
