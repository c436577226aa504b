/**
 * `POST {endpoint}/methods`: saves a gateway token to the shopper's wallet.
 *
 * The server only ever holds the token, which does not say which card it
 * stands for, so duplicates are found after the gateway has saved the entry:
 *
 * 0. count the attempt against the rate limit; for a shopper without a
 *    gateway customer yet, count it under their identity and only then find
 *    or create their customer, once per shopper (lazy-customer.ts);
 * 1. read the wallet; a full wallet is refused (409 `wallet_full`) before the
 *    gateway is asked to save anything, unless this very request (same key,
 *    same body) already sent its save, whose lost answer may be what fills it;
 * 2. save with `default: false` (the gateway makes the first method of an
 *    empty wallet the default anyway; it cannot duplicate anything);
 * 3. compare the saved entry with the entries read in step 1 (cards: brand,
 *    last4, expiry; bank accounts: last4, account type and holder name); on a
 *    match, delete the new entry again (retried, DELETE is idempotent) and
 *    answer 409 `duplicate` with the existing id: nothing stays stored, and
 *    because the new entry was never the default, no default was disturbed
 *    (when that DELETE keeps failing, 502 `gateway_error` is answered and not
 *    remembered: the retry gets the save replayed, finds the twin again and
 *    retries the DELETE);
 * 4. only then, if asked, make the new method the default;
 * 5. answer the wallet as the gateway now has it.
 *
 * With `replaces`, step 4 becomes the rest of a replacement (`replaceSteps`): make the new
 * method the default if the old one was, then remove the old one if the merchant's policy
 * allows. A step that fails is answered (201, with what stands and the step) but not
 * remembered, so a retry with the same key completes it from the wallet as it then is.
 *
 * Steps 1-5 run one at a time per wallet (under `stores.lock`, shared by every
 * instance when it is a shared lock), so a save always reads the entries of the
 * saves before it. When a shared lock's lease is lost before step 2, nothing is
 * sent (503 `store_unavailable`); when it is lost during step 2, steps 3-5 run
 * again under a new lease, from a fresh read that sees any save made meanwhile.
 *
 * The whole sequence runs under the request's `Idempotency-Key`, so a retried
 * or double-submitted request replays the first answer rather than saving again.
 * The gateway writes carry an upstream `Idempotency-Key` derived from the
 * (customer-scoped) client key and, for the save, the request body, so when a
 * save reached the gateway but its answer was lost, the retry gets the
 * gateway's first answer (the saved entry) and the sequence completes, instead
 * of failing on the consumed token; a key reused with another token never gets
 * another card's save replayed. A replayed entry is checked against the wallet
 * as it is now: if it was removed since, 409 `idempotency_conflict` is answered
 * (no invented method), and its default flag is taken from the wallet, not the replay.
 */
import {
  IDEMPOTENCY_HEADER,
  WALLET_LIMIT,
  type AddMethodResponse,
  type PaymentMethod,
  type ReplaceOutcome,
  type ReplaceStep,
} from '../../protocol/index.js';
import { readJsonBody } from '../body.js';
import { audit } from '../audit.js';
import type { Context, RouteResult } from '../context.js';
import { resolveShopper, type Shopper } from '../customer.js';
import { WalletError } from '../errors.js';
import { storeUnavailable } from '../store-guard.js';
import { callGateway, changeWallet } from '../gateway-call.js';
import { GatewayError } from '../gateway-client.js';
import { fromGatewayError } from '../gateway-errors.js';
import { fingerprint, type IdempotentOutcome } from '../idempotency.js';
import { ensureCustomer, identityOf, type NewShopperIdentity } from '../lazy-customer.js';
import { consumeAttempt } from '../rate-limit.js';
import { parseAddMethodRequest, parseIdempotencyKey } from '../schemas.js';
import { sha256Hex } from '../sha256.js';
import { upstreamKey } from '../upstream-key.js';
import { removeRefusal } from '../remove-policy.js';
import { notFound, presentWallet, walletAfterChange } from '../wallet-state.js';
import { removeFromWallet } from './remove-method.js';

type AddInput = ReturnType<typeof parseAddMethodRequest>;

// Outcomes that say something final about this token: replaying them is right.
// Anything else (gateway trouble, a duplicate that could not be taken back yet, rate limit,
// a full wallet) may differ on a retry, which is safe: the save is replayed upstream.
const FINAL_ERRORS = new Set(['duplicate', 'invalid_request', 'declined']);

/** The upstream keys of one add, derived from its scoped client key; `null` without a client key. */
interface UpstreamKeys {
  /** For `POST /v1/customers/{id}/wallet`, scoped to the customer it saves to and to the request body. */
  walletAdd(customerId: string): Promise<string>;
  /** Whether this request (same key, same body) already sent its save to the gateway for that customer. */
  saveSent(customerId: string): Promise<boolean>;
  /** Notes, before the save is sent, that it was (for `saveSent` on a retry). */
  noteSave(customerId: string): Promise<void>;
  /** For `POST /v1/customers` (lazy creation) when the shopper has no merchant id, scoped to the shopper's identity. */
  customerCreate: () => Promise<string>;
  /**
   * Whether this request (same key, same body) already counted its attempt against the rate limit
   * under that customer (`null`: the new shopper's identity), in a run that ended without a final answer.
   */
  attemptCounted(customerId: string | null): Promise<boolean>;
  /** Notes that the attempt was counted (for `attemptCounted` on a retry). */
  noteAttempt(customerId: string | null): Promise<void>;
}

/** The shopper of a save: a known customer, or one without a customer yet, with the identity their profile gives. */
type Saver = Extract<Shopper, { customerId: string }> | (Extract<Shopper, { customerId: null }> & { identity: NewShopperIdentity });

export async function addMethod(ctx: Context): Promise<RouteResult> {
  const resolved = await resolveShopper(ctx);
  const shopper: Saver = resolved.customerId === null ? { ...resolved, identity: await identityOf(resolved.profile) } : resolved;
  const input = parseAddMethodRequest(await readJsonBody(ctx.request, ctx.options.maxBodyBytes));
  const key = parseIdempotencyKey(ctx.request.headers.get(IDEMPOTENCY_HEADER));
  if (key === null) return perform(ctx, shopper, input, null);

  // Keys are scoped to the customer, so one shopper's key can never replay another's answer.
  // Before a lazily created customer exists, they are scoped to a hash of the shopper's
  // identity (merchantIdentifier, else email, else the whole profile), so two such
  // shoppers who happen to send the same key never share an answer or a gateway key.
  const newScope = shopper.customerId === null ? `new:${shopper.identity.hash}` : '';
  const scope = (customerId: string | null) => (customerId ? `c:${customerId}:${key}` : `${newScope}:${key}`);
  const print = await fingerprint(input);
  // The save's key covers the body too: the same client key with another token is another save upstream.
  const walletAdd = (customerId: string) => upstreamKey('wallet-add', `${scope(customerId)}\n${print}`);
  const { saveNoteStore: notes, idempotencyTtlMs: ttlMs, now } = ctx.options;
  const attempt = async (customerId: string | null) => `attempt-counted:${await sha256Hex(`${scope(customerId)}\n${print}`)}`;
  const upstream: UpstreamKeys = {
    walletAdd,
    customerCreate: () => upstreamKey('customer-create', scope(null)),
    saveSent: async customerId => notes.has(await walletAdd(customerId), now()),
    noteSave: async customerId => notes.note(await walletAdd(customerId), now() + ttlMs),
    attemptCounted: async customerId => notes.has(await attempt(customerId), now()),
    noteAttempt: async customerId => notes.note(await attempt(customerId), now() + ttlMs),
  };
  const { response, replayed } = await ctx.idempotency.run(scope(shopper.customerId), print, async (): Promise<IdempotentOutcome> => {
    let resolvedFor: string | null = null;
    // Once a new shopper's customer is known, a retry finds the answer under the customer's scope too.
    const alsoStoreUnder = () => (resolvedFor ? [scope(resolvedFor)] : []);
    try {
      const result = await perform(ctx, shopper, input, upstream, id => (resolvedFor = id));
      // An incomplete replacement is answered, but not remembered: a retry with the key completes it.
      const final = !result.retryable;
      return { response: { status: result.status, body: JSON.stringify(result.body) }, final, alsoStoreUnder: alsoStoreUnder() };
    } catch (error) {
      // Non-final errors propagate: the key is released and the error answered as usual (with its headers).
      if (!(error instanceof WalletError) || !FINAL_ERRORS.has(error.code)) throw error;
      return { response: { status: error.status, body: JSON.stringify(error.toBody()) }, final: true, alsoStoreUnder: alsoStoreUnder() };
    }
  });
  return {
    status: response.status,
    body: JSON.parse(response.body) as unknown,
    headers: replayed ? { 'Idempotent-Replayed': 'true' } : {},
  };
}

const REPLACE_CODES = new Set<ReplaceOutcome['code']>(['remove_blocked', 'change_failed', 'gateway_error', 'gateway_timeout']);

/** A step of a replacement failed at the gateway: what the answer says about it. A retry with the same key may complete it. */
function incomplete(id: string, step: ReplaceStep, error: unknown): ReplaceOutcome {
  const given = error instanceof WalletError ? error.code : undefined;
  const code = REPLACE_CODES.has(given as ReplaceOutcome['code']) ? (given as ReplaceOutcome['code']) : 'gateway_error';
  return { id, removed: false, failedStep: step, code, retryable: true };
}

/**
 * Whether `b` is the same payment method as `a`, judged from what the gateway shows.
 * Cards: brand, last 4 and expiry. Bank accounts have no expiry, and two accounts at
 * different banks often share their last 4, so they also need the same account type
 * and holder name (both as the gateway reports them; unknown on both counts as equal).
 */
function sameMethod(a: PaymentMethod, b: PaymentMethod): boolean {
  if (a.kind !== b.kind || a.brand !== b.brand || a.last4 !== b.last4) return false;
  if (a.kind === 'bank') return a.accountType === b.accountType && normalName(a.holderName) === normalName(b.holderName);
  return a.expMonth === b.expMonth && a.expYear === b.expYear;
}

function normalName(name: string | undefined): string {
  return (name ?? '').trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * Counts one save attempt against the rate limit (and `carried` earlier ones; see rate-limit.ts);
 * answers the count. A request retried with its key (released after a failure) counts only once:
 * its first run noted the attempt, under `scopedTo` (a customer, or `null` for the new shopper's
 * identity), and the retry finds the note (0 is answered then).
 */
async function countAttempt(
  ctx: Context,
  subject: string,
  upstream: UpstreamKeys | null,
  scopedTo: string | null,
  carried = 0,
): Promise<number> {
  const { rateLimit, rateLimitStore, now } = ctx.options;
  if (!rateLimit) return 0;
  if (upstream && (await upstream.attemptCounted(scopedTo))) return 0;
  const count = await consumeAttempt(
    rateLimitStore,
    'adds',
    subject,
    { max: rateLimit.adds, windowMs: rateLimit.windowMs },
    now(),
    carried,
  );
  if (upstream) await upstream.noteAttempt(scopedTo);
  return count;
}

/**
 * The customer this save goes to, once the attempt is counted. A shopper without a
 * customer is counted under their identity before anything is created, so parallel
 * first saves are limited like any others. The request that creates the customer
 * carries the identity's count into the customer's window (failed attempts before it
 * included), and every later save counts only there, so a shopper gets `adds` attempts
 * in all, not `adds` before and `adds` after. (The carried attempts count for up to one
 * window longer than they would have: the customer's window starts when it is created.)
 */
async function customerToSaveTo(ctx: Context, shopper: Saver, upstream: UpstreamKeys | null): Promise<string> {
  if (shopper.customerId !== null) {
    await countAttempt(ctx, shopper.customerId, upstream, shopper.customerId);
    return shopper.customerId;
  }
  const before = await countAttempt(ctx, `new:${shopper.identity.hash}`, upstream, null);
  const { customerId, created } = await ensureCustomer(ctx, shopper.profile, shopper.identity, upstream ? upstream.customerCreate : null);
  // A save that found the customer counts itself once more. In one process it took the customer lock after the
  // creator (in the order of their identity hits), so the creator's carried count did not include it.
  // (Across instances it may have been carried too: counted twice, which errs on the strict side.)
  await countAttempt(ctx, customerId, upstream, customerId, created ? before : 0);
  return customerId;
}

async function perform(
  ctx: Context,
  shopper: Saver,
  input: AddInput,
  upstream: UpstreamKeys | null,
  onCustomerResolved?: (id: string) => void,
): Promise<RouteResult> {
  const customerId = await customerToSaveTo(ctx, shopper, upstream);
  if (shopper.customerId === null) onCustomerResolved?.(customerId);
  // One save per wallet at a time: two tabs saving the same card would both read
  // the wallet before either saved, and neither would see the other's entry as its twin.
  const lockKey = `wallet:${customerId}`;
  try {
    return await ctx.locks.run(lockKey, signal => saveTo(ctx, customerId, input, upstream, signal));
  } catch (error) {
    if (!(error instanceof LeaseLost)) throw error;
    // A shared lock's lease ran out while the save was at the gateway: another instance may have read the
    // wallet before this entry existed and saved the same method. Under a new lease, a fresh read sees both.
    try {
      return await ctx.locks.run(lockKey, () => saveTo(ctx, customerId, input, upstream, undefined, error.saved));
    } catch (retryError) {
      if (!(retryError instanceof WalletError) || retryError.code !== 'store_unavailable') throw retryError;
      // No new lease: the entry stands at the gateway, unchecked for a twin. `store_unavailable` would tell the
      // element nothing changed (and make it drop the key); an unknown outcome keeps the key, whose retry finishes.
      throw new WalletError(
        'gateway_error',
        'The save reached the payment gateway, but the wallet lock was lost before it could be checked; send the same request again with the same Idempotency-Key to finish it.',
        error.saved.requestId ? { requestId: error.saved.requestId } : {},
      );
    }
  }
}

type Saved = Awaited<ReturnType<Context['gateway']['addToWallet']>>;

/** The lock's lease was lost while `saved` was being stored; the save is finished under a new lease. */
class LeaseLost extends Error {
  constructor(readonly saved: Saved) {
    super('The wallet lock was lost during a save.');
  }
}

/**
 * Steps 1-5 of the module comment, for one customer's wallet. `signal` aborts when a shared lock
 * lost its lease; `savedBefore` is the entry stored under a lease that was lost (step 2 is then done).
 */
async function saveTo(
  ctx: Context,
  customerId: string,
  input: AddInput,
  upstream: UpstreamKeys | null,
  signal?: AbortSignal,
  savedBefore?: Saved,
): Promise<RouteResult> {
  const { gateway } = ctx;
  // Read for every save, a first one included: a customer found (not created) by this request
  // may hold what a racing save of the same shopper stored.
  const existing = (await callGateway(ctx, 'list', () => gateway.listWallet(customerId))).methods;
  // A full wallet costs the gateway nothing. Only when this very request (same key, same body) already
  // sent its save can the entry that fills the wallet be its own, answer lost: then the gateway decides
  // (it replays that save, or refuses a fifth method).
  if (!savedBefore && existing.length >= WALLET_LIMIT && !(upstream && (await upstream.saveSent(customerId)))) {
    throw new WalletError('wallet_full', `The wallet already holds ${WALLET_LIMIT} payment methods.`);
  }

  // The method to replace must be in the wallet before anything is saved. Only a retry of a request
  // that already sent its save may find it gone: its own earlier run removed it.
  const old = input.replaces === undefined ? undefined : existing.find(method => method.id === input.replaces);
  if (input.replaces !== undefined && !old && !savedBefore && !(upstream && (await upstream.saveSent(customerId)))) {
    throw notFound(existing);
  }

  const idempotencyKey = upstream ? await upstream.walletAdd(customerId) : undefined;
  if (upstream) await upstream.noteSave(customerId);
  let saved: Saved;
  if (savedBefore) saved = savedBefore;
  else if (signal?.aborted) throw storeUnavailable();
  else {
    try {
      saved = await gateway.addToWallet(
        customerId,
        // Always `default: false`, so a resend is the same request (the wallet may have changed in between);
        // the gateway makes the first method of an empty wallet the default by itself.
        { token: input.token, makeDefault: false, ...(input.billingAddress ? { billingAddress: input.billingAddress } : {}) },
        idempotencyKey ? { idempotencyKey } : {},
      );
    } catch (error) {
      throw await saveRefusal(ctx, customerId, error);
    }
    if (signal?.aborted) throw new LeaseLost(saved);
  }
  // A replayed save describes the entry as it was then: the wallet read above is the truth about it.
  const stored = existing.find(method => method.id === saved.method.id);
  if ((saved.replayed || savedBefore) && !stored) throw removedSince(ctx, saved.method.id);
  const added = stored ? { ...saved.method, isDefault: stored.isDefault } : saved.method;
  // After a lost answer, the wallet read above already holds this very entry.
  const others = existing.filter(method => method.id !== added.id);
  const first = others.length === 0;

  const twin = others.find(method => sameMethod(method, added));
  if (twin) {
    try {
      await gateway.removeFromWallet(customerId, added.id, { retry: true });
    } catch {
      // The duplicate could not be taken back: say the gateway failed rather than claim nothing was stored.
      // Not remembered as final: a retry with the same key gets the save replayed upstream, finds the
      // twin again and retries the DELETE.
      ctx.log.error('could not remove a duplicate just saved', { methodId: added.id, requestId: saved.requestId });
      throw new WalletError(
        'gateway_error',
        'The payment gateway failed while undoing a duplicate save.',
        saved.requestId ? { requestId: saved.requestId } : {},
      );
    }
    throw new WalletError('duplicate', 'This payment method is already saved.', { existingMethodId: twin.id });
  }
  await audit(ctx, { type: 'method_added', customerId, methodId: added.id, requestId: saved.requestId });

  if (input.replaces !== undefined) return replaceSteps(ctx, customerId, input, { added, others, old: old ?? null });

  let madeDefault = added.isDefault;
  if ((input.makeDefault || first) && !added.isDefault) {
    try {
      const { requestId } = await gateway.setDefault(customerId, added.id);
      madeDefault = true;
      await audit(ctx, { type: 'default_changed', customerId, methodId: added.id, requestId });
    } catch {
      // The method is saved; the answer shows truthfully that it is not the default, and the shopper can retry that alone.
      ctx.log.warn('saved method could not be made the default', { methodId: added.id, requestId: saved.requestId });
    }
  }

  const methods = await walletAfterChange(ctx, customerId, () => [
    ...others.map(method => ({ ...method, isDefault: madeDefault ? false : method.isDefault })),
    { ...added, isDefault: madeDefault },
  ]);
  return savedAnswer(ctx, added.id, methods);
}

/** The 201 answer: the saved method as the wallet now shows it, and the wallet. */
async function savedAnswer(ctx: Context, id: string, methods: PaymentMethod[], replaced?: ReplaceOutcome): Promise<RouteResult> {
  // Only a real read can lack the entry (the expected state holds it): it was removed meanwhile.
  if (!methods.some(item => item.id === id)) throw removedSince(ctx, id);
  const wallet = await presentWallet(ctx, methods);
  const method = wallet.methods.find(item => item.id === id)!;
  const body: AddMethodResponse = { method, ...wallet, ...(replaced ? { replaced } : {}) };
  return { status: 201, body, ...(replaced?.retryable ? { retryable: true } : {}) };
}

/**
 * Steps 2 and 3 of a replacement, once the new method is saved (step 1, not the default):
 * make it the default if the old one was (or `makeDefault` asks), then remove the old one if
 * the merchant's policy allows. A step that fails stops the sequence; the answer says what stands
 * (both methods saved) and which step failed, and is not remembered, so a retry with the same
 * key (the save replayed by the gateway, not repeated) completes the rest. On such a retry the old
 * method may already be the default no more (step 2 done) or gone (step 3 done).
 */
async function replaceSteps(
  ctx: Context,
  customerId: string,
  input: AddInput,
  found: { added: PaymentMethod; others: PaymentMethod[]; old: PaymentMethod | null },
): Promise<RouteResult> {
  const { added, others, old } = found;
  const replacedId = input.replaces!;
  const wallet = (isDefault: string | null) => [
    ...others.map(method => ({ ...method, isDefault: isDefault ? method.id === isDefault : method.isDefault })),
    { ...added, isDefault: isDefault ? added.id === isDefault : added.isDefault },
  ];
  if (!old) {
    // A retry after its first run removed the old method: nothing is left to do.
    return savedAnswer(ctx, added.id, await walletAfterChange(ctx, customerId, () => wallet(null)), { id: replacedId, removed: true });
  }

  let current = wallet(null);
  if ((input.makeDefault || old.isDefault) && !added.isDefault) {
    try {
      const change = await changeWallet(ctx, {
        op: 'default',
        customerId,
        methodId: added.id,
        send: () => ctx.gateway.setDefault(customerId, added.id),
        tookEffect: after => after.some(method => method.id === added.id && method.isDefault),
      });
      await audit(ctx, { type: 'default_changed', customerId, methodId: added.id, requestId: change.requestId });
      current = change.methods ?? wallet(added.id);
    } catch (error) {
      ctx.log.warn('a replacing method could not be made the default', { methodId: added.id });
      const methods =
        error instanceof WalletError && error.wallet ? error.wallet.methods : await walletAfterChange(ctx, customerId, () => current);
      return savedAnswer(ctx, added.id, methods, incomplete(replacedId, 'default', error));
    }
  }

  let refused: string | undefined;
  try {
    refused = await removeRefusal(ctx, current, old);
  } catch (error) {
    // The merchant's policy failed: the old method stays, certainly (its removal was never sent). Not final:
    // a retry with the same key asks the policy again and completes the rest.
    ctx.log.error('the removal policy failed during a replacement', {
      methodId: old.id,
      name: error instanceof Error ? error.name : typeof error,
    });
    const methods = await walletAfterChange(ctx, customerId, () => current);
    return savedAnswer(ctx, added.id, methods, {
      id: replacedId,
      removed: false,
      failedStep: 'remove',
      code: 'change_failed',
      retryable: true,
    });
  }
  if (refused !== undefined) {
    const methods = await walletAfterChange(ctx, customerId, () => current);
    // Final: the policy, not the gateway, keeps the old method; a retry would be refused the same way.
    return savedAnswer(ctx, added.id, methods, {
      id: replacedId,
      removed: false,
      failedStep: 'remove',
      code: 'remove_blocked',
      reason: refused,
    });
  }
  const target = current.find(method => method.id === old.id) ?? old;
  try {
    const after = await removeFromWallet(ctx, customerId, current, target);
    return savedAnswer(ctx, added.id, after.methods, { id: replacedId, removed: true });
  } catch (error) {
    // The gateway no longer has it (removed meanwhile, the wallet read again lacks it): the replacement is complete all the same.
    const gone = error instanceof WalletError && error.code === 'not_found' && error.wallet;
    if (gone && !gone.methods.some(method => method.id === old.id)) {
      return savedAnswer(ctx, added.id, gone.methods, { id: replacedId, removed: true });
    }
    ctx.log.warn('a replaced method could not be removed', { methodId: old.id });
    const methods =
      error instanceof WalletError && error.wallet ? error.wallet.methods : await walletAfterChange(ctx, customerId, () => current);
    return savedAnswer(ctx, added.id, methods, incomplete(replacedId, 'remove', error));
  }
}

/**
 * The contract's error for a save the gateway refused. A 400 is `wallet_full` only when the
 * wallet, read again, holds the limit: the documented refusal of a fifth method is a plain
 * VALIDATION error with no documented wording (ecrypt-api.md section 4), so nothing in the
 * error itself tells it from any other validation failure. (Another client may have filled
 * the wallet since this save read it.) Any other 400 is the gateway's validation error.
 */
async function saveRefusal(ctx: Context, customerId: string, error: unknown): Promise<WalletError> {
  if (error instanceof GatewayError && error.kind === 'status' && error.status === 400) {
    try {
      const { methods } = await ctx.gateway.listWallet(customerId);
      if (methods.length >= WALLET_LIMIT) {
        return new WalletError(
          'wallet_full',
          `The wallet already holds ${WALLET_LIMIT} payment methods.`,
          error.requestId ? { requestId: error.requestId } : {},
        );
      }
    } catch {
      // The wallet could not be read again: the gateway's own refusal is all that is known.
    }
  }
  return fromGatewayError(error, 'add', ctx.redact);
}

/** The entry this request saved is no longer in the wallet: answered without inventing it. */
function removedSince(ctx: Context, methodId: string): WalletError {
  ctx.log.warn('the method this request saved is no longer in the wallet', { methodId });
  return new WalletError(
    'idempotency_conflict',
    'The payment method this Idempotency-Key saved has since been removed from the wallet; reload the wallet, and send a new request (new key) to add it again.',
  );
}
