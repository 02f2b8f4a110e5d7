// The simulator's public surface. Tests, the CLI, the demo and the benchmark all start one
// through `startSimulator` (index.ts); nothing here imports the server.

export type Dialect = 'novicezk' | 'trueai' | 'newapi';

export const DIALECTS: readonly Dialect[] = ['novicezk', 'trueai', 'newapi'];

export type SimStatus = 'NOT_START' | 'SUBMITTED' | 'IN_PROGRESS' | 'SUCCESS' | 'FAILURE' | 'MODAL' | 'CANCEL';

export interface SimulatorOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 8787; 0 picks any free port. */
  port?: number;
  /** Default 'newapi'. */
  dialect?: Dialect;
  /** Default 'mj-sim-key'; null turns authentication off. */
  apiKey?: string | null;
  /** 1: a grid takes ~15 s from submit to SUCCESS; 10: ten times faster. Default 1. */
  speed?: number;
  /** Seed the demo tasks (one in each state). Default false; main.ts turns it on. */
  seedDemo?: boolean;
  /** Called with one line per request (method, path, status, time, fault). */
  log?: (line: string) => void;
  /** The clock every task's state is computed from. Default Date.now; tests may pin it. */
  now?: () => number;
  /**
   * Nothing moves by itself: every task stays where it was created, seeded or submitted (as
   * TaskSpec.frozen does for one) until the test moves it with setTaskProgress or completeTask,
   * whatever the clock says. For tests that must not wait for time to pass. Default false.
   */
  frozen?: boolean;
  /**
   * Turns on the control routes (POST /_sim/tasks/:id/progress and …/complete, the same moves as
   * setTaskProgress and completeTask) for a test in another process; each request must carry this
   * token in an X-Sim-Control header. Default: no control routes.
   */
  controlToken?: string;
}

export interface TaskSpec {
  prompt?: string;
  /** IMAGINE (default), UPSCALE, VARIATION, REROLL, DESCRIBE, BLEND, PAN, ZOOM, VIDEO (four clips), … as the dialect names it. */
  action?: string;
  outcome?: 'SUCCESS' | 'FAILURE';
  failReason?: string;
  /** Submit → outcome, in real milliseconds (not scaled by speed). */
  durationMs?: number;
  /** Where the task is now; a moving task continues from there. Default NOT_START (just submitted). */
  status?: SimStatus;
  /** 0–100, for IN_PROGRESS. */
  progress?: number;
  /** Stays exactly where it is until completeTask (or cancel / modal) moves it. */
  frozen?: boolean;
  /** Links the task to a parent (trueai shows it as parentId). */
  parentId?: string;
  /**
   * Raw fields laid over the rendered task JSON on every fetch (e.g. `imageUrl`, `imageUrls`,
   * `seed`), for tests that need what no real lifecycle produces: hostile URLs, odd shapes.
   */
  overrides?: Record<string, unknown>;
  /**
   * Hand out the result's links (image, images, videos) the way Discord attachments look, with
   * their expiry in the query (`?ex=<Unix seconds, hex>&is=…&hm=…`) at this epoch ms; after it the
   * links answer 404 as Discord's do. Default: plain links without expiry.
   */
  linkExpiresAt?: number;
}

interface FaultScope {
  /** A route key ('GET /mj/task/:id/fetch') or a path/route-key prefix ('/mj/task', 'POST /mj/submit'). */
  path?: string;
  /** Applies this many times, then stops. Default: forever. */
  times?: number;
}

export type Fault = FaultScope &
  (
    | { kind: 'latency'; ms: number }
    | { kind: 'status429'; retryAfterSec?: number }
    | { kind: 'status5xx'; status?: number }
    | { kind: 'html' }
    | { kind: 'truncated' }
    | { kind: 'oversized'; bytes?: number }
    | { kind: 'reset' }
    /** List answers hold at most `size` tasks (default 1), as a relay that pages them would send. */
    | { kind: 'paged'; size?: number }
    /** An empty body: 200 by default (novicezk's "no such task"), or another status (a bare 404). */
    | { kind: 'empty'; status?: number }
    /**
     * A submit refused the dialect's way: the proxies' `{code, description, result: null,
     * properties}` with HTTP 200; on newapi a gateway's own code (4, 5, 30) as its 400/429
     * `upstream_error`, other codes passed through like the proxies'. `status` overrides the HTTP status.
     */
    | { kind: 'refusal'; code: number; description: string; properties?: Record<string, unknown>; status?: number }
    /**
     * The request is carried out (a submit makes its task), and then its answer is lost: the
     * connection is reset (default) or held open unanswered until the client gives up ('hang').
     */
    | { kind: 'lostAnswer'; then?: 'reset' | 'hang' }
  );

export type FaultKind = Fault['kind'];

export interface Simulator {
  /** e.g. http://127.0.0.1:8787 — the base URL a client is configured with. */
  readonly url: string;
  readonly port: number;
  readonly dialect: Dialect;
  readonly apiKey: string | null;
  /** The seeded demo tasks, in the order demoTasks() describes them. Empty without seedDemo. */
  readonly demoTaskIds: string[];
  /** The seeded demo tasks with what each one shows. */
  demoTasks(): DemoTask[];
  /** Creates a task as if it had been submitted (or had got as far as spec.status); returns its ID. */
  createTask(spec?: TaskSpec): string;
  /** Finishes a task now. */
  completeTask(id: string, outcome?: 'SUCCESS' | 'FAILURE', failReason?: string): void;
  /**
   * Puts a task IN_PROGRESS at `progress` (0–100) now and keeps it there until the next move
   * (this, completeTask, a cancel). Throws for a task that has finished.
   */
  setTaskProgress(id: string, progress: number): void;
  /** The task JSON a fetch would return now, or undefined when the ID is unknown. */
  getTaskJson(id: string): unknown;
  /** The task's status now, in the simulator's own terms (newapi's "" shows as NOT_START). */
  getTaskStatus(id: string): SimStatus | undefined;
  setFaults(faults: Fault[]): void;
  clearFaults(): void;
  /** Requests by route key, e.g. 'GET /mj/task/:id/fetch', 'POST /mj/task/list-by-condition'. */
  requestCounts(): Record<string, number>;
  totalRequests(): number;
  /** Every request in the order they came (the last 10 000), with the path as asked and the task IDs asked about. */
  requestLog(): LoggedRequest[];
  /** Clears the counts and the request log. */
  resetCounts(): void;
  /** Stops listening and destroys every open socket (keep-alive included). */
  close(): Promise<void>;
}

export interface LoggedRequest {
  method: string;
  /** The route key, e.g. 'POST /mj/task/list-by-condition' (the same whatever prefix was used). */
  key: string;
  /** The path as requested, without the query, e.g. '/api/mj/task/list-by-condition'. */
  path: string;
  /** The task IDs it asked about (a fetch's ID, a list's `ids`); empty for other routes. */
  ids: string[];
  /** When it arrived (the simulator's clock). */
  at: number;
}

export interface DemoTask {
  id: string;
  /** What the demo task is for, e.g. 'finished IMAGINE grid'. */
  role: string;
  /** Its status when seeded (moving ones change). */
  status: SimStatus;
}
