// What the client's loopback tests share: a key that must never show up in an error, a task
// body, a client for a loopback server, and the assertion that a call fails with one kind.

import * as assert from 'assert';
import { ClientOptions, MjClient } from '../../src/core/client';
import { MjError } from '../../src/core/errors';
import { Loopback } from './loopback';

export const KEY = 'sk-secret-key-0123456789abcdef';
export const ID = '1730621826053455';

/** A running imagine task as a proxy answers it, with `extra` fields on top. */
export function taskJson(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, action: 'IMAGINE', status: 'IN_PROGRESS', progress: '57%', ...extra };
}

/** A Bearer client with KEY for `server` (a loopback or a base URL), with `extra` options on top. */
export function client(server: Loopback | string, extra: Partial<ClientOptions> = {}): MjClient {
  return new MjClient({ baseUrl: typeof server === 'string' ? server : server.url, auth: 'bearer', apiKey: KEY, ...extra });
}

/** Asserts an MjError of `kind` whose message, hint and JSON never mention `secret`; returns it. */
export async function rejectsMjError<T extends MjError>(p: Promise<unknown>, kind: MjError['kind'], secret: string): Promise<T> {
  let caught: unknown;
  await assert.rejects(p, (e: unknown) => {
    caught = e;
    return true;
  });
  assert.ok(caught instanceof MjError, `expected an MjError, got ${String(caught)}`);
  assert.strictEqual(caught.kind, kind, caught.message);
  for (const text of [caught.message, caught.hint, JSON.stringify(caught.toJSON())]) assert.ok(!text.includes(secret), text);
  return caught as T;
}

/** Asserts an MjError of `kind` that never mentions KEY, then runs `check`. */
export async function rejectsWith<T extends MjError>(p: Promise<unknown>, kind: MjError['kind'], check?: (e: T) => void): Promise<T> {
  const e = await rejectsMjError<T>(p, kind, KEY);
  check?.(e);
  return e;
}

/** Resolves once `condition` holds; fails after `ms`. */
export async function waitFor(condition: () => boolean, ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
