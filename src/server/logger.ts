/**
 * The handler's logging seam. Lines carry an event name and a few scalar fields
 * (status, gateway request id, elapsed time); never bodies, card data or keys.
 */

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

/** Wraps a logger so every message and string field is redacted, and a throwing logger never breaks a request. */
export function safeLogger(logger: Logger, redact: (text: string) => string): Logger {
  const clean = (fields?: LogFields): LogFields | undefined => {
    if (!fields) return undefined;
    const out: LogFields = {};
    for (const [key, value] of Object.entries(fields)) out[key] = typeof value === 'string' ? redact(value) : value;
    return out;
  };
  const wrap =
    (level: keyof Logger) =>
    (message: string, fields?: LogFields): void => {
      try {
        logger[level](redact(message), clean(fields));
      } catch {
        // Logging must never turn a served request into a failed one.
      }
    };
  return { info: wrap('info'), warn: wrap('warn'), error: wrap('error') };
}
