/**
 * `Idempotency-Key` for adds: a double click, or a retry after a lost answer,
 * replays the first answer instead of saving twice. A key is remembered with
 * a fingerprint of the body; the same key with another body is a client bug
 * and gets 409 `idempotency_conflict`. A second request arriving while the
 * first is still running waits for it (in this process directly, across
 * instances by polling the shared store) and replays its answer. In this
 * process a waiter shares the first request's outcome even when that outcome
 * was not final (a gateway failure): it never runs the operation a second time
 * for the same click; it is checked before the store, so even a claim that
 * expired while its request still runs never lets a second run start here.
 * A pending claim lives as long as the request can run at worst (`pendingTtlMs`),
 * so an instance that crashed mid-request does not block its key for a day;
 * a finished answer lives `ttlMs`.
 */
import { WalletError } from './errors.js';
import { sha256Hex } from './sha256.js';
import type { IdempotencyRecord, IdempotencyStore, StoredResponse } from './stores.js';

/** The outcome of the protected operation and whether it may be replayed. */
export interface IdempotentOutcome {
  response: StoredResponse;
  /** `false` when the outcome may change on a retry (gateway trouble, rate limit): the key is released. */
  final: boolean;
  /** Further keys to store the outcome under (after a lazily created customer, its own scope). */
  alsoStoreUnder?: string[];
}

export interface IdempotencyOptions {
  store: IdempotencyStore;
  now: () => number;
  ttlMs: number;
  /** How long a second request waits for the first before giving up with 409. */
  waitMs: number;
  /**
   * How long a pending claim lives (a crashed instance never finishes it). Default `waitMs`.
   * It must cover the longest a request can run, or another instance could claim the key
   * while the first request is still running.
   */
  pendingTtlMs?: number;
}

const POLL_MS = 25;

/** SHA-256 (hex) of a canonical JSON form of the parsed request. */
export async function fingerprint(value: unknown): Promise<string> {
  return sha256Hex(canonicalJson(value));
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export interface Idempotency {
  /** Runs `operation` once per key; answers a replay (`replayed: true`) when the key was seen. */
  run(key: string, print: string, operation: () => Promise<IdempotentOutcome>): Promise<{ response: StoredResponse; replayed: boolean }>;
}

export function createIdempotency(options: IdempotencyOptions): Idempotency {
  const { store, now, ttlMs, waitMs } = options;
  const pendingTtlMs = options.pendingTtlMs ?? waitMs;
  // Requests in flight in this process, so a concurrent duplicate waits without polling and shares the outcome.
  const inFlight = new Map<string, { print: string; outcome: Promise<IdempotentOutcome> }>();
  const conflict = () => new WalletError('idempotency_conflict', 'This Idempotency-Key was used with a different request.');

  return {
    async run(key, print, operation) {
      // Waiting is measured in real time: an injected clock may stand still in tests.
      const started = performance.now();
      // A request of this process still running for the key is waited for first, whatever the store says:
      // its claim may have expired (a slow gateway, a slow hook) and must not let a second run start.
      const running = inFlight.get(key);
      if (running) {
        if (running.print !== print) throw conflict();
        const outcome = await running.outcome;
        return { response: outcome.response, replayed: true };
      }
      let claimed: IdempotencyRecord;
      for (;;) {
        claimed = { fingerprint: print, state: 'pending', expiresAt: now() + pendingTtlMs };
        const existing = await store.claim(key, claimed, now());
        if (existing === null) break;
        if (existing.fingerprint !== print) throw conflict();
        if (existing.state === 'done' && existing.response) return { response: existing.response, replayed: true };
        const local = inFlight.get(key);
        if (local) {
          if (local.print !== print) throw conflict();
          // Same click, same outcome: a failure of the first request is this one's failure too (the error is
          // rethrown), so the gateway is not asked again behind the shopper's back. Their next retry runs anew.
          const outcome = await local.outcome;
          return { response: outcome.response, replayed: true };
        } else if (performance.now() - started < waitMs) await new Promise(resolve => setTimeout(resolve, POLL_MS));
        else throw new WalletError('idempotency_conflict', 'A request with this Idempotency-Key is still in progress.');
        // After waiting, the record is done (replay), released (claim it), or still pending elsewhere.
        const after = await store.get(key, now());
        if (after?.state === 'done' && after.response) {
          if (after.fingerprint !== print) throw conflict();
          return { response: after.response, replayed: true };
        }
      }

      // A release that fails must not replace the operation's own answer (a save may stand at the gateway):
      // the pending claim then lapses after `pendingTtlMs`, and a retry meanwhile waits for it.
      const forget = () => store.release(key, claimed).catch(() => {});
      const mine = (async () => {
        try {
          const outcome = await operation();
          if (outcome.final) {
            const record = { fingerprint: print, state: 'done' as const, response: outcome.response, expiresAt: now() + ttlMs };
            try {
              await store.put(key, record);
              for (const other of outcome.alsoStoreUnder ?? []) await store.put(other, record);
            } catch {
              // The operation's outcome is already true at the gateway: it is answered all the same, only not
              // remembered. A retry runs again, and the gateway replays its save through the upstream key.
              await forget();
            }
          } else {
            await forget();
          }
          return outcome;
        } catch (error) {
          await forget();
          throw error;
        }
      })();
      const entry = { print, outcome: mine };
      inFlight.set(key, entry);
      try {
        const outcome = await mine;
        return { response: outcome.response, replayed: false };
      } finally {
        // Only this run's own entry: never one a later run of the key set meanwhile.
        if (inFlight.get(key) === entry) inFlight.delete(key);
      }
    },
  };
}
