/** The Next.js app's own session lookup (stands in for next-auth, iron-session, …). */
import type { Accounts, Account } from '../support.js';

let accounts: Accounts | undefined;

/** Where the test keeps the app's accounts. */
export function useAccounts(given: Accounts): void {
  accounts = given;
}

export async function sessionFrom(request: Request): Promise<Account | undefined> {
  return accounts?.fromCookie(request.headers.get('Cookie'));
}
