// The one way the helpers and suites wait: poll a condition. Never a fixed sleep.
import { DEFAULT_TIMEOUT_MS, POLL_MS } from './constants';

/**
 * Polls `predicate` until it returns a truthy value (which is returned), or throws after
 * `timeoutMs` with `description` and the last error the predicate threw. Never a fixed sleep.
 */
export async function waitFor<T>(
  predicate: () => T | Promise<T>,
  description: string,
  timeoutMs = DEFAULT_TIMEOUT_MS,
  intervalMs = POLL_MS,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  let lastValue: unknown;
  for (;;) {
    try {
      const value = await predicate();
      if (value) return value as NonNullable<T>;
      lastValue = value;
      lastError = undefined;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() >= deadline) {
      const why = lastError instanceof Error ? `; last error: ${lastError.message.split('\n')[0]}` : `; last value: ${JSON.stringify(lastValue)}`;
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${description}${why}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
