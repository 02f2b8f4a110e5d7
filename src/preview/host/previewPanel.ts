import * as vscode from 'vscode';
import { taskTitle } from '../../core/format';
import { childrenOf } from '../../core/taskFamily';
import { parentOf } from '../../core/trackedTask';
import { Deps } from '../../deps';
import { copyWithFeedback } from '../../platform/clipboard';
import { COMMANDS, PREVIEW_VIEW_TYPE } from '../../ids';
import { HostMessage, PROTOCOL_VERSION, PreviewModel, ValueKey, WebviewMessage } from '../shared/protocol';
import { RegionSession } from './regionSession';
import { isWebviewMessage } from '../shared/protocolGuards';
import { safeHttpUrl } from '../shared/urlSafety';
import { httpMediaOrigins, WEBVIEW_DIR, WEBVIEW_FILES } from './csp';
import { EditorTargetTracker } from './editorTarget';
import { previewHtml } from './previewHtml';
import { uiStrings } from './uiStrings';
import { codeFromPreview, insertFromPreview, MediaFailures, pressFromPreview } from './panelActions';
import { buildView, ValueEntry } from './viewModel';

/** What every preview panel needs from the extension; built once by registerPreview. */
export interface PreviewHost {
  readonly extensionUri: vscode.Uri;
  readonly deps: Deps;
  readonly editors: EditorTargetTracker;
}

const INSERT_FEEDBACK_MS = 2000;
const TITLE_MAX = 40;

/** Only the folder of what the preview loads (its script, stylesheet and codicons). Nothing else on disk. */
export function previewWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    enableForms: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, ...WEBVIEW_DIR)],
    // No retainContextWhenHidden: the webview keeps its task ID with setState and is rebuilt on show.
  };
}

/**
 * The one preview panel: `createOrShow` reuses it for whichever task is asked for. It mirrors
 * the store — every change of its task is posted — and answers the webview's requests by key.
 */
export class PreviewPanel implements vscode.Disposable {
  private static current: PreviewPanel | undefined;

  private readonly disposables: vscode.Disposable[] = [];
  /** The webview said `ready` since it was last (re)loaded: messages now arrive. */
  private ready = false;
  /** The values behind the keys of the last view posted: the only things the webview may ask for. */
  private values: ReadonlyMap<ValueKey, ValueEntry> = new Map();
  /** The http: origins the shell's policy allows media from, as last set (see setHtml). */
  private mediaOrigins = '';
  /** The Vary (Region) editor open over this task's image, waiting for the user's mask. */
  private region: RegionSession | undefined;
  /** Why each failed URL failed: a re-shown webview gets the reason again without another probe. */
  private readonly mediaFailures = new MediaFailures();

  /** Shows `taskId` in the preview, creating the panel or reusing (and revealing) the open one. */
  static createOrShow(host: PreviewHost, taskId: string, preserveFocus: boolean): PreviewPanel {
    const open = PreviewPanel.current;
    if (open) {
      open.setTask(taskId);
      open.panel.reveal(undefined, preserveFocus);
      return open;
    }
    const panel = vscode.window.createWebviewPanel(
      PREVIEW_VIEW_TYPE,
      vscode.l10n.t('MJ Preview'),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus },
      previewWebviewOptions(host.extensionUri),
    );
    PreviewPanel.current = new PreviewPanel(panel, host, taskId);
    return PreviewPanel.current;
  }

  /** After a reload: VS Code hands back the panel it restored; the serializer gives us its task ID. */
  static revive(panel: vscode.WebviewPanel, host: PreviewHost, taskId: string): PreviewPanel {
    // Only one preview at a time; a second restored one (two windows' worth of state) replaces it.
    PreviewPanel.current?.dispose();
    panel.webview.options = previewWebviewOptions(host.extensionUri);
    PreviewPanel.current = new PreviewPanel(panel, host, taskId);
    return PreviewPanel.current;
  }

  /** Shows `taskId` with the Vary (Region) editor open over its image (replacing an open one). */
  static showRegion(host: PreviewHost, taskId: string, session: RegionSession): void {
    const panel = PreviewPanel.createOrShow(host, taskId, false);
    panel.region?.cancel();
    panel.region = session;
    panel.post({ type: 'region', request: session.request });
  }

  static get currentTaskId(): string | undefined {
    return PreviewPanel.current?.taskId;
  }

  static disposeCurrent(): void {
    PreviewPanel.current?.dispose();
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly host: PreviewHost,
    private taskId: string,
  ) {
    const { deps, editors } = host;
    panel.iconPath = vscode.Uri.joinPath(host.extensionUri, 'media', 'activity.svg');
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m)),
      // Hidden without retainContextWhenHidden, the webview is torn down; it says `ready` again when shown.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) {
          this.ready = false;
        }
      }),
      deps.store.onDidChange((e) => {
        // Its relatives are shown too: a child added, finished or gone changes this view.
        const related = (id: string) => {
          const t = deps.store.get(id);
          return id === this.taskId || (t !== undefined && parentOf(t) === this.taskId);
        };
        if (
          e.removed.length > 0 ||
          e.added.some(related) ||
          e.changed.some((t) => t.id === this.taskId || parentOf(t) === this.taskId)
        ) {
          this.update();
        }
      }),
      editors.onDidChange(() => this.post({ type: 'target', target: editors.describe() })),
      deps.providers.onDidChange(() => this.setHtml()),
      deps.saved.onDidChange((id) => {
        if (id === this.taskId) this.update();
      }),
    );
    this.setHtml();
    this.rebuild();
  }

  /**
   * The shell, with a policy that lets media load over http only from the configured providers.
   * Set again when that list of origins changes: the webview reloads, repaints from its saved
   * state and says `ready` again.
   */
  private setHtml(): void {
    const origins = httpMediaOrigins(this.host.deps.providers.list().map((p) => p.baseUrl));
    if (origins.join(' ') === this.mediaOrigins && this.panel.webview.html) {
      return;
    }
    this.mediaOrigins = origins.join(' ');
    this.ready = false;
    const webview = this.panel.webview;
    const uri = (file: readonly string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.host.extensionUri, ...WEBVIEW_DIR, ...file)).toString();
    webview.html = previewHtml({
      cspSource: webview.cspSource,
      scriptUri: uri(WEBVIEW_FILES.script),
      styleUri: uri(WEBVIEW_FILES.style),
      codiconUri: uri(WEBVIEW_FILES.codicons),
      language: vscode.env.language,
      httpMediaOrigins: origins,
    });
  }

  private setTask(taskId: string): void {
    if (taskId !== this.taskId) {
      this.taskId = taskId;
      // The editor drew on the other task's image.
      this.closeRegion();
      this.update();
    }
  }

  /** Recomputes the view and the value table; returns the view for posting. */
  private rebuild(): PreviewModel {
    const store = this.host.deps.store;
    const tracked = store.get(this.taskId);
    const parentId = tracked ? parentOf(tracked) : null;
    const relatives = { parentId, parent: parentId === null ? undefined : store.get(parentId), children: childrenOf(this.taskId, store.all()) };
    const built = buildView(this.taskId, tracked, Date.now(), relatives, this.host.deps.saved.files(this.taskId).map((f) => f.file));
    this.values = built.values;
    this.panel.title = vscode.l10n.t('MJ: {0}', taskTitle(tracked?.task ?? null, this.taskId, TITLE_MAX));
    return built.view;
  }

  private update(): void {
    const view = this.rebuild();
    this.post({ type: 'update', view });
  }

  /** Posts only to a webview that said `ready`; a hidden one gets everything in `init` when shown. */
  private post(message: HostMessage): void {
    if (this.ready) {
      void this.panel.webview.postMessage(message);
    }
  }

  private onMessage(raw: unknown): void {
    if (!isWebviewMessage(raw)) {
      this.host.deps.log.warn(`Preview: ignored a webview message that does not match the protocol: ${describe(raw)}`);
      return;
    }
    void this.handle(raw).catch((err: unknown) => {
      this.host.deps.log.error(`Preview: ${raw.type} failed: ${err instanceof Error ? err.message : String(err)}`);
    });
  }

  private async handle(m: WebviewMessage): Promise<void> {
    if (m.type === 'ready') {
      this.ready = true;
      const view = this.rebuild();
      this.post({ type: 'init', protocol: PROTOCOL_VERSION, strings: uiStrings(), view, target: this.host.editors.describe() });
      if (this.region) this.post({ type: 'region', request: this.region.request });
      return;
    }
    if (m.type === 'regionSubmit' || m.type === 'regionCancel') {
      await this.onRegion(m);
      return;
    }
    if (m.type === 'refresh') {
      await vscode.commands.executeCommand(COMMANDS.refresh, this.taskId);
      return;
    }
    if (m.type === 'save') {
      // The command checks the part against what the task has now; the webview only names one.
      await vscode.commands.executeCommand(COMMANDS.saveImage, { id: this.taskId, part: m.part });
      return;
    }
    if (m.type === 'mediaFailed') {
      const entry = this.values.get(m.key);
      if (!entry?.openable) return;
      const reason = await this.mediaFailures.explain(this.host.deps, entry, m.key.startsWith('videoUrls.') ? 'video' : 'image');
      this.post({ type: 'mediaProblem', key: m.key, reason });
      return;
    }
    if (m.type === 'code') {
      const entry = m.key === null ? null : this.values.get(m.key);
      if (entry !== undefined) await codeFromPreview(this.host.deps, this.host.editors, this.taskId, entry);
      return;
    }
    const entry = this.values.get(m.key);
    if (!entry) {
      // A key from a view that has changed since (the task moved on): nothing to act on.
      this.host.deps.log.debug(`Preview: ${m.type} of ${m.key}, which the current view does not have.`);
      if (m.type === 'insert') {
        const reason = vscode.l10n.t('The task changed meanwhile: nothing was inserted. Try again.');
        this.post({ type: 'insertResult', requestId: m.requestId, inserted: false, reason });
      }
      return;
    }
    switch (m.type) {
      case 'press':
        // Its control in the webview stays disabled until this answers.
        try {
          await pressFromPreview(this.host.deps, this.taskId, entry.value);
        } finally {
          this.post({ type: 'pressResult', key: m.key });
        }
        return;
      case 'openTask':
        this.setTask(entry.value);
        return;
      case 'copy':
        await copyWithFeedback(entry.value, entry.what);
        return;
      case 'insert': {
        const result = await insertFromPreview(this.host.deps, this.host.editors, entry, m.literal);
        if (result.inserted) {
          vscode.window.setStatusBarMessage(`$(check) ${vscode.l10n.t('Inserted {0}', entry.what)}`, INSERT_FEEDBACK_MS);
        }
        // The webview says "Inserted" only now, or why not: the click alone does not mean it worked.
        this.post({ type: 'insertResult', requestId: m.requestId, ...result });
        return;
      }
      case 'open': {
        // Checked twice: when the table was built and here, right before it leaves VS Code.
        const url = entry.openable ? safeHttpUrl(entry.value) : null;
        if (url) {
          await vscode.env.openExternal(vscode.Uri.parse(url, true));
        }
        return;
      }
    }
  }

  private async onRegion(m: Extract<WebviewMessage, { type: 'regionSubmit' | 'regionCancel' }>): Promise<void> {
    const session = this.region;
    if (!session || session.request.modalId !== m.modalId) return;
    if (m.type === 'regionCancel') {
      this.region = undefined;
      session.cancel();
      return;
    }
    const outcome = await session.submit(m);
    this.post({ type: 'regionResult', requestId: m.requestId, sent: outcome.sent, reason: outcome.reason });
    if (outcome.sent && this.region === session) this.closeRegion();
  }

  private closeRegion(): void {
    const session = this.region;
    if (!session) return;
    this.region = undefined;
    session.cancel();
    this.post({ type: 'region', request: null });
  }

  dispose(): void {
    this.region?.cancel();
    this.region = undefined;
    if (PreviewPanel.current === this) {
      PreviewPanel.current = undefined;
    }
    const disposables = this.disposables.splice(0);
    this.panel.dispose(); // no-op when VS Code disposed it (the user closed the tab)
    vscode.Disposable.from(...disposables).dispose();
  }
}

/** For the log: enough of a rejected message to see what it was, never all of it. */
function describe(raw: unknown): string {
  try {
    return JSON.stringify(raw).slice(0, 200);
  } catch {
    return typeof raw;
  }
}
