/**
 * The demo shop's one cart, shared by the checkout page (to show it) and the
 * demo backend (to charge it): the amount charged never comes from the browser.
 */

export interface CartLine {
  sku: string;
  name: string;
  detail: string;
  quantity: number;
  /** Unit price in cents. */
  unitCents: number;
}

export const CART: readonly CartLine[] = [
  { sku: 'MUG-01', name: 'Stoneware mug', detail: 'Glazed, 350 ml, slate', quantity: 2, unitCents: 1450 },
  { sku: 'BEANS-12', name: 'Single-origin beans', detail: 'Huila, Colombia, 340 g', quantity: 1, unitCents: 1695 },
];

/** Flat shipping, in cents. */
export const SHIPPING_CENTS = 499;

export function subtotalCents(cart: readonly CartLine[] = CART): number {
  return cart.reduce((sum, line) => sum + line.quantity * line.unitCents, 0);
}

export function totalCents(cart: readonly CartLine[] = CART): number {
  return subtotalCents(cart) + SHIPPING_CENTS;
}

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

/** `$12.34` for 1234. */
export function formatCents(cents: number): string {
  return usd.format(cents / 100);
}
