/**
 * Every custom event the elements fire. Each is a small `Event` subclass:
 * bubbling and composed (so a host page hears it through shadow roots), carrying
 * `PaymentMethod` fields at most, never a number a shopper typed.
 */
import type { PaymentMethod, WalletState } from '../protocol/index.js';

const init = (cancelable = false): EventInit => ({ bubbles: true, composed: true, cancelable });

const FIELDS: (keyof PaymentMethod)[] = [
  'id',
  'kind',
  'brand',
  'last4',
  'expMonth',
  'expYear',
  'accountType',
  'isDefault',
  'createdAt',
  'holderName',
  'removable',
  'removeBlockedReason',
];

/**
 * A copy with the `PaymentMethod` fields only: whatever else a backend sends is
 * never kept, shown or passed on in an event.
 */
export const clean = (m: PaymentMethod): PaymentMethod => JSON.parse(JSON.stringify(m, FIELDS));

/** The wallet's methods arrived from the backend (first load or `refresh()`). */
export class EcryptMethodsLoadedEvent extends Event {
  static readonly eventName = 'ecrypt-methods-loaded';
  readonly methods: readonly PaymentMethod[];
  constructor(methods: readonly PaymentMethod[]) {
    super(EcryptMethodsLoadedEvent.eventName, init());
    this.methods = methods.map(clean);
  }
}

/** What every event about one method shares: a clean copy of that method. */
abstract class EcryptMethodEvent extends Event {
  readonly method: PaymentMethod;
  constructor(type: string, method: PaymentMethod, cancelable = false) {
    super(type, init(cancelable));
    this.method = clean(method);
  }
}

/** A clean copy of the wallet the server answered, so a listener can show it instead of guessing. */
const cleanWallet = (wallet: WalletState | undefined): WalletState | undefined =>
  wallet && { methods: wallet.methods.map(clean), limit: wallet.limit };

/** A method was saved by the backend. */
export class EcryptMethodAddedEvent extends EcryptMethodEvent {
  static readonly eventName = 'ecrypt-method-added';
  /** The whole wallet as the backend answered the save, when the backend sent it. */
  readonly wallet?: WalletState;
  constructor(method: PaymentMethod, wallet?: WalletState) {
    super(EcryptMethodAddedEvent.eventName, method);
    this.wallet = cleanWallet(wallet);
  }
}

/** The backend confirmed a new default method. */
export class EcryptDefaultChangedEvent extends EcryptMethodEvent {
  static readonly eventName = 'ecrypt-default-changed';
  /** The whole wallet as the backend answered the change, when the backend sent it. */
  readonly wallet?: WalletState;
  constructor(method: PaymentMethod, wallet?: WalletState) {
    super(EcryptDefaultChangedEvent.eventName, method);
    this.wallet = cleanWallet(wallet);
  }
}

/** The backend confirmed a removal. */
export class EcryptMethodRemovedEvent extends EcryptMethodEvent {
  static readonly eventName = 'ecrypt-method-removed';
  constructor(method: PaymentMethod) {
    super(EcryptMethodRemovedEvent.eventName, method);
  }
}

/** The shopper confirmed a removal; `preventDefault()` keeps the method and sends nothing. */
export class EcryptRemoveRequestEvent extends EcryptMethodEvent {
  static readonly eventName = 'ecrypt-remove-request';
  constructor(method: PaymentMethod) {
    super(EcryptRemoveRequestEvent.eventName, method, true);
  }
}

/** The shopper closed the add form without saving. */
export class EcryptCancelEvent extends Event {
  static readonly eventName = 'ecrypt-cancel';
  constructor() {
    super(EcryptCancelEvent.eventName, init());
  }
}

/** What failed, for `ecrypt-error`. */
export type EcryptOperation = 'load' | 'config' | 'add' | 'tokenize' | 'set-default' | 'remove';

/** An operation failed; the element has already shown and announced it. */
export class EcryptErrorEvent extends Event {
  static readonly eventName = 'ecrypt-error';
  constructor(
    readonly operation: EcryptOperation,
    readonly code: string,
    readonly message: string,
    readonly requestId?: string,
  ) {
    super(EcryptErrorEvent.eventName, init());
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ecrypt-methods-loaded': EcryptMethodsLoadedEvent;
    'ecrypt-method-added': EcryptMethodAddedEvent;
    'ecrypt-default-changed': EcryptDefaultChangedEvent;
    'ecrypt-method-removed': EcryptMethodRemovedEvent;
    'ecrypt-remove-request': EcryptRemoveRequestEvent;
    'ecrypt-cancel': EcryptCancelEvent;
    'ecrypt-error': EcryptErrorEvent;
  }
}
