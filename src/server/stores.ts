/**
 * Every piece of state the handler keeps, behind small async interfaces so
 * several server instances can share them (Redis `INCR`+`PEXPIRE`,
 * `SET NX PX` and a check-and-delete script implement them directly). The
 * in-memory versions below are the defaults and suit a single process.
 */

/** The outcome of counting one hit in a fixed window. */
export interface RateLimitHit {
  /** Hits in the current window, this one included. */
  count: number;
  /** Epoch ms when the window ends. */
  resetAt: number;
}

/** Counts hits per key in fixed windows. */
export interface RateLimitStore {
  /** Counts one hit for `key` and answers the window's count; starts a new window when the old one has ended. */
  hit(key: string, windowMs: number, now: number): Promise<RateLimitHit>;
}

/** A stored answer that a replay sends again, byte for byte. */
export interface StoredResponse {
  status: number;
  body: string;
}

/** What the idempotency store holds per key. */
export interface IdempotencyRecord {
  /** SHA-256 of the request body as the handler understood it. */
  fingerprint: string;
  /** `pending` while the first request is still being served. */
  state: 'pending' | 'done';
  response?: StoredResponse;
  /** Epoch ms after which the record is forgotten. */
  expiresAt: number;
}

/** Remembers the answer to an `Idempotency-Key`. Keys arrive already scoped to a customer. */
export interface IdempotencyStore {
  /**
   * Atomically claims `key` with a pending record. Answers `null` when the claim
   * succeeded, or the existing (unexpired) record when someone holds the key.
   */
  claim(key: string, record: IdempotencyRecord, now: number): Promise<IdempotencyRecord | null>;
  /** The current record, if any and unexpired. */
  get(key: string, now: number): Promise<IdempotencyRecord | null>;
  /** Replaces the record (pending -> done). */
  put(key: string, record: IdempotencyRecord): Promise<void>;
  /**
   * Forgets the key so a retry runs again (the first attempt ended without a final answer), but
   * only while it still holds `claimed`, the pending record this caller claimed it with: a claim
   * that lapsed meanwhile may have let another request claim the key, and that claim stays.
   */
  release(key: string, claimed: IdempotencyRecord): Promise<void>;
}

/** In-process fixed-window counter. */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly #windows = new Map<string, RateLimitHit>();
  #lastSweep = 0;

  async hit(key: string, windowMs: number, now: number): Promise<RateLimitHit> {
    let window = this.#windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + windowMs };
      this.#windows.set(key, window);
      if (now - this.#lastSweep > windowMs) this.#sweep(now);
    }
    window.count += 1;
    return { ...window };
  }

  // Ended windows are dropped when new ones start, so the map stays bounded by active customers.
  #sweep(now: number): void {
    this.#lastSweep = now;
    for (const [key, window] of this.#windows) if (window.resetAt <= now) this.#windows.delete(key);
  }
}

/** Whether `stored` is still the pending record `claimed` put there (a later claim has a later expiry). */
function isClaim(stored: IdempotencyRecord, claimed: IdempotencyRecord): boolean {
  return stored.state === 'pending' && stored.fingerprint === claimed.fingerprint && stored.expiresAt === claimed.expiresAt;
}

/** In-process idempotency records; `claim` is atomic because it never awaits. */
export class MemoryIdempotencyStore implements IdempotencyStore {
  readonly #records = new Map<string, IdempotencyRecord>();
  #lastSweep = 0;

  async claim(key: string, record: IdempotencyRecord, now: number): Promise<IdempotencyRecord | null> {
    if (now - this.#lastSweep > 60_000) this.#sweep(now);
    const existing = this.#live(key, now);
    if (existing) return { ...existing };
    this.#records.set(key, { ...record });
    return null;
  }

  async get(key: string, now: number): Promise<IdempotencyRecord | null> {
    const existing = this.#live(key, now);
    return existing ? { ...existing } : null;
  }

  async put(key: string, record: IdempotencyRecord): Promise<void> {
    this.#records.set(key, { ...record });
  }

  async release(key: string, claimed: IdempotencyRecord): Promise<void> {
    const stored = this.#records.get(key);
    if (stored && isClaim(stored, claimed)) this.#records.delete(key);
  }

  // Expired records are dropped on writes so the map does not grow without bound.
  #sweep(now: number): void {
    this.#lastSweep = now;
    for (const [key, record] of this.#records) if (record.expiresAt <= now) this.#records.delete(key);
  }

  #live(key: string, now: number): IdempotencyRecord | undefined {
    const record = this.#records.get(key);
    if (record && record.expiresAt <= now) {
      this.#records.delete(key);
      return undefined;
    }
    return record;
  }
}

/**
 * Notes about one save request (one idempotency key and body, scoped to a
 * customer) that its retries read: that its save was sent to the gateway (the
 * entry filling the wallet may be its own, with its answer lost), and that its
 * attempt was counted against the rate limit (a retry does not count again).
 */
export interface SaveNoteStore {
  /** Notes `key` until `expiresAt` (epoch ms). */
  note(key: string, expiresAt: number): Promise<void>;
  /** Whether `key` was noted and has not expired. */
  has(key: string, now: number): Promise<boolean>;
}

/** In-process save notes. */
export class MemorySaveNoteStore implements SaveNoteStore {
  readonly #notes = new Map<string, number>();
  #lastSweep = 0;

  async note(key: string, expiresAt: number): Promise<void> {
    this.#notes.set(key, expiresAt);
  }

  async has(key: string, now: number): Promise<boolean> {
    if (now - this.#lastSweep > 60_000) this.#sweep(now);
    const expiresAt = this.#notes.get(key);
    return expiresAt !== undefined && expiresAt > now;
  }

  // Expired notes are dropped now and then so the map stays bounded by recent saves.
  #sweep(now: number): void {
    this.#lastSweep = now;
    for (const [key, expiresAt] of this.#notes) if (expiresAt <= now) this.#notes.delete(key);
  }
}
