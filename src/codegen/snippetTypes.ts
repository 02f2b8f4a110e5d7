// What "Copy as Code" / "Insert as Code" write: a button press (POST /mj/submit/action, then wait
// for the task it makes) or a task (fetch it, and poll until it is done), in one of six forms.
// Pure: no `vscode`; the commands in src/taskCode/ pick the target and the language.

import { AuthScheme } from '../core/types';

export const CODE_LANGUAGES = ['typescript', 'javascript', 'python-requests', 'python-urllib', 'curl', 'http'] as const;

export type CodeLanguage = (typeof CODE_LANGUAGES)[number];

/** The server a snippet talks to: the provider's base URL as configured, and its auth scheme. */
export interface SnippetServer {
  readonly baseUrl: string;
  readonly auth: AuthScheme;
}

/** Press a button of a task: `customId` is sent to /mj/submit/action with the task's ID. */
export interface ButtonSnippet {
  readonly kind: 'button';
  readonly taskId: string;
  readonly customId: string;
}

/** Fetch a task and wait until it is done. */
export interface TaskSnippet {
  readonly kind: 'task';
  readonly taskId: string;
}

export type SnippetSubject = ButtonSnippet | TaskSnippet;

/** The environment variable every snippet reads the key from; the key itself is never written. */
export const API_KEY_ENV = 'MJ_API_KEY';

/** How often the generated loops poll (the server's own cadence is about this). */
export const SNIPPET_POLL_SECONDS = 3;
