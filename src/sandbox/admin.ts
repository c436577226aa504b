/**
 * `/__sandbox/*`: fault control over HTTP for demos, only when `adminRoutes: true`.
 * Not part of the gateway: no key, no CORS, not in `requests`.
 *
 * No key means a web page could reach these routes through a visitor's browser, so
 * every change (anything but GET/HEAD) must come from the sandbox's own origin, an
 * allowed origin or a non-browser client: `Sec-Fetch-Site` `cross-site`/`same-site`
 * and a foreign `Origin` are refused (403), and a body must be JSON (415), which a
 * plain HTML form cannot send.
 *
 * Those checks compare origins, which DNS rebinding defeats: a hostile name that
 * resolves to 127.0.0.1 makes the attacker's page same-origin with the sandbox.
 * Its requests still carry that name in `Host`, so every admin route (reads too)
 * answers only a request addressed to a loopback name, or one with no `Host` at
 * all (built in process, which no page can send).
 */
import { errorBody, type ErrorType } from './errors.js';
import type { FaultRegistry, SandboxFault } from './faults.js';
import { isObject, jsonResponse, ok, parseJsonBody } from './http.js';

const FAULT_FIELDS = new Set([
  'latencyMs',
  'status',
  'malformedBody',
  'dropConnection',
  'times',
  'path',
  'pathPattern',
  'method',
  'afterHandling',
]);

/** A fault as JSON: a RegExp path travels as `pathPattern` (its source). */
export function faultToJson(fault: SandboxFault): Record<string, unknown> {
  const { path, ...rest } = fault;
  if (path instanceof RegExp) return { ...rest, pathPattern: path.source };
  return path === undefined ? rest : { ...rest, path };
}

function faultFromJson(json: unknown): SandboxFault {
  if (!isObject(json)) throw new TypeError('A fault must be a JSON object.');
  const unknown = Object.keys(json).filter(key => !FAULT_FIELDS.has(key));
  if (unknown.length > 0) throw new TypeError(`Unknown fault fields: ${unknown.join(', ')}.`);
  const { pathPattern, ...rest } = json;
  if (pathPattern !== undefined && rest.path !== undefined) throw new TypeError('Give path or pathPattern, not both.');
  const fault = { ...rest } as SandboxFault;
  if (pathPattern !== undefined) {
    if (typeof pathPattern !== 'string') throw new TypeError('pathPattern must be a string.');
    fault.path = new RegExp(pathPattern);
  }
  return fault;
}

export interface AdminActions {
  faults: FaultRegistry;
  reset(): void;
  /** Origins besides the sandbox's own that may change state (normalised, as `allowedOrigins`). Default: none. */
  allowedOrigins?: ReadonlySet<string>;
}

/** The only names a browser can address this machine by that a web page cannot rebind. */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether the request was addressed to a loopback name (any port), or carries no `Host` (in process). */
function addressedToLoopback(request: Request): boolean {
  const host = request.headers.get('host');
  if (host === null) return true;
  const name = /^(\[[^\]]*\]|[^:]*)(?::\d*)?$/.exec(host.trim().toLowerCase())?.[1];
  return name !== undefined && LOOPBACK_HOSTS.has(name);
}

/** Why a state-changing admin request is refused, or undefined when it may go on. */
function refusal(
  request: Request,
  method: string,
  allowed: ReadonlySet<string>,
): { status: number; type: ErrorType; message: string } | undefined {
  const site = request.headers.get('sec-fetch-site')?.trim().toLowerCase();
  if (site === 'cross-site' || site === 'same-site') {
    return { status: 403, type: 'PERMISSION', message: 'Admin routes refuse requests another site made a browser send.' };
  }
  const origin = request.headers.get('origin');
  if (origin !== null) {
    const own = new URL(request.url).origin;
    const normalised = origin.trim().replace(/\/+$/, '');
    if (normalised !== own && !allowed.has(normalised)) {
      return { status: 403, type: 'PERMISSION', message: 'Admin routes refuse requests from this origin.' };
    }
  }
  const type = request.headers.get('content-type');
  const hasBody = method === 'POST' || type !== null || request.body !== null;
  if (hasBody && !/^application\/json\s*(;|$)/i.test(type?.trim() ?? '')) {
    return { status: 415, type: 'VALIDATION', message: 'Admin routes take JSON bodies only: send Content-Type: application/json.' };
  }
  return undefined;
}

export async function handleAdmin(request: Request, path: string, requestId: string, actions: AdminActions): Promise<Response> {
  const method = request.method.toUpperCase();
  const listed = (): Response => ok({ requestId, faults: actions.faults.list().map(faultToJson) });
  if (!addressedToLoopback(request)) {
    const message = 'Admin routes answer only requests addressed to localhost, 127.0.0.1 or [::1].';
    return jsonResponse(403, errorBody(requestId, [{ type: 'PERMISSION', message }]));
  }
  if (method !== 'GET' && method !== 'HEAD') {
    const refused = refusal(request, method, actions.allowedOrigins ?? new Set());
    if (refused) return jsonResponse(refused.status, errorBody(requestId, [{ type: refused.type, message: refused.message }]));
  }
  try {
    if (path === '/__sandbox/faults' && method === 'GET') return listed();
    if (path === '/__sandbox/faults' && method === 'DELETE') {
      actions.faults.clear();
      return listed();
    }
    if (path === '/__sandbox/faults' && method === 'POST') {
      actions.faults.add(faultFromJson(parseJsonBody(request.headers.get('content-type'), await request.text())));
      return listed();
    }
    if (path === '/__sandbox/reset' && method === 'POST') {
      actions.reset();
      return ok({ requestId });
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return jsonResponse(400, errorBody(requestId, [{ type: 'VALIDATION', message }]));
  }
  return jsonResponse(404, errorBody(requestId, [{ type: 'NOT_FOUND', message: `No admin route for ${method} ${path}.` }]));
}
