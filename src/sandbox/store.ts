/**
 * The sandbox's in-memory state and the wire shape of a wallet entry. Raw card and
 * bank numbers are never stored: a token keeps only what the gateway would show
 * (masked number, network, expiry) and the test behaviour decided at tokenization.
 */
import type { CardType, Network } from './cards.js';
import { ENTRY_HOLDER_EXTENSIONS, WALLET_NEWEST_FIRST } from './decisions.js';
import type { TestBehaviour } from './test-data.js';
import type { Address } from './validation.js';

/** What a token, a wallet entry and a transaction know about the card or account behind them. */
export interface MethodSnapshot {
  kind: 'card' | 'bank';
  network: Network;
  /** Masked account number. */
  accountNumber: string;
  /** MMYY for cards, '' for bank accounts. */
  expiry: string;
  cardType?: CardType;
  accountType?: 'checking' | 'savings';
  holderName?: string;
  behaviour: TestBehaviour;
}

export interface TokenRecord {
  token: string;
  method: MethodSnapshot;
  consumed: boolean;
}

export interface CustomerFields {
  firstName?: string;
  lastName?: string;
  company?: string;
  merchantIdentifier?: string;
  phoneNumber?: string;
  emailAddress?: string;
  shippingAddress?: Address;
  metadata?: Record<string, string>;
}

export interface CustomerRecord {
  id: string;
  seq: number;
  created: number;
  fields: CustomerFields;
}

export interface WalletRecord {
  id: string;
  customerId: string;
  seq: number;
  created: number;
  isDefault: boolean;
  method: MethodSnapshot;
  address: Address | null;
}

export interface TransactionRecord {
  id: string;
  status: 'approved' | 'declined';
  amount: number;
  initiatedBy: 'customer' | 'merchant';
  method: MethodSnapshot;
  customerId?: string;
  walletId?: string;
  created: number;
  saved: boolean;
}

/** A wallet entry as the gateway answers it (ecrypt-api.md section 4). */
export interface WalletEntry {
  id: string;
  network: Network;
  accountNumber: string;
  expiry: string;
  default: boolean;
  created: string;
  address: Address | null;
  /** [assumed] bank accounts only. */
  accountType?: 'checking' | 'savings';
  /** [assumed] cards only, when given at tokenization. */
  nameOnCard?: string;
  /** [assumed] bank accounts only, when given at tokenization. */
  name?: string;
}

export interface IdempotencyRecord {
  fingerprint: string;
  status: number;
  body: string;
  headers: Record<string, string>;
}

export class Store {
  readonly tokens = new Map<string, TokenRecord>();
  readonly customers = new Map<string, CustomerRecord>();
  readonly wallets = new Map<string, WalletRecord>();
  readonly transactions = new Map<string, TransactionRecord>();
  readonly idempotency = new Map<string, IdempotencyRecord>();
  private seq = 0;
  private transactionSeq = 0;

  /** Insertion order, because an injected clock may give equal timestamps. */
  nextSeq(): number {
    return ++this.seq;
  }

  /** Transaction ids are digits (8-64 per the docs); a counter keeps them unique and readable. */
  nextTransactionId(): string {
    return String(10_000_000_000 + ++this.transactionSeq);
  }

  clear(): void {
    this.tokens.clear();
    this.customers.clear();
    this.wallets.clear();
    this.transactions.clear();
    this.idempotency.clear();
    this.seq = 0;
    this.transactionSeq = 0;
  }

  /** Customers newest first, as the list endpoint documents. */
  customersNewestFirst(): CustomerRecord[] {
    return [...this.customers.values()].sort((a, b) => b.seq - a.seq);
  }

  /** One customer's wallet in list order. */
  walletOf(customerId: string): WalletRecord[] {
    const entries = [...this.wallets.values()].filter(w => w.customerId === customerId);
    return entries.sort((a, b) => (WALLET_NEWEST_FIRST ? b.seq - a.seq : a.seq - b.seq));
  }
}

export function toWalletEntry(record: WalletRecord): WalletEntry {
  const { method } = record;
  const entry: WalletEntry = {
    id: record.id,
    network: method.network,
    accountNumber: method.accountNumber,
    expiry: method.expiry,
    default: record.isDefault,
    created: new Date(record.created).toISOString(),
    address: record.address,
  };
  if (ENTRY_HOLDER_EXTENSIONS) {
    if (method.kind === 'bank') {
      if (method.accountType) entry.accountType = method.accountType;
      if (method.holderName !== undefined) entry.name = method.holderName;
    } else if (method.holderName !== undefined) {
      entry.nameOnCard = method.holderName;
    }
  }
  return entry;
}
