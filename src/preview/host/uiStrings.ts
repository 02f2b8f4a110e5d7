import * as vscode from 'vscode';
import { UiStrings } from '../shared/protocol';

/** The webview's words, localized here and sent in `init`: the webview script has no strings of its own. */
export function uiStrings(): UiStrings {
  return {
    copy: vscode.l10n.t('Copy'),
    copyTitle: vscode.l10n.t('Copy {0}'),
    copied: vscode.l10n.t('Copied'),
    insert: vscode.l10n.t('Insert'),
    insertTitle: vscode.l10n.t('Insert at the cursor in {0} (Alt-click: as a {1} string literal)'),
    insertLiteral: vscode.l10n.t('"…"'),
    insertLiteralTitle: vscode.l10n.t('Insert as a {1} string literal at the cursor in {0}'),
    inserted: vscode.l10n.t('Inserted'),
    notInserted: vscode.l10n.t('Not inserted'),
    noEditor: vscode.l10n.t('Click into a text editor first: Insert writes at its cursor.'),
    open: vscode.l10n.t('Open'),
    openFullSize: vscode.l10n.t('Open full size'),
    refresh: vscode.l10n.t('Refresh'),
    refreshTitle: vscode.l10n.t('Check the task on the server now'),
    gridHint: vscode.l10n.t('Hover over a quadrant to see its customIds; click it to copy its upscale (U) customId.'),
    quadrantTitle: vscode.l10n.t('Image {0}: click to copy {1}'),
    upscaleShort: vscode.l10n.t('U{0}'),
    variationShort: vscode.l10n.t('V{0}'),
    imageAlt: vscode.l10n.t('Result of task {0}'),
    imageUrl: vscode.l10n.t('image URL'),
    videoUrl: vscode.l10n.t('video URL'),
    images: vscode.l10n.t('Images'),
    videos: vscode.l10n.t('Videos'),
    prompts: vscode.l10n.t('Prompts'),
    details: vscode.l10n.t('Details'),
    buttons: vscode.l10n.t('Buttons'),
    unsafeUrl: vscode.l10n.t('Not loaded: only http and https addresses are shown as images.'),
    imageFailed: vscode.l10n.t('The image could not be loaded (the link may have expired).'),
    loading: vscode.l10n.t('Loading…'),
    progress: vscode.l10n.t('Progress'),
    gridKeysHint: vscode.l10n.t('Keys: 1–4 copy U1–U4, Shift+1–4 copy V1–V4; Tab moves through the buttons.'),
    copiedByKey: vscode.l10n.t('Copied {0}: {1}'),
  };
}
