/**
 * The kit's HTTP side: calls the merchant endpoint as the elements do (JSON, the
 * shopper's cookie, the headers a same-origin browser sends) and keeps every
 * exchange, so a report can show what was sent and answered. Bodies kept are the
 * endpoint's answers and the kit's own requests, which never hold a card number:
 * numbers go only to the gateway's `/v1/tokens`, and that exchange is not kept.
 */

/** One request to the endpoint and its answer. */
export interface Exchange {
  method: string;
  /** The path below the endpoint, e.g. `/methods`. */
  path: string;
  /** The request headers the kit chose (the cookie left out). */
  requestHeaders: Record<string, string>;
  requestBody?: string;
  status: number;
  headers: Record<string, string>;
  /** The answer's text. */
  text: string;
  /** The answer parsed as JSON, or `undefined` when it is not JSON. */
  body: unknown;
}

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export interface CallOptions {
  /** The shopper's `Cookie` header; `null` for a request with no session. */
  cookie: string | null;
  /** A value sent as JSON. */
  json?: unknown;
  /** A body sent as it is (with `contentType`). */
  raw?: string;
  contentType?: string;
  headers?: Record<string, string>;
  /** Leave out the same-origin browser headers (`Origin`, `Sec-Fetch-Site`). */
  bare?: boolean;
}

export interface EndpointClient {
  /** The endpoint URL without a trailing slash. */
  readonly endpoint: string;
  /** The origin of the page the elements are on (sent as `Origin`). */
  readonly origin: string;
  call(method: string, path: string, options: CallOptions): Promise<Exchange>;
  /** Every exchange so far, in order. */
  readonly exchanges: Exchange[];
}

function headerRecord(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => (out[name] = value));
  return out;
}

export function createEndpointClient(endpoint: string, origin: string, fetch: Fetch): EndpointClient {
  const base = endpoint.replace(/\/+$/, '');
  const exchanges: Exchange[] = [];
  return {
    endpoint: base,
    origin,
    exchanges,
    async call(method, path, options) {
      const shown: Record<string, string> = { Accept: 'application/json' };
      if (!options.bare && method !== 'GET') {
        shown['Origin'] = origin;
        shown['Sec-Fetch-Site'] = 'same-origin';
      }
      let body: string | undefined;
      if (options.json !== undefined) {
        body = JSON.stringify(options.json);
        shown['Content-Type'] = 'application/json';
      } else if (options.raw !== undefined) {
        body = options.raw;
        shown['Content-Type'] = options.contentType ?? 'application/json';
      }
      Object.assign(shown, options.headers);
      const sent = new Headers(shown);
      if (options.cookie !== null) sent.set('Cookie', options.cookie);
      const response = await fetch(`${base}${path}`, { method, headers: sent, body, redirect: 'manual' });
      const text = await response.text();
      let parsed: unknown;
      try {
        parsed = text === '' ? undefined : JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      const exchange: Exchange = {
        method,
        path,
        requestHeaders: shown,
        ...(body === undefined ? {} : { requestBody: body }),
        status: response.status,
        headers: headerRecord(response.headers),
        text,
        body: parsed,
      };
      exchanges.push(exchange);
      return exchange;
    },
  };
}
