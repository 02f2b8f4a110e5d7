// The curl form, a bash script. Values are shell literals (single quotes, or $'…' where something
// invisible needs an escape); the key is expanded from the environment inside double quotes and
// the script stops with a message when it is unset (${VAR:?…}). A button is one POST (no loop:
// shell has no JSON reader to take the new ID from); a task is fetched until its status stops.

import { toStringLiteral } from '../preview/host/stringLiteral';
import { actionBody, authHeaderOf, headline, keyNote, stopStatuses, submitActionUrl, fetchTaskUrl } from './snippetParts';
import { API_KEY_ENV, SNIPPET_POLL_SECONDS, SnippetServer, SnippetSubject } from './snippetTypes';

const lit = (s: string) => toStringLiteral(s, 'shell');

/** The `-H` argument of the auth header; the header name and prefix come from a fixed table. */
function authArgument(server: SnippetServer): string | null {
  const auth = authHeaderOf(server);
  return auth ? `-H "${auth.name}: ${auth.prefix}\${${API_KEY_ENV}:?set ${API_KEY_ENV} to your API key}"` : null;
}

export function curlSnippet(server: SnippetServer, subject: SnippetSubject): string {
  const auth = authArgument(server);
  const lines = ['#!/usr/bin/env bash', `# ${headline(subject)}`, `# ${keyNote(server)}`];
  if (subject.kind === 'button') {
    // The JSON is built with JSON escapes first, then quoted for the shell as a whole.
    const body = actionBody(subject, (s) => toStringLiteral(s, 'json'));
    lines.push(
      '# Prints the answer: {"code": 1, "result": "<new task ID>", …} (21 waits for a modal, 22 is queued).',
      `curl -sS -X POST ${lit(submitActionUrl(server))} \\`,
      ...(auth ? [`  ${auth} \\`] : []),
      `  -H 'Content-Type: application/json' \\`,
      `  --data-raw ${lit(body)}`,
    );
    return lines.join('\n') + '\n';
  }
  const stops = stopStatuses().join('|');
  lines.push(
    'set -euo pipefail',
    `url=${lit(fetchTaskUrl(server, subject.taskId))}`,
    'while :; do',
    `  body=$(curl -sS --fail "$url"${auth ? ` ${auth}` : ''})`,
    '  if [ -z "$body" ]; then echo "No such task on this server." >&2; exit 1; fi',
    `  status=$(printf '%s' "$body" | grep -o '"status" *: *"[A-Za-z_]*"' | head -n 1 | sed 's/.*"\\([A-Za-z_]*\\)"$/\\1/' || true)`,
    '  echo "status: ${status:-SUBMITTED}" >&2',
    '  case "$status" in',
    `    ${stops}) printf '%s\\n' "$body"; break ;;`,
    '  esac',
    `  sleep ${SNIPPET_POLL_SECONDS}`,
    'done',
  );
  return lines.join('\n') + '\n';
}
