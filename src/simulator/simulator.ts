import type { SimContext } from './context';
import { seedDemo } from './demo';
import { SimHttpServer } from './httpServer';
import { IdSource } from './ids';
import { stateAt } from './lifecycle';
import { renderSimTask } from './renderSimTask';
import { INTERNAL_ERROR_REASON, SimTaskStore } from './simTaskStore';
import type { DemoTask, Dialect, Fault, Simulator, SimulatorOptions, SimStatus, TaskSpec } from './types';

// startSimulator: wires the store, the context and the HTTP server into the Simulator handle.

function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const host = opts.host ?? '127.0.0.1';
  const dialect: Dialect = opts.dialect ?? 'newapi';
  const apiKey = opts.apiKey === undefined ? 'mj-sim-key' : opts.apiKey;
  const speed = opts.speed ?? 1;
  if (!(speed > 0) || !Number.isFinite(speed)) throw new Error(`speed must be a positive number, got ${speed}`);
  const now = opts.now ?? Date.now;
  const ids = new IdSource();
  const ctx: SimContext = {
    dialect,
    apiKey,
    url: '',
    now,
    store: new SimTaskStore(ids, speed, now, opts.frozen ?? false),
    ids,
    log: opts.log ?? (() => undefined),
    remix: opts.remix ?? false,
  };
  const server = new SimHttpServer(ctx, opts.controlToken);
  const port = await server.listen(opts.port ?? 8787, host);
  ctx.url = `http://${urlHost(host)}:${port}`;
  const demo: DemoTask[] = opts.seedDemo ? seedDemo(ctx, speed) : [];

  return {
    url: ctx.url,
    port,
    dialect,
    apiKey,
    demoTaskIds: demo.map((d) => d.id),
    demoTasks: () => demo.map((d) => ({ ...d })),
    createTask(spec: TaskSpec = {}): string {
      const defaultAction = spec.status === 'MODAL' ? (dialect === 'newapi' ? 'CUSTOM_ZOOM' : 'ZOOM') : 'IMAGINE';
      return ctx.store.addFromSpec(spec, defaultAction).id;
    },
    completeTask(id: string, outcome: 'SUCCESS' | 'FAILURE' = 'SUCCESS', failReason?: string): void {
      ctx.store.complete(ctx.store.known(id), outcome, failReason ?? INTERNAL_ERROR_REASON);
    },
    setTaskProgress(id: string, progress: number): void {
      ctx.store.setProgress(ctx.store.known(id), progress);
    },
    getTaskJson(id: string): unknown {
      const task = ctx.store.get(id);
      return task ? renderSimTask(task, ctx) : undefined;
    },
    getTaskStatus(id: string): SimStatus | undefined {
      const task = ctx.store.get(id);
      return task ? stateAt(task, now()).status : undefined;
    },
    setRemix(on: boolean): void {
      ctx.remix = on;
    },
    setFaults: (faults: Fault[]) => server.faults.set(faults),
    clearFaults: () => server.faults.clear(),
    requestCounts: () => server.requestCounts(),
    totalRequests: () => server.totalRequests(),
    requestLog: () => server.requests.list(),
    resetCounts: () => server.resetCounts(),
    close: () => server.close(),
  };
}
