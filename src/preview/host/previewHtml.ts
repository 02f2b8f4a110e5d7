import { randomBytes } from 'crypto';
import { contentSecurityPolicy } from './csp';

// The preview's HTML shell. It is STATIC: nothing from a server is ever put in it, only the nonce,
// the webview's own resource URIs and, in the policy, the providers' checked http origins. All task
// data goes by postMessage and is turned into DOM with textContent by the script, so no server
// text can ever be parsed as markup.

export interface ShellResources {
  /** `webview.cspSource`. */
  cspSource: string;
  /** `asWebviewUri` of dist/webview/webview.js and dist/webview/preview.css. */
  scriptUri: string;
  styleUri: string;
  /** `asWebviewUri` of dist/webview/codicons/codicon.css (copied from @vscode/codicons by the build); its font is font-src. */
  codiconUri: string;
  /** VS Code's display language (`vscode.env.language`), for `lang`. */
  language: string;
  /** The providers' own http: origins, the only http: ones media may load from (csp.ts). */
  httpMediaOrigins: readonly string[];
}

/** 128 random bits, base64: the only script allowed to run is the one carrying it. */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

/** Attribute-safe: the values are our own URIs, but an odd character must still not break out. */
function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function previewHtml(r: ShellResources, nonce = createNonce()): string {
  const lang = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(r.language) ? r.language : 'en';
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(r.cspSource, nonce, r.httpMediaOrigins))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(r.codiconUri)}">
<link rel="stylesheet" href="${attr(r.styleUri)}">
<title>MJ Tasks</title>
</head>
<body>
<main id="app" aria-busy="true"></main>
<script nonce="${attr(nonce)}" src="${attr(r.scriptUri)}"></script>
</body>
</html>`;
}
