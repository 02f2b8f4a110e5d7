// The Python forms: with `requests`, or with the standard library only (urllib), for scripts
// that must not install anything. Python 3.7+.

import { toStringLiteral } from '../preview/host/stringLiteral';
import { ACCEPTED_CODES, authHeaderOf, headline, keyNote, snippetApiRoot, stopStatuses } from './snippetParts';
import { API_KEY_ENV, SNIPPET_POLL_SECONDS, SnippetServer, SnippetSubject } from './snippetTypes';

const lit = (s: string) => toStringLiteral(s, 'python');

function headersFunction(server: SnippetServer): string[] {
  const auth = authHeaderOf(server);
  const entries = ['"Content-Type": "application/json"'];
  if (auth) {
    entries.push(`${lit(auth.name)}: ${auth.prefix ? `${lit(auth.prefix)} + ` : ''}os.environ[${lit(API_KEY_ENV)}]`);
  }
  return ['def mj_headers():', `    return {${entries.join(', ')}}`, '', ''];
}

function prelude(server: SnippetServer, subject: SnippetSubject, imports: string[]): string[] {
  return [
    `# ${headline(subject)}`,
    `# ${keyNote(server)}`,
    ...imports,
    '',
    `MJ_API = ${lit(snippetApiRoot(server))}`,
    `MJ_STOP_STATUSES = (${stopStatuses().map(lit).join(', ')})`,
    `MJ_ACCEPTED_CODES = (${ACCEPTED_CODES.join(', ')})  # 1 submitted, 21 waits for a modal, 22 queued`,
    '',
    '',
    ...headersFunction(server),
  ];
}

function waitAndMain(subject: SnippetSubject): string[] {
  const start =
    subject.kind === 'button'
      ? [`    task_id = mj_submit_action(${lit(subject.taskId)}, ${lit(subject.customId)})`, '    print("Submitted:", task_id)']
      : [`    task_id = ${lit(subject.taskId)}`];
  return [
    'def mj_wait_for_task(task_id):',
    '    while True:',
    '        task = mj_fetch_task(task_id)',
    '        print(task_id + ":", task.get("status") or "SUBMITTED", task.get("progress") or "")',
    '        if task.get("status") in MJ_STOP_STATUSES:',
    '            return task',
    `        time.sleep(${SNIPPET_POLL_SECONDS})`,
    '',
    '',
    'if __name__ == "__main__":',
    ...start,
    '    task = mj_wait_for_task(task_id)',
    '    print(task.get("status"), task.get("imageUrl") or task.get("failReason") or "")',
  ];
}

export function pythonRequestsSnippet(server: SnippetServer, subject: SnippetSubject): string {
  const lines = prelude(server, subject, ['import os', 'import time', 'from urllib.parse import quote', '', 'import requests']);
  if (subject.kind === 'button') {
    lines.push(
      'def mj_submit_action(task_id, custom_id):',
      '    """Sends the press once (it is billed): never retried. Returns the ID of the task it made."""',
      '    r = requests.post(MJ_API + "/mj/submit/action", json={"taskId": task_id, "customId": custom_id}, headers=mj_headers(), timeout=30)',
      '    body = r.json()',
      '    if not r.ok or body.get("code") not in MJ_ACCEPTED_CODES:',
      '        raise RuntimeError("Refused (HTTP %d, code %s): %s" % (r.status_code, body.get("code"), body.get("description")))',
      '    return str(body["result"])',
      '',
      '',
    );
  }
  lines.push(
    'def mj_fetch_task(task_id):',
    '    r = requests.get(MJ_API + "/mj/task/" + quote(task_id, safe="") + "/fetch", headers=mj_headers(), timeout=30)',
    '    if not r.ok or not r.text.strip():',
    '        raise RuntimeError("Task %s: HTTP %d %s" % (task_id, r.status_code, r.text[:200]))',
    '    return r.json()',
    '',
    '',
    ...waitAndMain(subject),
  );
  return lines.join('\n') + '\n';
}

export function pythonUrllibSnippet(server: SnippetServer, subject: SnippetSubject): string {
  const lines = prelude(server, subject, ['import json', 'import os', 'import time', 'import urllib.error', 'import urllib.request', 'from urllib.parse import quote']);
  lines.push(
    'def mj_request(method, path, body=None):',
    '    data = None if body is None else json.dumps(body).encode("utf-8")',
    '    request = urllib.request.Request(MJ_API + path, data=data, method=method, headers=mj_headers())',
    '    try:',
    '        with urllib.request.urlopen(request, timeout=30) as response:',
    '            status, text = response.status, response.read().decode("utf-8")',
    '    except urllib.error.HTTPError as error:',
    '        status, text = error.code, error.read().decode("utf-8", "replace")',
    '    return status, text',
    '',
    '',
  );
  if (subject.kind === 'button') {
    lines.push(
      'def mj_submit_action(task_id, custom_id):',
      '    """Sends the press once (it is billed): never retried. Returns the ID of the task it made."""',
      '    status, text = mj_request("POST", "/mj/submit/action", {"taskId": task_id, "customId": custom_id})',
      '    body = json.loads(text)',
      '    if status >= 400 or body.get("code") not in MJ_ACCEPTED_CODES:',
      '        raise RuntimeError("Refused (HTTP %d, code %s): %s" % (status, body.get("code"), body.get("description")))',
      '    return str(body["result"])',
      '',
      '',
    );
  }
  lines.push(
    'def mj_fetch_task(task_id):',
    '    status, text = mj_request("GET", "/mj/task/" + quote(task_id, safe="") + "/fetch")',
    '    if status >= 400 or not text.strip():',
    '        raise RuntimeError("Task %s: HTTP %d %s" % (task_id, status, text[:200]))',
    '    return json.loads(text)',
    '',
    '',
    ...waitAndMain(subject),
  );
  return lines.join('\n') + '\n';
}
