/**
 * Defence in depth for secrets: whatever text leaves the handler (an answer, a
 * log line, an error message) passes through here, so a gateway that echoes
 * the key, or a future bug, still cannot leak it.
 */

const REPLACEMENT = '[redacted]';
// Anything that looks like a card or bank account number in text we did not write ourselves:
// every run of 7 or more digits (single spaces or hyphens between groups allowed), wherever it
// stands and however long it is, so `pan-4111111111111111` or a 24-digit run go too. Only an
// explicit allow-list is kept, matched first at each position so a number cannot hide in it:
// UUIDs, ISO dates and timestamps, and gateway request ids (`req_…`) without a card-length run
// (13 or more digits) in them; such an id is not kept, and the run in it goes like any other.
const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const ISO =
  '\\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])(?:[T ](?:[01]\\d|2[0-3])(?::[0-5]\\d(?::[0-5]\\d(?:\\.\\d{1,9})?)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?(?![ -]?\\d)';
const REQUEST_ID = 'req_(?![0-9A-Za-z]*?\\d{13})[0-9A-Za-z]+';
const NUMBER_LIKE = '\\d(?:[ -]?\\d){6,}';
const SCAN = new RegExp(`(${UUID}|${ISO}|${REQUEST_ID})|${NUMBER_LIKE}`, 'g');

/** Replaces card- and bank-account-like digit runs; keeps UUIDs, ISO dates and timestamps, and `req_…` ids. */
export function redactNumberLike(text: string): string {
  return text.replace(SCAN, (run, allowed: string | undefined) => (allowed === undefined ? REPLACEMENT : run));
}

/** Returns a function that removes every given secret (and long digit runs) from a string. */
export function createRedactor(secrets: readonly string[]): (text: string) => string {
  // Short strings would redact ordinary words; the keys are long random strings.
  const needles = secrets.filter(secret => typeof secret === 'string' && secret.length >= 8);
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
  const clean = redactNumberLike(redact(text))
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .trim();
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}
