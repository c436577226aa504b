/**
 * The demo's shoppers: the merchant's own accounts (what a real shop keeps in
 * its user table) and, for the sandbox, the saved methods each one starts with.
 * Expiry dates are relative to today so that "expired" and "expiring soon"
 * are always on show.
 */
import type { SeedCustomer } from '../../src/sandbox/index.js';
import { TEST_BANK_ACCOUNTS, TEST_CARDS } from '../../src/sandbox/index.js';

export interface DemoShopper {
  /** The merchant's own account id (what the session cookie points to). */
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  /** One line for the sign-in page. */
  summary: string;
}

export const DEMO_SHOPPERS: readonly DemoShopper[] = [
  {
    id: 'ada',
    firstName: 'Ada',
    lastName: 'Lovelace',
    email: 'ada@example.com',
    summary: 'A card expiring this month, an expired card and a checking account.',
  },
  {
    id: 'grace',
    firstName: 'Grace',
    lastName: 'Hopper',
    email: 'grace@example.com',
    summary: 'A full wallet: four methods, the most eCrypt allows.',
  },
  {
    id: 'alan',
    firstName: 'Alan',
    lastName: 'Turing',
    email: 'alan@example.com',
    summary: 'A debit card that pays for a coffee subscription (so it cannot be removed), and a card declined at checkout.',
  },
];

/**
 * The shop's subscriptions: the method each one is paid with, by network and last four digits
 * (what the shop itself keeps of a card). The shop's removal policy keeps these methods.
 */
export const SUBSCRIPTIONS: Readonly<Record<string, { brand: string; last4: string; name: string }>> = {
  alan: { brand: 'visa', last4: TEST_CARDS.visaDebit.number.slice(-4), name: 'monthly coffee subscription' },
};

/** The merchant's removal policy: a method that pays for a subscription stays. */
export function removalDecision(
  shopper: DemoShopper | undefined,
  method: { brand: string; last4: string },
): true | { allowed: false; reason: string } {
  const subscription = shopper ? SUBSCRIPTIONS[shopper.id] : undefined;
  if (!subscription || subscription.brand !== method.brand || subscription.last4 !== method.last4) return true;
  return { allowed: false, reason: `It pays for your ${subscription.name}. Choose another card for it first.` };
}

export function findShopper(id: string | null | undefined): DemoShopper | undefined {
  return DEMO_SHOPPERS.find(shopper => shopper.id === id);
}

export function displayName(shopper: DemoShopper): string {
  return `${shopper.firstName} ${shopper.lastName}`;
}

/** The fixed sandbox customer id of a demo shopper. */
export function sandboxCustomerId(shopper: DemoShopper): string {
  return `demo-shopper-${shopper.id}`;
}

/** MMYY of the month `offset` months from `now`'s month (0 = this month). */
export function expiresIn(now: Date, offset: number): string {
  const date = new Date(now.getFullYear(), now.getMonth() + offset, 1);
  return `${String(date.getMonth() + 1).padStart(2, '0')}${String(date.getFullYear() % 100).padStart(2, '0')}`;
}

/**
 * How far back the sandbox clock is set while seeding: the gateway refuses to
 * tokenize an expired card, so last month's card is saved "60 days ago", when it
 * was still valid, exactly as a real wallet comes to hold an expired card.
 */
export const SEED_CLOCK_SHIFT_MS = 60 * 86_400_000;

/** The sandbox customers of the demo shoppers, with methods dated from `now`. */
export function seedCustomers(now: Date): SeedCustomer[] {
  const thisMonth = expiresIn(now, 0);
  const lastMonth = expiresIn(now, -1);
  const later = expiresIn(now, 40);
  const [ada, grace, alan] = DEMO_SHOPPERS as [DemoShopper, DemoShopper, DemoShopper];
  const customer = (shopper: DemoShopper): Omit<SeedCustomer, 'methods'> => ({
    id: sandboxCustomerId(shopper),
    firstName: shopper.firstName,
    lastName: shopper.lastName,
    emailAddress: shopper.email,
    merchantIdentifier: shopper.id,
  });
  return [
    {
      ...customer(ada),
      methods: [
        {
          card: { accountNumber: TEST_CARDS.mastercard.number, expires: thisMonth, nameOnCard: 'Ada Lovelace', postalCode: '94107' },
          default: true,
        },
        { card: { accountNumber: TEST_CARDS.amex.number, expires: lastMonth, nameOnCard: 'Ada Lovelace', postalCode: '94107' } },
        {
          bank: {
            accountNumber: TEST_BANK_ACCOUNTS.checking.accountNumber,
            routingNumber: TEST_BANK_ACCOUNTS.checking.routingNumber,
            accountType: 0,
            name: 'Ada Lovelace',
          },
        },
      ],
    },
    {
      ...customer(grace),
      methods: [
        { card: { accountNumber: TEST_CARDS.visa.number, expires: later, nameOnCard: 'Grace Hopper', postalCode: '10001' }, default: true },
        { card: { accountNumber: TEST_CARDS.discover.number, expires: thisMonth, nameOnCard: 'Grace Hopper', postalCode: '10001' } },
        {
          card: { accountNumber: TEST_CARDS.mastercard2Series.number, expires: lastMonth, nameOnCard: 'Grace Hopper', postalCode: '10001' },
        },
        {
          bank: {
            accountNumber: TEST_BANK_ACCOUNTS.savings.accountNumber,
            routingNumber: TEST_BANK_ACCOUNTS.savings.routingNumber,
            accountType: 1,
            name: 'Grace Hopper',
          },
        },
      ],
    },
    {
      ...customer(alan),
      methods: [
        {
          card: { accountNumber: TEST_CARDS.visaDebit.number, expires: later, nameOnCard: 'Alan Turing', postalCode: '02139' },
          default: true,
        },
        { card: { accountNumber: TEST_CARDS.insufficientFunds.number, expires: later, nameOnCard: 'Alan Turing', postalCode: '02139' } },
      ],
    },
  ];
}
