import type { SimContext } from './context';
import { rateLimitedReply, serverErrorReply, strayHtmlReply } from './dialectPages';
import { bodyReply, emptyReply, isJsonReply, jsonReply, jsonType, type Reply } from './reply';
import type { Route } from './routes';
import type { Fault } from './types';

// Injected failures. A fault applies to requests whose route key or path starts with its
// `path` (all requests without one), `times` times or forever. Latency faults add up and delay
// the request; of the others the first that matches decides the answer (or, for 'truncated'
// and 'paged', cuts the genuine one).

interface ActiveFault {
  fault: Fault;
  remaining: number;
}

export interface FaultDecision {
  latencyMs: number;
  /** The fault that replaces (or, for 'truncated', cuts) the answer; null for none. */
  effect: Fault | null;
}

export const DEFAULT_OVERSIZED_BYTES = 6 * 1024 * 1024;

function matches(fault: Fault, route: Route): boolean {
  const p = fault.path;
  if (p === undefined || p === '') return true;
  return route.key.startsWith(p) || route.path.startsWith(p) || route.rawPath.startsWith(p);
}

export class FaultSet {
  private active: ActiveFault[] = [];

  set(faults: readonly Fault[]): void {
    this.active = faults.map((fault) => ({ fault: { ...fault }, remaining: fault.times ?? Infinity }));
  }

  clear(): void {
    this.active = [];
  }

  /** Picks (and uses up) the faults for one request. */
  take(route: Route): FaultDecision {
    let latencyMs = 0;
    let effect: Fault | null = null;
    for (const a of this.active) {
      if (a.remaining <= 0 || !matches(a.fault, route)) continue;
      if (a.fault.kind === 'latency') {
        latencyMs += a.fault.ms;
        a.remaining--;
      } else if (effect === null) {
        effect = a.fault;
        a.remaining--;
      }
    }
    if (this.active.some((a) => a.remaining <= 0)) this.active = this.active.filter((a) => a.remaining > 0);
    return { latencyMs, effect };
  }
}

/** A fault's answer; `real` computes the genuine answer (only 'truncated' needs it). */
export function faultReply(ctx: SimContext, fault: Fault, route: Route, real: () => Reply): Reply {
  switch (fault.kind) {
    case 'latency':
      return real();
    case 'status429':
      return rateLimitedReply(ctx, fault.retryAfterSec);
    case 'status5xx':
      return serverErrorReply(ctx, fault.status ?? 500, route.rawPath);
    case 'html':
      return strayHtmlReply(ctx);
    case 'empty':
      return emptyReply(fault.status ?? 200);
    case 'reset':
      return { kind: 'reset' };
    case 'oversized':
      return { kind: 'oversized', bytes: fault.bytes ?? DEFAULT_OVERSIZED_BYTES, contentType: jsonType(ctx.dialect) };
    case 'truncated':
      return truncated(ctx, real());
    case 'paged':
      return paged(real(), fault.size ?? 1);
    case 'refusal':
      return refusal(ctx, fault);
    case 'lostAnswer':
      real();
      return fault.then === 'hang' ? { kind: 'hang' } : { kind: 'reset' };
  }
}

/** Codes new-api answers itself (validation, upstream unknown, group saturated); others it passes through. */
const GATEWAY_OWN_CODES = new Set([4, 5, 30]);

function refusal(ctx: SimContext, fault: Extract<Fault, { kind: 'refusal' }>): Reply {
  if (ctx.dialect === 'newapi' && GATEWAY_OWN_CODES.has(fault.code)) {
    const status = fault.status ?? (fault.code === 30 ? 429 : 400);
    return jsonReply(ctx.dialect, status, { code: fault.code, description: `${fault.description} `, type: 'upstream_error' });
  }
  return jsonReply(ctx.dialect, fault.status ?? 200, { code: fault.code, description: fault.description, result: null, properties: fault.properties ?? {} });
}

/** The genuine list answer with only its first `size` items; any other answer as it is. */
function paged(reply: Reply, size: number): Reply {
  if (!isJsonReply(reply)) return reply;
  const value: unknown = JSON.parse(reply.body.toString('utf8'));
  if (!Array.isArray(value)) return reply;
  return { ...reply, body: Buffer.from(JSON.stringify(value.slice(0, Math.max(0, size)))) };
}

/**
 * The genuine JSON cut in half, sent whole as far as HTTP goes (200, JSON type, a matching
 * Content-Length), so only a JSON parser notices. Answers without a JSON body are replaced by a
 * cut task object.
 */
function truncated(ctx: SimContext, reply: Reply): Reply {
  const full = isJsonReply(reply) && reply.body.length >= 4 ? reply.body : Buffer.from('{"id":"1730621826053455","action":"IMAGINE","status":"IN_PROGRESS","progress":"46%"}');
  return bodyReply(200, full.subarray(0, Math.floor(full.length / 2)), jsonType(ctx.dialect));
}

/** One chunk of oversized filler: task-like JSON objects, so the stream looks plausible. */
export function oversizedChunk(): Buffer {
  const item = JSON.stringify({ id: '1730621826053455', status: 'SUCCESS', padding: 'x'.repeat(1000) });
  const items: string[] = [];
  for (let i = 0; i < 64; i++) items.push(item);
  return Buffer.from(items.join(',') + ',');
}
