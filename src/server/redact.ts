/**
 * Defence in depth for secrets: whatever text leaves the handler (an answer, a
 * log line, an error message) passes through here, so a gateway that echoes
 * the key, or a future bug, still cannot leak it.
 */

const REPLACEMENT = '[redacted]';
// Anything that looks like a card or bank account number (7-19 digits, maybe
// spaced) in text we did not write ourselves; ids and timestamps are shorter
// or contain other characters.
const LONG_DIGITS = /\b(?:\d[ -]?){12,18}\d\b/g;

/** Returns a function that removes every given secret (and long digit runs) from a string. */
export function createRedactor(secrets: readonly string[]): (text: string) => string {
  // Short strings would redact ordinary words; the keys are long random strings.
  const needles = secrets.filter((secret) => typeof secret === 'string' && secret.length >= 8);
  return (text: string): string => {
    let out = text;
    for (const needle of needles) {
      if (out.includes(needle)) out = out.split(needle).join(REPLACEMENT);
    }
    return out;
  };
}

/**
 * Text from upstream that we pass on to developers: secrets and number-like runs
 * removed, control characters dropped, length bounded.
 */
export function sanitizeUpstreamText(text: unknown, redact: (text: string) => string, max = 200): string | undefined {
  if (typeof text !== 'string' || text.length === 0) return undefined;
  // eslint-disable-next-line no-control-regex
  const clean = redact(text).replace(LONG_DIGITS, REPLACEMENT).replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}
