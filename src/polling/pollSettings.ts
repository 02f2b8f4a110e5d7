import { UNFOCUSED_POLL_FACTOR } from '../core/settingsDefaults';
import { Settings } from '../settings/settings';

/** The scheduler's knobs, read fresh each cycle so a settings change applies at the next poll. */
export function pollSettings(settings: Settings): { intervalMs: number; maxIntervalMs: number; unfocusedFactor: number; stuckAfterMs: number } {
  const intervalMs = Math.max(1, settings.get('pollIntervalSeconds')) * 1000;
  const maxIntervalMs = Math.max(intervalMs, settings.get('maxPollIntervalSeconds') * 1000);
  return {
    intervalMs,
    maxIntervalMs,
    unfocusedFactor: UNFOCUSED_POLL_FACTOR,
    stuckAfterMs: Math.max(1, settings.get('stuckAfterMinutes')) * 60_000,
  };
}
