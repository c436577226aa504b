/**
 * Hostile requests for the merchant endpoint: methods, paths, ids inside and
 * outside `^[0-9A-Za-z-]{8,64}$`, headers, content types, and bodies that are
 * malformed, huge, deeply nested, prototype-polluting, duplicated or unicode.
 */
import type { Random } from './random.js';

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** What the generator chose, for a failure report. */
  label: string;
}

/** What the generator may draw on: real ids and tokens make some requests reach the gateway for real. */
export interface FuzzPool {
  base: string;
  origin: string;
  methodIds(): string[];
  token(): string;
}

const ALNUM = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-';
const UNICODE = 'ä€𝄞💳\u202e\u0000\ufeffé\u0301中文'; // includes a right-to-left override, NUL and a BOM
const CARD = '4242424242424242';

function id(random: Random, pool: FuzzPool): string {
  const real = pool.methodIds();
  switch (random.int(10)) {
    case 0:
    case 1:
    case 2:
      return real.length > 0 ? random.pick(real) : random.string(ALNUM, 36);
    case 3:
      return random.string(ALNUM, 8 + random.int(57)); // inside the pattern
    case 4:
      return random.string('0123456789', 12 + random.int(8)); // inside the pattern, and card-like
    case 5:
      return random.string(ALNUM, random.int(8)); // too short
    case 6:
      return random.string(ALNUM, 65 + random.int(200)); // too long
    case 7:
      return encodeURIComponent(random.pick(['../../customers', '..', 'a/b/c/d/e', `${CARD}%00`, '%', '\u0000abcdefgh']));
    case 8:
      return random.pick(['%ZZ', '%E0%A4%A', '%2e%2e%2f%2e%2e', '%2F', '__proto__', 'constructor', 'prototype']);
    default:
      return encodeURIComponent(random.string(UNICODE + ALNUM, 8 + random.int(20)));
  }
}

function path(random: Random, pool: FuzzPool): { path: string; label: string } {
  const base = pool.base;
  const routes = [
    () => '/config',
    () => '/methods',
    () => '/methods/',
    () => `/methods/${id(random, pool)}`,
    () => `/methods/${id(random, pool)}/default`,
    () => `/methods/${id(random, pool)}/default/extra`,
    () => `/methods/${id(random, pool)}/`,
    () => '',
    () => '/',
    () => `//methods`,
    () => `/methods//default`,
    () => `/${encodeURIComponent(random.string(UNICODE, 1 + random.int(6)))}`,
    () => `/METHODS`,
    () => `/config/../methods`,
  ];
  const weights = [2, 6, 1, 5, 5, 1, 1, 1, 1, 1, 1, 1, 1, 1];
  let n = random.int(weights.reduce((a, b) => a + b));
  let chosen = 0;
  while (n >= (weights[chosen] ?? 1)) n -= weights[chosen++] ?? 1;
  const route = routes[chosen]!();
  const prefix = random.chance(0.03) ? random.pick(['/api', '/api/walletx', '/other']) : base;
  const query = random.chance(0.1) ? `?${random.pick(['customer=someone-else', `pan=${CARD}`, '__proto__[x]=1', 'a=%ZZ'])}` : '';
  return { path: prefix + route + query, label: route };
}

function nested(depth: number, open: string, close: string, inner = '1'): string {
  return open.repeat(depth) + inner + close.repeat(depth);
}

/** A body for the add route or anything else; valid JSON about half of the time. */
function body(random: Random, pool: FuzzPool): string {
  const token = () => (random.chance(0.6) ? pool.token() : random.pick(['', 'not-a-token', CARD, '0'.repeat(5000), `${UNICODE}`]));
  switch (random.int(16)) {
    case 0:
    case 1:
    case 2:
    case 3:
      return JSON.stringify({ token: token(), ...(random.chance(0.5) ? { makeDefault: random.chance(0.5) } : {}) });
    case 4:
      return JSON.stringify({
        token: token(),
        billingAddress: { name: random.string(UNICODE + ALNUM, 10), line1: '1 Main St', postalCode: '12345', country: 'US' },
      });
    case 5:
      return `{"__proto__":{"isAdmin":true,"makeDefault":true},"token":${JSON.stringify(token())}}`;
    case 6:
      return `{"constructor":{"prototype":{"polluted":true}},"token":${JSON.stringify(token())}}`;
    case 7:
      return `{"token":${JSON.stringify(token())},"token":${JSON.stringify(token())},"makeDefault":true,"makeDefault":"yes"}`;
    case 8:
      return random.pick(['{', '{"token":', 'null', '[]', '"token"', '1e999', 'true', '{"token":"a"}garbage', '\ufeff{"token":"x"}', '']);
    case 9:
      return nested(1 + random.int(20_000), '[', ']');
    case 10:
      return `{"token":${JSON.stringify(token())},"x":${nested(1 + random.int(5_000), '{"a":', '}')}}`;
    case 11:
      return JSON.stringify({ token: token(), pad: 'x'.repeat(8_000 + random.int(40_000)) });
    case 12:
      return JSON.stringify({ cardNumber: CARD, number: CARD, cvc: '123', expires: '1235', accountNumber: '000123456789' });
    case 13:
      return JSON.stringify({ token: token(), makeDefault: random.pick([1, 'true', null, {}, []]), extra: random.string(UNICODE, 20) });
    case 14:
      return random.string(UNICODE + ALNUM + '{}[]":,', random.int(300));
    default:
      return JSON.stringify({ token: { $ne: null }, makeDefault: true });
  }
}

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/json; charset=latin1',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json, text/html',
  'application/vnd.api+json',
  '',
];

/** One request; `random` decides everything, so the same seed gives the same sequence. */
export function fuzzRequest(random: Random, pool: FuzzPool): FuzzRequest {
  const { path: target, label } = path(random, pool);
  // Mostly the method the route takes, so that requests get past the router; otherwise anything.
  const fitting =
    label === '/config' ? ['GET'] : label === '/methods' ? ['GET', 'POST', 'POST'] : label.endsWith('/default') ? ['PUT'] : ['DELETE'];
  const method = random.chance(0.6)
    ? random.pick(fitting)
    : random.pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'get', 'post', 'delete', 'PROPFIND']);
  const headers: Record<string, string> = {};
  if (random.chance(0.85))
    headers['Sec-Fetch-Site'] = random.pick(['same-origin', 'same-origin', 'same-origin', 'cross-site', 'same-site', 'none', 'bogus']);
  if (random.chance(0.3))
    headers.Origin = random.pick([
      pool.origin,
      pool.origin,
      'https://evil.example',
      'null',
      `${pool.origin}.evil.example`,
      'http://localhost',
    ]);
  const upper = method.toUpperCase();
  let sent: string | undefined;
  if (upper !== 'GET' && upper !== 'HEAD' && random.chance(0.9)) {
    sent = body(random, pool);
    if (random.chance(0.9)) headers['Content-Type'] = random.chance(0.7) ? 'application/json' : random.pick(CONTENT_TYPES);
  }
  if (random.chance(0.5)) {
    headers['Idempotency-Key'] = random.pick([
      `${random.string('0123456789abcdef', 8)}-${random.string('0123456789abcdef', 4)}-4${random.string('0123456789abcdef', 3)}-8${random.string('0123456789abcdef', 3)}-${random.string('0123456789abcdef', 12)}`,
      `key-${random.int(20)}`,
      '',
      'x'.repeat(300),
      CARD,
      encodeURIComponent(random.string(UNICODE, 5)),
    ]);
  }
  if (random.chance(0.1)) headers['Content-Length'] = String(random.int(10) === 0 ? 10 ** 12 : random.int(100));
  if (random.chance(0.1)) headers.Cookie = `session=${random.string(ALNUM, 20)}; pan=${CARD}`;
  if (random.chance(0.05)) headers['X-Forwarded-For'] = `${CARD}, 127.0.0.1`;
  if (random.chance(0.05)) headers.Accept = random.pick(['text/html', '*/*', 'application/xml']);
  return { method, path: target, headers, body: sent, label: `${method} ${label}` };
}
