import * as vscode from 'vscode';
import { readSidecar, SidecarRead, SidecarRef } from '../core/sidecar';
import { Deps } from '../deps';
import { pickProvider } from '../providers/pickProvider';
import { COMMANDS } from '../ids';

// Re-tracking from sidecars: what a sidecar names (task ID, provider name) tracked again on that
// provider — or, when no provider of that name is configured here, on one the user picks.

/** A sidecar larger than this is not one MJ Tasks wrote (they are a few KB). */
export const MAX_SIDECAR_BYTES = 1024 * 1024;

export async function readSidecarFile(uri: vscode.Uri): Promise<SidecarRead> {
  const stat = await vscode.workspace.fs.stat(uri);
  if (stat.size > MAX_SIDECAR_BYTES) return { ok: false, reason: 'not-sidecar' };
  return readSidecar(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
}

export function sidecarProblem(read: Exclude<SidecarRead, { ok: true }>): string {
  switch (read.reason) {
    case 'not-json':
      return vscode.l10n.t('The file is not valid JSON.');
    case 'not-sidecar':
      return vscode.l10n.t('The file is not a sidecar MJ Tasks saved.');
    case 'newer':
      return vscode.l10n.t('The sidecar was written by a newer MJ Tasks; update it to read this file.');
    case 'bad-id':
      return vscode.l10n.t('The sidecar holds no valid task ID.');
  }
}

/** Tracks the tasks again, grouped by provider; returns how many were tracked. */
export async function trackRefs(deps: Deps, refs: SidecarRef[]): Promise<number> {
  const byProvider = new Map<string, string[]>();
  let fallback: string | undefined;
  for (const ref of refs) {
    let provider = deps.providers.get(ref.provider)?.name;
    if (!provider) {
      fallback ??= (await pickProvider(deps, vscode.l10n.t('Provider "{0}" is not configured here. Track on which provider?', ref.provider || '?')))?.name;
      provider = fallback;
    }
    if (!provider) continue;
    byProvider.set(provider, [...(byProvider.get(provider) ?? []), ref.taskId]);
  }
  let count = 0;
  for (const [provider, ids] of byProvider) {
    await vscode.commands.executeCommand(COMMANDS.trackTask, { ids, provider });
    count += ids.length;
  }
  return count;
}
