import * as l10n from '@vscode/l10n';

// How much of each server field a Task keeps. A relay decides how long every text, list and URL
// is; without a bound one task with a 2 MB prompt costs 2 MB in every poll round, in the store,
// in every write of it, in every tree item and tooltip built from it. With these caps a huge task
// costs what an ordinary one does, once its body has been parsed.

export const FIELD_CAPS = {
  /**
   * prompt, promptEn, finalPrompt, finalZhPrompt, in UTF-16 units. Midjourney prompts run to a few
   * thousand characters, so any real prompt is kept whole for copying; a longer one is cut and marked.
   */
  prompt: 32 * 1024,
  /** failReason and description: a sentence or two (novicezk's description repeats the prompt). */
  text: 4096,
  /** action, rawStatus, mode, a button's label (Discord's labels stop at 80). */
  word: 80,
  /** id, seed, parentId: an ID cut short names another task, so a longer one is dropped. */
  id: 128,
  /** A button's customId (Discord's stop at 100): cut, it would run another action, so it is dropped. */
  customId: 512,
  /** A button's emoji (a name or an emoji sequence). */
  emoji: 64,
  /** imageUrl and each of imageUrls / videoUrls (signed CDN links run to ~600); a cut URL is another URL, so it is dropped. */
  url: 8192,
  /** imageUrls and videoUrls: four images or clips per job. */
  urls: 16,
  /** buttons: Discord allows 25 per message. */
  buttons: 32,
  /** A number or a time sent as text ("57%", "1730621826053", an ISO date). */
  numberText: 64,
} as const;

/** The first `n` UTF-16 units of `text`, one fewer where `n` would split a surrogate pair. */
export function sliceWhole(text: string, n: number): string {
  if (text.length <= n) return text;
  const code = text.charCodeAt(n - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? n - 1 : n);
}

/** A short field: whole when it fits, else cut with an ellipsis (the ellipsis counts towards `max`). */
export function capText(text: string, max: number): string {
  return text.length <= max ? text : sliceWhole(text, max - 1) + '…';
}

/** failReason, description. */
export function capSentence(text: string): string {
  return capText(text, FIELD_CAPS.text);
}

/** action, rawStatus, mode, a button's label. */
export function capWord(text: string): string {
  return capText(text, FIELD_CAPS.word);
}

/**
 * A prompt: whole when it fits; else its first FIELD_CAPS.prompt units and a note saying it was
 * cut and how long it was, so whoever copies it sees that it is not the whole prompt.
 */
export function capPrompt(text: string): string {
  if (text.length <= FIELD_CAPS.prompt) return text;
  return `${sliceWhole(text, FIELD_CAPS.prompt)}… ${l10n.t('[cut by MJ Tasks: {0} of {1} characters kept]', FIELD_CAPS.prompt, text.length)}`;
}

/** A value that means nothing when cut (an ID, a URL, a customId): itself when it fits, else null. */
export function wholeOrNull(text: string | null, max: number): string | null {
  return text !== null && text.length <= max ? text : null;
}
