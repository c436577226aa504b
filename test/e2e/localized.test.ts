/**
 * The demo in German, with the keyboard alone: the shopper picks the language in the
 * header, then adds a card, makes it the default and removes it, every step reached
 * with Tab and done with Enter or Space, every name and announcement in German.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { focusArrives, signIn, startHarness, tabTo, type Harness } from './harness.js';

const FUTURE_EXPIRY = `12${String((new Date().getFullYear() + 3) % 100).padStart(2, '0')}`;

describe('the demo shop in German, keyboard only', () => {
  let harness: Harness;
  let context: BrowserContext;
  let page: Page;

  const wallet = () => page.locator('ecrypt-wallet');
  const method = (name: RegExp) => wallet().getByRole('group', { name });
  /** What the wallet's live region says now. */
  const announced = () =>
    page.evaluate(() => document.querySelector('ecrypt-wallet')!.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim());

  before(async () => {
    harness = await startHarness();
    context = await harness.newContext();
    page = await context.newPage();
  });

  after(async () => {
    await context?.close();
    await harness?.close();
  });

  it('switches the page to German from the language picker', async () => {
    await signIn(page, 'Ada Lovelace');
    await wallet().getByRole('list', { name: 'Saved payment methods' }).waitFor();
    await page.locator('body').focus();
    await tabTo(page, /^Language/);
    // Type-ahead in a focused select, as a keyboard user picks an option.
    await page.keyboard.type('Deutsch');
    await wallet().getByRole('list', { name: 'Gespeicherte Zahlungsmethoden' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'de');
    await method(/^Mastercard mit der Endung 4444, läuft bald ab, .*Standard$/).waitFor();
  });

  it('adds a Visa in German', async () => {
    await tabTo(page, /^Zahlungsmethode hinzufügen$/);
    await page.keyboard.press('Enter');
    await focusArrives(page, /^Kartennummer/);
    await page.keyboard.type('4111 1111 1111 1111');
    await tabTo(page, /^Ablaufdatum/);
    await page.keyboard.type(FUTURE_EXPIRY);
    await tabTo(page, /^Sicherheitscode/);
    await page.keyboard.type('123');
    await tabTo(page, /^Postleitzahl der Rechnungsadresse/);
    await page.keyboard.type('94107');
    await tabTo(page, /^Karte speichern$/);
    await page.keyboard.press('Enter');
    await method(/^Visa mit der Endung 1111, gültig bis \d\d\/\d\d$/).waitFor();
    assert.equal(await announced(), 'Visa mit der Endung 1111 wurde hinzugefügt.');
  });

  it('makes it the default and removes it, in German', async () => {
    await tabTo(page, /^Als Standard festlegen: Visa mit der Endung 1111$/);
    await page.keyboard.press('Enter');
    await method(/^Visa mit der Endung 1111, gültig bis .*, Standard$/).waitFor();
    await page.waitForFunction(
      () =>
        document.querySelector('ecrypt-wallet')!.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim() ===
        'Visa mit der Endung 1111 ist jetzt Ihre Standardzahlungsmethode.',
    );

    await tabTo(page, /^Visa mit der Endung 1111 entfernen$/);
    await page.keyboard.press('Enter');
    // The safe choice has focus; the question names the method.
    await focusArrives(page, /^Abbrechen$/);
    await tabTo(page, /^Entfernen$/);
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () =>
        document.querySelector('ecrypt-wallet')!.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim() ===
        'Visa mit der Endung 1111 wurde entfernt.',
    );
    assert.equal(await method(/Endung 1111/).count(), 0);
  });
});
