/**
 * Seeding for demos and tests: customers with saved methods, created through the same
 * validation as the API (so seeded data is data the gateway would accept) but without
 * HTTP, keys, faults or entries in `requests`.
 */
import type { BankTokenFields, CardTokenFields } from '../protocol/tokens.js';
import type { Ctx } from './context.js';
import { createCustomer } from './customers.js';
import { SandboxError } from './errors.js';
import type { Json } from './http.js';
import { createToken } from './tokens.js';
import type { Address } from './validation.js';
import { addToWallet } from './wallet.js';

export type SeedMethod = ({ card: CardTokenFields; bank?: never } | { bank: BankTokenFields; card?: never }) & {
  default?: boolean;
  billingAddress?: Address;
};

export interface SeedCustomer {
  /** A fixed id (8-64 letters, digits, hyphens), so a demo session can name its customer; generated when absent. */
  id?: string;
  firstName?: string;
  lastName?: string;
  emailAddress?: string;
  company?: string;
  phoneNumber?: string;
  merchantIdentifier?: string;
  methods?: SeedMethod[];
}

export interface SeedData {
  customers: SeedCustomer[];
}

/** Creates the customers in order and returns their ids. Throws a plain Error naming the bad entry. */
export function seed(context: () => Ctx, data: SeedData): string[] {
  return data.customers.map((customer, i) => {
    const where = `customers[${i}]`;
    try {
      const { id, methods = [], ...fields } = customer;
      const record = createCustomer(context(), fields as Json, id);
      methods.forEach((method, j) => {
        try {
          const ctx = context();
          const { card, bank, default: makeDefault, billingAddress } = method;
          const { token } = createToken(ctx, card ? { creditCard: { ...card } } : { check: { ...bank } });
          addToWallet(ctx, record, {
            token,
            ...(makeDefault === undefined ? {} : { default: makeDefault }),
            ...(billingAddress ? { billingAddress } : {}),
          });
        } catch (error) {
          throw rename(error, `methods[${j}]`);
        }
      });
      return record.id;
    } catch (error) {
      throw rename(error, where);
    }
  });
}

function rename(error: unknown, where: string): Error {
  if (error instanceof SandboxError) return new Error(`sandbox.seed: ${where}: ${error.message}`, { cause: error });
  if (error instanceof Error && error.message.startsWith('sandbox.seed: ')) {
    return new Error(error.message.replace('sandbox.seed: ', `sandbox.seed: ${where}.`), { cause: error.cause });
  }
  return error instanceof Error ? error : new Error(String(error));
}
