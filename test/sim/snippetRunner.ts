// Runs a generated snippet the way its user would: TypeScript type-checked (strict) and
// transpiled, then run under Node like the JavaScript one; Python under python3; curl under bash;
// a `.http` block parsed and sent by the small sender below (what REST Client does with it).
// Each process gets a clean environment: PATH, a throw-away HOME and MJ_API_KEY — no proxy
// variables, and no other place a key could come from.

import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { CodeLanguage } from '../../src/codegen/snippetTypes';

const ROOT = path.resolve(__dirname, '..', '..', '..');

export interface SnippetRun {
  /** Everything the snippet printed so far (stdout), growing while it runs. */
  readonly output: () => string;
  /** Resolves when it exits: its exit code, stdout and stderr. */
  readonly done: Promise<{ code: number | null; stdout: string; stderr: string }>;
  readonly kill: () => void;
}

let dirCount = 0;
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mj-snippets-'));

function fileFor(ext: string, text: string): string {
  const dir = path.join(workDir, String(++dirCount));
  fs.mkdirSync(dir);
  const file = path.join(dir, `snippet.${ext}`);
  fs.writeFileSync(file, text);
  return file;
}

/** The strict type-check of TypeScript snippets, each file a module of its own; returns the diagnostics as text. */
export function typeCheck(sources: readonly string[]): string {
  const files = sources.map((s) => fileFor('ts', s));
  const program = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    lib: ['lib.es2022.d.ts'],
    types: ['node'],
    typeRoots: [path.join(ROOT, 'node_modules', '@types')],
    moduleDetection: ts.ModuleDetectionKind.Force,
    skipLibCheck: true,
  });
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.file ? path.basename(path.dirname(d.file.fileName)) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`)
    .join('\n');
}

function cleanEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const home = fs.mkdtempSync(path.join(workDir, 'home-'));
  // Python buffers a pipe: unbuffered, the test sees "Submitted: <id>" while the loop runs.
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, LC_ALL: 'C.UTF-8', PYTHONUNBUFFERED: '1', ...env };
}

function runProcess(cmd: string, args: string[], env: Record<string, string>): SnippetRun {
  const child = spawn(cmd, args, { env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return { output: () => stdout, done, kill: () => child.kill('SIGKILL') };
}

/** Starts the snippet; `env` is all the environment it gets (besides PATH, HOME and the locale). */
export function runSnippet(language: CodeLanguage, code: string, env: Record<string, string>): SnippetRun {
  switch (language) {
    case 'typescript': {
      const js = ts.transpileModule(code, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS } }).outputText;
      return runProcess(process.execPath, [fileFor('js', js)], env);
    }
    case 'javascript':
      return runProcess(process.execPath, [fileFor('js', code)], env);
    case 'python-requests':
    case 'python-urllib':
      return runProcess('python3', [fileFor('py', code)], env);
    case 'curl':
      return runProcess('bash', [fileFor('sh', code)], env);
    case 'http': {
      let stdout = '';
      const done = sendHttpFile(code, env).then(
        (r) => ({ code: r.status >= 200 && r.status < 300 ? 0 : 1, stdout: (stdout = r.body), stderr: '' }),
        (e: unknown) => ({ code: 1, stdout: '', stderr: e instanceof Error ? e.message : String(e) }),
      );
      return { output: () => stdout, done, kill: () => undefined };
    }
  }
}

export interface HttpFileRequest {
  method: string;
  url: string;
  headers: Array<[string, string]>;
  body: string;
}

/**
 * One request block of a .http file, as REST Client reads it: `#` and `//` comment lines and
 * `###` separators skipped before the request line, headers up to the first empty line, the
 * body up to the next `###`. `{{$dotenv NAME}}` is filled from `dotenv`; any other `{{…}}` is an
 * error (a variable the file never defined).
 */
export function parseHttpFile(text: string, dotenv: Record<string, string>): HttpFileRequest {
  const fill = (s: string) =>
    s.replace(/\{\{\s*(.*?)\s*\}\}/g, (_, name: string) => {
      const m = /^\$dotenv\s+(\S+)$/.exec(name);
      if (!m || dotenv[m[1]] === undefined) throw new Error(`unresolved variable {{${name}}}`);
      return dotenv[m[1]];
    });
  const lines = text.split(/\r?\n/);
  let i = 0;
  while (i < lines.length && (lines[i].trim() === '' || /^\s*(#|\/\/)/.test(lines[i]))) i++;
  const requestLine = /^(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)\s+(\S+)(?:\s+HTTP\/[\d.]+)?$/.exec(lines[i] ?? '');
  if (!requestLine) throw new Error(`no request line: ${JSON.stringify(lines[i])}`);
  const headers: Array<[string, string]> = [];
  for (i++; i < lines.length && lines[i].trim() !== ''; i++) {
    const m = /^([^:\s]+)\s*:\s*(.*)$/.exec(lines[i]);
    if (!m) throw new Error(`bad header line: ${JSON.stringify(lines[i])}`);
    headers.push([m[1], fill(m[2])]);
  }
  const bodyLines: string[] = [];
  for (i++; i < lines.length && !/^###/.test(lines[i]); i++) bodyLines.push(lines[i]);
  return { method: requestLine[1], url: fill(requestLine[2]), headers, body: fill(bodyLines.join('\n').trim()) };
}

async function sendHttpFile(text: string, dotenv: Record<string, string>): Promise<{ status: number; body: string }> {
  const r = parseHttpFile(text, dotenv);
  const res = await fetch(r.url, { method: r.method, headers: r.headers, body: r.method === 'GET' ? undefined : r.body });
  return { status: res.status, body: await res.text() };
}

/** Is `cmd` on PATH (python3, bash, curl)? */
export function installed(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

/** Is the Python module importable by python3? */
export function pythonHas(module: string): boolean {
  return spawnSync('python3', ['-c', `import ${module}`]).status === 0;
}
