// The fault suite's machinery. Each case is a small loopback server (HTTP, raw TCP, a closed
// port or a name that never resolves) and what must come of it; it runs three times on fresh
// servers: `mj-tasks fetch` as a process in plain and in --json mode, and the extension's core
// (parseTaskIdInput → TaskStore → PollScheduler.pollNow → MjClient) with a memory storage.

import * as http from 'http';
import { MjClient } from '../../src/core/client';
import { MjErrorKind } from '../../src/core/errors';
import { ServerQuirks } from '../../src/core/serverQuirks';
import { parseTaskIdInput } from '../../src/core/taskIdInput';
import { Task, TaskStatus } from '../../src/core/types';
import { Run, run } from '../cli/cliRun';
import { closedPort, Handler, Recorded, startLoopback } from '../unit/loopback';
import { RawReply, startRawLoopback } from '../unit/rawLoopback';
import { makeTask } from '../unit/taskFixture';
import { coreLoop, TrackedTask } from './coreLoop';

/** The key every case runs with; servers that echo headers echo it. */
export const KEY = 'sk-fault-7Hq2Lm9Xv4Rt6Wz1Np3K';
export const ID = '1730621826053455';
/** A task of another provider, tracked before each case: it must come out of every case as it went in. */
export const BYSTANDER = '1730000000000001';

/** Where a case's server is, how many requests reached it, and checks of its own. */
export interface Site {
  url: string;
  requests(): number;
  /** Throws when something the case forbids happened (a request that reached another host). */
  verify?(): void;
  close(): Promise<void>;
}

/** What a case may start its server with. */
export const tools = {
  async http(handler: Handler): Promise<Site> {
    const s = await startLoopback(handler);
    return { url: s.url, requests: () => s.requests.length, close: () => s.close() };
  },
  async raw(reply: RawReply): Promise<Site> {
    const s = await startRawLoopback(reply);
    return { url: s.url, requests: () => s.connections(), close: () => s.close() };
  },
  async refused(): Promise<Site> {
    return { url: `http://127.0.0.1:${await closedPort()}`, requests: () => 0, close: async () => undefined };
  },
  /** `.invalid` never resolves (RFC 6761): a DNS failure without a network. */
  async unresolvable(): Promise<Site> {
    return { url: 'http://mj-tasks-fault.invalid', requests: () => 0, close: async () => undefined };
  },
};

export type Outcome =
  /** The task came back, in this status. */
  | { status: TaskStatus }
  /** The task failed with this kind; the CLI exits with `exit`. */
  | { kind: MjErrorKind; exit: number }
  /** The input held no usable ID: exit 2 and no request, nothing tracked. */
  | { usage: true };

const DEFAULT_TIMEOUT_MS = 20_000;

export interface FaultCase {
  name: string;
  start(): Promise<Site>;
  /** Command-line ID arguments (default: ID); with `stdin`, '-' and this text on standard input. */
  inputs?: string[];
  stdin?: string;
  /** Per request. Default 20 s: a loopback answer can take over 5 s on a 2-core machine running several
   * builds beside the suite (seen at load average 12); cases that hang set it short. */
  timeoutMs?: number;
  expect: Outcome;
  /** The first error line (CLI stderr, the store's error message, the input problem) matches. */
  message?: RegExp;
  /** More checks on the plain output, the --json array and the core's tracked tasks. */
  plain?(r: CliResult): void;
  json?(entries: unknown[]): void;
  core?(tracked: TrackedTask[]): void;
}

export interface CliResult extends Run {
  ms: number;
  requests: number;
}

export interface CoreResult {
  ids: string[];
  problems: string[];
  before: TrackedTask[];
  after: readonly TrackedTask[];
  reloaded: readonly TrackedTask[];
  /** Everything the core wrote: its logs, the request events, the stored document. */
  texts: string[];
  ms: number;
  requests: number;
}

export interface CaseResult {
  plain: CliResult;
  json: CliResult;
  core: CoreResult;
}

export function inputsOf(c: FaultCase): string[] {
  return c.inputs ?? [ID];
}

const parsedIds = new WeakMap<FaultCase, string[]>();

/** The IDs the case asks for, as the CLI and the core read them (read once: a case may hold 100 000). */
export function idsOf(c: FaultCase): string[] {
  let ids = parsedIds.get(c);
  if (ids === undefined) {
    ids = parseTaskIdInput(c.stdin ?? inputsOf(c).join('\n')).ids;
    parsedIds.set(c, ids);
  }
  return ids;
}

async function withSite<T>(c: FaultCase, body: (site: Site) => Promise<T>): Promise<T> {
  const site = await c.start();
  try {
    const result = await body(site);
    site.verify?.();
    return result;
  } finally {
    await site.close();
  }
}

export function viaCli(c: FaultCase, json: boolean): Promise<CliResult> {
  return withSite(c, async (site) => {
    const ids = c.stdin !== undefined ? ['-'] : inputsOf(c);
    // After `--`, so that inputs are read as IDs whatever they start with.
    const args = ['fetch', '--base-url', site.url, '--timeout', String((c.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000), ...(json ? ['--json'] : []), '--', ...ids];
    const started = Date.now();
    const r = await run(args, { MJ_API_KEY: KEY }, c.stdin);
    return { ...r, ms: Date.now() - started, requests: site.requests() };
  });
}

const BYSTANDER_TASK: Task = makeTask(BYSTANDER, 'IN_PROGRESS', { progress: 40, prompt: 'a quiet harbour' });

export function viaCore(c: FaultCase): Promise<CoreResult> {
  return withSite(c, async (site) => {
    const texts: string[] = [];
    const log = (m: string): void => void texts.push(m);
    const client = new MjClient({
      baseUrl: site.url,
      auth: 'bearer',
      apiKey: KEY,
      timeoutMs: c.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      quirks: new ServerQuirks(),
      onRequest: (e) => log(JSON.stringify(e)),
    });
    const core = coreLoop(
      (provider, batch, signal) => (provider === 'relay' ? client.fetchTasks(batch, { signal }) : Promise.reject(new Error(`${provider} was not to be polled`))),
      log,
    );
    try {
      const { store, scheduler, storage } = core;
      store.add([BYSTANDER], 'other');
      store.applyResult(BYSTANDER, BYSTANDER_TASK);
      const { ids, problems } = parseTaskIdInput(c.stdin ?? inputsOf(c).join('\n'));
      store.add(ids, 'relay');
      const before = [...store.all()];
      const started = Date.now();
      if (ids.length > 0) await scheduler.pollNow(ids);
      const ms = Date.now() - started;
      scheduler.dispose();
      await store.flush();
      texts.push(...[...storage.values.values()].map((v) => JSON.stringify(v)));
      return { ids, problems, before, after: store.all(), reloaded: core.reload().all(), texts, ms, requests: site.requests() };
    } finally {
      core.dispose();
    }
  });
}

/** A task as a proxy answers a fetch, `extra` on top. */
export function taskBody(id: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ id, action: 'IMAGINE', status: 'SUCCESS', progress: '100%', prompt: 'a lighthouse at dusk', ...extra });
}

/** The ID in a /mj/task/<id>/fetch request, or null for any other path. */
export function fetchedId(req: Recorded): string | null {
  const m = /^\/mj\/task\/([^/]+)\/fetch$/.exec(req.url);
  return m ? decodeURIComponent(m[1]) : null;
}

export function reply(res: http.ServerResponse, status: number, body: string | Buffer = '', headers: Record<string, string> = { 'Content-Type': 'application/json' }): void {
  res.writeHead(status, headers);
  res.end(body);
}
