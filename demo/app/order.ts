/** The order page: what the demo backend answered when it charged the picked method. */
import { formatCents } from '../shared/cart.js';
import type { DemoOrder } from '../shared/order.js';

const NETWORKS: Record<string, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  'american express': 'American Express',
  'discover card': 'Discover',
  ach: 'Bank account',
};

const card = document.querySelector<HTMLElement>('[data-order]');
const result = document.querySelector<HTMLElement>('[data-result]');
const icon = document.querySelector<HTMLElement>('[data-icon]');
const title = document.querySelector<HTMLElement>('[data-title]');
const message = document.querySelector<HTMLElement>('[data-message]');
const facts = document.querySelector<HTMLDListElement>('[data-facts]');
const again = document.querySelector<HTMLElement>('[data-again]');

function fact(term: string, value: string): void {
  const dt = document.createElement('dt');
  const dd = document.createElement('dd');
  dt.textContent = term;
  dd.textContent = value;
  facts?.append(dt, dd);
}

function show(order: DemoOrder): void {
  const titles = {
    approved: 'Order placed',
    declined: 'Payment declined',
    failed: 'Payment not completed',
    unknown: 'Checking your payment',
  } as const;
  result?.classList.add(`result--${order.status}`);
  if (icon) icon.textContent = order.status === 'approved' ? '✓' : order.status === 'unknown' ? '?' : '!';
  if (title) title.textContent = titles[order.status];
  if (message) message.textContent = order.message;
  fact('Amount', formatCents(order.amountCents));
  if (order.method) fact('Payment method', `${NETWORKS[order.method.network] ?? order.method.network} ending in ${order.method.last4}`);
  if (order.transactionId) fact('Transaction', order.transactionId);
  if (order.requestId) fact('Gateway request', order.requestId);
  fact('Order', order.id);
  if (facts) facts.hidden = false;
  // Paying again while the outcome is unknown is exactly what must not happen: no "choose another" link then.
  if (again) again.hidden = order.status === 'approved' || order.status === 'unknown';
}

async function load(): Promise<void> {
  const id = new URLSearchParams(location.search).get('id') ?? '';
  try {
    const response = await fetch(`/api/orders/${encodeURIComponent(id)}`, {
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
    });
    if (!response.ok) throw new Error(String(response.status));
    const { order } = (await response.json()) as { order: DemoOrder };
    show(order);
  } catch {
    if (title) title.textContent = 'Order not found';
    if (message) message.textContent = 'This order does not exist or belongs to another shopper.';
  } finally {
    card?.setAttribute('aria-busy', 'false');
  }
}

void load();
