'use client';
// The elements run in the browser: a client component renders the React wrapper.
import { EcryptWallet } from 'ecrypt-wallet-elements/react';

export function Wallet() {
  return <EcryptWallet endpoint="/api/wallet" onMethodAdded={event => console.log(event.method.last4)} />;
}
