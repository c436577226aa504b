/**
 * The names this library gives its writes at the gateway (`Idempotency-Key`
 * upstream), and the hash they are made with. Namespaced so they cannot meet
 * keys the merchant sends for other requests (sales).
 */

const UPSTREAM_PREFIX = 'ecrypt-wallet-elements.v1';

/** SHA-256 of `text`, as lowercase hex. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), byte => byte.toString(16).padStart(2, '0')).join('');
}

/** The upstream `Idempotency-Key` of one kind of write, named by a hash of what makes it that write. */
export async function upstreamKey(kind: 'wallet-add' | 'customer-create', material: string): Promise<string> {
  return `${UPSTREAM_PREFIX}.${kind}.${await sha256Hex(material)}`;
}
