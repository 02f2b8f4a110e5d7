// The prompts the user imagined lately, newest first, each once: the Imagine input offers them.

export const RECENT_PROMPTS_MAX = 20;

/** `list` with `prompt` moved (or added) to the front, trimmed to `max`; blank prompts change nothing. */
export function rememberPrompt(list: readonly unknown[], prompt: string, max = RECENT_PROMPTS_MAX): string[] {
  const text = prompt.trim();
  const kept = recentPrompts(list);
  if (!text) return kept;
  return [text, ...kept.filter((p) => p !== text)].slice(0, max);
}

/** What was stored, read defensively: strings only, no duplicates, at most `max`. */
export function recentPrompts(stored: unknown, max = RECENT_PROMPTS_MAX): string[] {
  if (!Array.isArray(stored)) return [];
  const out: string[] = [];
  for (const p of stored) {
    if (typeof p === 'string' && p.trim() && !out.includes(p.trim())) out.push(p.trim());
  }
  return out.slice(0, max);
}
