// What every snippet form shares: the endpoint URLs (through baseUrl.ts, so `/mj` is never
// doubled), the auth header each scheme sends, the statuses a wait loop stops on, and comments
// that cannot end early. Every value from a server or a setting reaches the code only as a
// literal of the target language (stringLiteral.ts) — a customId is server text.

import { describeCustomId } from '../core/customId';
import { apiRoot, endpoint } from '../core/baseUrl';
import { TERMINAL_STATUSES } from '../core/types';
import { isInvisible, toStringLiteral } from '../preview/host/stringLiteral';
import { API_KEY_ENV, SnippetServer, SnippetSubject } from './snippetTypes';

/** The header the scheme carries the key in, and what precedes the key in its value; null for `none`. */
export interface AuthHeader {
  readonly name: string;
  readonly prefix: string;
}

/** The same shapes as authHeaders() in core/http.ts, with the key left to the environment. */
export function authHeaderOf(server: SnippetServer): AuthHeader | null {
  switch (server.auth) {
    case 'bearer':
      return { name: 'Authorization', prefix: 'Bearer ' };
    case 'raw':
      return { name: 'Authorization', prefix: '' };
    case 'mj-api-secret':
      return { name: 'mj-api-secret', prefix: '' };
    case 'none':
      return null;
  }
}

/** The root API paths are appended to (`https://host/mj-relax`, no trailing slash). */
export function snippetApiRoot(server: SnippetServer): string {
  return apiRoot(server.baseUrl);
}

export function submitActionUrl(server: SnippetServer): string {
  return endpoint(server.baseUrl, '/mj/submit/action');
}

/** The fetch URL of one task, its ID percent-encoded (no `/`, `?`, `{`, space or newline left raw). */
export function fetchTaskUrl(server: SnippetServer, taskId: string): string {
  return endpoint(server.baseUrl, '/mj/task/{id}/fetch', { id: taskId });
}

/** SUCCESS, FAILURE, CANCEL — the vocabulary's terminal statuses — and MODAL, which waits for a person. */
export function stopStatuses(): string[] {
  return [...TERMINAL_STATUSES, 'MODAL'];
}

/** The submit codes a button press is accepted with (1 submitted, 21 modal, 22 queued). */
export const ACCEPTED_CODES = [1, 21, 22] as const;

const COMMENT_MAX = 100;

/**
 * Text for a line comment: every line terminator of any language (\n, \r, U+2028/9, NEL…) and
 * every invisible or direction-changing character becomes a space, so the comment cannot end
 * early and let the rest of the text run as code.
 */
export function commentText(text: string): string {
  let out = '';
  for (const ch of text) {
    out += isInvisible(ch.codePointAt(0)!) ? ' ' : ch;
  }
  out = out.replace(/\s+/g, ' ').trim();
  return out.length > COMMENT_MAX ? out.slice(0, COMMENT_MAX - 1) + '…' : out;
}

/** The first line of a snippet: what it does, in words ("Upscale image 2 of task 123"). */
export function headline(subject: SnippetSubject): string {
  if (subject.kind === 'button') {
    const what = describeCustomId(subject.customId).meaning;
    return commentText(`MJ Tasks: ${what} (task ${subject.taskId}) with POST /mj/submit/action, a billed job`);
  }
  return commentText(`MJ Tasks: fetch task ${subject.taskId} and wait until it is done`);
}

/** A line saying where the key comes from; '' for servers without auth. */
export function keyNote(server: SnippetServer): string {
  return authHeaderOf(server) ? `The API key is read from the environment variable ${API_KEY_ENV}.` : 'This server takes no API key.';
}

/**
 * A JSON text for a .http body: strings as JSON literals with `{` and `}` escaped as \u007B and
 * \u007D, so no `{{…}}` in a customId is read as a REST Client variable.
 */
export function httpJsonString(text: string): string {
  return toStringLiteral(text, 'json').replace(/[{}]/g, (c) => (c === '{' ? '\\u007B' : '\\u007D'));
}

/** The request body of a button press as a compact JSON text (for curl and .http). */
export function actionBody(subject: { taskId: string; customId: string }, stringOf: (s: string) => string): string {
  return `{"taskId": ${stringOf(subject.taskId)}, "customId": ${stringOf(subject.customId)}}`;
}
