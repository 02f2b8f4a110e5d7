import * as vscode from 'vscode';
import { SETTINGS_DEFAULTS, SETTINGS_SECTION, UNFOCUSED_POLL_FACTOR } from '../core/settingsDefaults';

/** The scheduler's knobs, read fresh each cycle so a settings change applies at the next poll. */
export function pollSettings(): { intervalMs: number; maxIntervalMs: number; unfocusedFactor: number; stuckAfterMs: number } {
  const c = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const d = SETTINGS_DEFAULTS;
  const intervalMs = Math.max(1, c.get<number>('pollIntervalSeconds', d.pollIntervalSeconds)) * 1000;
  const maxIntervalMs = Math.max(intervalMs, c.get<number>('maxPollIntervalSeconds', d.maxPollIntervalSeconds) * 1000);
  return {
    intervalMs,
    maxIntervalMs,
    unfocusedFactor: UNFOCUSED_POLL_FACTOR,
    stuckAfterMs: Math.max(1, c.get<number>('stuckAfterMinutes', d.stuckAfterMinutes)) * 60_000,
  };
}
