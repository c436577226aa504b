/**
 * The package root: `import 'ecrypt-wallet-elements'` registers `<ecrypt-wallet>`
 * and `<ecrypt-add-card>`, and every public type is importable from here:
 *
 * ```ts
 * import type { EcryptMethodAddedEvent, PaymentMethod } from 'ecrypt-wallet-elements';
 * ```
 *
 * A page that only shows the wallet can import `ecrypt-wallet-elements/ecrypt-wallet.js`
 * instead, which loads the add form only when the shopper opens it.
 */
export { EcryptWallet } from './components/ecrypt-wallet/ecrypt-wallet.js';
export { EcryptAddCard } from './components/ecrypt-add-card/ecrypt-add-card.js';
export type { FieldMode, AddCardLoaders } from './components/ecrypt-add-card/ecrypt-add-card.js';
export type { WalletMessages } from './components/ecrypt-wallet/ecrypt-wallet.messages.js';
export type { AddCardMessages } from './components/ecrypt-add-card/ecrypt-add-card.messages.js';
export {
  EcryptCancelEvent,
  EcryptDefaultChangedEvent,
  EcryptErrorEvent,
  EcryptMethodAddedEvent,
  EcryptMethodRemovedEvent,
  EcryptMethodsLoadedEvent,
  EcryptRemoveRequestEvent,
  type EcryptOperation,
} from './events/wallet-events.js';
export { EcryptError } from './client/wallet-client.js';
export type { Tokenizer } from './client/tokenizer.js';
export type { Locale, TargetLocale } from './locales/index.js';
export type {
  AddMethodRequest,
  AddMethodResponse,
  BankAccountType,
  BillingAddress,
  Brand,
  ErrorBody,
  ErrorCode,
  MethodKind,
  PaymentMethod,
  RemoveMethodResponse,
  ReplaceOutcome,
  ReplaceStep,
  WalletConfig,
  WalletState,
} from './protocol/index.js';
