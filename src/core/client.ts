// MjClient: the API family's task and submit endpoints for one server and key, with each
// server's way of saying "not found", "refused" or "accepted" mapped onto the typed errors and
// results. Reads are in taskReads.ts, submits in taskSubmits.ts, the shared line to the server
// in serverConnection.ts.

import { ConnectionOptions, ServerConnection } from './serverConnection';
import { ServerQuirks } from './serverQuirks';
import { BatchResult, TaskReads } from './taskReads';
import { TaskSubmits } from './taskSubmits';
import { SubmitResult, Task } from './types';

export type { BatchResult } from './taskReads';
export type { RequestEvent } from './serverConnection';

export interface ClientOptions extends ConnectionOptions {
  /**
   * Where this client keeps and finds what is learnt about servers at run time; clients that
   * share one share the lessons. Default: one of its own.
   */
  quirks?: ServerQuirks;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export class MjClient {
  /** The server's origin, as named in messages. */
  readonly server: string;
  private readonly reads: TaskReads;
  private readonly submits: TaskSubmits;

  /** Throws the validation message when the base URL is not usable. */
  constructor(opts: ClientOptions) {
    const conn = new ServerConnection(opts);
    this.server = conn.server;
    this.reads = new TaskReads(conn, opts.quirks ?? new ServerQuirks());
    this.submits = new TaskSubmits(conn);
  }

  fetchTask(id: string, o: CallOptions = {}): Promise<Task> {
    return this.reads.fetchTask(id, o.signal);
  }

  /**
   * Many tasks in as few requests as possible: list-by-condition in chunks of 100, or per-ID
   * fetches (4 at a time) on servers without it. Throws when the whole batch failed.
   */
  fetchTasks(ids: string[], o: CallOptions = {}): Promise<BatchResult> {
    return this.reads.fetchTasks(ids, o.signal);
  }

  /** Whether the server answers list-by-condition with a task list (Test Connection's second look). */
  listsTasks(ids: string[], o: CallOptions = {}): Promise<boolean> {
    return this.reads.listsTasks(ids, o.signal);
  }

  /** The Midjourney seed of a finished task (plus, trueai, gateways). */
  imageSeed(id: string, o: CallOptions = {}): Promise<string> {
    return this.reads.imageSeed(id, o.signal);
  }

  /** The server's recent tasks, newest first where it sorts them; 'unsupported' on gateways. */
  listRecent(o: CallOptions = {}): Promise<Task[] | 'unsupported'> {
    return this.reads.listRecent(o.signal);
  }

  /** Asks the server to cancel a task (plus; trueai with an admin token). */
  cancel(id: string, o: CallOptions = {}): Promise<void> {
    return this.submits.cancel(id, o.signal);
  }

  submitImagine(prompt: string, o: CallOptions = {}): Promise<SubmitResult> {
    return this.submits.imagine(prompt, o.signal);
  }

  submitAction(taskId: string, customId: string, o: CallOptions = {}): Promise<SubmitResult> {
    return this.submits.action(taskId, customId, o.signal);
  }

  submitModal(taskId: string, input: { prompt?: string; maskBase64?: string }, o: CallOptions = {}): Promise<SubmitResult> {
    return this.submits.modal(taskId, input, o.signal);
  }
}
