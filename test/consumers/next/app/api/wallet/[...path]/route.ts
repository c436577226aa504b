// The route as docs/server.md shows it: the handler is made on the first request, so
// `next build` imports this module without the keys.
import { createLazyWalletHandler } from 'ecrypt-wallet-elements/server';

const wallet = createLazyWalletHandler(() => ({
  privateKey: process.env.ECRYPT_PRIVATE_KEY ?? '',
  publicKey: process.env.ECRYPT_PUBLIC_KEY ?? '',
  basePath: '/api/wallet',
  // A real shop reads its session here (Auth.js, iron-session…).
  customerFor: (request: Request) => request.headers.get('x-demo-customer'),
}));

export { wallet as GET, wallet as HEAD, wallet as POST, wallet as PUT, wallet as PATCH, wallet as DELETE, wallet as OPTIONS };
