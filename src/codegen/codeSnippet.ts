// One entry point for the commands: the snippet of a subject in a language, and which language
// an editor's document calls for.

import { httpFileSnippet } from './httpFileSnippet';
import { javascriptSnippet } from './javascriptSnippet';
import { pythonRequestsSnippet, pythonUrllibSnippet } from './pythonSnippet';
import { curlSnippet } from './shellSnippet';
import { CodeLanguage, SnippetServer, SnippetSubject } from './snippetTypes';

export function codeSnippet(server: SnippetServer, subject: SnippetSubject, language: CodeLanguage): string {
  switch (language) {
    case 'typescript':
      return javascriptSnippet(server, subject, true);
    case 'javascript':
      return javascriptSnippet(server, subject, false);
    case 'python-requests':
      return pythonRequestsSnippet(server, subject);
    case 'python-urllib':
      return pythonUrllibSnippet(server, subject);
    case 'curl':
      return curlSnippet(server, subject);
    case 'http':
      return httpFileSnippet(server, subject);
  }
}

/** A file that already imports requests gets the requests form; any other Python file the stdlib one, which always runs. */
const IMPORTS_REQUESTS = /^\s*(?:import\s+requests\b|from\s+requests\b)/m;

/**
 * The snippet language for an editor: by its language ID (`http` is REST Client's), by the
 * `.http`/`.rest` extension for a file no extension claimed; null when the user must choose.
 */
export function languageForEditor(languageId: string, fileName: string, text: string): CodeLanguage | null {
  switch (languageId) {
    case 'typescript':
    case 'typescriptreact':
      return 'typescript';
    case 'javascript':
    case 'javascriptreact':
      return 'javascript';
    case 'python':
      return IMPORTS_REQUESTS.test(text) ? 'python-requests' : 'python-urllib';
    case 'shellscript':
      return 'curl';
    case 'http':
      return 'http';
    default:
      return /\.(?:http|rest)$/i.test(fileName) ? 'http' : null;
  }
}
