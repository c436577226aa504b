/**
 * The sandbox's test numbers and default keys, documented for people in
 * `docs/test-cards.md`. Any Luhn-valid number of a supported network tokenizes and
 * is approved; the numbers below are the ones with a known, special behaviour.
 */
import type { CardNetwork, CardType } from './cards.js';

/**
 * What a payment method does in the sandbox:
 * - `approve`: saves to a wallet and is approved at sale;
 * - `decline`: tokenizes, but is DECLINED (402) when saved to a wallet and when charged;
 * - `decline-at-sale`: tokenizes and saves, but every sale is DECLINED (402).
 */
export type TestBehaviour = 'approve' | 'decline' | 'decline-at-sale';

export interface TestCard {
  readonly number: string;
  readonly network: CardNetwork;
  readonly type: CardType;
  readonly behaviour: TestBehaviour;
  readonly description: string;
}

export interface TestBankAccount {
  readonly accountNumber: string;
  readonly routingNumber: string;
  readonly behaviour: Exclude<TestBehaviour, 'decline-at-sale'>;
  readonly description: string;
}

/** Keys the sandbox uses unless told otherwise. Not secrets: they only open the sandbox. */
export const DEFAULT_SANDBOX_KEYS = {
  publicKey: 'pk_sandbox_public_demo',
  privateKey: 'sk_sandbox_private_demo',
} as const;

/** An expiry (MMYY) far enough ahead for examples: December 2035. */
export const TEST_EXPIRES = '1235';

export const TEST_CARDS = {
  visa: { number: '4242424242424242', network: 'visa', type: 'credit', behaviour: 'approve', description: 'Visa credit, approved' },
  visaAlt: { number: '4111111111111111', network: 'visa', type: 'credit', behaviour: 'approve', description: 'Visa credit, approved' },
  visaDebit: { number: '4000056655665556', network: 'visa', type: 'debit', behaviour: 'approve', description: 'Visa debit, approved' },
  mastercard: {
    number: '5555555555554444',
    network: 'mastercard',
    type: 'credit',
    behaviour: 'approve',
    description: 'Mastercard credit, approved',
  },
  mastercard2Series: {
    number: '2223003122003222',
    network: 'mastercard',
    type: 'credit',
    behaviour: 'approve',
    description: 'Mastercard 2-series credit, approved',
  },
  mastercardDebit: {
    number: '5200828282828210',
    network: 'mastercard',
    type: 'debit',
    behaviour: 'approve',
    description: 'Mastercard debit, approved',
  },
  mastercardPrepaid: {
    number: '5105105105105100',
    network: 'mastercard',
    type: 'pre-paid',
    behaviour: 'approve',
    description: 'Mastercard pre-paid, approved',
  },
  amex: {
    number: '378282246310005',
    network: 'american express',
    type: 'credit',
    behaviour: 'approve',
    description: 'American Express, approved (4-digit CID)',
  },
  discover: {
    number: '6011111111111117',
    network: 'discover card',
    type: 'credit',
    behaviour: 'approve',
    description: 'Discover credit, approved',
  },
  declined: {
    number: '4000000000000002',
    network: 'visa',
    type: 'credit',
    behaviour: 'decline',
    description: 'Tokenizes; DECLINED (402) when saved to a wallet and when charged',
  },
  declinedMastercard: {
    number: '5100000000000008',
    network: 'mastercard',
    type: 'credit',
    behaviour: 'decline',
    description: 'Tokenizes; DECLINED (402) when saved to a wallet and when charged',
  },
  insufficientFunds: {
    number: '4000000000009995',
    network: 'visa',
    type: 'credit',
    behaviour: 'decline-at-sale',
    description: 'Tokenizes and saves; every sale is DECLINED (402, insufficient funds)',
  },
} as const satisfies Record<string, TestCard>;

/** Routing numbers with a valid ABA checksum, for forms and examples. */
export const TEST_ROUTING_NUMBERS = ['011000015', '021000021', '011401533', '091000019', '122105278'] as const;

export const TEST_BANK_ACCOUNTS = {
  checking: {
    accountNumber: '000123456789',
    routingNumber: '011000015',
    behaviour: 'approve',
    description: 'Checking or savings, approved',
  },
  savings: {
    accountNumber: '000222222227',
    routingNumber: '021000021',
    behaviour: 'approve',
    description: 'Checking or savings, approved',
  },
  declined: {
    accountNumber: '000111111116',
    routingNumber: '011401533',
    behaviour: 'decline',
    description: 'Tokenizes; DECLINED (402, account not found) when saved to a wallet and when charged',
  },
} as const satisfies Record<string, TestBankAccount>;

const CARDS_BY_NUMBER = new Map<string, TestCard>(Object.values(TEST_CARDS).map(card => [card.number, card]));
const BANK_BY_ACCOUNT = new Map<string, TestBankAccount>(Object.values(TEST_BANK_ACCOUNTS).map(a => [a.accountNumber, a]));

/** The table entry for a card number, if it has one. */
export function testCard(pan: string): TestCard | undefined {
  return CARDS_BY_NUMBER.get(pan);
}

/** The behaviour of a bank account number; unknown accounts are approved. The routing number does not matter. */
export function bankBehaviour(accountNumber: string): TestBehaviour {
  return BANK_BY_ACCOUNT.get(accountNumber)?.behaviour ?? 'approve';
}
