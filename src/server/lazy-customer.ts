/**
 * The gateway customer of a signed-in shopper who has none yet: created on
 * their first save, and once, however many saves race for it.
 *
 * Until it exists the shopper is known by the identity their profile gives
 * (`merchantIdentifier`, else the email address, else the whole profile). The
 * rate limit counts their attempts under it, and creation runs under a lock per
 * identity in this process. Inside the lock `customerFor` is asked again: a
 * save that held the lock before may have created the customer, and the
 * merchant's `onCreated` has recorded it on the account. Only when it still
 * answers none is a customer created.
 *
 * A request never adopts the id another request created: two accounts may
 * share an email address or a name, and one shopper must never be handed
 * another's wallet. For the same reason only a `merchantIdentifier` (the
 * merchant's own account id) is trusted to name one shopper across requests
 * and instances: with one, the upstream `Idempotency-Key` of `POST /v1/customers`
 * is derived from it alone, so first saves racing on several instances, or a
 * save after an `onCreated` that failed to record the id, get the gateway's
 * first customer back instead of a second one. Keys outlive customers at the
 * gateway, so a replayed creation is checked: when its customer was deleted
 * since, the next key names the deleted id, which makes one fresh customer,
 * the same on every instance. Only one: when that one was deleted too, the
 * save fails (502) rather than run an unbounded chain of creations. Without a
 * merchant id, the upstream key comes from the request's own `Idempotency-Key`,
 * so a retry after a lost answer still gets the customer its first attempt
 * created.
 */
import type { Context } from './context.js';
import { knownCustomerId } from './customer.js';
import { WalletError } from './errors.js';
import { callGateway } from './gateway-call.js';
import { GatewayError, type CustomerProfile } from './gateway-client.js';
import { sha256Hex } from './sha256.js';
import { upstreamKey } from './upstream-key.js';

/** Who a shopper without a customer is, as far as their profile tells. */
export interface NewShopperIdentity {
  /** SHA-256 of the identity; the scope of their idempotency keys and rate limit. */
  hash: string;
  /** Whether the identity is the merchant's account id, which names one shopper and no other. */
  byMerchantId: boolean;
}

/** The stable part of a profile that names the shopper; the whole profile when it has no identifier. */
export async function identityOf(profile: CustomerProfile): Promise<NewShopperIdentity> {
  if (profile.merchantIdentifier) return { hash: await sha256Hex(`id:${profile.merchantIdentifier}`), byMerchantId: true };
  if (profile.emailAddress) return { hash: await sha256Hex(`email:${profile.emailAddress.trim().toLowerCase()}`), byMerchantId: false };
  const entries = Object.entries(profile).sort(([a], [b]) => (a < b ? -1 : 1));
  return { hash: await sha256Hex(`profile:${JSON.stringify(entries)}`), byMerchantId: false };
}

/**
 * The shopper's customer id: the one `customerFor` now knows, or one this request
 * created (or got back from the gateway) and reported to `onCreated` (`created`).
 * `requestKey` names the creation upstream when the identity is not a merchant id
 * (`null`: the request has no key).
 */
export async function ensureCustomer(
  ctx: Context,
  profile: CustomerProfile,
  identity: NewShopperIdentity,
  requestKey: (() => Promise<string>) | null,
): Promise<{ customerId: string; created: boolean }> {
  return ctx.locks.run(`customer:${identity.hash}`, async () => {
    const known = await knownCustomerId(ctx);
    if (known !== null) return { customerId: known, created: false };
    const create = (idempotencyKey: string | undefined) =>
      callGateway(ctx, 'customer', async () => {
        try {
          return await ctx.gateway.createCustomer(profile, idempotencyKey ? { idempotencyKey } : {});
        } catch (error) {
          if (identity.byMerchantId && error instanceof GatewayError && error.status === 409) {
            // The gateway created this account's customer before, from another profile, and customerFor does not know it.
            ctx.log.error(
              'a customer was already created for this merchantIdentifier with other details; customerFor must answer the id onCreated was given',
            );
          }
          throw error;
        }
      });
    let customerId: string;
    if (identity.byMerchantId) {
      let created = await create(await upstreamKey('customer-create', `new:${identity.hash}`));
      if (created.replayed && !(await customerExists(ctx, created.customerId))) {
        // Deleted since: one fresh customer, under a key that names the deleted one (the same on every instance).
        created = await create(await upstreamKey('customer-create', `new:${identity.hash}:after:${created.customerId}`));
        // Only one re-creation, so the time a save can take stays bounded (idempotencyTtlMs is derived from it).
        if (created.replayed && !(await customerExists(ctx, created.customerId))) {
          ctx.log.error('the gateway replayed a deleted customer for this merchantIdentifier twice; no customer was created', {
            customerId: created.customerId,
          });
          throw new WalletError('gateway_error', 'The payment gateway could not create the customer.');
        }
      }
      customerId = created.customerId;
    } else {
      customerId = (await create(requestKey ? await requestKey() : undefined)).customerId;
    }
    await ctx.options.createCustomer?.onCreated(ctx.request, customerId, ctx.platform);
    return { customerId, created: true };
  });
}

/** Whether the gateway still has the customer: its wallet reads, or it is unknown (404). */
async function customerExists(ctx: Context, customerId: string): Promise<boolean> {
  return callGateway(ctx, 'list', async () => {
    try {
      await ctx.gateway.listWallet(customerId);
      return true;
    } catch (error) {
      if (error instanceof GatewayError && error.kind === 'status' && error.status === 404) return false;
      throw error;
    }
  });
}
