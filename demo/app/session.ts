/** The demo shop's session, as `GET /api/session` tells the pages. */
export interface DemoSession {
  shopper: { id: string; name: string; email: string } | null;
  shoppers: { id: string; name: string; email: string; summary: string }[];
  gateway: 'sandbox' | 'ecrypt';
  /** The sandbox fault panel is available. */
  faults: boolean;
}

let pending: Promise<DemoSession> | undefined;

/** The session, fetched once per page. */
export function session(): Promise<DemoSession> {
  pending ??= fetch('/api/session', { headers: { Accept: 'application/json' }, credentials: 'same-origin' }).then(response => {
    if (!response.ok) throw new Error(`GET /api/session answered ${response.status}.`);
    return response.json() as Promise<DemoSession>;
  });
  return pending;
}
