/**
 * Which gateway the demo talks to: the embedded sandbox by default, real eCrypt
 * when both keys are in the environment. The private key stays in this process.
 */

export interface LiveGateway {
  baseUrl: string;
  publicKey: string;
  privateKey: string;
}

export const ECRYPT_DEFAULT_BASE_URL = 'https://api.ecrypt.com';

/** Real eCrypt from `ECRYPT_PRIVATE_KEY` / `ECRYPT_PUBLIC_KEY` (`ECRYPT_BASE_URL` optional), or null for the sandbox. */
export function liveGatewayFromEnv(env: Record<string, string | undefined>): LiveGateway | null {
  const privateKey = env.ECRYPT_PRIVATE_KEY?.trim() ?? '';
  const publicKey = env.ECRYPT_PUBLIC_KEY?.trim() ?? '';
  if (privateKey === '' && publicKey === '') return null;
  if (privateKey === '' || publicKey === '') {
    throw new Error('Set both ECRYPT_PRIVATE_KEY and ECRYPT_PUBLIC_KEY to use real eCrypt, or neither to use the sandbox.');
  }
  const baseUrl = (env.ECRYPT_BASE_URL?.trim() || ECRYPT_DEFAULT_BASE_URL).replace(/\/+$/, '').replace(/\/v1$/, '');
  if (!/^https?:\/\//.test(baseUrl)) throw new Error('ECRYPT_BASE_URL must be an http(s) URL.');
  return { baseUrl, publicKey, privateKey };
}

export interface GatewayAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** Why a gateway call gave no answer. */
export class GatewayUnavailable extends Error {
  constructor(readonly kind: 'timeout' | 'network' | 'bad_response') {
    super(
      kind === 'timeout'
        ? 'The gateway did not answer in time.'
        : kind === 'network'
          ? 'The gateway could not be reached.'
          : 'The gateway answered something that is not JSON.',
    );
  }
}

/** One server-to-server call with the private key; never retried (the caller decides). */
export async function callGateway(
  gateway: LiveGateway,
  method: string,
  path: string,
  body: unknown,
  {
    timeoutMs = 8000,
    fetch = globalThis.fetch,
    headers = {},
  }: { timeoutMs?: number; fetch?: typeof globalThis.fetch; headers?: Record<string, string> } = {},
): Promise<GatewayAnswer> {
  const signal = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await fetch(`${gateway.baseUrl}${path}`, {
      method,
      headers: {
        ...headers,
        'x-api-key': gateway.privateKey,
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal,
    });
  } catch {
    throw new GatewayUnavailable(signal.aborted ? 'timeout' : 'network');
  }
  let parsed: unknown;
  try {
    parsed = await response.json();
  } catch {
    throw new GatewayUnavailable(signal.aborted ? 'timeout' : 'bad_response');
  }
  const record = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  return { status: response.status, body: record };
}

/** The gateway's request id of an answer (camelCase or snake_case). */
export function requestIdOf(body: Record<string, unknown>): string | undefined {
  const id = body.requestId ?? body.request_id;
  return typeof id === 'string' ? id : undefined;
}

/** The first error message of a gateway error envelope. */
export function errorMessageOf(body: Record<string, unknown>): string | undefined {
  const errors = body.errors;
  if (!Array.isArray(errors)) return undefined;
  const first: unknown = errors[0];
  if (first && typeof first === 'object' && typeof (first as { message?: unknown }).message === 'string')
    return (first as { message: string }).message;
  return undefined;
}
