import { expiredLinkReply, linkHasExpired } from './discordLinks';
import type { IncomingHttpHeaders } from 'http';
import { isAuthorized } from './auth';
import type { SimContext } from './context';
import { badRequestBodyReply, unauthorizedReply, unknownPathReply } from './dialectPages';
import type { Reply } from './reply';
import { acceptsMode, modeOf, supports, type Route } from './routes';
import { submit } from './submitRoutes';
import { cancelTask, fetchTask, imageFile, imageSeed, listAll, listByIds, listQueue, taskImage } from './taskRoutes';
import { videoFile } from './video';

// One request → one Reply: which routes the dialect has, auth, body parsing, then the handler.

export interface SimRequest {
  method: string;
  route: Route;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** new-api's request IDs: a timestamp and a counter, in the error message of a 401. */
function requestId(ctx: SimContext, n: number): string {
  const d = new Date(ctx.now());
  const stamp = d.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `${stamp}${String(n).padStart(8, '0')}`;
}

function parseJson(body: Buffer): { ok: true; value: unknown } | { ok: false } {
  if (body.length === 0) return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) };
  } catch {
    return { ok: false };
  }
}

/** Paths novicezk's auth interceptor guards (WebMvcConfig: /submit/**, /task/**, /account/**). */
function guarded(route: Route): boolean {
  return /^\/mj\/(submit|task|account)(\/|$)/.test(route.path);
}

export function dispatch(ctx: SimContext, req: SimRequest, requestNumber: number): Reply {
  const { route } = req;
  if ((route.name === 'image' || route.name === 'video') && linkHasExpired(route.query, ctx.now())) return expiredLinkReply();
  if (route.name === 'image') return imageFile(route.param);
  if (route.name === 'video') return videoFile(route.param, req.headers.range);
  const accept = String(req.headers.accept ?? '');
  const known = supports(ctx.dialect, route) && acceptsMode(ctx.dialect, route.modeSegment);
  if (!known) {
    // The self-hosted proxies check the key before they find out the path does not exist;
    // new-api's web UI fallback needs no key.
    if (ctx.dialect !== 'newapi' && guarded(route) && !isAuthorized(ctx.dialect, ctx.apiKey, req.headers)) {
      return unauthorizedReply(ctx, requestId(ctx, requestNumber));
    }
    return unknownPathReply(ctx, req.method, route.rawPath, accept, route.underMj);
  }
  if (route.name === 'taskImage') return taskImage(ctx, route.param);
  if (!isAuthorized(ctx.dialect, ctx.apiKey, req.headers)) return unauthorizedReply(ctx, requestId(ctx, requestNumber));

  switch (route.name) {
    case 'fetch':
      return fetchTask(ctx, route.param);
    case 'imageSeed':
      return imageSeed(ctx, route.param);
    case 'cancel':
      return cancelTask(ctx, route.param);
    case 'list':
      return listAll(ctx);
    case 'queue':
      return listQueue(ctx);
    default:
      break;
  }
  const parsed = parseJson(req.body);
  if (!parsed.ok) return badRequestBodyReply(ctx, route.rawPath);
  if (route.name === 'submit') return submit(ctx, route.param, parsed.value, modeOf(route.modeSegment));
  return listByIds(ctx, parsed.value);
}
