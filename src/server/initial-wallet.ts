/**
 * The first list for a server-rendered page: what `GET {endpoint}/methods` would answer the
 * signed-in shopper, produced while the page is rendered, so the element paints it at once and
 * makes no request. `toScriptJson` makes it safe inside `<script type="application/json">`.
 */
import type { WalletState } from '../protocol/index.js';

/**
 * JSON that can sit inside an HTML `<script>` element: `<`, `>` and `&` are written as `\u003c`,
 * `\u003e` and `\u0026`, so no text in the data (a holder name, a merchant's reason) can close the
 * element or open a comment, and U+2028 / U+2029 are escaped as well. `JSON.parse` reads it back unchanged.
 */
export function toScriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The `GET {basePath}/methods` request that stands for the page request: its URL's origin, and its headers (the session cookie). */
export function methodsRequestFor(page: Request, basePath: string): Request {
  const url = new URL(`${basePath}/methods`, page.url);
  const headers = new Headers(page.headers);
  // A page request is not a JSON call; these say nothing about the wallet read.
  for (const name of ['content-type', 'content-length', 'transfer-encoding']) headers.delete(name);
  return new Request(url, { method: 'GET', headers });
}

/** The wallet in the body of a `200` answer, or `null` for any other answer. */
export function initialWalletFrom(status: number, body: string | null): WalletState | null {
  if (status !== 200 || body === null) return null;
  return JSON.parse(body) as WalletState;
}
