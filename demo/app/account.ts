/** The account page: `<ecrypt-wallet>` in management mode, and a log of the events it fires. */
import '../../src/components/ecrypt-wallet/ecrypt-wallet.js';
import type { PaymentMethod } from '../../src/protocol/index.js';
import { BRAND_NAMES } from '../../src/lib/brands.js';

const log = document.querySelector<HTMLOListElement>('[data-event-log]');
/** A method as the shopper reads it: the network's name, never the internal brand code. */
const describe = (method: PaymentMethod) => `${BRAND_NAMES[method.brand] ?? BRAND_NAMES.unknown} •••• ${method.last4}`;

function record(text: string): void {
  if (!log) return;
  const item = document.createElement('li');
  const time = new Date().toLocaleTimeString();
  item.textContent = `${time}  ${text}`;
  log.prepend(item);
  while (log.children.length > 8) log.lastElementChild?.remove();
}

document.addEventListener('ecrypt-methods-loaded', event => record(`ecrypt-methods-loaded: ${event.methods.length} method(s)`));
document.addEventListener('ecrypt-method-added', event => record(`ecrypt-method-added: ${describe(event.method)}`));
document.addEventListener('ecrypt-default-changed', event => record(`ecrypt-default-changed: ${describe(event.method)}`));
document.addEventListener('ecrypt-method-removed', event => record(`ecrypt-method-removed: ${describe(event.method)}`));
document.addEventListener('ecrypt-error', event =>
  record(`ecrypt-error: ${event.operation} failed (${event.code})${event.requestId ? `, request ${event.requestId}` : ''}`),
);
