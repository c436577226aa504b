/**
 * React components for both elements, made by `@lit/react`: properties are set as
 * properties (objects such as `messages` included) and every event has a typed
 * `on…` prop. Importing this module registers the elements.
 *
 * ```tsx
 * import { EcryptWallet } from 'ecrypt-wallet-elements/react';
 * <EcryptWallet endpoint="/api/wallet" onMethodAdded={event => console.log(event.method.last4)} />
 * ```
 *
 * React 19 also renders `<ecrypt-wallet>` itself; there the event props are spelled
 * after the event's name, `onecrypt-method-added` (see docs/frameworks.md).
 */
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { EcryptWallet as EcryptWalletElement } from '../components/ecrypt-wallet/ecrypt-wallet.js';
import { EcryptAddCard as EcryptAddCardElement } from '../components/ecrypt-add-card/ecrypt-add-card.js';
import type {
  EcryptCancelEvent,
  EcryptDefaultChangedEvent,
  EcryptErrorEvent,
  EcryptMethodAddedEvent,
  EcryptMethodRemovedEvent,
  EcryptMethodsLoadedEvent,
  EcryptRemoveRequestEvent,
} from '../events/wallet-events.js';

/** `<ecrypt-wallet>` as a React component. */
export const EcryptWallet = createComponent({
  tagName: 'ecrypt-wallet',
  elementClass: EcryptWalletElement,
  react: React,
  displayName: 'EcryptWallet',
  events: {
    onMethodsLoaded: 'ecrypt-methods-loaded' as EventName<EcryptMethodsLoadedEvent>,
    onMethodAdded: 'ecrypt-method-added' as EventName<EcryptMethodAddedEvent>,
    onDefaultChanged: 'ecrypt-default-changed' as EventName<EcryptDefaultChangedEvent>,
    onMethodRemoved: 'ecrypt-method-removed' as EventName<EcryptMethodRemovedEvent>,
    onRemoveRequest: 'ecrypt-remove-request' as EventName<EcryptRemoveRequestEvent>,
    onError: 'ecrypt-error' as EventName<EcryptErrorEvent>,
    onChange: 'change' as EventName<Event>,
  },
});

/** `<ecrypt-add-card>` as a React component. */
export const EcryptAddCard = createComponent({
  tagName: 'ecrypt-add-card',
  elementClass: EcryptAddCardElement,
  react: React,
  displayName: 'EcryptAddCard',
  events: {
    onMethodAdded: 'ecrypt-method-added' as EventName<EcryptMethodAddedEvent>,
    onDefaultChanged: 'ecrypt-default-changed' as EventName<EcryptDefaultChangedEvent>,
    onCancel: 'ecrypt-cancel' as EventName<EcryptCancelEvent>,
    onError: 'ecrypt-error' as EventName<EcryptErrorEvent>,
  },
});
