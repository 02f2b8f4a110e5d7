// Server text made inert for each place it is shown. A relay controls every prompt, failure
// reason, status word and error message it sends; none of it may steer a terminal (escape
// sequences can clear the screen, fake a line, retitle the window or write the clipboard),
// reorder what the user reads (bidi overrides), or become a link, markup or an icon in VS Code's
// own surfaces. `--json` output is the one place text stays exact (JSON.stringify escapes it).

/** ESC sequences: CSI (ESC [ … final), OSC/DCS/SOS/PM/APC (… up to BEL or ST), and two-byte ESC X. */
const ESCAPE_SEQUENCE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /\u001b(?:\[[0-?]*[ -/]*[@-~]?|[\]PX^_][^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|[ -/]*[0-~]?)|\u009b[0-?]*[ -/]*[@-~]?|[\u0090\u009d\u0098\u009e\u009f][^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?/g;

/** Bidi embeddings, overrides and isolates, which reorder what follows them on screen. */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

/** C0 controls but tab and line feed, DEL, C1 controls. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS_KEEPING_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;

/** What a removed control character leaves, so the user sees that something was there. */
export const REPLACEMENT = '\ufffd';

export interface PlainTextOptions {
  /** Keep line feeds and tabs (a multi-line block in a terminal or the output channel). */
  keepLines?: boolean;
}

/**
 * Text with escape sequences and bidi controls removed and every other control character shown
 * as U+FFFD. CR LF and lone CR count as line ends where lines are kept; elsewhere every line
 * break and tab becomes a space.
 */
export function plainText(text: string, options: PlainTextOptions = {}): string {
  let out = text.replace(ESCAPE_SEQUENCE, '').replace(BIDI_CONTROLS, '');
  if (options.keepLines) {
    out = out.replace(/\r\n?/g, '\n').replace(CONTROLS_KEEPING_LINES, REPLACEMENT);
  } else {
    out = out.replace(/[\r\n\t]+/g, ' ').replace(CONTROLS, REPLACEMENT);
  }
  return out;
}

/**
 * Text for a place that renders `$(icon)` syntax (quick picks, the status bar): cleaned, on one
 * line, with every icon reference escaped so it shows as typed.
 */
export function inertLabel(text: string): string {
  return plainText(text).replace(/\$\(/g, '\\$(');
}

/**
 * Text for a MarkdownString built with appendMarkdown: every ASCII punctuation character
 * backslash-escaped (CommonMark lets any of them be escaped), so no link, autolink (the `:` of a
 * scheme, the `.` of `www.`, the `@` of an address are escaped), emphasis, heading, HTML tag or
 * entity can form. Line breaks become spaces: tooltips show server text as one paragraph.
 */
export function inertMarkdown(text: string): string {
  return plainText(text).replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

/**
 * Text for a notification or other plain message that VS Code scans for `[label](target)` links
 * (notifications run `command:` targets): cleaned, and the `](` that would make a link broken up.
 */
export function inertMessage(text: string): string {
  return plainText(text).replace(/\]\s*\(/g, '] (');
}
