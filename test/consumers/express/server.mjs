// An Express 5 shop: the wallet handler in front of the in-memory sandbox, and the
// other consumers' built pages as static files. `PORT=0` picks a free port; the
// address is printed as `listening on http://…`. Each folder named in `PAGES`
// (JSON: { "/vanilla": "/abs/path/dist", … }) is served under its path.
import express from 'express';
import { createWalletHandler, toConnectMiddleware } from 'ecrypt-wallet-elements/server';
import { createSandbox, sandboxFetch } from 'ecrypt-wallet-elements/sandbox';

const sandbox = createSandbox();
const created = await sandbox.handle(
  new Request('http://sandbox/v1/customers', {
    method: 'POST',
    headers: { 'x-api-key': sandbox.privateKey, 'content-type': 'application/json' },
    body: JSON.stringify({ emailAddress: 'shopper@example.com' }),
  }),
);
if (!created.ok) throw new Error(`The sandbox refused the customer: ${await created.text()}`);
/** @type {{ customer: { id: string } }} */
const { customer } = await created.json();

const wallet = createWalletHandler({
  privateKey: sandbox.privateKey,
  publicKey: sandbox.publicKey,
  gatewayUrl: 'http://sandbox',
  fetch: sandboxFetch(sandbox),
  basePath: '/api/wallet',
  // One signed-in shopper: a real shop reads its own session here (req.session, req.user).
  customerFor: () => customer.id,
});

const app = express();
app.use(toConnectMiddleware(wallet));
/** @type {Record<string, string>} */
const pages = JSON.parse(process.env.PAGES ?? '{}');
for (const [path, dir] of Object.entries(pages)) app.use(path, express.static(dir));

const server = app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') console.log(`listening on http://127.0.0.1:${address.port}`);
});
