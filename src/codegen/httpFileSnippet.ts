// The `.http` form that REST Client and the other HTTP-file tools read: a request block with the
// key as `{{$dotenv MJ_API_KEY}}` (read from the .env file beside it). No loop in this format: a
// task is one fetch, sent again until its status is final. Nothing from a server can open a
// `{{…}}` variable: URLs are percent-encoded and the JSON body escapes its braces.

import { actionBody, authHeaderOf, fetchTaskUrl, headline, httpJsonString, stopStatuses, submitActionUrl } from './snippetParts';
import { API_KEY_ENV, SnippetServer, SnippetSubject } from './snippetTypes';

export function httpFileSnippet(server: SnippetServer, subject: SnippetSubject): string {
  const auth = authHeaderOf(server);
  const authLine = auth ? [`${auth.name}: ${auth.prefix}{{$dotenv ${API_KEY_ENV}}}`] : [];
  const keyNote = auth ? `# The key comes from ${API_KEY_ENV} in the .env file beside this one.` : '# This server takes no API key.';
  if (subject.kind === 'button') {
    return [
      '###',
      `# ${headline(subject)}`,
      '# Each Send submits once; the answer\'s "result" is the new task ID.',
      keyNote,
      `POST ${submitActionUrl(server)}`,
      ...authLine,
      'Content-Type: application/json',
      '',
      actionBody(subject, httpJsonString),
      '',
    ].join('\n');
  }
  return [
    '###',
    `# ${headline(subject)}`,
    `# Send again until "status" is ${stopStatuses().join(', ')}.`,
    keyNote,
    `GET ${fetchTaskUrl(server, subject.taskId)}`,
    ...authLine,
    '',
  ].join('\n');
}
