/**
 * `POST /api/orders`: the checkout form posts the picked wallet id here; the
 * demo backend charges the demo cart through the gateway with the private key
 * (`POST /v1/transactions/sale`, `payment.stored.wallet`, customer initiated).
 * The amount comes from the server's cart, the customer from the session; the
 * browser only names which of the shopper's own methods to use.
 * `GET /api/orders/{id}` answers one of the signed-in shopper's orders.
 *
 * Never charging twice: the sale carries `Idempotency-Key` (the form's order key,
 * scoped to the shopper), so the gateway replays its first answer to a repeat.
 * A sale whose answer was lost (timeout, dropped connection, unreadable body,
 * 5xx) may still have gone through, so the order is `unknown`, never `failed`:
 * its key is kept, and a resubmission of the form or a look at the order sends
 * the very same sale with the same key again to learn the outcome.
 */
import { GATEWAY_ID_PATTERN } from '../../src/protocol/index.js';
import { totalCents } from '../shared/cart.js';
import type { DemoOrder } from '../shared/order.js';
import { callGateway, errorMessageOf, GatewayUnavailable, requestIdOf, type LiveGateway } from './gateway.js';
import { errorJson, isCrossSite, json, readFields, redirect, unreadableBody, wantsJson } from './http.js';
import type { DemoShopper } from './shoppers.js';

export interface OrdersOptions {
  gateway: LiveGateway;
  /** The eCrypt customer id of a shopper, or null when they have none yet. */
  customerIdOf(shopper: DemoShopper): string | null;
  timeoutMs?: number;
  fetch?: typeof globalThis.fetch;
}

/** The sale as first sent: a check sends exactly this again, with the same key. */
interface SentSale {
  idempotencyKey: string;
  body: { amount: number; initiatedBy: 'customer'; payment: { stored: { customer: string; wallet: string } } };
  /** The wallet entry as the gateway listed it, for the method shown when the sale answer lacks it. */
  entry: Record<string, unknown>;
}

interface StoredOrder extends DemoOrder {
  shopperId: string;
  /** Set once a sale was sent: from then on the order key is never given up. */
  sale?: SentSale;
}

const UNKNOWN_MESSAGE =
  'We did not hear back from the payment service, so we are checking whether your payment went through. ' +
  'Do not pay again: you will not be charged twice. Reload this page in a moment to see the result.';

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
  // One check of an unknown order at a time: two at once would both be "first" requests for the key.
  const checking = new Map<string, Promise<StoredOrder>>();
  const call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    callGateway(options.gateway, method, path, body, {
      timeoutMs: options.timeoutMs ?? 8000,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(headers ? { headers } : {}),
    });

  /** Sends the sale (first time or again, same key and body) and reads what came back. */
  async function sendSale(base: StoredOrder, sale: SentSale): Promise<StoredOrder> {
    const pending = { ...base, sale };
    let answer;
    try {
      answer = await call('POST', '/v1/transactions/sale', sale.body, { 'Idempotency-Key': sale.idempotencyKey });
    } catch (error) {
      // The request may have reached the gateway and been charged: a lost answer is not a failure.
      if (error instanceof GatewayUnavailable) return { ...pending, status: 'unknown', message: UNKNOWN_MESSAGE };
      throw error;
    }
    const requestId = requestIdOf(answer.body);
    const transaction = record(answer.body.transaction);
    const payment = record(transaction.payment);
    const network = String(payment.network ?? sale.entry.network ?? '');
    const method = {
      network,
      last4: last4(payment.accountNumber ?? payment.account_number ?? sale.entry.accountNumber ?? sale.entry.account_number),
    };
    const ids = { ...(requestId ? { requestId } : {}) };
    if (answer.status >= 200 && answer.status < 300) {
      const transactionId = typeof transaction.id === 'string' ? transaction.id : undefined;
      return {
        ...pending,
        ...ids,
        status: 'approved',
        method,
        ...(transactionId ? { transactionId } : {}),
        message: 'Payment approved. Thank you for your order!',
      };
    }
    if (answer.status === 402) {
      const transactionId = typeof answer.body.transactionId === 'string' ? answer.body.transactionId : undefined;
      const reason = errorMessageOf(answer.body);
      return {
        ...pending,
        ...ids,
        status: 'declined',
        method,
        ...(transactionId ? { transactionId } : {}),
        message: `The payment was declined${reason ? `: ${reason}` : '.'} Choose another payment method.`,
      };
    }
    if (answer.status >= 500) {
      // A gateway fault (or a proxy's 504) says nothing certain about the charge.
      return { ...pending, ...ids, status: 'unknown', method, message: UNKNOWN_MESSAGE };
    }
    if (answer.status === 409) {
      return {
        ...pending,
        ...ids,
        status: 'failed',
        method,
        message:
          'This order was already submitted with other details, so it was not sent again. Check your email for a receipt, or start a new checkout.',
      };
    }
    return {
      ...pending,
      ...ids,
      status: 'failed',
      method,
      message: 'The payment service could not take the payment. You were not charged; start a new checkout to try again.',
    };
  }

  async function charge(shopper: DemoShopper, customerId: string, walletId: string, orderKey: string | undefined): Promise<StoredOrder> {
    const amountCents = totalCents();
    const id = crypto.randomUUID();
    const base: StoredOrder = {
      id,
      shopperId: shopper.id,
      amountCents,
      createdAt: new Date().toISOString(),
      status: 'failed',
      message: '',
    };
    const customerPath = `/v1/customers/${encodeURIComponent(customerId)}/wallet/${encodeURIComponent(walletId)}`;
    let found;
    try {
      // The method must be this customer's own before anything is charged.
      found = await call('GET', customerPath);
    } catch (error) {
      if (error instanceof GatewayUnavailable) {
        // Only a lookup was lost: nothing was charged yet.
        return { ...base, message: 'The payment service could not be reached. You were not charged; try again in a moment.' };
      }
      throw error;
    }
    if (found.status === 404)
      return { ...base, message: 'That payment method is not in your wallet. Choose another one.', requestId: requestIdOf(found.body) };
    if (found.status >= 400) {
      return {
        ...base,
        message: 'The payment service is unavailable. You were not charged; try again in a moment.',
        requestId: requestIdOf(found.body),
      };
    }
    const entry = record(Array.isArray(found.body.wallet) ? found.body.wallet[0] : (found.body.wallet ?? found.body));
    return sendSale(base, {
      // Without a form key the order's own id still makes a check of this order safe.
      idempotencyKey: orderKey ?? `order-${id}`,
      body: { amount: amountCents / 100, initiatedBy: 'customer', payment: { stored: { customer: customerId, wallet: walletId } } },
      entry,
    });
  }

  /** Asks the gateway again about an order whose answer was lost; settles it when the answer comes. */
  function check(order: StoredOrder): Promise<StoredOrder> {
    if (order.status !== 'unknown' || !order.sale) return Promise.resolve(order);
    const running = checking.get(order.id);
    if (running) return running;
    const sale = order.sale;
    const next = sendSale(order, sale)
      .then(settled => {
        // The same order (id, time) with the newest outcome; a still-unknown answer keeps waiting.
        const updated = { ...settled, id: order.id, createdAt: order.createdAt };
        orders.set(updated.id, updated);
        return updated;
      })
      .finally(() => checking.delete(order.id));
    checking.set(order.id, next);
    return next;
  }

  function publicOrder(order: StoredOrder): DemoOrder {
    const { shopperId: _shopperId, sale: _sale, ...rest } = order;
    return rest;
  }

  async function place(request: Request, shopper: DemoShopper | undefined): Promise<Response> {
    const asJson = wantsJson(request);
    if (isCrossSite(request)) return errorJson(403, 'forbidden', 'Cross-site order requests are refused.');
    if (!shopper) return asJson ? errorJson(401, 'unauthenticated', 'Sign in to place an order.') : redirect('/?next=/checkout');
    let fields: Record<string, string>;
    try {
      fields = await readFields(request);
    } catch (error) {
      return unreadableBody(error, 'The order');
    }
    const walletId = fields.paymentMethod ?? '';
    if (!GATEWAY_ID_PATTERN.test(walletId)) {
      return asJson ? errorJson(400, 'invalid_request', 'Choose a payment method.') : redirect('/checkout?error=choose-method');
    }
    const customerId = options.customerIdOf(shopper);
    if (!customerId)
      return asJson ? errorJson(400, 'invalid_request', 'Save a payment method first.') : redirect('/checkout?error=choose-method');

    const orderKey = /^[0-9A-Za-z-]{8,64}$/.test(fields.orderKey ?? '') ? `${shopper.id}:${fields.orderKey}` : undefined;
    let order: StoredOrder;
    const previous = orderKey ? byKey.get(orderKey) : undefined;
    if (previous) {
      // The same form again: its first order, checked with the gateway if its outcome is still unknown.
      order = await check(orders.get((await previous).id) ?? (await previous));
    } else {
      const pending = charge(shopper, customerId, walletId, orderKey).then(placed => {
        orders.set(placed.id, placed);
        // Only an order that never sent a sale may be tried again with the same form; once a sale
        // was sent, the key stays (a lost answer may have charged, and the gateway knows the key).
        if (orderKey && !placed.sale) byKey.delete(orderKey);
        return placed;
      });
      if (orderKey) byKey.set(orderKey, pending);
      order = await pending;
    }
    return asJson
      ? json(order.status === 'approved' ? 201 : order.status === 'unknown' ? 202 : 200, { order: publicOrder(order) })
      : redirect(`/order?id=${encodeURIComponent(order.id)}`);
  }

  async function get(id: string, shopper: DemoShopper | undefined): Promise<Response> {
    if (!shopper) return errorJson(401, 'unauthenticated', 'Sign in to see your orders.');
    const order = orders.get(id);
    if (!order || order.shopperId !== shopper.id) return errorJson(404, 'not_found', 'No such order.');
    return json(200, { order: publicOrder(await check(order)) });
  }

  return { place, get };
}
