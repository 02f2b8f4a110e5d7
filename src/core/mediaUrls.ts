// Image and video URLs as a user can open them. Gateways build their own `/mj/image/{id}` links
// from an address the admin configures: unset, new-api falls back to http://localhost:3000 and
// some forks leave it empty, so a relay on the internet hands out links to the user's own
// machine or bare paths. Both are pointed back at the server the task came from.

import { Task } from './types';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '0.0.0.0', '[::1]', '[::]']);

/** The task with its media URLs made absolute against `server` (the base URL's origin) where they need it. */
export function resolveMediaUrls(task: Task, server: URL): Task {
  const fix = (url: string): string => resolveMediaUrl(url, server);
  const imageUrl = task.imageUrl === null ? null : fix(task.imageUrl);
  const imageUrls = task.imageUrls.map(fix);
  const videoUrls = task.videoUrls.map(fix);
  const same = imageUrl === task.imageUrl && imageUrls.every((u, i) => u === task.imageUrls[i]) && videoUrls.every((u, i) => u === task.videoUrls[i]);
  return same ? task : { ...task, imageUrl, imageUrls, videoUrls };
}

export function resolveMediaUrl(url: string, server: URL): string {
  const text = url.trim();
  // Protocol-relative (`//cdn.example/x.png`): the server's own scheme.
  if (text.startsWith('//')) return `${server.protocol}${text}`;
  // Root-relative (`/mj/image/123`): a path on the server itself.
  if (text.startsWith('/')) return server.origin + text;
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return url;
  }
  const toLoopback = LOOPBACK_HOSTS.has(parsed.hostname) && !LOOPBACK_HOSTS.has(server.hostname);
  if (toLoopback && /\/mj\/image\//.test(parsed.pathname)) {
    return server.origin + parsed.pathname + parsed.search;
  }
  return url;
}
