// `mj-tasks`: fetch or watch Midjourney-proxy tasks from a terminal or a script.
// Bundled to dist/cli.js; run as `node dist/cli.js …` or `npx mj-tasks …`.

import * as l10n from '@vscode/l10n';
import { MjClient } from '../core/client';
import { plainText } from '../core/inertText';
import { maskSecrets } from '../core/secretMask';
import { ServerQuirks } from '../core/serverQuirks';
import { parseTaskIdInput } from '../core/taskIdInput';
import { helpText, parseArgs, RunOptions, UsageError } from './args';
import { Io, runFetch } from './commands';
import { loadLocale, packageRoot, packageVersion } from './locale';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from './outcome';
import { runWatch } from './watch';

export async function main(argv: string[], env: Record<string, string | undefined>, io: Io, stdin: () => Promise<string>): Promise<number> {
  const root = packageRoot();
  loadLocale(env, root);
  let options: RunOptions;
  try {
    const parsed = parseArgs(argv, env);
    if (parsed.kind === 'help') {
      io.stdout.write(helpText(packageVersion(root)) + '\n');
      return EXIT_OK;
    }
    if (parsed.kind === 'version') {
      io.stdout.write(packageVersion(root) + '\n');
      return EXIT_OK;
    }
    options = parsed.options;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr.write(plainText(e.message) + '\n');
    return EXIT_USAGE;
  }

  const texts = await Promise.all(options.inputs.map((input) => (input === '-' ? stdin() : Promise.resolve(input))));
  const { ids, problems } = parseTaskIdInput(texts.join('\n'));
  if (problems.length > 0 || ids.length === 0) {
    // One line: the first problem says what was expected; the count tells there were more.
    const more = problems.length > 1 ? ' ' + l10n.t('(Inputs not read besides this one: {0}.)', problems.length - 1) : '';
    io.stderr.write(plainText(problems[0] ?? '').replace(/\s+/g, ' ') + more + '\n');
    return EXIT_USAGE;
  }

  const client = new MjClient({
    baseUrl: options.baseUrl,
    auth: options.auth,
    apiKey: options.apiKey,
    timeoutMs: options.timeoutMs,
    // What this run learns about the server lasts for this run only.
    quirks: new ServerQuirks(),
  });
  return options.command === 'fetch'
    ? runFetch(client, ids, options.json, io)
    : runWatch(client, ids, options.json, options.intervalMs, io);
}

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk: string) => (text += chunk));
    process.stdin.on('end', () => resolve(text));
    process.stdin.on('error', reject);
  });
}

if (require.main === module) {
  main(process.argv.slice(2), process.env, { stdout: process.stdout, stderr: process.stderr }, readStdin).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      // Not an MjError (those are reported by the commands): a bug. One line, no stack, and
      // nothing of the key should the text quote it.
      const message = maskSecrets(e instanceof Error ? e.message : String(e), [process.env.MJ_API_KEY]);
      process.stderr.write(`mj-tasks: ${plainText(message)}\n`);
      process.exitCode = EXIT_FAILURE;
    },
  );
}
