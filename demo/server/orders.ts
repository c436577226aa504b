/**
 * `POST /api/orders`: the checkout form posts the picked wallet id here; the
 * demo backend charges the demo cart through the gateway with the private key
 * (`POST /v1/transactions/sale`, `payment.stored.wallet`, customer initiated).
 * The amount comes from the server's cart, the customer from the session; the
 * browser only names which of the shopper's own methods to use.
 * `GET /api/orders/{id}` answers one of the signed-in shopper's orders.
 */
import { GATEWAY_ID_PATTERN } from '../../src/protocol/index.js';
import { totalCents } from '../shared/cart.js';
import type { DemoOrder } from '../shared/order.js';
import { callGateway, errorMessageOf, GatewayUnavailable, requestIdOf, type LiveGateway } from './gateway.js';
import { errorJson, isCrossSite, json, readFields, redirect, wantsJson } from './http.js';
import type { DemoShopper } from './shoppers.js';

export interface OrdersOptions {
  gateway: LiveGateway;
  /** The eCrypt customer id of a shopper, or null when they have none yet. */
  customerIdOf(shopper: DemoShopper): string | null;
  timeoutMs?: number;
  fetch?: typeof globalThis.fetch;
}

interface StoredOrder extends DemoOrder {
  shopperId: string;
}

function last4(masked: unknown): string {
  return typeof masked === 'string' ? masked.replace(/[^0-9A-Za-z]/g, '').slice(-4) : '';
}

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function createOrders(options: OrdersOptions) {
  const orders = new Map<string, StoredOrder>();
  // A resubmitted form (double click, back and submit again) replays its order instead of charging twice.
  const byKey = new Map<string, Promise<StoredOrder>>();
  const call = (method: string, path: string, body?: unknown) =>
    callGateway(options.gateway, method, path, body, { timeoutMs: options.timeoutMs ?? 8000, ...(options.fetch ? { fetch: options.fetch } : {}) });

  async function charge(shopper: DemoShopper, customerId: string, walletId: string): Promise<StoredOrder> {
    const amountCents = totalCents();
    const base = { id: crypto.randomUUID(), shopperId: shopper.id, amountCents, createdAt: new Date().toISOString() };
    const customerPath = `/v1/customers/${encodeURIComponent(customerId)}/wallet/${encodeURIComponent(walletId)}`;
    try {
      // The method must be this customer's own before anything is charged.
      const found = await call('GET', customerPath);
      if (found.status === 404) return { ...base, status: 'failed', message: 'That payment method is not in your wallet. Choose another one.', requestId: requestIdOf(found.body) };
      if (found.status >= 400) {
        return { ...base, status: 'failed', message: 'The payment service is unavailable. You were not charged; try again in a moment.', requestId: requestIdOf(found.body) };
      }
      const sale = await call('POST', '/v1/transactions/sale', {
        amount: amountCents / 100,
        initiatedBy: 'customer',
        payment: { stored: { customer: customerId, wallet: walletId } },
      });
      const requestId = requestIdOf(sale.body);
      const transaction = record(sale.body.transaction);
      const payment = record(transaction.payment);
      const entry = record(Array.isArray(found.body.wallet) ? found.body.wallet[0] : (found.body.wallet ?? found.body));
      const network = String(payment.network ?? entry.network ?? '');
      const method = { network, last4: last4(payment.accountNumber ?? payment.account_number ?? entry.accountNumber ?? entry.account_number) };
      const ids = { ...(requestId ? { requestId } : {}) };
      if (sale.status >= 200 && sale.status < 300) {
        const transactionId = typeof transaction.id === 'string' ? transaction.id : undefined;
        return { ...base, ...ids, status: 'approved', method, ...(transactionId ? { transactionId } : {}), message: 'Payment approved. Thank you for your order!' };
      }
      if (sale.status === 402) {
        const transactionId = typeof sale.body.transactionId === 'string' ? sale.body.transactionId : undefined;
        const reason = errorMessageOf(sale.body);
        return {
          ...base,
          ...ids,
          status: 'declined',
          method,
          ...(transactionId ? { transactionId } : {}),
          message: `The payment was declined${reason ? `: ${reason}` : '.'} Choose another payment method.`,
        };
      }
      return { ...base, ...ids, status: 'failed', method, message: 'The payment service could not take the payment. You were not charged; try again in a moment.' };
    } catch (error) {
      if (error instanceof GatewayUnavailable && error.kind === 'timeout') {
        return { ...base, status: 'failed', message: 'The payment service did not answer in time. Check your email for a receipt before trying again.' };
      }
      return { ...base, status: 'failed', message: 'The payment service could not be reached. You were not charged; try again in a moment.' };
    }
  }

  function publicOrder(order: StoredOrder): DemoOrder {
    const { shopperId: _shopperId, ...rest } = order;
    return rest;
  }

  async function place(request: Request, shopper: DemoShopper | undefined): Promise<Response> {
    const asJson = wantsJson(request);
    if (isCrossSite(request)) return errorJson(403, 'forbidden', 'Cross-site order requests are refused.');
    if (!shopper) return asJson ? errorJson(401, 'unauthenticated', 'Sign in to place an order.') : redirect('/?next=/checkout');
    let fields: Record<string, string>;
    try {
      fields = await readFields(request);
    } catch {
      return errorJson(400, 'invalid_request', 'The order could not be read.');
    }
    const walletId = fields.paymentMethod ?? '';
    if (!GATEWAY_ID_PATTERN.test(walletId)) {
      return asJson ? errorJson(400, 'invalid_request', 'Choose a payment method.') : redirect('/checkout?error=choose-method');
    }
    const customerId = options.customerIdOf(shopper);
    if (!customerId) return asJson ? errorJson(400, 'invalid_request', 'Save a payment method first.') : redirect('/checkout?error=choose-method');

    const orderKey = /^[0-9A-Za-z-]{8,64}$/.test(fields.orderKey ?? '') ? `${shopper.id}:${fields.orderKey}` : undefined;
    let pending = orderKey ? byKey.get(orderKey) : undefined;
    if (!pending) {
      pending = charge(shopper, customerId, walletId).then((order) => {
        orders.set(order.id, order);
        // Only a charge that went through is replayed; a failed one may be tried again with the same form.
        if (orderKey && order.status === 'failed') byKey.delete(orderKey);
        return order;
      });
      if (orderKey) byKey.set(orderKey, pending);
    }
    const order = await pending;
    return asJson ? json(order.status === 'approved' ? 201 : 200, { order: publicOrder(order) }) : redirect(`/order?id=${encodeURIComponent(order.id)}`);
  }

  function get(id: string, shopper: DemoShopper | undefined): Response {
    if (!shopper) return errorJson(401, 'unauthenticated', 'Sign in to see your orders.');
    const order = orders.get(id);
    if (!order || order.shopperId !== shopper.id) return errorJson(404, 'not_found', 'No such order.');
    return json(200, { order: publicOrder(order) });
  }

  return { place, get };
}
