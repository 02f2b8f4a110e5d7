// The command line of `mj-tasks`, read into options. Environment variables fill what the
// flags leave open so scripts can set a server once.

import { SETTINGS_DEFAULTS } from '../core/settingsDefaults';
import * as l10n from '@vscode/l10n';
import { checkApiKey } from '../core/apiKeyCheck';
import { validateBaseUrl } from '../core/baseUrl';
import { AUTH_SCHEMES, AuthScheme } from '../core/types';

export const DEFAULT_BASE_URL = 'http://127.0.0.1:8787';
export const DEFAULT_INTERVAL_SECONDS = SETTINGS_DEFAULTS.pollIntervalSeconds;

export interface RunOptions {
  command: 'fetch' | 'watch';
  /** Raw ID arguments, each anything parseTaskIdInput accepts; '-' means standard input. */
  inputs: string[];
  baseUrl: string;
  auth: AuthScheme;
  apiKey: string | undefined;
  json: boolean;
  intervalMs: number;
  timeoutMs: number | undefined;
}

export type ParsedArgs = { kind: 'help' } | { kind: 'version' } | { kind: 'run'; options: RunOptions };

/** Bad command lines: exit code 2 with this message. */
export class UsageError extends Error {}

type Env = Record<string, string | undefined>;

export function parseArgs(argv: string[], env: Env): ParsedArgs {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h' || arg === '--help') return { kind: 'help' };
    if (arg === '-V' || arg === '--version') return { kind: 'version' };
    if (arg === '--json') {
      flags.add('json');
      continue;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      if (!['base-url', 'auth', 'interval', 'timeout'].includes(name)) {
        throw new UsageError(l10n.t('Unknown option {0}. Run mj-tasks --help for the options.', '--' + name));
      }
      let value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new UsageError(l10n.t('The option --{0} needs a value.', name));
      value = value.trim();
      values.set(name, value);
      continue;
    }
    if (arg.length > 1 && arg.startsWith('-')) {
      throw new UsageError(l10n.t('Unknown option {0}. Run mj-tasks --help for the options.', arg));
    }
    positional.push(arg);
  }

  const [command, ...inputs] = positional;
  if (command === undefined || command === 'help') return { kind: 'help' };
  if (command !== 'fetch' && command !== 'watch') {
    throw new UsageError(l10n.t('Unknown command "{0}". Use fetch or watch; run mj-tasks --help for details.', command));
  }
  if (inputs.length === 0) {
    throw new UsageError(l10n.t('Give at least one task ID, e.g. mj-tasks {0} 1730621826053455.', command));
  }
  if (command === 'fetch' && values.has('interval')) {
    throw new UsageError(l10n.t('--interval only applies to mj-tasks watch.'));
  }

  const baseUrl = values.get('base-url') ?? nonEmpty(env.MJ_BASE_URL) ?? DEFAULT_BASE_URL;
  const problem = validateBaseUrl(baseUrl);
  if (problem !== null) throw new UsageError(problem);

  const authText = (values.get('auth') ?? nonEmpty(env.MJ_AUTH) ?? 'bearer').toLowerCase();
  if (!(AUTH_SCHEMES as readonly string[]).includes(authText)) {
    throw new UsageError(l10n.t('Unknown auth scheme "{0}". Use one of: {1}.', authText, AUTH_SCHEMES.join(', ')));
  }

  // Checked as given, before any request: a trailing newline or a pasted zero-width space is a
  // mistake to show, not to send (the HTTP library's error for it would quote the key).
  const apiKey = nonEmpty(env.MJ_API_KEY);
  const keyProblem = authText !== 'none' && apiKey !== undefined ? checkApiKey(env.MJ_API_KEY ?? '') : null;
  if (keyProblem !== null) throw new UsageError(l10n.t('The API key in MJ_API_KEY cannot be used. {0}', keyProblem.message));

  return {
    kind: 'run',
    options: {
      command,
      inputs,
      baseUrl,
      auth: authText as AuthScheme,
      apiKey,
      json: flags.has('json'),
      intervalMs: seconds(values.get('interval'), 'interval', 0.1) ?? DEFAULT_INTERVAL_SECONDS * 1000,
      timeoutMs: seconds(values.get('timeout'), 'timeout', 0.1),
    },
  };
}

function seconds(text: string | undefined, name: string, min: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text === '' || !Number.isFinite(n) || n < min) {
    throw new UsageError(l10n.t('--{0} takes a number of seconds (at least {1}), not "{2}".', name, min, text));
  }
  return Math.round(n * 1000);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value.trim() : undefined;
}

export function helpText(version: string): string {
  return [
    l10n.t('mj-tasks {0}: look up Midjourney-proxy tasks (midjourney-proxy, trueai, new-api/one-hub relays).', version),
    '',
    l10n.t('Usage:'),
    '  mj-tasks fetch <id...> [--base-url URL] [--auth SCHEME] [--json] [--timeout SECONDS]',
    '  mj-tasks watch <id...> [--interval SECONDS] [--base-url URL] [--auth SCHEME] [--json]',
    '',
    l10n.t('Each <id> may be a task ID, a URL containing /mj/task/<id>/, a task JSON, a submit response'),
    l10n.t('(its "result"), or several of these separated by commas, spaces or new lines; - reads standard input.'),
    '',
    l10n.t('Options:'),
    '  --base-url URL     ' + l10n.t('API root (default: $MJ_BASE_URL, else {0})', DEFAULT_BASE_URL),
    '  --auth SCHEME      ' + l10n.t('bearer | raw | mj-api-secret | none (default: $MJ_AUTH, else bearer)'),
    '  --json             ' + l10n.t('print one JSON array: a task, or {"id", "error"}, per ID'),
    '  --interval SECONDS ' + l10n.t('watch: time between polls (default {0})', DEFAULT_INTERVAL_SECONDS),
    '  --timeout SECONDS  ' + l10n.t('per request (default 15)'),
    '  -h, --help         ' + l10n.t('show this help'),
    '  -V, --version      ' + l10n.t('show the version'),
    '',
    l10n.t('The API key is read from $MJ_API_KEY.'),
    '',
    l10n.t('Exit codes: 0 all fetched; 2 usage or unreadable ID; 3 task not found or rejected;'),
    l10n.t('4 unauthorized; 5 network, timeout, server error or bad response.'),
  ].join('\n');
}
