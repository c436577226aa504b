/**
 * `createLazyWalletHandler`: the handler for modules that are imported where the keys are not
 * there, such as a Next.js route module during `next build`. The options are read on the first
 * request instead of at import; if they cannot work, every request answers
 * `500 internal_error` and the reason is logged once, naming the option and never its value.
 */
import type { WalletState } from '../protocol/index.js';
import { WalletError, BASE_HEADERS } from './errors.js';
import { createWalletHandler, type ContextArgument, type WalletHandler } from './handler.js';
import { consoleLogger } from './logger.js';
import type { WalletHandlerOptions } from './options.js';

/**
 * A wallet handler whose options come from `options()` on the first request (e.g. from
 * `process.env` at run time rather than at build time). `basePath` is read then too.
 */
export function createLazyWalletHandler<Context = unknown>(options: () => WalletHandlerOptions<Context>): WalletHandler<Context> {
  let made: { handler: WalletHandler<Context> } | { failure: string } | undefined;

  function resolve(): WalletHandler<Context> | null {
    if (!made) {
      let given: WalletHandlerOptions<Context> | undefined;
      try {
        given = options();
        made = { handler: createWalletHandler(given) };
      } catch (error) {
        // The options' own validation names the option, never its value.
        const reason = error instanceof TypeError ? error.message : 'the options function threw';
        made = { failure: reason };
        const logger = given?.logger ?? consoleLogger;
        try {
          logger.error(
            `The wallet handler is not configured: ${reason} Every request answers 500 until the process starts with working options.`,
          );
        } catch {
          // A throwing logger must not turn into an unanswered request.
        }
      }
    }
    return 'handler' in made ? made.handler : null;
  }

  const notConfigured = (): Response =>
    new Response(JSON.stringify(new WalletError('internal_error', 'The wallet service is not configured.').toBody()), {
      status: 500,
      headers: BASE_HEADERS,
    });

  const handler = async (request: Request, ...context: ContextArgument<Context>): Promise<Response> => {
    const ready = resolve();
    return ready ? ready(request, ...context) : notConfigured();
  };
  const initialWallet = async (request: Request, ...context: ContextArgument<Context>): Promise<WalletState | null> => {
    const ready = resolve();
    return ready ? ready.initialWallet(request, ...context) : null;
  };
  return Object.defineProperties(Object.assign(handler, { initialWallet }), {
    basePath: { get: () => resolve()?.basePath ?? '', enumerable: true },
  }) as WalletHandler<Context>;
}
