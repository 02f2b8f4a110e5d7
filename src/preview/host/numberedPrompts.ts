// DESCRIBE and SHORTEN answer with several prompts in one text: "1️⃣ first … \n\n2️⃣ second …".
// The preview shows them one by one, each copyable. Pure; shared by nothing but the host.

export interface NumberedPrompts {
  /** Text before the first marker (SHORTEN puts its token analysis there); '' when none. */
  intro: string;
  /** The prompts in order, trimmed; empty when the text is not a numbered list. */
  items: string[];
}

// Keycap digits ("1️⃣", also without the variation selector), 🔟, or a line that starts "1." / "1)" / "1、".
const MARKER = /(?:([1-9])\uFE0F?\u20E3|(\u{1F51F}))|(?:^|\n)[ \t]*(\d{1,2})[.)、][ \t]/gu;

/**
 * Splits on markers that count up from 1 without gaps; a marker out of sequence ("5." inside a
 * prompt) stays part of the text. Fewer than two prompts means it is not a list.
 */
export function splitNumberedPrompts(text: string | null | undefined): NumberedPrompts {
  if (!text) {
    return { intro: '', items: [] };
  }
  const cuts: Array<{ start: number; end: number }> = [];
  let expected = 1;
  for (const m of text.matchAll(MARKER)) {
    const n = m[1] ? Number(m[1]) : m[2] ? 10 : Number(m[3]);
    if (n !== expected) {
      continue;
    }
    const whole = m[0];
    // A line marker's match may begin with the newline before it: the prompt starts after it.
    const lead = whole.length - whole.replace(/^\n[ \t]*/, '').length;
    cuts.push({ start: m.index + lead, end: m.index + whole.length });
    expected++;
  }
  if (cuts.length < 2) {
    return { intro: text.trim(), items: [] };
  }
  const items = cuts.map((c, i) => text.slice(c.end, i + 1 < cuts.length ? cuts[i + 1].start : text.length).trim());
  return { intro: text.slice(0, cuts[0].start).trim(), items };
}
