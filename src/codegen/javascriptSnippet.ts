// The TypeScript and JavaScript forms: Node 18+'s global `fetch`, no dependencies. One template,
// with type annotations only in the TypeScript one (which type-checks under `strict`).

import { toStringLiteral } from '../preview/host/stringLiteral';
import { ACCEPTED_CODES, authHeaderOf, headline, keyNote, snippetApiRoot, stopStatuses } from './snippetParts';
import { API_KEY_ENV, SNIPPET_POLL_SECONDS, SnippetServer, SnippetSubject } from './snippetTypes';

const lit = (s: string) => toStringLiteral(s, 'json');

export function javascriptSnippet(server: SnippetServer, subject: SnippetSubject, typed: boolean): string {
  const t = (annotation: string) => (typed ? annotation : '');
  const auth = authHeaderOf(server);
  const lines: string[] = [
    `// ${headline(subject)}`,
    `// ${keyNote(server)} Needs Node 18 or later (global fetch).`,
    `const MJ_API = ${lit(snippetApiRoot(server))};`,
    `const MJ_STOP_STATUSES = [${stopStatuses().map(lit).join(', ')}];`,
    '',
  ];
  if (typed) {
    lines.push(
      'interface MjTask {',
      '  id: string;',
      '  status: string;',
      '  progress?: string;',
      '  imageUrl?: string | null;',
      '  failReason?: string | null;',
      '}',
      '',
    );
  }
  lines.push(`function mjHeaders()${t(': Record<string, string>')} {`);
  if (auth) {
    lines.push(
      `  const key = process.env.${API_KEY_ENV};`,
      `  if (!key) throw new Error(${lit(`Set ${API_KEY_ENV} to your API key.`)});`,
      `  return { "Content-Type": "application/json", ${lit(auth.name)}: ${auth.prefix ? `${lit(auth.prefix)} + key` : 'key'} };`,
    );
  } else {
    lines.push('  return { "Content-Type": "application/json" };');
  }
  lines.push('}', '');
  if (subject.kind === 'button') {
    lines.push(
      '/** Sends the press once (it is billed): never retried. Returns the ID of the task it made. */',
      `async function mjSubmitAction(taskId${t(': string')}, customId${t(': string')})${t(': Promise<string>')} {`,
      '  const res = await fetch(`${MJ_API}/mj/submit/action`, {',
      '    method: "POST",',
      '    headers: mjHeaders(),',
      '    body: JSON.stringify({ taskId, customId }),',
      '  });',
      `  const body = (await res.json())${t(' as { code?: number; description?: string; result?: unknown }')};`,
      '  // 1 submitted, 21 waits for a modal (/mj/submit/modal), 22 queued; anything else is a refusal.',
      `  if (!res.ok || ![${ACCEPTED_CODES.join(', ')}].includes(body.code ?? 0)) {`,
      '    throw new Error(`Refused (HTTP ${res.status}, code ${body.code}): ${body.description ?? ""}`);',
      '  }',
      '  return String(body.result);',
      '}',
      '',
    );
  }
  lines.push(
    `async function mjFetchTask(id${t(': string')})${t(': Promise<MjTask>')} {`,
    '  const res = await fetch(`${MJ_API}/mj/task/${encodeURIComponent(id)}/fetch`, { headers: mjHeaders() });',
    '  const text = await res.text();',
    '  if (!res.ok || text.trim() === "") throw new Error(`Task ${id}: HTTP ${res.status} ${text.slice(0, 200)}`);',
    `  return JSON.parse(text)${t(' as MjTask')};`,
    '}',
    '',
    `async function mjWaitForTask(id${t(': string')})${t(': Promise<MjTask>')} {`,
    '  for (;;) {',
    '    const task = await mjFetchTask(id);',
    '    console.log(`${id}: ${task.status || "SUBMITTED"} ${task.progress ?? ""}`);',
    '    if (MJ_STOP_STATUSES.includes(task.status)) return task;',
    `    await new Promise((resolve) => setTimeout(resolve, ${SNIPPET_POLL_SECONDS * 1000}));`,
    '  }',
    '}',
    '',
    `async function main()${t(': Promise<void>')} {`,
  );
  if (subject.kind === 'button') {
    lines.push(
      `  const id = await mjSubmitAction(${lit(subject.taskId)}, ${lit(subject.customId)});`,
      '  console.log(`Submitted: ${id}`);',
    );
  } else {
    lines.push(`  const id = ${lit(subject.taskId)};`);
  }
  lines.push(
    '  const task = await mjWaitForTask(id);',
    '  console.log(task.status, task.imageUrl || task.failReason || "");',
    '}',
    '',
    'main().catch((err) => {',
    '  console.error(err instanceof Error ? err.message : err);',
    '  process.exitCode = 1;',
    '});',
  );
  return lines.join('\n') + '\n';
}
