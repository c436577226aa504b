/** Small fetch-standard helpers for the demo's own routes. */

const NO_STORE = { 'Cache-Control': 'no-store' };

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...NO_STORE, ...headers },
  });
}

/** `303 See Other`: the answer to a form post, so a reload never posts again. */
export function redirect(location: string, headers: Record<string, string> = {}): Response {
  return new Response(null, { status: 303, headers: { Location: location, ...NO_STORE, ...headers } });
}

export function errorJson(status: number, code: string, message: string): Response {
  return json(status, { error: { code, message } });
}

/** The value of one cookie, or null. */
export function readCookie(header: string | null | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key !== name) continue;
    try {
      return decodeURIComponent(rest.join('='));
    } catch {
      // A malformed value (`%E0%A4%A`) is no session, not a server error on every page.
      return null;
    }
  }
  return null;
}

/** True when the browser asked for JSON (fetch) rather than a page (a plain form post). */
export function wantsJson(request: Request): boolean {
  return (
    (request.headers.get('Content-Type') ?? '').includes('application/json') ||
    (request.headers.get('Accept') ?? '').startsWith('application/json')
  );
}

/** Thrown by `readFields` when a body is over its limit; answer 413. */
export class BodyTooLarge extends RangeError {
  constructor(readonly maxBytes: number) {
    super(`Request body too large (over ${maxBytes} bytes).`);
  }
}

/**
 * The body as text, read chunk by chunk: a declared or actual size over `maxBytes`
 * stops reading at once (the rest is never buffered) and throws `BodyTooLarge`.
 */
async function readText(request: Request, maxBytes: number): Promise<string> {
  const declared = request.headers.get('Content-Length');
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > maxBytes) {
    await request.body?.cancel().catch(() => undefined);
    throw new BodyTooLarge(maxBytes);
  }
  if (!request.body) return '';
  const reader = request.body.getReader();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLarge(maxBytes);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

/**
 * The fields of a form post or a JSON body as strings; anything else is an empty record.
 * Throws `BodyTooLarge` past `maxBytes` (413) and a `SyntaxError`/`TypeError` for a body that cannot be read (400).
 */
export async function readFields(request: Request, maxBytes = 4096): Promise<Record<string, string>> {
  const text = await readText(request, maxBytes);
  const type = request.headers.get('Content-Type') ?? '';
  const out: Record<string, string> = {};
  if (type.includes('application/json')) {
    const parsed: unknown = text === '' ? {} : JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      for (const [key, value] of Object.entries(parsed)) if (typeof value === 'string') out[key] = value;
    }
    return out;
  }
  if (type.includes('application/x-www-form-urlencoded')) {
    for (const [key, value] of new URLSearchParams(text)) out[key] = value;
  }
  return out;
}

/** The answer to a body `readFields` refused: 413 when too large, else 400. */
export function unreadableBody(error: unknown, what: string): Response {
  if (error instanceof BodyTooLarge) return errorJson(413, 'payload_too_large', `${what} is too large.`);
  return errorJson(400, 'invalid_request', `${what} could not be read.`);
}

/**
 * Refuses state changes that another site made the browser send: the same
 * `Sec-Fetch-Site` / `Origin` rule the wallet handler applies.
 */
export function isCrossSite(request: Request): boolean {
  const site = request.headers.get('Sec-Fetch-Site');
  if (site) return site !== 'same-origin' && site !== 'none';
  const origin = request.headers.get('Origin');
  if (!origin) return false;
  try {
    return new URL(origin).host !== (request.headers.get('Host') ?? new URL(request.url).host);
  } catch {
    return true;
  }
}
