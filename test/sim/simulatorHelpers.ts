// What the simulator suites share: a simulator on loopback whose clock the test drives, requests
// with each dialect's auth header, submits, and a wait for a condition.
//
// Importing this module registers one root afterEach that closes every simulator sim() started
// (mocha's root suite: it runs after each test of every file, once).

import * as assert from 'assert';
import { startSimulator, type Dialect, type Simulator, type SimulatorOptions } from '../../src/simulator';

export const KEY = 'mj-sim-key';
export const DIALECTS: Dialect[] = ['novicezk', 'trueai', 'newapi'];
export type Json = Record<string, unknown>;

export interface Res {
  status: number;
  headers: Headers;
  text: string;
}

let sims: Simulator[] = [];
let clock = 1_790_000_000_000;

/** A simulator on a free port, on the test's clock (advanceClock, finishAll) unless `now` is given. */
export async function sim(opts: SimulatorOptions = {}): Promise<Simulator> {
  const s = await startSimulator({ port: 0, now: () => clock, ...opts });
  sims.push(s);
  return s;
}

/** Moves the simulators' clock. */
export function advanceClock(ms: number): void {
  clock += ms;
}

/** Moves the simulators' clock far enough for anything started now to finish. */
export function finishAll(): void {
  advanceClock(60_000);
}

/** The header the dialect takes the key in. */
export function auth(dialect: Dialect, key = KEY): Record<string, string> {
  if (dialect === 'novicezk') return { 'mj-api-secret': key };
  if (dialect === 'trueai') return { Authorization: key };
  return { Authorization: `Bearer ${key}` };
}

export async function call(s: Simulator, path: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}): Promise<Res> {
  const headers: Record<string, string> = init.headers ?? auth(s.dialect);
  const res = await fetch(s.url + path, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: init.body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
    body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** A 200 answer's JSON (anything else fails the test). */
export async function json<T = Json>(s: Simulator, path: string, init?: Parameters<typeof call>[2]): Promise<T> {
  const r = await call(s, path, init);
  assert.strictEqual(r.status, 200, `${path}: ${r.status} ${r.text.slice(0, 200)}`);
  return JSON.parse(r.text) as T;
}

export const fetchTask = (s: Simulator, id: string): Promise<Json> => json(s, `/mj/task/${id}/fetch`);

/** Submits and returns the new task ID (as text, whatever JSON type `result` had). */
export async function submit(s: Simulator, kind: string, body: Json): Promise<{ code: number; id: string; raw: string; reply: Json }> {
  const r = await call(s, `/mj/submit/${kind}`, { body });
  assert.strictEqual(r.status, 200, r.text);
  const reply = JSON.parse(r.text) as Json;
  const m = /"result":"?(\d+)/.exec(r.text);
  return { code: reply.code as number, id: m ? m[1] : '', raw: r.text, reply };
}

/** Polls `cond` until it holds, or fails naming `what`. */
export async function waitFor(what: string, cond: () => Promise<boolean> | boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

afterEach(async () => {
  await Promise.all(sims.map((s) => s.close()));
  sims = [];
});
