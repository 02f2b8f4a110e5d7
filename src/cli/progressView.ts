// The live part of `mj-tasks watch`: one progress bar per task redrawn in place on a terminal,
// or one plain line per change when the output is a pipe or a log.

import { Task } from '../core/types';
import { changeLine, progressLine } from './render';

export interface OutStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export type ProgressMode = 'bars' | 'lines' | 'off';

export class ProgressView {
  private readonly tasks = new Map<string, Task>();
  private readonly notes = new Map<string, string>();
  private readonly lastLine = new Map<string, string>();
  private drawnLines = 0;

  constructor(
    private readonly ids: string[],
    private readonly out: OutStream,
    private readonly mode: ProgressMode,
  ) {}

  update(id: string, task: Task): void {
    this.tasks.set(id, task);
    this.notes.delete(id);
    if (this.mode !== 'lines') return;
    const line = changeLine(task);
    if (this.lastLine.get(id) !== line) {
      this.lastLine.set(id, line);
      this.out.write(line + '\n');
    }
  }

  /** A transient remark for one ID (e.g. "retrying: Network"), shown on its bar until the next update. */
  note(id: string, text: string): void {
    this.notes.set(id, text);
  }

  /** Redraws every bar in place (bars mode only). */
  render(): void {
    if (this.mode !== 'bars') return;
    const lines = this.ids.map((id) => progressLine(id, this.tasks.get(id), this.notes.get(id), this.out.columns));
    // Move up over the previous frame and overwrite it line by line.
    let frame = this.drawnLines > 0 ? `\x1b[${this.drawnLines}A` : '';
    for (const line of lines) frame += `\r\x1b[2K${line}\n`;
    this.out.write(frame);
    this.drawnLines = lines.length;
  }
}

export function progressMode(json: boolean, stdout: OutStream, stderr: OutStream): { mode: ProgressMode; out: OutStream } {
  // With --json, stdout carries only the JSON array; the bars go to a terminal on stderr.
  if (json) return stderr.isTTY ? { mode: 'bars', out: stderr } : { mode: 'off', out: stderr };
  return { mode: stdout.isTTY ? 'bars' : 'lines', out: stdout };
}
