import * as vscode from 'vscode';

/** The scheduler's knobs, read fresh each cycle so a settings change applies at the next poll. */
export function pollSettings(): { intervalMs: number; maxIntervalMs: number; unfocusedFactor: number; stuckAfterMs: number } {
  const c = vscode.workspace.getConfiguration('mjTasks');
  const intervalMs = Math.max(1, c.get<number>('pollIntervalSeconds', 3)) * 1000;
  const maxIntervalMs = Math.max(intervalMs, c.get<number>('maxPollIntervalSeconds', 30) * 1000);
  return {
    intervalMs,
    maxIntervalMs,
    unfocusedFactor: 4,
    stuckAfterMs: Math.max(1, c.get<number>('stuckAfterMinutes', 10)) * 60_000,
  };
}
