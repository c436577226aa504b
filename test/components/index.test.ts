import { expect } from '@open-wc/testing';
import * as root from '../../src/index.js';

describe('the package root', () => {
  it('registers both elements with the classes it exports', () => {
    expect(customElements.get('ecrypt-wallet')).to.equal(root.EcryptWallet);
    expect(customElements.get('ecrypt-add-card')).to.equal(root.EcryptAddCard);
  });

  it('exports every event class, each named after the event it fires', () => {
    const events = [
      root.EcryptMethodsLoadedEvent,
      root.EcryptMethodAddedEvent,
      root.EcryptDefaultChangedEvent,
      root.EcryptMethodRemovedEvent,
      root.EcryptRemoveRequestEvent,
      root.EcryptCancelEvent,
      root.EcryptErrorEvent,
    ];
    expect(events.map(event => event.eventName)).to.deep.equal([
      'ecrypt-methods-loaded',
      'ecrypt-method-added',
      'ecrypt-default-changed',
      'ecrypt-method-removed',
      'ecrypt-remove-request',
      'ecrypt-cancel',
      'ecrypt-error',
    ]);
  });
});
