import { expect } from '@open-wc/testing';
import { customElement, defineOnce } from '../../../src/components/shared/define.js';
import { EcryptAddCard } from '../../../src/components/ecrypt-add-card/ecrypt-add-card.js';

describe('customElement (shared/define)', () => {
  it('registers a tag that is free', () => {
    class First extends HTMLElement {}
    customElement('ecrypt-define-free')(First);
    expect(customElements.get('ecrypt-define-free')).to.equal(First);
  });

  it('leaves a tag that is taken with its first class, without throwing', () => {
    class First extends HTMLElement {}
    class Second extends HTMLElement {}
    defineOnce('ecrypt-define-taken', First);
    expect(() => customElement('ecrypt-define-taken')(Second)).not.to.throw();
    expect(customElements.get('ecrypt-define-taken')).to.equal(First);
  });

  it('lets a second copy of an element module load on the same page', async () => {
    // The query string makes the browser evaluate the module a second time, as a
    // second bundle or the CDN file beside an app's own copy would.
    const copy = '../../../src/components/ecrypt-add-card/ecrypt-add-card.ts?second-copy';
    const second = (await import(/* @vite-ignore */ copy)) as { EcryptAddCard: typeof EcryptAddCard };
    expect(second.EcryptAddCard).not.to.equal(EcryptAddCard);
    expect(customElements.get('ecrypt-add-card')).to.equal(EcryptAddCard);
  });
});
