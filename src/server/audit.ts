/** Tells the merchant's audit hook about a change the gateway made. */
import type { Context } from './context.js';
import type { AuditEvent } from './options.js';

/** Tells the merchant's audit hook; its failure is logged, since the change already happened. */
export async function audit(ctx: Context, event: Omit<AuditEvent, 'at'>): Promise<void> {
  if (!ctx.options.audit) return;
  try {
    await ctx.options.audit({ ...event, at: new Date(ctx.options.now()).toISOString() });
  } catch {
    ctx.log.error('audit hook failed', { type: event.type, requestId: event.requestId });
  }
}
