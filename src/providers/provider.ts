import { AUTH_SCHEMES, AuthScheme } from '../core/types';
import { validateBaseUrl } from '../core/baseUrl';
import { isRecord } from '../core/record';

/** One server or relay the user tracks tasks on, as written in `mjTasks.providers`. */
export interface Provider {
  name: string;
  baseUrl: string;
  auth: AuthScheme;
}

/**
 * Reads the settings value entry by entry: a mistyped entry is skipped with a reason, the others
 * still work (settings.json is hand-edited; one typo must not take every provider down).
 */
export function readProviders(value: unknown): { providers: Provider[]; problems: string[] } {
  const providers: Provider[] = [];
  const problems: string[] = [];
  if (!Array.isArray(value)) {
    return { providers, problems: value === undefined ? [] : ['mjTasks.providers is not a list'] };
  }
  const seen = new Set<string>();
  value.forEach((e, i) => {
    if (!isRecord(e)) {
      problems.push(`mjTasks.providers[${i}] is not an object`);
      return;
    }
    const name = typeof e.name === 'string' ? e.name.trim() : '';
    const baseUrl = typeof e.baseUrl === 'string' ? e.baseUrl.trim() : '';
    const auth = (typeof e.auth === 'string' ? e.auth : 'bearer') as AuthScheme;
    if (!name) {
      problems.push(`mjTasks.providers[${i}] has no name`);
      return;
    }
    if (seen.has(name)) {
      problems.push(`mjTasks.providers[${i}]: the name "${name}" is used twice; the first one wins`);
      return;
    }
    const urlProblem = validateBaseUrl(baseUrl);
    if (urlProblem) {
      problems.push(`mjTasks.providers[${i}] ("${name}"): ${urlProblem}`);
      return;
    }
    if (!AUTH_SCHEMES.includes(auth)) {
      problems.push(`mjTasks.providers[${i}] ("${name}"): unknown auth "${String(e.auth)}"`);
      return;
    }
    seen.add(name);
    providers.push({ name, baseUrl, auth });
  });
  return { providers, problems };
}
