/**
 * Who the shopper is, from the merchant's session only. The browser never
 * names a customer; an id the merchant's hook returns is still validated,
 * because it is about to go into a gateway URL.
 */
import { GATEWAY_ID_PATTERN, type PaymentMethod } from '../protocol/index.js';
import type { Context } from './context.js';
import { WalletError } from './errors.js';
import { callGateway } from './gateway-call.js';
import type { CustomerProfile } from './gateway-client.js';
import { notFound } from './wallet-state.js';
import { hookFailureHint, tellOnce } from './wiring.js';

/** A known eCrypt customer, or a signed-in shopper who will get one on the first save. */
export type Shopper = { customerId: string } | { customerId: null; profile: CustomerProfile };

function unauthenticated(): WalletError {
  return new WalletError('unauthenticated', 'Sign in to manage saved payment methods.');
}

/**
 * The eCrypt customer id `customerFor` answers for this request, validated; `null` when it
 * names none (`null`, `undefined` or `''`). Anything else that is not a valid id (a number, an
 * object) is a merchant bug: taking it for "no customer" would create a customer for a shopper
 * who has one.
 */
export async function knownCustomerId(ctx: Context): Promise<string | null> {
  const customerId: unknown = await hook(ctx, 'customerFor', () => ctx.options.customerFor(ctx.request, ctx.platform));
  if (customerId === null || customerId === undefined || customerId === '') return null;
  if (typeof customerId !== 'string' || !GATEWAY_ID_PATTERN.test(customerId)) {
    // A merchant bug, not the shopper's: logged without the value, answered as a server fault.
    ctx.log.error('customerFor returned an id that is not a valid eCrypt id');
    throw new WalletError('internal_error', 'The shopper could not be identified.');
  }
  return customerId;
}

/** Runs a merchant hook; when it throws for a wiring mistake the context shows (no session, no context), says so once. */
async function hook<T>(ctx: Context, name: string, run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const hint = hookFailureHint(name, ctx.platform, error);
    if (hint) tellOnce(ctx.options, ctx.log, hint.key, hint.message);
    throw error;
  }
}

export async function resolveShopper(ctx: Context): Promise<Shopper> {
  const customerId = await knownCustomerId(ctx);
  if (customerId !== null) return { customerId };
  const { createCustomer } = ctx.options;
  if (!createCustomer) throw unauthenticated();
  const profile = await hook(ctx, 'createCustomer.profileFor', () => createCustomer.profileFor(ctx.request, ctx.platform));
  if (!profile) throw unauthenticated();
  return { customerId: null, profile };
}

/** A method that belongs to the signed-in shopper, with their wallet as it stands. */
export interface OwnedMethod {
  customerId: string;
  methods: PaymentMethod[];
  target: PaymentMethod;
}

/**
 * Ownership first: a method id from the path is acted on only once it is found
 * in this shopper's own wallet; anyone else's id answers 404 (with the wallet
 * read, which lacks it) and changes nothing.
 */
export async function resolveOwnedMethod(ctx: Context, shopper: Shopper, methodId: string): Promise<OwnedMethod> {
  // A shopper whose customer is created lazily has an empty wallet until the first save.
  if (shopper.customerId === null) throw notFound([]);
  const customerId = shopper.customerId;
  const { methods } = await callGateway(ctx, 'list', () => ctx.gateway.listWallet(customerId));
  const target = methods.find(method => method.id === methodId);
  if (!target) throw notFound(methods);
  return { customerId, methods, target };
}
