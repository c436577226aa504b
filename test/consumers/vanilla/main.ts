// The package root registers both elements and exports every public type.
import 'ecrypt-wallet-elements';
import type { EcryptMethodsLoadedEvent, EcryptWallet, PaymentMethod } from 'ecrypt-wallet-elements';

const wallet: EcryptWallet = document.querySelector('ecrypt-wallet')!;
wallet.addEventListener('ecrypt-methods-loaded', (event: EcryptMethodsLoadedEvent) => {
  const methods: readonly PaymentMethod[] = event.methods;
  document.body.dataset.loaded = String(methods.length);
});
