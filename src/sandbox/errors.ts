/**
 * The gateway's error vocabulary (ecrypt-api.md section 5): each type with its one
 * status, and the exception the route handlers throw to answer with it.
 */
import type { GatewayErrorBody } from '../protocol/tokens.js';
import { FIELD_EXTENSION } from './decisions.js';

/** Error types and their status codes. `VALIDATION` is documented; the rest follow the documented statuses. */
export const ERROR_TYPES = {
  VALIDATION: 400,
  AUTHENTICATION: 401,
  DECLINED: 402,
  PERMISSION: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  SERVER: 500,
} as const;

export type ErrorType = keyof typeof ERROR_TYPES;

export interface ErrorItem {
  type: ErrorType;
  message: string;
  /** [assumed] extension: the request field concerned, camelCase dotted (`creditCard.expires`). */
  field?: string;
}

/** Thrown by handlers; the router turns it into the documented envelope. */
export class SandboxError extends Error {
  override readonly name = 'SandboxError';
  readonly status: number;
  /** Extra top-level body members (a declined sale carries its `transactionId`). */
  readonly extra: Record<string, unknown>;

  constructor(
    readonly errors: ErrorItem[],
    extra: Record<string, unknown> = {},
  ) {
    super(errors.map(e => (e.field ? `${e.field}: ${e.message}` : e.message)).join('; '));
    // Every item of one answer shares a type; the first decides the status.
    this.status = ERROR_TYPES[errors[0]?.type ?? 'SERVER'];
    this.extra = extra;
  }
}

/** Shorthand for a single-item error. */
export function fail(type: ErrorType, message: string, field?: string): SandboxError {
  return new SandboxError([field === undefined ? { type, message } : { type, message, field }]);
}

/** Which error type a forced status (fault injection) reports. */
export function typeForStatus(status: number): ErrorType {
  const found = (Object.keys(ERROR_TYPES) as ErrorType[]).find(type => ERROR_TYPES[type] === status);
  if (found) return found;
  return status >= 500 ? 'SERVER' : 'VALIDATION';
}

export function errorBody(
  requestId: string,
  errors: ErrorItem[],
  extra: Record<string, unknown> = {},
): GatewayErrorBody & Record<string, unknown> {
  const items = FIELD_EXTENSION ? errors : errors.map(({ type, message }) => ({ type, message }));
  return { requestId, errors: items, ...extra };
}
