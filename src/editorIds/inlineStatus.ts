import * as vscode from 'vscode';
import { scanTaskIds } from '../core/taskIdScan';
import { Deps } from '../deps';
import { inlineStatus } from './editorIdText';
import { isScannedDocument } from './idAtCursor';

/** Typing, scrolling and resizing settle for this long before the visible lines are scanned again. */
const RESCAN_DEBOUNCE_MS = 150;
/** Lines scanned beyond each visible range, so a short scroll shows statuses at once. */
const MARGIN_LINES = 20;
/** A visible range of one enormous line (a minified file) is scanned this far, no further. */
const MAX_SCAN_CHARS = 200_000;
/** More IDs than fit on a screen cannot be visible; past this many the rest go without a status. */
const MAX_IDS_PER_EDITOR = 500;

interface Found {
  readonly id: string;
  readonly range: vscode.Range;
}

interface Scan {
  readonly found: readonly Found[];
}

/**
 * The status after each tracked task ID in the visible editors ("✓ Succeeded", "⟳ Running 57%").
 * Only the visible lines are scanned, after typing or scrolling settles; a store change repaints
 * from the last scan without scanning again. Untracked IDs get nothing.
 */
export function registerInlineStatus(context: vscode.ExtensionContext, deps: Deps): void {
  context.subscriptions.push(new InlineStatusDecorations(deps));
}

class InlineStatusDecorations implements vscode.Disposable {
  private readonly type = vscode.window.createTextEditorDecorationType({
    after: { margin: '0 0 0 1em', fontStyle: 'normal' },
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
  private readonly scans = new Map<vscode.TextEditor, Scan>();
  private readonly pending = new Set<vscode.TextEditor>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private enabled: boolean;

  constructor(private readonly deps: Deps) {
    this.enabled = deps.settings.get('inlineStatus');
    this.disposables.push(
      this.type,
      vscode.window.onDidChangeVisibleTextEditors((editors) => {
        for (const editor of [...this.scans.keys()]) if (!editors.includes(editor)) this.scans.delete(editor);
        editors.forEach((e) => this.schedule(e));
      }),
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => this.schedule(e.textEditor)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0) return;
        for (const editor of vscode.window.visibleTextEditors) if (editor.document === e.document) this.schedule(editor);
      }),
      deps.store.onDidChange((e) => this.repaintFor(new Set([...e.changed.map((t) => t.id), ...e.added, ...e.removed]))),
      deps.settings.onDidChange((keys) => {
        if (!keys.has('inlineStatus')) return;
        this.enabled = deps.settings.get('inlineStatus');
        this.scans.clear();
        vscode.window.visibleTextEditors.forEach((e) => (this.enabled ? this.schedule(e) : e.setDecorations(this.type, [])));
      }),
    );
    vscode.window.visibleTextEditors.forEach((e) => this.schedule(e));
  }

  private schedule(editor: vscode.TextEditor): void {
    if (!this.enabled || !isScannedDocument(editor.document)) return;
    this.pending.add(editor);
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), RESCAN_DEBOUNCE_MS);
  }

  private flush(): void {
    this.timer = undefined;
    const visible = new Set(vscode.window.visibleTextEditors);
    for (const editor of this.pending) {
      if (!visible.has(editor) || editor.document.isClosed) continue;
      this.scans.set(editor, { found: scanVisible(editor) });
      this.paint(editor);
    }
    this.pending.clear();
  }

  /** A store change repaints the editors showing one of the changed IDs, from their last scan. */
  private repaintFor(ids: ReadonlySet<string>): void {
    if (!this.enabled) return;
    for (const [editor, scan] of this.scans) {
      if (scan.found.some((f) => ids.has(f.id))) this.paint(editor);
    }
  }

  private paint(editor: vscode.TextEditor): void {
    const scan = this.scans.get(editor);
    const decorations: vscode.DecorationOptions[] = [];
    for (const f of scan?.found ?? []) {
      const tracked = this.deps.store.get(f.id);
      if (!tracked) continue;
      const status = inlineStatus(tracked);
      decorations.push({ range: f.range, renderOptions: { after: { contentText: status.text, color: new vscode.ThemeColor(status.color) } } });
    }
    editor.setDecorations(this.type, decorations);
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.pending.clear();
    this.scans.clear();
    vscode.Disposable.from(...this.disposables).dispose();
  }
}

/** The IDs in the editor's visible ranges (with a margin), each range read once. */
function scanVisible(editor: vscode.TextEditor): Found[] {
  const document = editor.document;
  const found: Found[] = [];
  for (const range of mergedRanges(editor)) {
    const from = document.offsetAt(range.start);
    const to = Math.min(document.offsetAt(range.end), from + MAX_SCAN_CHARS);
    const text = document.getText(new vscode.Range(range.start, document.positionAt(to)));
    for (const m of scanTaskIds(text, { limit: MAX_IDS_PER_EDITOR - found.length })) {
      found.push({ id: m.id, range: new vscode.Range(document.positionAt(from + m.start), document.positionAt(from + m.end)) });
    }
    if (found.length >= MAX_IDS_PER_EDITOR) break;
  }
  return found;
}

/** Visible ranges grown by the margin, overlapping ones joined (folding splits the view into several). */
function mergedRanges(editor: vscode.TextEditor): vscode.Range[] {
  const last = editor.document.lineCount - 1;
  const grown = editor.visibleRanges
    .map((r) => ({ start: Math.max(0, r.start.line - MARGIN_LINES), end: Math.min(last, r.end.line + MARGIN_LINES) }))
    .sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const r of grown) {
    const prev = merged[merged.length - 1];
    if (prev && r.start <= prev.end + 1) prev.end = Math.max(prev.end, r.end);
    else merged.push({ ...r });
  }
  return merged.map((r) => new vscode.Range(r.start, 0, r.end, editor.document.lineAt(r.end).range.end.character));
}
