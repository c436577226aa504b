/**
 * Redis implementations of the rate-limit, idempotency and save-note stores
 * (see `../stores.ts` for their contracts). Each check-and-change is one Lua
 * script, so it is atomic across every instance sharing the Redis. Every key
 * also carries a Redis expiry, so nothing outlives its use. A Redis that is
 * down or slower than the client's `commandTimeout` makes these methods throw.
 */
import type { IdempotencyRecord, IdempotencyStore, RateLimitHit, RateLimitStore, SaveNoteStore } from '../stores.js';
import { ClockOffset, type RedisClient } from './client.js';

// KEYS[1] the window; ARGV now, windowMs. A window that ended (by the handler's clock) starts again at 1.
const HIT = `
local now = tonumber(ARGV[1])
local window = redis.call('HMGET', KEYS[1], 'count', 'resetAt')
if window[1] and tonumber(window[2]) > now then
  return {redis.call('HINCRBY', KEYS[1], 'count', 1), window[2]}
end
local resetAt = tostring(now + tonumber(ARGV[2]))
redis.call('HSET', KEYS[1], 'count', 1, 'resetAt', resetAt)
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return {1, resetAt}
`;

/** Fixed-window counter shared by every instance: one atomic script per hit. */
export class RedisRateLimitStore implements RateLimitStore {
  readonly #redis: RedisClient;
  readonly #prefix: string;
  readonly #clock: ClockOffset;

  constructor(redis: RedisClient, prefix = '', clock = new ClockOffset()) {
    this.#redis = redis;
    this.#prefix = prefix;
    this.#clock = clock;
  }

  async hit(key: string, windowMs: number, now: number): Promise<RateLimitHit> {
    this.#clock.seen(now);
    const [count, resetAt] = (await this.#redis.eval(HIT, 1, `${this.#prefix}rl:${key}`, now, Math.ceil(windowMs))) as [number, string];
    return { count: Number(count), resetAt: Number(resetAt) };
  }
}

// KEYS[1] the record; ARGV now, record JSON, ttl. Answers the live record, or nil after claiming.
const CLAIM = `
local existing = redis.call('GET', KEYS[1])
if existing and cjson.decode(existing).expiresAt > tonumber(ARGV[1]) then return existing end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return false
`;

// KEYS[1] the record; ARGV the claim's nonce. Undoes a claim that failed on the client's side, if it was applied.
const UNCLAIM = `
local existing = redis.call('GET', KEYS[1])
if existing and cjson.decode(existing).claim == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 0
`;

// KEYS[1] the record; ARGV the claimed record's fingerprint and expiresAt. Deletes the record only while it
// is still that pending claim: one that lapsed may since have been claimed by another request.
const RELEASE = `
local existing = redis.call('GET', KEYS[1])
if not existing then return 0 end
local record = cjson.decode(existing)
if record.state == 'pending' and record.fingerprint == ARGV[1] and tonumber(record.expiresAt) == tonumber(ARGV[2]) then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
`;

/**
 * Idempotency records shared by every instance; the claim is one atomic script. A claim whose
 * answer never came (Redis stuck or restarting past the client's `commandTimeout`) may still be
 * applied later, when the client's queue is sent: it would hold the key for a request that was
 * answered 503. So a failed claim is followed, on the same connection and so in order, by a script
 * that deletes the record if it is that claim's (each claim carries a nonce for this).
 */
export class RedisIdempotencyStore implements IdempotencyStore {
  readonly #redis: RedisClient;
  readonly #prefix: string;
  readonly #clock: ClockOffset;

  /** `clock` may be shared with the other stores, so any store's `now` teaches all of them the handler's clock. */
  constructor(redis: RedisClient, prefix = '', clock = new ClockOffset()) {
    this.#redis = redis;
    this.#prefix = prefix;
    this.#clock = clock;
  }

  async claim(key: string, record: IdempotencyRecord, now: number): Promise<IdempotencyRecord | null> {
    this.#clock.seen(now);
    const ttl = Math.max(1, Math.ceil(record.expiresAt - now));
    const nonce = crypto.randomUUID();
    let existing: string | null;
    try {
      existing = (await this.#redis.eval(CLAIM, 1, this.#key(key), now, JSON.stringify({ ...record, claim: nonce }), ttl)) as string | null;
    } catch (error) {
      this.#redis.eval(UNCLAIM, 1, this.#key(key), nonce).catch(() => {});
      throw error;
    }
    return existing === null ? null : parseRecord(existing);
  }

  async get(key: string, now: number): Promise<IdempotencyRecord | null> {
    this.#clock.seen(now);
    const stored = await this.#redis.get(this.#key(key));
    if (stored === null) return null;
    const record = parseRecord(stored);
    return record.expiresAt > now ? record : null;
  }

  async put(key: string, record: IdempotencyRecord): Promise<void> {
    await this.#redis.set(this.#key(key), JSON.stringify(record), 'PX', this.#clock.ttl(record.expiresAt));
  }

  async release(key: string, claimed: IdempotencyRecord): Promise<void> {
    await this.#redis.eval(RELEASE, 1, this.#key(key), claimed.fingerprint, claimed.expiresAt);
  }

  #key(key: string): string {
    return `${this.#prefix}idem:${key}`;
  }
}

function parseRecord(stored: string): IdempotencyRecord {
  const { claim: _claim, ...record } = JSON.parse(stored) as IdempotencyRecord & { claim?: string };
  return record;
}

/** Save notes shared by every instance: a key holding its expiry, which Redis also enforces. */
export class RedisSaveNoteStore implements SaveNoteStore {
  readonly #redis: RedisClient;
  readonly #prefix: string;
  readonly #clock: ClockOffset;

  /** `clock` may be shared with the other stores, so any store's `now` teaches all of them the handler's clock. */
  constructor(redis: RedisClient, prefix = '', clock = new ClockOffset()) {
    this.#redis = redis;
    this.#prefix = prefix;
    this.#clock = clock;
  }

  async note(key: string, expiresAt: number): Promise<void> {
    await this.#redis.set(this.#key(key), String(expiresAt), 'PX', this.#clock.ttl(expiresAt));
  }

  async has(key: string, now: number): Promise<boolean> {
    this.#clock.seen(now);
    const stored = await this.#redis.get(this.#key(key));
    return stored !== null && Number(stored) > now;
  }

  #key(key: string): string {
    return `${this.#prefix}note:${key}`;
  }
}
