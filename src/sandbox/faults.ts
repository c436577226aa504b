/**
 * Fault injection for tests and demos: slow, failing, garbled or dropped answers
 * for the next N matching requests.
 */
import { RETRY_AFTER_SECONDS } from './decisions.js';
import { errorBody, typeForStatus } from './errors.js';
import { jsonResponse } from './http.js';

export interface SandboxFault {
  /** Delay before answering (or before the other effects). Honours the request's abort signal. */
  latencyMs?: number;
  /** Answer with this status (400-599) and the documented error envelope instead of handling the request. */
  status?: number;
  /** Answer with a truncated, unparseable JSON body (status `status` or 200). */
  malformedBody?: boolean;
  /** Fail like a lost connection: `handle` rejects with a `TypeError('fetch failed')`; the standalone server destroys the socket. */
  dropConnection?: boolean;
  /** Apply to the next N matching requests only; unlimited until `clear()` when absent. */
  times?: number;
  /** A string matches that path and everything below it (`/v1/customers` matches `/v1/customers/x/wallet`); a RegExp is tested against the path. */
  path?: string | RegExp;
  /** HTTP method, any case. Preflights (OPTIONS) are only matched when named here. */
  method?: string;
  /**
   * Extension: handle the request first (state changes happen), then apply the fault to
   * the answer. Models "the gateway did it but the answer was lost", for idempotency tests.
   */
  afterHandling?: boolean;
}

/** What `handle` throws for `dropConnection`, shaped like undici's network failure. */
export class DroppedConnectionError extends TypeError {
  constructor() {
    super('fetch failed', { cause: new Error('The sandbox dropped the connection (fault injection).') });
  }
}

function validate(fault: SandboxFault): void {
  const problems: string[] = [];
  if (fault.latencyMs !== undefined && !(Number.isFinite(fault.latencyMs) && fault.latencyMs >= 0))
    problems.push('latencyMs must be a number >= 0');
  if (fault.status !== undefined) {
    const low = fault.malformedBody ? 200 : 400;
    if (!Number.isInteger(fault.status) || fault.status < low || fault.status > 599)
      problems.push(`status must be an integer from ${low} to 599`);
  }
  if (fault.times !== undefined && !(Number.isInteger(fault.times) && fault.times >= 1)) problems.push('times must be an integer >= 1');
  if (fault.path !== undefined && typeof fault.path !== 'string' && !(fault.path instanceof RegExp))
    problems.push('path must be a string or a RegExp');
  if (fault.method !== undefined && typeof fault.method !== 'string') problems.push('method must be a string');
  const effects = [fault.latencyMs !== undefined, fault.status !== undefined, fault.malformedBody === true, fault.dropConnection === true];
  if (!effects.some(Boolean)) problems.push('a fault needs latencyMs, status, malformedBody or dropConnection');
  if (fault.dropConnection && (fault.status !== undefined || fault.malformedBody))
    problems.push('dropConnection cannot be combined with status or malformedBody');
  if (problems.length > 0) throw new TypeError(`Invalid sandbox fault: ${problems.join('; ')}.`);
}

function pathMatches(pattern: SandboxFault['path'], path: string): boolean {
  if (pattern === undefined) return true;
  if (typeof pattern === 'string') return path === pattern || path.startsWith(pattern.endsWith('/') ? pattern : `${pattern}/`);
  pattern.lastIndex = 0; // a /g or /y RegExp would otherwise remember its last match
  return pattern.test(path);
}

export class FaultRegistry {
  private faults: SandboxFault[] = [];

  add(fault: SandboxFault): void {
    validate(fault);
    this.faults.push({ ...fault });
  }

  clear(): void {
    this.faults = [];
  }

  /** Copies of the armed faults; `times` is what remains. */
  list(): SandboxFault[] {
    return this.faults.map(fault => ({ ...fault }));
  }

  /** The first fault matching this request, counting one use of it. */
  take(method: string, path: string): SandboxFault | undefined {
    const upper = method.toUpperCase();
    const index = this.faults.findIndex(fault => {
      if (fault.method !== undefined ? fault.method.toUpperCase() !== upper : upper === 'OPTIONS') return false;
      return pathMatches(fault.path, path);
    });
    const fault = this.faults[index];
    if (!fault) return undefined;
    if (fault.times !== undefined) {
      fault.times -= 1;
      if (fault.times === 0) this.faults.splice(index, 1);
    }
    return { ...fault };
  }
}

/** Waits like a slow network would, giving up when the caller aborts. */
export function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** The answer a status or malformed-body fault gives. */
export function faultResponse(fault: SandboxFault, requestId: string): Response {
  if (fault.malformedBody) {
    // Valid start, cut mid-string: a parser fails, a content-type check passes.
    return new Response(`{"requestId":"${requestId}","token":"4f1c`, {
      status: fault.status ?? 200,
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
  }
  const status = fault.status ?? 500;
  const type = typeForStatus(status);
  const headers: Record<string, string> = status === 429 ? { 'retry-after': String(RETRY_AFTER_SECONDS) } : {};
  return jsonResponse(status, errorBody(requestId, [{ type, message: `Injected fault: the sandbox answered ${status}.` }]), headers);
}
