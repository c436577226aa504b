/**
 * The wallet handler as a Fastify plugin (`ecrypt-wallet-elements/server/fastify`). Fastify reads
 * and parses bodies itself, so the plugin, encapsulated, takes every body as text and hands it to
 * the handler as it came (the handler decides what JSON it accepts, and answers its own errors);
 * Fastify's errors inside the plugin (a body over Fastify's `bodyLimit`) are answered in the
 * contract's shape too. The hooks get `{ request, reply }`: Fastify's own request, so a session
 * from `@fastify/session` or `@fastify/secure-session` (or a decorator) is reachable from
 * `customerFor`. Only types come from `fastify`.
 */
import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify';
import { BASE_HEADERS } from './errors.js';
import type { WalletHandler } from './handler.js';

/**
 * What the plugin passes as the handler's second argument: Fastify's request and reply. Name
 * the request type your session plugin declares, e.g.
 * `createWalletHandler<FastifyContext>(…)` with `request.session` typed by `@fastify/session`.
 */
export interface FastifyContext<Request extends FastifyRequest = FastifyRequest, Reply extends FastifyReply = FastifyReply> {
  request: Request;
  reply: Reply;
}

const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS']);

function fetchRequest(request: FastifyRequest): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || name.startsWith(':')) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const url = `${request.protocol}://${request.host}${request.url}`;
  const body = BODYLESS.has(request.method) || typeof request.body !== 'string' ? null : request.body;
  return new Request(url, { method: request.method, headers, body });
}

/**
 * A Fastify plugin that serves the wallet endpoint at the handler's `basePath`:
 * `app.register(walletPlugin(wallet))`. Register it after the session plugin so that
 * `request.session` is there when `customerFor` runs.
 */
export function walletPlugin<Request extends FastifyRequest = FastifyRequest, Reply extends FastifyReply = FastifyReply>(
  handler: WalletHandler<FastifyContext<Request, Reply>>,
): FastifyPluginCallback {
  return (instance, _options, done) => {
    // Encapsulated: these parsers apply to the wallet's routes only, not to the rest of the app.
    instance.removeAllContentTypeParsers();
    instance.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, next) => next(null, body));
    instance.setErrorHandler((error: { statusCode?: number }, _request, reply) => {
      const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? 400 : 500;
      const code = status === 400 ? 'invalid_request' : 'internal_error';
      const message = status === 400 ? 'The request body could not be read.' : 'The wallet service failed.';
      void reply
        .code(status)
        .headers(BASE_HEADERS)
        .send(JSON.stringify({ error: { code, message } }));
    });
    const serve = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
      const response = await handler(fetchRequest(request), { request, reply } as FastifyContext<Request, Reply>);
      reply.code(response.status);
      response.headers.forEach((value, name) => void reply.header(name, value));
      await reply.send(await response.text());
    };
    const base = handler.basePath;
    if (base === '') {
      // At the root, only the contract's own routes: the app's other routes stay the app's.
      for (const route of ['/config', '/methods', '/methods/*']) instance.all(route, serve);
    } else {
      instance.all(`${base}/*`, serve);
      instance.all(base, serve);
    }
    done();
  };
}
