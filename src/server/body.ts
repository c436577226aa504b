/**
 * Reads a JSON request body with a hard size limit: the length is checked
 * before reading when declared, and counted while reading when not, so a huge
 * or endless body costs at most `maxBytes` of memory.
 */
import { WalletError } from './errors.js';

/** Reads `request` as a JSON value; 400 `invalid_request` for anything but a small JSON document. */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const type = request.headers.get('Content-Type') ?? '';
  // Only `application/json` (with parameters); form and text types are what cross-site forms can send.
  if (!/^application\/json\s*(;|$)/i.test(type.trim())) {
    throw new WalletError('invalid_request', 'The body must be JSON (Content-Type: application/json).', { field: 'Content-Type' });
  }
  const declared = request.headers.get('Content-Length');
  if (declared !== null && Number(declared) > maxBytes) {
    // Never read, but cancelled, so an adapter discards it rather than keeping it waiting on the connection.
    void request.body?.cancel().catch(() => {});
    throw tooLarge(maxBytes);
  }
  if (!request.body) throw new WalletError('invalid_request', 'The body is empty.');

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        // Not awaited: for a cloned (teed) body the cancel settles only when every branch is cancelled.
        void reader.cancel().catch(() => {});
        throw tooLarge(maxBytes);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof WalletError) throw error;
    throw new WalletError('invalid_request', 'The body could not be read.');
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new WalletError('invalid_request', 'The body is not valid UTF-8.');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new WalletError('invalid_request', 'The body is not valid JSON.');
  }
}

function tooLarge(maxBytes: number): WalletError {
  return new WalletError('invalid_request', `The body is larger than ${maxBytes} bytes.`);
}
