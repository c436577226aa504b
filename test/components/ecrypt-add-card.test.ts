import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { TestBackend } from '../support/backend.js';
import {
  announced,
  bankLoaded,
  chooseBank,
  errorOf,
  field,
  fill,
  fillCard,
  mount,
  submitButton,
  typeInto,
  useShopperBackend,
} from './ecrypt-add-card.helpers.js';
import type { EcryptAddCard } from '../../src/components/ecrypt-add-card/ecrypt-add-card.js';

/** Inserts text at the caret as a paste does: through the browser's editing, so `maxlength` applies. */
async function paste(el: EcryptAddCard, id: Parameters<typeof field>[1], text: string): Promise<void> {
  field(el, id).focus();
  document.execCommand('insertText', false, text);
  await el.updateComplete;
}

const brandOf = (el: EcryptAddCard) => el.shadowRoot!.querySelector('[part="brand"]')?.textContent?.trim();

describe('<ecrypt-add-card>', () => {
  let backend: TestBackend;
  useShopperBackend(created => (backend = created));

  describe('entry', () => {
    it('renders real labelled inputs with autocomplete and numeric keyboards', async () => {
      const el = await mount();
      // The postal code is the billing address's: without the section, autofill may offer the shipping one.
      const expected = { number: 'cc-number', expiry: 'cc-exp', cvc: 'cc-csc', name: 'cc-name', postal: 'billing postal-code' } as const;
      for (const [id, autocomplete] of Object.entries(expected)) {
        const input = field(el, id as keyof typeof expected);
        expect(input.autocomplete, id).to.equal(autocomplete);
        expect(el.shadowRoot!.querySelector(`label[for="${id}"]`), id).to.exist;
      }
      for (const id of ['number', 'expiry', 'cvc'] as const) expect(field(el, id).inputMode).to.equal('numeric');
      expect(el.shadowRoot!.querySelector('form')).to.exist;
    });

    it('autocompletes the account holder as a name and never offers card details for the bank numbers', async () => {
      const el = await mount();
      await bankLoaded(el);
      expect(field(el, 'holder').autocomplete).to.equal('name');
      for (const id of ['routing', 'account'] as const) expect(field(el, id).getAttribute('autocomplete'), id).to.equal('off');
    });

    const networks = [
      { typed: '4242424242424242', brand: 'Visa', shown: '4242 4242 4242 4242' },
      { typed: '5555555555554444', brand: 'Mastercard', shown: '5555 5555 5555 4444' },
      { typed: '2223003122003222', brand: 'Mastercard', shown: '2223 0031 2200 3222' },
      { typed: '378282246310005', brand: 'American Express', shown: '3782 822463 10005' },
      { typed: '6011111111111117', brand: 'Discover', shown: '6011 1111 1111 1117' },
      // JCB and UnionPay run on Discover, which eCrypt reports them as.
      { typed: '3530111333300000', brand: 'Discover', shown: '3530 1113 3330 0000' },
      { typed: '6200000000000005', brand: 'Discover', shown: '6200 0000 0000 0005' },
    ];
    for (const { typed, brand, shown } of networks) {
      it(`detects ${brand} from ${typed.slice(0, 4)} and groups it as ${shown} with the caret at the end`, async () => {
        const el = await mount();
        await typeInto(el, 'number', typed);
        expect(brandOf(el)).to.equal(brand);
        expect(field(el, 'number').value).to.equal(shown);
        expect(field(el, 'number').selectionStart).to.equal(shown.length);
      });
    }

    it('shows no brand until the digits decide it', async () => {
      const el = await mount();
      await typeInto(el, 'number', '2');
      expect(brandOf(el)).to.equal(undefined);
      await sendKeys({ type: '3' });
      await el.updateComplete;
      expect(brandOf(el)).to.equal('Mastercard');
    });

    it('keeps the caret after a digit typed in the middle', async () => {
      const el = await mount();
      await typeInto(el, 'number', '42424242');
      field(el, 'number').setSelectionRange(2, 2);
      await sendKeys({ type: '1' });
      expect(field(el, 'number').value).to.equal('4214 2424 2');
      expect(field(el, 'number').selectionStart).to.equal(3);
    });

    it('keeps the caret in place when a digit is deleted in the middle', async () => {
      const el = await mount();
      await typeInto(el, 'number', '4242424242');
      field(el, 'number').setSelectionRange(7, 7); // "4242 42|42 42"
      await sendKeys({ press: 'Backspace' });
      expect(field(el, 'number').value).to.equal('4242 4424 2');
      expect(field(el, 'number').selectionStart).to.equal(6);
    });

    it('deletes the digit before a group space with Backspace', async () => {
      const el = await mount();
      await typeInto(el, 'number', '42424242');
      field(el, 'number').setSelectionRange(5, 5); // "4242 |4242"
      await sendKeys({ press: 'Backspace' });
      expect(field(el, 'number').value).to.equal('4244 242');
      expect(field(el, 'number').selectionStart).to.equal(3);
    });

    it('formats a pasted spaced number', async () => {
      const el = await mount();
      field(el, 'number').focus();
      document.execCommand('insertText', false, '3782 8224 6310 005');
      await el.updateComplete;
      expect(field(el, 'number').value).to.equal('3782 822463 10005');
      expect(field(el, 'number').selectionStart).to.equal(17);
      expect(brandOf(el)).to.equal('American Express');
    });

    it('keeps every digit of a security code, routing number and account number pasted with separators', async () => {
      const el = await mount();
      await fill(el, 'number', '4242424242424242');
      await paste(el, 'cvc', '1 2 3');
      expect(field(el, 'cvc').value).to.equal('123');
      await chooseBank(el);
      await paste(el, 'routing', '011-000-015');
      expect(field(el, 'routing').value).to.equal('011000015');
      await paste(el, 'account', '1234-5678-9012-3456-7');
      expect(field(el, 'account').value).to.equal('12345678901234567');
      expect(field(el, 'account').selectionStart).to.equal(17);
    });

    it('cuts a pasted account number to 20 digits after dropping its separators', async () => {
      const el = await mount();
      await chooseBank(el);
      await paste(el, 'account', '1234 5678 9012 3456 7890 12');
      expect(field(el, 'account').value).to.equal('12345678901234567890');
      expect(field(el, 'account').selectionStart).to.equal(20);
    });

    it('refuses a digit typed into a full card number, keeping the number and the caret', async () => {
      const el = await mount();
      await typeInto(el, 'number', '5555555555554444');
      field(el, 'number').setSelectionRange(2, 2);
      await sendKeys({ type: '1' });
      await el.updateComplete;
      expect(field(el, 'number').value).to.equal('5555 5555 5555 4444');
      expect(field(el, 'number').selectionStart).to.equal(2);
      expect(field(el, 'number').selectionEnd).to.equal(2);
    });

    it('refuses a digit typed into a full security code or account number', async () => {
      const el = await mount();
      await fill(el, 'number', '4242424242424242');
      await typeInto(el, 'cvc', '123');
      field(el, 'cvc').setSelectionRange(1, 1);
      await sendKeys({ type: '9' });
      expect(field(el, 'cvc').value).to.equal('123');
      expect(field(el, 'cvc').selectionStart).to.equal(1);
      await chooseBank(el);
      await typeInto(el, 'account', '12345678901234567890');
      field(el, 'account').setSelectionRange(0, 0);
      await sendKeys({ type: '9' });
      expect(field(el, 'account').value).to.equal('12345678901234567890');
      expect(field(el, 'account').selectionStart).to.equal(0);
    });

    it('stops at the longest length of the network', async () => {
      const el = await mount();
      await typeInto(el, 'number', '3782822463100059999');
      expect(field(el, 'number').value).to.equal('3782 822463 10005');
    });

    for (const [typed, shown] of [
      ['1235', '12 / 35'],
      ['12/35', '12 / 35'],
      ['4/30', '04 / 30'],
      ['12/2035', '12 / 2035'],
    ] as const) {
      it(`accepts the expiry typed as ${typed}`, async () => {
        const el = await mount();
        await typeInto(el, 'expiry', typed);
        expect(field(el, 'expiry').value).to.equal(shown);
        field(el, 'expiry').blur();
        await el.updateComplete;
        expect(errorOf(el, 'expiry')).to.equal(undefined);
      });
    }

    describe('editing the expiry month', () => {
      const expiry = async (el: EcryptAddCard) => {
        await el.updateComplete;
        const input = field(el, 'expiry');
        return [input.value, input.selectionStart, input.selectionEnd];
      };

      it('keeps the year when the month is selected and retyped', async () => {
        const el = await mount();
        await typeInto(el, 'expiry', '1234');
        field(el, 'expiry').setSelectionRange(0, 2);
        await sendKeys({ type: '0' });
        expect(await expiry(el)).to.deep.equal(['0 / 34', 1, 1]);
        await sendKeys({ type: '1' });
        expect(await expiry(el)).to.deep.equal(['01 / 34', 2, 2]);
      });

      it('takes a second month digit typed over a selection into the month', async () => {
        const el = await mount();
        await typeInto(el, 'expiry', '1234');
        field(el, 'expiry').setSelectionRange(0, 2);
        await sendKeys({ type: '1' });
        expect(await expiry(el)).to.deep.equal(['1 / 34', 1, 1]);
        await sendKeys({ type: '1' });
        expect(await expiry(el)).to.deep.equal(['11 / 34', 2, 2]);
        field(el, 'expiry').blur();
        await el.updateComplete;
        expect(errorOf(el, 'expiry')).to.equal(undefined);
      });

      it('does not pad the month while deleting', async () => {
        const el = await mount();
        await typeInto(el, 'expiry', '1234');
        field(el, 'expiry').setSelectionRange(2, 2);
        await sendKeys({ press: 'Backspace' });
        expect(await expiry(el)).to.deep.equal(['1 / 34', 1, 1]);
      });

      it('refuses a third month digit, keeping the date and the caret', async () => {
        const el = await mount();
        await typeInto(el, 'expiry', '1234');
        field(el, 'expiry').setSelectionRange(2, 2);
        await sendKeys({ type: '5' });
        expect(await expiry(el)).to.deep.equal(['12 / 34', 2, 2]);
        field(el, 'expiry').setSelectionRange(0, 0);
        await sendKeys({ type: '0' });
        expect(await expiry(el)).to.deep.equal(['12 / 34', 0, 0]);
      });

      it('jumps over the separator with Backspace and Delete', async () => {
        const el = await mount();
        await typeInto(el, 'expiry', '1234');
        field(el, 'expiry').setSelectionRange(5, 5);
        await sendKeys({ press: 'Backspace' });
        expect(await expiry(el)).to.deep.equal(['12 / 34', 2, 2]);
        await sendKeys({ press: 'Delete' });
        expect(await expiry(el)).to.deep.equal(['12 / 34', 5, 5]);
      });
    });

    it('lets Backspace remove the expiry separator', async () => {
      const el = await mount();
      await typeInto(el, 'expiry', '12');
      expect(field(el, 'expiry').value).to.equal('12 / ');
      await sendKeys({ press: 'Backspace' });
      await sendKeys({ press: 'Backspace' });
      expect(field(el, 'expiry').value).to.equal('1');
    });

    it('asks for a 4-digit security code for American Express', async () => {
      const el = await mount();
      await typeInto(el, 'number', '378282246310005');
      expect(el.shadowRoot!.querySelector('#cvc-hint')!.textContent).to.include('4 digits');
      await typeInto(el, 'cvc', '12345');
      expect(field(el, 'cvc').value).to.equal('1234');
    });
  });

  describe('on a narrow screen', () => {
    /** The form in a frame `width` px wide, as in a phone's page with its margins. */
    async function framed(width: number): Promise<EcryptAddCard> {
      const frame = await fixture<HTMLElement>(
        html`<div style="width: ${width}px"><ecrypt-add-card endpoint="/api/wallet"></ecrypt-add-card></div>`,
      );
      const el = frame.querySelector('ecrypt-add-card')!;
      await waitUntil(() => el.shadowRoot!.querySelector('form'), 'the form did not render');
      return el;
    }

    const NUMBERS = {
      Visa: '4242 4242 4242 4242',
      Mastercard: '5555 5555 5555 4444',
      'American Express': '3782 822463 10005',
      Discover: '6011 1111 1111 1117',
    };

    for (const width of [288, 328]) {
      for (const [brand, number] of Object.entries(NUMBERS)) {
        it(`shows the whole ${brand} number and a legible chip that covers none of it, ${width} px wide`, async () => {
          const el = await framed(width);
          await fill(el, 'number', number);
          const input = field(el, 'number');
          const chip = el.shadowRoot!.querySelector<HTMLElement>('[part~="brand"]')!;
          expect(chip.textContent!.trim()).to.equal(brand);
          expect(input.value).to.equal(number);
          expect(input.scrollWidth, 'the number overflows its input').to.be.at.most(input.clientWidth);
          const [a, b] = [input.getBoundingClientRect(), chip.getBoundingClientRect()];
          expect(b.bottom <= a.top || b.top >= a.bottom || b.right <= a.left || b.left >= a.right, 'the chip overlaps the input').to.be
            .true;
          expect(chip.scrollWidth, 'the chip is cut').to.be.at.most(chip.clientWidth);
          expect(parseFloat(getComputedStyle(chip).fontSize)).to.be.at.least(11);
        });
      }
    }

    for (const width of [240, 288, 360, 600]) {
      it(`lines up the expiry and security code inputs, ${width} px wide`, async () => {
        const el = await framed(width);
        const [expiry, cvc] = [field(el, 'expiry').getBoundingClientRect(), field(el, 'cvc').getBoundingClientRect()];
        const sideBySide = cvc.left >= expiry.right;
        if (sideBySide) expect([cvc.top, cvc.height]).to.deep.equal([expiry.top, expiry.height]);
        else expect([cvc.left, cvc.width]).to.deep.equal([expiry.left, expiry.width]);
        if (width >= 360) expect(sideBySide, 'side by side where there is room').to.be.true;
      });
    }
  });

  describe('validation', () => {
    it('shows no error while someone types a field the first time', async () => {
      const el = await mount();
      await typeInto(el, 'number', '4242');
      expect(errorOf(el, 'number')).to.equal(undefined);
      expect(field(el, 'number').getAttribute('aria-invalid')).to.equal('false');
    });

    it('shows the error on blur, tied with aria-describedby and aria-invalid', async () => {
      const el = await mount();
      await typeInto(el, 'number', '4242');
      await sendKeys({ press: 'Tab' });
      await el.updateComplete;
      const input = field(el, 'number');
      expect(errorOf(el, 'number')).to.equal('The card number is too short.');
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      expect(input.getAttribute('aria-describedby')).to.include('number-error');
    });

    it('clears the error as soon as the field is fixed', async () => {
      const el = await mount();
      await typeInto(el, 'number', '4242');
      await sendKeys({ press: 'Tab' });
      await typeInto(el, 'number', '424242424242');
      expect(errorOf(el, 'number')).to.equal(undefined);
    });

    it('shows no new error while a flagged field is retyped, and checks it again on blur', async () => {
      const el = await mount();
      await typeInto(el, 'number', '4242');
      await sendKeys({ press: 'Tab' });
      await el.updateComplete;
      expect(errorOf(el, 'number')).to.equal('The card number is too short.');
      field(el, 'number').select();
      await typeInto(el, 'number', '42');
      expect(errorOf(el, 'number'), 'while retyping').to.equal(undefined);
      expect(field(el, 'number').getAttribute('aria-invalid')).to.equal('false');
      await sendKeys({ press: 'Tab' });
      await el.updateComplete;
      expect(errorOf(el, 'number'), 'after blur').to.equal('The card number is too short.');
    });

    it('shows no "too short" while typing into a field flagged empty on submit', async () => {
      const el = await mount();
      await el.submit();
      expect(errorOf(el, 'number')).to.equal('Enter the card number.');
      expect(errorOf(el, 'expiry')).to.equal('Enter the expiry date.');
      await typeInto(el, 'number', '4242');
      expect(errorOf(el, 'number')).to.equal(undefined);
      await typeInto(el, 'expiry', '1');
      expect(errorOf(el, 'expiry')).to.equal(undefined);
      await el.submit();
      expect(errorOf(el, 'number')).to.equal('The card number is too short.');
    });

    it('shows a definite error while typing a flagged field: a number of the longest length failing the Luhn check', async () => {
      const el = await mount();
      await typeInto(el, 'number', '4242');
      await sendKeys({ press: 'Tab' });
      field(el, 'number').select();
      await typeInto(el, 'number', '5555555555554443');
      expect(el.shadowRoot!.activeElement === field(el, 'number'), 'the number field has focus').to.equal(true);
      expect(errorOf(el, 'number')).to.equal('This card number is not valid. Check it for typos.');
    });

    // Visa allows 13, 16 and 19 digits, Discover 16 to 19: a prefix failing the check may still grow into a valid number.
    const growing: [string, string, number[]][] = [
      ['a 16-digit Visa', '4242424242424242', [13]],
      ['a 19-digit Visa', '4242424242424242428', [13, 16]],
      ['a 19-digit Discover', '6011111111111111110', [16, 17, 18]],
    ];
    for (const [what, number, stops] of growing) {
      it(`shows no "not valid" while ${what} is typed into a flagged field`, async () => {
        const el = await mount();
        await typeInto(el, 'number', '4242');
        await sendKeys({ press: 'Tab' });
        field(el, 'number').select();
        let typed = 0;
        for (const stop of [...stops, number.length]) {
          await typeInto(el, 'number', number.slice(typed, stop));
          typed = stop;
          expect(errorOf(el, 'number'), `at ${stop} digits`).to.equal(undefined);
        }
      });
    }

    it('shows "not valid" on blur for a number failing the Luhn check at a shorter allowed length', async () => {
      const el = await mount();
      await typeInto(el, 'number', '4242');
      await sendKeys({ press: 'Tab' });
      field(el, 'number').select();
      await typeInto(el, 'number', '4242424242424');
      expect(errorOf(el, 'number'), 'while typing').to.equal(undefined);
      await sendKeys({ press: 'Tab' });
      await el.updateComplete;
      expect(errorOf(el, 'number'), 'after blur').to.equal('This card number is not valid. Check it for typos.');
    });

    it('shows no "expired" while the year of a flagged expiry is still being typed, and says so on blur', async () => {
      const el = await mount();
      await el.submit();
      await typeInto(el, 'expiry', '1220');
      expect(field(el, 'expiry').value).to.equal('12 / 20');
      expect(errorOf(el, 'expiry'), 'at "12 / 20"').to.equal(undefined);
      await typeInto(el, 'expiry', '30');
      expect(errorOf(el, 'expiry'), 'at "12 / 2030"').to.equal(undefined);
      field(el, 'expiry').select();
      await typeInto(el, 'expiry', '1220');
      await sendKeys({ press: 'Tab' });
      await el.updateComplete;
      expect(errorOf(el, 'expiry'), 'after blur').to.equal('This card has expired. Check the date or use another card.');
    });

    it('shows "expired" while typing once the year has all 4 digits', async () => {
      const el = await mount();
      await el.submit();
      await typeInto(el, 'expiry', '122020');
      expect(field(el, 'expiry').value).to.equal('12 / 2020');
      expect(errorOf(el, 'expiry')).to.equal('This card has expired. Check the date or use another card.');
    });

    const cases: [string, Parameters<typeof fill>[1], string, string][] = [
      ['an empty card number', 'number', '', 'Enter the card number.'],
      ['a short card number', 'number', '4242 4242', 'The card number is too short.'],
      ['a card number of the wrong length', 'number', '4242 4242 4242 42', 'This card number has the wrong number of digits.'],
      ['a card number failing the Luhn check', 'number', '4242 4242 4242 4241', 'This card number is not valid. Check it for typos.'],
      ['an empty expiry', 'expiry', '', 'Enter the expiry date.'],
      ['an incomplete expiry', 'expiry', '1', 'Enter the expiry date as MM / YY.'],
      ['a month out of range', 'expiry', '00/30', 'Enter a month from 01 to 12.'],
      ['a past expiry', 'expiry', '01/20', 'This card has expired. Check the date or use another card.'],
      ['an expiry too far ahead', 'expiry', '01/2090', 'The expiry year is too far ahead. Check the date.'],
      ['an empty security code', 'cvc', '', 'Enter the security code.'],
      ['a short security code', 'cvc', '12', 'Enter the 3-digit security code.'],
      ['an empty postal code', 'postal', '', 'Enter the billing postal code.'],
      ['a malformed postal code', 'postal', '9', 'Enter a postal code of 3 to 10 letters or digits.'],
    ];
    for (const [what, id, value, message] of cases) {
      it(`says "${message}" for ${what}`, async () => {
        const el = await mount();
        await fillCard(el, { number: '4242424242424242' });
        await fill(el, id, value);
        await el.submit();
        expect(errorOf(el, id)).to.equal(message);
      });
    }

    it('says the name on card is missing when it is required', async () => {
      const el = await mount(html`<ecrypt-add-card endpoint="/api/wallet" cardholder-name="required"></ecrypt-add-card>`);
      await fillCard(el, { number: '4242424242424242', name: '' });
      await el.submit();
      expect(errorOf(el, 'name')).to.equal('Enter the name on the card.');
    });

    it('hides fields configured as hidden and labels optional ones', async () => {
      const el = await mount(
        html`<ecrypt-add-card endpoint="/api/wallet" postal-code="hidden" security-code="optional"></ecrypt-add-card>`,
      );
      expect(el.shadowRoot!.querySelector('#postal') === null, 'no postal code field').to.equal(true);
      expect(el.shadowRoot!.querySelector('label[for="name"]')!.textContent).to.include('(optional)');
      expect(field(el, 'cvc').required).to.equal(false);
    });

    it('moves focus to the first invalid field on submit and announces the count', async () => {
      const el = await mount();
      await fillCard(el, { number: '4242424242424242', expiry: '', cvc: '' });
      await el.submit();
      expect(el.shadowRoot!.activeElement === field(el, 'expiry'), 'the expiry has focus').to.equal(true);
      await waitUntil(() => announced(el) !== '');
      expect(announced(el)).to.equal('There are 2 problems with the form. Check the highlighted fields.');
      expect(backend.requests.filter(r => r.method === 'POST')).to.have.length(0);
    });

    it('validates routing numbers with the ABA checksum and account number length', async () => {
      const el = await mount();
      el.shadowRoot!.querySelector<HTMLInputElement>('input[value="bank"]')!.click();
      await el.updateComplete;
      await bankLoaded(el);
      await fill(el, 'holder', 'Ada Lovelace');
      await fill(el, 'routing', '011000016');
      await fill(el, 'account', '12345');
      await el.submit();
      expect(errorOf(el, 'routing')).to.equal('This routing number is not valid. Check it for typos.');
      expect(errorOf(el, 'account')).to.equal('An account number has 7 to 20 digits.');
      await fill(el, 'routing', '0110');
      await fill(el, 'holder', '');
      await el.submit();
      expect(errorOf(el, 'routing')).to.equal('A routing number has 9 digits.');
      expect(errorOf(el, 'holder')).to.equal("Enter the account holder's name.");
    });

    it('lets merchants override messages', async () => {
      const el = await mount();
      el.messages = { cardNumberRequired: 'Kartennummer fehlt.' };
      await el.submit();
      expect(errorOf(el, 'number')).to.equal('Kartennummer fehlt.');
    });

    it('names networks and bank accounts in the merchant’s words, in the badge and in what it says', async () => {
      const el = await mount();
      el.messages = { brandVisa: 'VISA-Karte', savedCard: '{brand} mit Endung {last4} gespeichert.' };
      await fillCard(el, { number: '4242424242424242' });
      expect(brandOf(el)).to.equal('VISA-Karte');
      submitButton(el).click();
      await waitUntil(
        () => announced(el) === 'VISA-Karte mit Endung 4242 gespeichert.',
        'the save was not announced in the merchant’s words',
      );
    });
  });

  describe('kinds and configuration', () => {
    it('offers card and bank account as a radio group when /config lists both', async () => {
      const el = await mount();
      const radios = el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="kind"]');
      expect([...radios].map(r => r.value)).to.deep.equal(['card', 'bank']);
      expect(el.shadowRoot!.querySelector('fieldset[part~="tabs"] legend')!.textContent).to.equal('Payment method type');
    });

    it('switches between card and bank with the arrow keys, keeping what was typed', async () => {
      const el = await mount();
      await fill(el, 'name', 'Ada');
      el.shadowRoot!.querySelector<HTMLInputElement>('input[value="card"]')!.focus();
      await sendKeys({ press: 'ArrowRight' });
      await el.updateComplete;
      await bankLoaded(el);
      expect(field(el, 'routing').offsetParent).to.not.equal(null);
      expect(field(el, 'number').offsetParent === null, 'the number field is hidden').to.equal(true);
      expect(submitButton(el).textContent!.trim()).to.equal('Save bank account');
      await sendKeys({ press: 'ArrowLeft' });
      await el.updateComplete;
      expect(field(el, 'name').value).to.equal('Ada');
    });

    it('restricts kinds with the kinds attribute', async () => {
      const el = await mount(html`<ecrypt-add-card endpoint="/api/wallet" kinds="bank"></ecrypt-add-card>`);
      await bankLoaded(el);
      expect(el.shadowRoot!.querySelector('input[name="kind"]') === null, 'no card / bank account choice').to.equal(true);
      expect(field(el, 'routing').offsetParent).to.not.equal(null);
    });

    it('does not ask the backend for /config when the key and gateway URL are given', async () => {
      await mount(
        html`<ecrypt-add-card
          endpoint="/api/wallet"
          public-key="pk_sandbox_public_demo"
          gateway-url="https://gateway.sandbox.test"
        ></ecrypt-add-card>`,
      );
      expect(backend.requests.filter(r => r.pathname.endsWith('/config'))).to.have.length(0);
    });

    it('shows a load error with a retry that works', async () => {
      let fail = true;
      const inner = globalThis.fetch;
      globalThis.fetch = (input, init) => (fail ? Promise.reject(new TypeError('Failed to fetch')) : inner(input, init));
      try {
        const el = await import('@open-wc/testing').then(({ fixture }) =>
          fixture<EcryptAddCard>(html`<ecrypt-add-card endpoint="/api/wallet"></ecrypt-add-card>`),
        );
        await waitUntil(() => el.shadowRoot!.querySelector('[part="retry-button"]'));
        expect(el.shadowRoot!.querySelector('[part="error"]')!.textContent).to.equal('The payment form could not be loaded.');
        expect(el.shadowRoot!.querySelector('[part="error"]')!.getAttribute('role'), 'announced as an alert').to.equal('alert');
        await expect(el).to.be.accessible();
        fail = false;
        el.shadowRoot!.querySelector<HTMLButtonElement>('[part="retry-button"]')!.click();
        await waitUntil(() => el.shadowRoot!.querySelector('form'));
      } finally {
        globalThis.fetch = inner;
      }
    });

    it('checks expiry dates on its now clock', async () => {
      const el = await mount();
      el.now = () => new Date(2030, 4, 1);
      await fill(el, 'expiry', '4/30');
      field(el, 'expiry').focus();
      field(el, 'expiry').blur();
      await el.updateComplete;
      expect(errorOf(el, 'expiry')).to.equal('This card has expired. Check the date or use another card.');
      el.now = () => new Date(2030, 3, 30);
      await fill(el, 'expiry', '4/30');
      expect(errorOf(el, 'expiry')).to.equal(undefined);
    });

    it('disables every control with the disabled attribute', async () => {
      const el = await mount(html`<ecrypt-add-card endpoint="/api/wallet" disabled></ecrypt-add-card>`);
      expect(field(el, 'number').matches(':disabled')).to.equal(true);
      expect(submitButton(el).matches(':disabled')).to.equal(true);
    });

    it('focus() moves focus to the card number', async () => {
      const el = await mount();
      el.focus();
      expect(el.shadowRoot!.activeElement === field(el, 'number'), 'the card number has focus').to.equal(true);
    });

    it('reset() clears every field and error', async () => {
      const el = await mount();
      await fillCard(el, { number: '4242', expiry: '' });
      await el.submit();
      el.reset();
      await el.updateComplete;
      expect(field(el, 'number').value).to.equal('');
      expect(errorOf(el, 'number')).to.equal(undefined);
    });
  });

  describe('accessibility', () => {
    it('is accessible when empty', async () => {
      const el = await mount();
      await expect(el).to.be.accessible();
    });

    it('is accessible with invalid fields', async () => {
      const el = await mount();
      await fill(el, 'number', '4242');
      await el.submit();
      await expect(el).to.be.accessible();
    });

    it('is accessible on the bank tab', async () => {
      const el = await mount();
      el.shadowRoot!.querySelector<HTMLInputElement>('input[value="bank"]')!.click();
      await el.updateComplete;
      await bankLoaded(el);
      await expect(el).to.be.accessible();
    });

    it('resolves updateComplete only once the form is there, so a host can focus it without polling', async () => {
      const { fixtureSync } = await import('@open-wc/testing');
      const el = fixtureSync<EcryptAddCard>(html`<ecrypt-add-card endpoint="/api/wallet"></ecrypt-add-card>`);
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('form'), 'the form after updateComplete').to.exist;
      el.focus();
      expect(el.shadowRoot!.activeElement === field(el, 'number'), 'the card number has focus').to.equal(true);
    });

    it('resolves updateComplete when the config fails to load, with the error shown', async () => {
      const { fixtureSync } = await import('@open-wc/testing');
      const el = fixtureSync<EcryptAddCard>(html`<ecrypt-add-card endpoint="/api/no-such-wallet"></ecrypt-add-card>`);
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part="retry-button"]'), 'the retry button after updateComplete').to.exist;
    });

    it('is accessible while loading', async () => {
      // A gate on GET /config: the element stays in its loading state until the test opens it.
      const inner = globalThis.fetch;
      let open = () => {};
      const opened = new Promise<void>(resolve => (open = resolve));
      let held = 0;
      globalThis.fetch = async (input, init) => {
        if (new URL(new Request(input, init).url).pathname.endsWith('/config')) {
          held++;
          await opened;
        }
        return inner(input, init);
      };
      try {
        // Not `fixture`: it waits for `updateComplete`, which waits for the config held here.
        const { fixtureSync } = await import('@open-wc/testing');
        const el = fixtureSync<EcryptAddCard>(html`<ecrypt-add-card endpoint="/api/wallet"></ecrypt-add-card>`);
        await waitUntil(() => held === 1, 'the config was not requested');
        await waitUntil(() => el.shadowRoot!.querySelector('.loading'), 'the loading state is not shown');
        const loading = el.shadowRoot!.querySelector('.loading');
        expect(loading!.getAttribute('aria-busy')).to.equal('true');
        expect(loading!.textContent!.trim()).to.not.equal('');
        expect(el.shadowRoot!.querySelector('form') === null, 'no form while loading').to.equal(true);
        await expect(el).to.be.accessible();
        open();
        await waitUntil(() => el.shadowRoot!.querySelector('form'), 'the form did not render once the config arrived');
      } finally {
        open();
        globalThis.fetch = inner;
      }
    });
  });
});
