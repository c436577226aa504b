/**
 * The merchant's removal policy in one place: asked before a removal (and before the removal
 * step of a replacement), and for every wallet the handler answers, so a method that cannot be
 * removed is shown as such before the shopper tries. `canRemove` is asked per method,
 * `removePolicy` once for the whole wallet; either answers the same decisions here.
 */
import type { PaymentMethod } from '../protocol/index.js';
import type { Context } from './context.js';
import type { RemoveDecision } from './options.js';
import { sanitizeUpstreamText } from './redact.js';

const DEFAULT_REASON = 'This payment method cannot be removed.';

/** The merchant's reason for a refusal, cleaned like any text that reaches the shopper; a default sentence when none. */
function reasonOf(ctx: Context, decision: RemoveDecision | undefined): string | undefined {
  if (decision === undefined || decision === true) return undefined;
  const given = typeof decision === 'object' && decision ? (decision as { reason?: unknown }).reason : undefined;
  return sanitizeUpstreamText(given, ctx.redact) ?? DEFAULT_REASON;
}

/**
 * The refusals of the policy for these methods: method id to the reason shown to the shopper.
 * Empty when the merchant configured no policy. Anything but `true` (or, from `removePolicy`, a
 * missing entry) is a refusal, so a policy answering something unexpected errs on keeping the method.
 */
export async function removeRefusals(ctx: Context, methods: readonly PaymentMethod[]): Promise<Map<string, string>> {
  const { canRemove, removePolicy } = ctx.options;
  const refusals = new Map<string, string>();
  if (methods.length === 0) return refusals;
  if (removePolicy) {
    const answer = await removePolicy(methods.map(stripPolicy), ctx.request, ctx.platform);
    const decisionFor = (id: string): RemoveDecision | undefined => {
      if (answer instanceof Map) return (answer as ReadonlyMap<string, RemoveDecision>).get(id);
      const record = answer as Record<string, RemoveDecision | undefined>;
      return Object.hasOwn(record, id) ? record[id] : undefined;
    };
    for (const method of methods) {
      const reason = reasonOf(ctx, decisionFor(method.id));
      if (reason !== undefined) refusals.set(method.id, reason);
    }
  } else if (canRemove) {
    const decisions = await Promise.all(methods.map(method => canRemove(stripPolicy(method), ctx.request, ctx.platform)));
    methods.forEach((method, i) => {
      // canRemove answers for every method: anything but `true` is a refusal.
      const decision = decisions[i];
      if (decision !== true) refusals.set(method.id, reasonOf(ctx, decision) ?? DEFAULT_REASON);
    });
  }
  return refusals;
}

/** A copy of the method without the policy's own fields, as the hooks get it and before a wallet is marked again. */
export function stripPolicy(method: PaymentMethod): PaymentMethod {
  const copy = { ...method };
  delete copy.removable;
  delete copy.removeBlockedReason;
  return copy;
}

/** The reason the policy refuses removing `target` from this wallet, or `undefined` when it may go. */
export async function removeRefusal(ctx: Context, methods: readonly PaymentMethod[], target: PaymentMethod): Promise<string | undefined> {
  // removePolicy judges a method within its wallet; canRemove needs only the one method.
  const asked = ctx.options.removePolicy ? methods : [target];
  return (await removeRefusals(ctx, asked)).get(target.id);
}
