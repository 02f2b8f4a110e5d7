import { isRecord } from '../core/record';
import { Provider } from './provider';

// Adding and removing a provider edit `mjTasks.providers` as the user wrote it, not as
// readProviders understood it: settings.json is hand-edited, and an entry with a typo, a key we do
// not know or an unusual order must come back exactly as it was. Only the entry named is touched.

function isNamed(entry: unknown, name: string): boolean {
  return isRecord(entry) && typeof entry.name === 'string' && entry.name.trim() === name;
}

/**
 * The list with `provider` in place of the first entry of its name, or appended. Undefined when
 * the setting holds something other than a list (left for the user to fix, never overwritten).
 */
export function withProvider(raw: unknown, provider: Provider): unknown[] | undefined {
  if (raw === undefined || raw === null) {
    return [provider];
  }
  if (!Array.isArray(raw)) {
    return undefined;
  }
  const at = raw.findIndex((e) => isNamed(e, provider.name));
  return at < 0 ? [...raw, provider] : raw.map((e, i) => (i === at ? provider : e));
}

/** The list without the entries named `name` (a duplicate would otherwise take its place); undefined when nothing changes. */
export function withoutProvider(raw: unknown, name: string): unknown[] | undefined {
  if (!Array.isArray(raw) || !raw.some((e) => isNamed(e, name))) {
    return undefined;
  }
  return raw.filter((e) => !isNamed(e, name));
}
