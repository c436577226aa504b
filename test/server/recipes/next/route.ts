/**
 * `app/api/wallet/[...path]/route.ts`, exactly as docs/server.md shows it: the handler is made
 * lazily, so importing the module (as `next build` does) needs no keys; they are read from the
 * environment on the first request.
 */
import { createLazyWalletHandler } from '../../../../src/server/index.js';
import { sessionFrom } from './session.js';

const wallet = createLazyWalletHandler(() => ({
  privateKey: process.env.ECRYPT_PRIVATE_KEY ?? '',
  publicKey: process.env.ECRYPT_PUBLIC_KEY ?? '',
  gatewayUrl: process.env.ECRYPT_BASE_URL,
  basePath: '/api/wallet',
  customerFor: async request => (await sessionFrom(request))?.customerId ?? null,
  createCustomer: {
    profileFor: async request => {
      const account = await sessionFrom(request);
      return account ? { merchantIdentifier: account.id, emailAddress: account.email } : null;
    },
    onCreated: async (request, customerId) => {
      const account = await sessionFrom(request);
      if (account) account.customerId = customerId;
    },
  },
}));

// Every verb Next routes, so that the handler answers the ones it does not take (405 with Allow) as the contract says.
export { wallet as GET, wallet as HEAD, wallet as POST, wallet as PUT, wallet as PATCH, wallet as DELETE, wallet as OPTIONS };
