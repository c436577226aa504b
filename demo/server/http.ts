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
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

/** True when the browser asked for JSON (fetch) rather than a page (a plain form post). */
export function wantsJson(request: Request): boolean {
  return (request.headers.get('Content-Type') ?? '').includes('application/json') || (request.headers.get('Accept') ?? '').startsWith('application/json');
}

/** The fields of a form post or a JSON body as strings; anything else is an empty record. */
export async function readFields(request: Request, maxBytes = 4096): Promise<Record<string, string>> {
  const text = await request.text();
  if (text.length > maxBytes) throw new RangeError('Request body too large.');
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
