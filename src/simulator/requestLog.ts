import type { Route } from './routes';
import type { LoggedRequest } from './types';

// Every request the simulator answered, with the path exactly as asked and the task IDs it asked
// about, so a test can tell which client asked for what: two clients configured with different
// base URLs for the same server (`http://host:port` and `http://host:port/api`) show as different
// paths under one route key.

/** Enough for any test; the oldest go first beyond it. */
const MAX_LOGGED = 10_000;

/** The task IDs a request is about: the ID in a fetch path, or the `ids` of a list body. */
function askedIds(route: Route, body: Buffer): string[] {
  if (route.name === 'fetch' || route.name === 'imageSeed' || route.name === 'cancel') {
    return [route.param];
  }
  if (route.name !== 'listByCondition' && route.name !== 'listByIds') {
    return [];
  }
  try {
    const ids = (JSON.parse(body.toString('utf8')) as { ids?: unknown }).ids;
    return Array.isArray(ids) ? ids.map(String) : [];
  } catch {
    return [];
  }
}

/** A submit's body as JSON, so a test can check what a client sent (the prompt, the mask); null when it is not JSON. */
function submitBody(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return null;
  }
}

export class RequestLog {
  private entries: LoggedRequest[] = [];

  add(method: string, route: Route, body: Buffer, at: number): void {
    const entry: LoggedRequest = { method, key: route.key, path: route.rawPath, ids: askedIds(route, body), at };
    if (route.name === 'submit') entry.body = submitBody(body);
    this.entries.push(entry);
    if (this.entries.length > MAX_LOGGED) {
      this.entries.splice(0, this.entries.length - MAX_LOGGED);
    }
  }

  list(): LoggedRequest[] {
    return this.entries.map((e) => ({ ...e, ids: [...e.ids] }));
  }

  clear(): void {
    this.entries = [];
  }
}
