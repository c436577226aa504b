/**
 * The few commands the Redis stores send, as a structural type: an `ioredis`
 * `Redis` or `Cluster` fits it, and nothing here loads `ioredis` itself (the
 * merchant creates the client and passes it in). Every script touches one key,
 * so each works on a cluster too.
 */
export interface RedisClient {
  eval(script: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
  get(key: string): Promise<string | null>;
  set(key: string, value: string, mode: 'PX', milliseconds: number): Promise<unknown>;
  del(key: string): Promise<number>;
}

/**
 * The handler's clock may be injected (tests stand it still or move it on), while Redis expires
 * keys on its own clock. Stores compare `expiresAt` with the `now` they are given, as the memory
 * stores do, and use this to turn an `expiresAt` that arrives without a `now` into a Redis TTL:
 * the offset between the handler's clock and this machine's, learnt from the last `now` seen.
 */
export class ClockOffset {
  #offset: number | undefined;

  /** Learns the handler's clock from a `now` it passed. */
  seen(now: number): void {
    this.#offset = now - Date.now();
  }

  /**
   * Milliseconds from the handler's present to `expiresAt`, at least 1 (Redis refuses 0). Before any
   * `now` was seen, an `expiresAt` already past on this machine's clock must be on another clock: it
   * is kept a day, the logical check deciding when it ends.
   */
  ttl(expiresAt: number): number {
    const ms = Math.ceil(expiresAt - (Date.now() + (this.#offset ?? 0)));
    if (this.#offset === undefined && ms <= 0) return UNKNOWN_CLOCK_TTL_MS;
    return Math.max(1, ms);
  }
}

const UNKNOWN_CLOCK_TTL_MS = 24 * 3_600_000;
