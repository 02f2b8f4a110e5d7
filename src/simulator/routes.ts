import type { Dialect } from './types';

// Request path → route. Paths are accepted at /mj/…, under one mode segment (/mj-fast/mj/…,
// /fast/mj/… on newapi) and under an extra /api (some relays mount there); the route key is the
// same for all of them, so counts and faults do not care which base URL a client used.

export type RouteName =
  | 'fetch'
  | 'listByCondition'
  | 'listByIds'
  | 'imageSeed'
  | 'cancel'
  | 'list'
  | 'queue'
  | 'submit'
  | 'taskImage'
  | 'image'
  | 'video'
  | 'unknown';

export interface Route {
  name: RouteName;
  /** e.g. 'GET /mj/task/:id/fetch'; unknown routes: method and the path as normalized. */
  key: string;
  /** Path after the prefixes were removed, e.g. /mj/task/123/fetch. */
  path: string;
  /** The path as requested, without the query. */
  rawPath: string;
  /** Task ID, image name, clip name ('<hash>/0_1.mp4'), or submit kind ('imagine', 'action', …). */
  param: string;
  /** The mode segment before /mj, if any ('mj-relax', 'fast', …). */
  modeSegment: string | null;
  /** The path ended up under /mj (novicezk's Spring context). */
  underMj: boolean;
  /** The query string without '?', '' when none (Discord-style media links carry their expiry there). */
  query: string;
}

const TRUEAI_MODES = new Set(['mj-fast', 'mj-turbo', 'mj-relax']);

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function parseRoute(method: string, url: string): Route {
  const rawPath = url.split('?')[0] || '/';
  const segs = rawPath.split('/').filter((s) => s !== '');
  let i = 0;
  if (segs[i] === 'api' && segs.length > i + 1) i++;
  let modeSegment: string | null = null;
  if (segs[i] !== 'mj' && segs[i + 1] === 'mj') modeSegment = segs[i++];
  const rest = segs.slice(i);
  const path = '/' + rest.join('/');
  const base = { path, rawPath, modeSegment, underMj: rest[0] === 'mj', query: url.split('?').slice(1).join('?') };
  const route = (name: RouteName, key: string, param = ''): Route => ({ ...base, name, key: `${method} ${key}`, param });

  if (method === 'GET' && rest.length === 2 && rest[0] === 'images' && rest[1].endsWith('.png')) {
    return route('image', '/images/:name', decode(rest[1].slice(0, -4)));
  }
  if ((method === 'GET' || method === 'HEAD') && rest.length === 3 && rest[0] === 'videos' && rest[2].endsWith('.mp4')) {
    return route('video', '/videos/:job/:clip', `${decode(rest[1])}/${decode(rest[2])}`);
  }
  if (rest[0] === 'mj') {
    const [, a, b, c] = rest;
    const n = rest.length;
    if (a === 'task') {
      if (method === 'GET' && n === 4 && c === 'fetch') return route('fetch', '/mj/task/:id/fetch', decode(b));
      if (method === 'GET' && n === 4 && c === 'image-seed') return route('imageSeed', '/mj/task/:id/image-seed', decode(b));
      if (method === 'POST' && n === 4 && c === 'cancel') return route('cancel', '/mj/task/:id/cancel', decode(b));
      if (method === 'POST' && n === 3 && b === 'list-by-condition') return route('listByCondition', '/mj/task/list-by-condition');
      if (method === 'POST' && n === 3 && b === 'list-by-ids') return route('listByIds', '/mj/task/list-by-ids');
      if (method === 'GET' && n === 3 && b === 'list') return route('list', '/mj/task/list');
      if (method === 'GET' && n === 3 && b === 'queue') return route('queue', '/mj/task/queue');
    }
    if (a === 'submit' && method === 'POST' && n === 3) return route('submit', `/mj/submit/${b}`, b);
    if (a === 'image' && method === 'GET' && n === 3) return route('taskImage', '/mj/image/:id', decode(b));
  }
  return route('unknown', path);
}

/** Whether the dialect's server accepts this mode segment in front of /mj. */
export function acceptsMode(dialect: Dialect, modeSegment: string | null): boolean {
  if (modeSegment === null) return true;
  // new-api mounts /:mode/mj/… for any single segment; the self-hosted proxies know their three.
  return dialect === 'newapi' || TRUEAI_MODES.has(modeSegment);
}

/** RELAX/TURBO when the path asked for it (the trueai convention), else FAST. */
export function modeOf(modeSegment: string | null): 'FAST' | 'RELAX' | 'TURBO' {
  if (modeSegment === null) return 'FAST';
  if (modeSegment.includes('relax')) return 'RELAX';
  if (modeSegment.includes('turbo')) return 'TURBO';
  return 'FAST';
}

const SUBMITS_EVERYWHERE = new Set(['imagine', 'action', 'modal', 'describe', 'blend', 'shorten']);
/** Removed from trueai in v10; still on novicezk and the gateways. */
const SUBMITS_CHANGE = new Set(['change', 'simple-change']);

/** Does the dialect's server have this route at all? */
export function supports(dialect: Dialect, route: Route): boolean {
  switch (route.name) {
    case 'fetch':
    case 'listByCondition':
    case 'image':
    case 'video':
      return true;
    case 'submit':
      return SUBMITS_EVERYWHERE.has(route.param) || (SUBMITS_CHANGE.has(route.param) && dialect !== 'trueai');
    case 'listByIds':
    case 'cancel':
      return dialect === 'trueai';
    case 'imageSeed':
      return dialect !== 'novicezk';
    case 'list':
      return dialect !== 'newapi';
    case 'queue':
      return dialect === 'novicezk';
    case 'taskImage':
      return dialect === 'newapi';
    case 'unknown':
      return false;
  }
}
