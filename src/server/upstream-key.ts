/**
 * The names this library gives its writes at the gateway (`Idempotency-Key`
 * upstream), and the hash they are made with. Namespaced so they cannot meet
 * keys the merchant sends for other requests (sales).
 */
import { sha256Hex } from './sha256.js';

const UPSTREAM_PREFIX = 'ecrypt-wallet-elements.v1';

/** The upstream `Idempotency-Key` of one kind of write, named by a hash of what makes it that write. */
export async function upstreamKey(kind: 'wallet-add' | 'customer-create', material: string): Promise<string> {
  return `${UPSTREAM_PREFIX}.${kind}.${await sha256Hex(material)}`;
}
