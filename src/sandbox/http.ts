/**
 * Small helpers shared by the routes: JSON answers, strict JSON body reading, and
 * reading a field under its camelCase or snake_case name.
 */
import { BODY_LIMIT_BYTES, REJECT_UNKNOWN_FIELDS, SUCCESS_STATUS } from './decisions.js';
import { fail, SandboxError, type ErrorItem } from './errors.js';

export type Json = Record<string, unknown>;

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}

export function ok(body: Json): Response {
  return jsonResponse(SUCCESS_STATUS, body);
}

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses a JSON object body already read as text; anything else is a 400 the client can act on. */
export function parseJsonBody(contentType: string | null, text: string): Json {
  if (!/^application\/json\s*(;|$)/i.test(contentType ?? '')) {
    throw fail('VALIDATION', 'Content-Type must be application/json.');
  }
  if (new TextEncoder().encode(text).byteLength > BODY_LIMIT_BYTES) {
    throw fail('VALIDATION', `The request body is larger than ${BODY_LIMIT_BYTES} bytes.`);
  }
  if (text.trim() === '') throw fail('VALIDATION', 'The request body is empty.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw fail('VALIDATION', 'The request body is not valid JSON.');
  }
  if (!isObject(parsed)) throw fail('VALIDATION', 'The request body must be a JSON object.');
  return parsed;
}

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, c => `_${c.toLowerCase()}`);
}

/**
 * Reads an object's fields by their camelCase names, accepting the guide's
 * snake_case spelling too, and refusing unknown or doubly-spelled fields.
 * `prefix` names the object in error `field`s (`creditCard.`).
 */
export class FieldReader {
  readonly errors: ErrorItem[] = [];
  private readonly values = new Map<string, unknown>();

  constructor(
    source: Json,
    known: readonly string[],
    private readonly prefix = '',
  ) {
    const bySpelling = new Map<string, string>();
    for (const name of known) {
      bySpelling.set(name, name);
      bySpelling.set(snakeCase(name), name);
    }
    for (const [key, value] of Object.entries(source)) {
      const name = bySpelling.get(key);
      if (name === undefined) {
        if (REJECT_UNKNOWN_FIELDS) this.error(key, 'is not a known field.');
        continue;
      }
      if (this.values.has(name)) {
        this.error(name, 'is given both in camelCase and in snake_case.');
        continue;
      }
      this.values.set(name, value);
    }
  }

  path(name: string): string {
    return this.prefix + name;
  }

  has(name: string): boolean {
    return this.values.has(name) && this.values.get(name) !== undefined && this.values.get(name) !== null;
  }

  raw(name: string): unknown {
    return this.values.get(name);
  }

  error(name: string, message: string): void {
    this.errors.push({ type: 'VALIDATION', message: `${this.path(name)} ${message}`, field: this.path(name) });
  }

  /** A string field; numbers are not coerced, because the gateway's schema types them as strings. */
  string(name: string, required: boolean): string | undefined {
    const value = this.values.get(name);
    if (value === undefined || value === null) {
      if (required) this.error(name, 'is required.');
      return undefined;
    }
    if (typeof value !== 'string') {
      this.error(name, 'must be a string.');
      return undefined;
    }
    return value;
  }

  boolean(name: string): boolean | undefined {
    const value = this.values.get(name);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') {
      this.error(name, 'must be true or false.');
      return undefined;
    }
    return value;
  }

  object(name: string, required: boolean): Json | undefined {
    const value = this.values.get(name);
    if (value === undefined || value === null) {
      if (required) this.error(name, 'is required.');
      return undefined;
    }
    if (!isObject(value)) {
      this.error(name, 'must be an object.');
      return undefined;
    }
    return value;
  }

  /** Merges a nested reader's errors into this one. */
  adopt(other: FieldReader): void {
    this.errors.push(...other.errors);
  }

  /** Throws every collected error at once, so a form can mark all its bad inputs. */
  throwIfInvalid(): void {
    if (this.errors.length > 0) throw new SandboxError(this.errors);
  }
}
