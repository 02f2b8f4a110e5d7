// The simulator as a library: a real HTTP server on loopback that speaks the Midjourney-proxy
// API in one of three dialects (novicezk, trueai, newapi). Prompt triggers (fail, --banned,
// --bigid) are listed in prompts.ts; the command-line entry is main.ts.

export { startSimulator } from './simulator';
export { DIALECTS } from './types';
export type { DemoTask, Dialect, Fault, FaultKind, LoggedRequest, Simulator, SimulatorOptions, SimStatus, TaskSpec } from './types';
export { authHint } from './auth';
export { BASE_DURATION_MS } from './lifecycle';
