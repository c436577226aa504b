import { msg } from '@lit/localize';
import type { Brand } from '../../protocol/index.js';
import type { bankMessages } from './ecrypt-add-card.bank.messages.js';
import type { outcomeMessages } from './ecrypt-add-card.outcome.messages.js';

/**
 * Every sentence `<ecrypt-add-card>` shows or announces, in English, except those
 * only the bank account fields need (`ecrypt-add-card.bank.messages.ts`) and those
 * said once a save has been tried (`ecrypt-add-card.outcome.messages.ts`), which
 * load with the code that uses them. Merchants override any of them through the
 * element's `messages` property; placeholders in braces (`{brand}`) are filled in by
 * `format()`.
 */
export const addCardMessages = {
  loading: msg('Loading the payment form…', { id: 'addCard.loading' }),
  configError: msg('The payment form could not be loaded.', { id: 'addCard.configError' }),
  retry: msg('Try again', { id: 'addCard.retry' }),

  kindLegend: msg('Payment method type', { id: 'addCard.kindLegend' }),
  kindCard: msg('Card', { id: 'addCard.kindCard' }),
  kindBank: msg('Bank account', { id: 'addCard.kindBank' }),

  brandVisa: msg('Visa', { id: 'addCard.brandVisa' }),
  brandMastercard: msg('Mastercard', { id: 'addCard.brandMastercard' }),
  brandAmex: msg('American Express', { id: 'addCard.brandAmex' }),
  brandDiscover: msg('Discover', { id: 'addCard.brandDiscover' }),
  brandBank: msg('Bank account', { id: 'addCard.brandBank' }),
  brandUnknown: msg('Card', { id: 'addCard.brandUnknown' }),

  cardNumberLabel: msg('Card number', { id: 'addCard.cardNumberLabel' }),
  expiryLabel: msg('Expiry date', { id: 'addCard.expiryLabel' }),
  expiryHint: msg('MM / YY', { id: 'addCard.expiryHint' }),
  securityCodeLabel: msg('Security code', { id: 'addCard.securityCodeLabel' }),
  securityCodeHint: msg('The 3 digits on the back of the card.', { id: 'addCard.securityCodeHint' }),
  securityCodeHintAmex: msg('The 4 digits on the front of the card.', { id: 'addCard.securityCodeHintAmex' }),
  nameOnCardLabel: msg('Name on card', { id: 'addCard.nameOnCardLabel' }),
  nameOnCardOptionalLabel: msg('Name on card (optional)', { id: 'addCard.nameOnCardOptionalLabel' }),
  postalCodeLabel: msg('Billing postal code', { id: 'addCard.postalCodeLabel' }),
  postalCodeOptionalLabel: msg('Billing postal code (optional)', { id: 'addCard.postalCodeOptionalLabel' }),

  makeDefault: msg('Make this my default', { id: 'addCard.makeDefault' }),
  saveCard: msg('Save card', { id: 'addCard.saveCard' }),
  saveBank: msg('Save bank account', { id: 'addCard.saveBank' }),
  saving: msg('Saving…', { id: 'addCard.saving' }),
  cancel: msg('Cancel', { id: 'addCard.cancel' }),
  held: msg('{brand} ending in {last4}, ready to save', { id: 'addCard.held' }),
  changeCard: msg('Change card', { id: 'addCard.changeCard' }),

  cardNumberRequired: msg('Enter the card number.', { id: 'addCard.cardNumberRequired' }),
  cardNumberIncomplete: msg('The card number is too short.', { id: 'addCard.cardNumberIncomplete' }),
  cardNumberLength: msg('This card number has the wrong number of digits.', { id: 'addCard.cardNumberLength' }),
  cardNumberInvalid: msg('This card number is not valid. Check it for typos.', { id: 'addCard.cardNumberInvalid' }),
  expiryRequired: msg('Enter the expiry date.', { id: 'addCard.expiryRequired' }),
  expiryFormat: msg('Enter the expiry date as MM / YY.', { id: 'addCard.expiryFormat' }),
  expiryMonth: msg('Enter a month from 01 to 12.', { id: 'addCard.expiryMonth' }),
  expiryPast: msg('This card has expired. Check the date or use another card.', { id: 'addCard.expiryPast' }),
  expiryTooFar: msg('The expiry year is too far ahead. Check the date.', { id: 'addCard.expiryTooFar' }),
  securityCodeRequired: msg('Enter the security code.', { id: 'addCard.securityCodeRequired' }),
  securityCodeLength: msg('Enter the {length}-digit security code.', { id: 'addCard.securityCodeLength' }),
  nameOnCardRequired: msg('Enter the name on the card.', { id: 'addCard.nameOnCardRequired' }),
  postalCodeRequired: msg('Enter the billing postal code.', { id: 'addCard.postalCodeRequired' }),
  postalCodeFormat: msg('Enter a postal code of 3 to 10 letters or digits.', { id: 'addCard.postalCodeFormat' }),

  fixErrorsOne: msg('There is 1 problem with the form. Check the highlighted field.', { id: 'addCard.fixErrorsOne' }),
  fixErrorsMany: msg('There are {count} problems with the form. Check the highlighted fields.', { id: 'addCard.fixErrorsMany' }),
} as const;

/** Every sentence of the element, the bank account fields' and the outcomes' included. */
export type AddCardMessages = {
  -readonly [K in keyof typeof addCardMessages | keyof typeof bankMessages | keyof typeof outcomeMessages]: string;
};

/** The sentence key that names each network (or a bank account) as a shopper reads it. */
export const BRAND_KEYS = {
  visa: 'brandVisa',
  mastercard: 'brandMastercard',
  amex: 'brandAmex',
  discover: 'brandDiscover',
  ach: 'brandBank',
  unknown: 'brandUnknown',
} as const satisfies Record<Brand, keyof typeof addCardMessages>;

/** The key naming `brand`, and the unknown one for a brand this version does not know. */
export const brandKey = (brand: string): keyof typeof addCardMessages =>
  Object.hasOwn(BRAND_KEYS, brand) ? BRAND_KEYS[brand as Brand] : 'brandUnknown';
