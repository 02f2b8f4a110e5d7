/** What a secret is replaced with wherever text might carry it. */
export const MASK = '***';

/** Keys shorter than this are not masked: a one- or two-letter "key" would mask ordinary words. */
const MIN_SECRET_LENGTH = 4;

/**
 * `text` with every occurrence of each secret replaced by `***`. The last line of defence:
 * callers never put a key into text on purpose, but servers echo headers and libraries quote
 * them. A key may come back transformed, so each is looked for in every form it could take:
 * as given and trimmed, each of its lines (a two-line key file), JSON-escaped (a server's JSON
 * error, our own `--json`), percent-encoded (a URL) and in any letter case (a host name).
 */
export function maskSecrets(text: string, secrets: Iterable<string | undefined>): string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret) for (const form of formsOf(secret)) if (form.length >= MIN_SECRET_LENGTH) forms.add(form);
  }
  if (forms.size === 0) return text;
  // Longest first, so a form that contains another is masked whole.
  const pattern = [...forms].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
  return text.replace(new RegExp(pattern, 'giu'), MASK);
}

function formsOf(secret: string): string[] {
  const plain = [secret, secret.trim(), ...secret.split(/[\r\n\u2028\u2029]+/).map((line) => line.trim())];
  return plain.flatMap((form) => [form, JSON.stringify(form).slice(1, -1), percentEncoded(form)]);
}

function percentEncoded(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    // a lone surrogate cannot be encoded, and so cannot show up encoded either
    return text;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
