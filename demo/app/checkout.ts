/**
 * The checkout page: the order summary from the shop's cart, and a plain form
 * whose `<ecrypt-wallet selectable name="paymentMethod" required>` submits the
 * picked method's id to `POST /api/orders`.
 */
import '../../src/components/ecrypt-wallet/ecrypt-wallet.js';
import { CART, formatCents, SHIPPING_CENTS, subtotalCents, totalCents } from '../shared/cart.js';

const lines = document.querySelector<HTMLUListElement>('[data-lines]');
for (const line of CART) {
  const item = document.createElement('li');
  const name = document.createElement('span');
  name.textContent = `${line.name} × ${line.quantity}`;
  const price = document.createElement('span');
  price.textContent = formatCents(line.quantity * line.unitCents);
  const detail = document.createElement('small');
  detail.textContent = line.detail;
  item.append(name, price, detail);
  lines?.append(item);
}

const totals = document.querySelector<HTMLDListElement>('[data-totals]');
const rows: [string, string, boolean][] = [
  ['Subtotal', formatCents(subtotalCents()), false],
  ['Shipping', formatCents(SHIPPING_CENTS), false],
  ['Total', formatCents(totalCents()), true],
];
for (const [term, value, grand] of rows) {
  const dt = document.createElement('dt');
  const dd = document.createElement('dd');
  dt.textContent = term;
  dd.textContent = value;
  if (grand) {
    dt.className = 'totals__grand';
    dd.className = 'totals__grand';
  }
  totals?.append(dt, dd);
}

const button = document.querySelector<HTMLButtonElement>('[data-place-order]');
if (button) button.textContent = `Place order · ${formatCents(totalCents())}`;

// One key per visit of this page: a double submit replays the order instead of charging twice.
const orderKey = document.querySelector<HTMLInputElement>('[data-order-key]');
if (orderKey) orderKey.value = crypto.randomUUID();

const error = document.querySelector<HTMLElement>('[data-form-error]');
if (error && new URLSearchParams(location.search).get('error') === 'choose-method') {
  error.textContent = 'Choose a payment method to place your order.';
  error.hidden = false;
}

const form = document.querySelector<HTMLFormElement>('[data-checkout]');
form?.addEventListener('submit', () => {
  if (!button) return;
  // The browser navigates away; the disabled button keeps a second click from posting again meanwhile.
  queueMicrotask(() => {
    button.disabled = true;
    button.textContent = 'Placing your order…';
  });
});
