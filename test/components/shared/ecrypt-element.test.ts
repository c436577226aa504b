import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { customElement } from 'lit/decorators.js';
import { EcryptElement } from '../../../src/components/shared/ecrypt-element.js';
import { sharedStyles } from '../../../src/styles/shared.styles.js';

const messages = { hello: 'Hello.' };

/** The smallest element on the shared base: it renders the live region only. */
@customElement('test-announcer')
class TestAnnouncer extends EcryptElement<typeof messages> {
  static override styles = sharedStyles;
  protected override get _defaults() {
    return messages;
  }
  protected override render() {
    return html`<button type="button">Go</button>${this._liveRegion()}`;
  }
  say(text: string): Promise<void> {
    return this._announce(text);
  }
}

describe('EcryptElement live region', () => {
  const live = (el: TestAnnouncer) => el.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim();

  it('says a new sentence at once', async () => {
    const el = await fixture<TestAnnouncer>(html`<test-announcer></test-announcer>`);
    await el.say('Saved.');
    await el.updateComplete;
    expect(live(el)).to.equal('Saved.');
  });

  it('empties the region for a frame before saying the same sentence again, so it is heard twice', async () => {
    const el = await fixture<TestAnnouncer>(html`<test-announcer></test-announcer>`);
    await el.say('Please wait.');
    await el.updateComplete;
    const again = el.say('Please wait.');
    await el.updateComplete;
    expect(live(el), 'not emptied first').to.equal('');
    // The empty region must survive at least one rendered frame.
    await new Promise(requestAnimationFrame);
    await new Promise(requestAnimationFrame);
    expect(live(el), 'refilled within the same frame').to.equal('');
    await again;
    await el.updateComplete;
    expect(live(el)).to.equal('Please wait.');
  });

  it('lets the latest sentence win when two overlap', async () => {
    const el = await fixture<TestAnnouncer>(html`<test-announcer></test-announcer>`);
    await el.say('First.');
    const repeated = el.say('First.');
    await el.say('Second.');
    // The repeat wakes after its gap, later than "Second.": it must not say "First." over it.
    await repeated;
    await el.updateComplete;
    expect(live(el)).to.equal('Second.');
  });

  it('draws the focus ring with an outline too, which forced-colors mode keeps (it drops box shadows)', async () => {
    const el = await fixture<TestAnnouncer>(html`<test-announcer></test-announcer>`);
    await sendKeys({ press: 'Tab' });
    const button = el.shadowRoot!.querySelector('button')!;
    expect(el.shadowRoot!.activeElement === button, 'the button has focus').to.equal(true);
    const style = getComputedStyle(button);
    expect([style.outlineStyle, style.outlineWidth]).to.deep.equal(['solid', '2px']);
    expect(style.boxShadow).to.not.equal('none');
  });
});
