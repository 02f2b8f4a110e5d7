/** What a secret is replaced with wherever text might carry it. */
export const MASK = '***';

/** Keys shorter than this are not masked: a one- or two-letter "key" would mask ordinary words. */
const MIN_SECRET_LENGTH = 4;

/**
 * `text` with every occurrence of each secret (as given and trimmed) replaced by `***`. The last
 * line of defence: callers never put a key into text on purpose, but servers echo headers and
 * libraries quote them.
 */
export function maskSecrets(text: string, secrets: Iterable<string | undefined>): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret) continue;
    for (const form of new Set([secret, secret.trim()])) {
      if (form.length >= MIN_SECRET_LENGTH) out = out.split(form).join(MASK);
    }
  }
  return out;
}
