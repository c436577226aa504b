/** What the demo backend answers about an order; shown by the order page. */
export interface DemoOrder {
  id: string;
  /** `unknown`: the gateway's answer was lost, so the charge is being checked (never sent twice). */
  status: 'approved' | 'declined' | 'failed' | 'unknown';
  /** Cents charged (or attempted). */
  amountCents: number;
  /** What was charged, as the gateway describes it. */
  method?: { network: string; last4: string };
  /** The gateway's transaction id, when a transaction exists. */
  transactionId?: string;
  /** The gateway's request id, for support. */
  requestId?: string;
  /** A sentence for the shopper. */
  message: string;
  /** ISO 8601. */
  createdAt: string;
}
