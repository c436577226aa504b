/**
 * Defence in depth for secrets: whatever text leaves the handler (an answer, a
 * log line, an error message) passes through here, so a gateway that echoes
 * the key, or a future bug, still cannot leak it.
 */

const REPLACEMENT = '[redacted]';
// Anything that looks like a card or bank account number (7-20 digits, maybe
// spaced or hyphenated) in text we did not write ourselves. A run that touches
// a letter, an underscore or a hyphen on either side is part of something else
// (a UUID segment, a request id such as `req_1234567890`), and ISO dates
// (`2026-11-23`, `2026-11-23 12`) are left alone.
const NUMBER_LIKE = /(?<![\w-])\d(?:[ -]?\d){6,19}(?![\w-])/g;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?: \d{2})?$/;

/** Replaces card- and bank-account-like digit runs; keeps dates, UUIDs and ids. */
export function redactNumberLike(text: string): string {
  return text.replace(NUMBER_LIKE, (run) => (ISO_DATE.test(run) ? run : REPLACEMENT));
}

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
  const clean = redactNumberLike(redact(text)).replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}
