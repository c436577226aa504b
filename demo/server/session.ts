/**
 * The demo shop's own sign-in: an opaque session id in an HttpOnly, SameSite=Lax
 * cookie, mapped in memory to a demo shopper. It stands for whatever session a
 * real merchant already has; the wallet handler only ever sees it through
 * `customerFor`.
 */
import { findShopper, type DemoShopper } from './shoppers.js';
import { readCookie } from './http.js';

export const SESSION_COOKIE = 'demo_session';
const MAX_AGE_SECONDS = 8 * 3600;

export interface Sessions {
  /** Starts a session for the shopper and answers the `Set-Cookie` value. */
  signIn(shopper: DemoShopper): string;
  /** Ends the request's session and answers the `Set-Cookie` value that clears the cookie. */
  signOut(cookieHeader: string | null | undefined): string;
  /** The signed-in shopper of a request (by its `Cookie` header), or undefined. */
  shopperOf(cookieHeader: string | null | undefined): DemoShopper | undefined;
}

export function createSessions(now: () => number = Date.now): Sessions {
  const sessions = new Map<string, { shopperId: string; expiresAt: number }>();

  const lookup = (cookieHeader: string | null | undefined) => {
    const id = readCookie(cookieHeader, SESSION_COOKIE);
    if (!id) return undefined;
    const session = sessions.get(id);
    if (!session) return undefined;
    if (session.expiresAt <= now()) {
      sessions.delete(id);
      return undefined;
    }
    return { id, session };
  };

  return {
    signIn(shopper) {
      const id = crypto.randomUUID();
      sessions.set(id, { shopperId: shopper.id, expiresAt: now() + MAX_AGE_SECONDS * 1000 });
      return `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${MAX_AGE_SECONDS}`;
    },
    signOut(cookieHeader) {
      const found = lookup(cookieHeader);
      if (found) sessions.delete(found.id);
      return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
    },
    shopperOf(cookieHeader) {
      const found = lookup(cookieHeader);
      return found ? findShopper(found.session.shopperId) : undefined;
    },
  };
}
