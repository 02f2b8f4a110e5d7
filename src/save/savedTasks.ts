import * as vscode from 'vscode';

// Which tasks were saved into this workspace, and where: kept in the workspace's own state (saving
// is per workspace — the same task may be saved in one project and not in another), never in the
// shared task store. Paths are relative to the workspace folder, with '/'.

const STATE_KEY = 'mjTasks.savedResults';
/** Files remembered per task; older entries beyond it are dropped (the sidecars on disk stay). */
const MAX_FILES_PER_TASK = 20;

export interface SavedFile {
  /** Workspace-relative, '/'-separated: `mj-images/a-red-fox-1730621826053455-q2.png`. */
  file: string;
  /** "image", "quadrant 2", "video 1" (the sidecar's words). */
  part: string;
  savedAt: number;
}

type SavedState = Record<string, SavedFile[]>;

function isSavedFile(v: unknown): v is SavedFile {
  const r = v as SavedFile;
  return !!r && typeof r.file === 'string' && typeof r.part === 'string' && typeof r.savedAt === 'number';
}

export class SavedTasks implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<string>();
  /** Fires with the task ID whose saved files changed. */
  readonly onDidChange = this.emitter.event;

  constructor(private readonly state: vscode.Memento) {}

  private read(): SavedState {
    const raw = this.state.get<unknown>(STATE_KEY);
    return raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as SavedState) : {};
  }

  /** The files saved for a task in this workspace, newest last. */
  files(taskId: string): SavedFile[] {
    const list = this.read()[taskId];
    return Array.isArray(list) ? list.filter(isSavedFile) : [];
  }

  isSaved(taskId: string): boolean {
    return this.files(taskId).length > 0;
  }

  async add(taskId: string, saved: SavedFile): Promise<void> {
    const all = this.read();
    const list = [...this.files(taskId).filter((f) => f.file !== saved.file), saved].slice(-MAX_FILES_PER_TASK);
    await this.state.update(STATE_KEY, { ...all, [taskId]: list });
    this.emitter.fire(taskId);
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
