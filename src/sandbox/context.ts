/** What every operation receives: the state, the clock and the id source. */
import type { Store } from './store.js';

export interface Ctx {
  readonly store: Store;
  now(): number;
  newId(): string;
  /** The id of the request being answered (or of the seeding step). */
  readonly requestId: string;
}

/** A route's view of one request: the context plus the parsed URL and path parameters. */
export interface RouteCtx extends Ctx {
  readonly request: Request;
  readonly url: URL;
  readonly params: Record<string, string>;
}
