/**
 * Internal seam between the handler and the Node adapters: the handler's answer
 * before it becomes a fetch `Response`. The Node adapters write it to
 * `ServerResponse` directly, which saves building a `Response` (and its body
 * stream) only to read it back. Not part of the public API.
 */

/** A complete answer: every header, and the (already redacted) body text. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string | null;
}

/**
 * The handler's answer-producing entry point, stored under `RAW_SERVE` on the handler function.
 * `method` overrides `request.method` for a method fetch's `Request` cannot carry (TRACE): the
 * adapter passes a stand-in request, and the handler answers the real method as the route would.
 */
export type RawServe = (request: Request, context: unknown, method?: string) => Promise<RawAnswer>;

export const RAW_SERVE: unique symbol = Symbol('ecrypt-wallet.rawServe');

/** The raw entry point of a handler made by `createWalletHandler`, if it is one. */
export function rawServeOf(handler: unknown): RawServe | undefined {
  const raw = typeof handler === 'function' ? (handler as { [RAW_SERVE]?: unknown })[RAW_SERVE] : undefined;
  return typeof raw === 'function' ? (raw as RawServe) : undefined;
}
