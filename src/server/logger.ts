/**
 * The handler's logging seam. Lines carry an event name and a few scalar fields
 * (status, gateway request id, elapsed time); never bodies, card data or keys.
 */
import { redactNumberLike } from './redact.js';

/** Scalar facts attached to a log line. */
export type LogFields = Record<string, string | number | boolean | undefined>;

/** What the merchant may pass as `logger`; `console` fits. */
export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** Default: gateway trouble and bugs go to the console, routine traffic does not. */
export const consoleLogger: Logger = {
  info: () => {},
  warn: (message, fields) => console.warn(`[ecrypt-wallet] ${message}`, fields ?? {}),
  error: (message, fields) => console.error(`[ecrypt-wallet] ${message}`, fields ?? {}),
};

// Gateway ids an operator looks up (`methodId`, `requestId`): kept whole unless they hold a card-length digit run.
const ID_FIELD = /Id$/;
const PLAIN_ID = /^[0-9A-Za-z_-]{1,64}$/;
const CARD_LENGTH_RUN = /\d{13}/;

/** A string field as logged: secrets removed, and card- or account-like digit runs too, except in a plain gateway id. */
function cleanField(key: string, value: string, redact: (text: string) => string): string {
  const text = redact(value);
  if (ID_FIELD.test(key) && PLAIN_ID.test(text) && !CARD_LENGTH_RUN.test(text)) return text;
  return redactNumberLike(text);
}

/**
 * Wraps a logger so that every message and string field is redacted (the secrets, and
 * card- or account-like digit runs as in upstream text; see redact.ts), and a throwing
 * logger never breaks a request.
 */
export function safeLogger(logger: Logger, redact: (text: string) => string): Logger {
  const clean = (fields?: LogFields): LogFields | undefined => {
    if (!fields) return undefined;
    const out: LogFields = {};
    for (const [key, value] of Object.entries(fields)) out[key] = typeof value === 'string' ? cleanField(key, value, redact) : value;
    return out;
  };
  const wrap =
    (level: keyof Logger) =>
    (message: string, fields?: LogFields): void => {
      try {
        logger[level](redactNumberLike(redact(message)), clean(fields));
      } catch {
        // Logging must never turn a served request into a failed one.
      }
    };
  return { info: wrap('info'), warn: wrap('warn'), error: wrap('error') };
}
