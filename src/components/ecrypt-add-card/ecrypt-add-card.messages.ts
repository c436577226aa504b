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
  loading: 'Loading the payment form…',
  configError: 'The payment form could not be loaded.',
  retry: 'Try again',

  kindLegend: 'Payment method type',
  kindCard: 'Card',
  kindBank: 'Bank account',

  brandVisa: 'Visa',
  brandMastercard: 'Mastercard',
  brandAmex: 'American Express',
  brandDiscover: 'Discover',
  brandBank: 'Bank account',
  brandUnknown: 'Card',

  cardNumberLabel: 'Card number',
  expiryLabel: 'Expiry date',
  expiryHint: 'MM / YY',
  securityCodeLabel: 'Security code',
  securityCodeHint: 'The 3 digits on the back of the card.',
  securityCodeHintAmex: 'The 4 digits on the front of the card.',
  nameOnCardLabel: 'Name on card',
  nameOnCardOptionalLabel: 'Name on card (optional)',
  postalCodeLabel: 'Billing postal code',
  postalCodeOptionalLabel: 'Billing postal code (optional)',

  makeDefault: 'Make this my default',
  saveCard: 'Save card',
  saveBank: 'Save bank account',
  saving: 'Saving…',
  cancel: 'Cancel',
  held: '{brand} ending in {last4}, ready to save',
  changeCard: 'Change card',

  cardNumberRequired: 'Enter the card number.',
  cardNumberIncomplete: 'The card number is too short.',
  cardNumberLength: 'This card number has the wrong number of digits.',
  cardNumberInvalid: 'This card number is not valid. Check it for typos.',
  expiryRequired: 'Enter the expiry date.',
  expiryFormat: 'Enter the expiry date as MM / YY.',
  expiryMonth: 'Enter a month from 01 to 12.',
  expiryPast: 'This card has expired. Check the date or use another card.',
  expiryTooFar: 'The expiry year is too far ahead. Check the date.',
  securityCodeRequired: 'Enter the security code.',
  securityCodeLength: 'Enter the {length}-digit security code.',
  nameOnCardRequired: 'Enter the name on the card.',
  postalCodeRequired: 'Enter the billing postal code.',
  postalCodeFormat: 'Enter a postal code of 3 to 10 letters or digits.',

  fixErrorsOne: 'There is 1 problem with the form. Check the highlighted field.',
  fixErrorsMany: 'There are {count} problems with the form. Check the highlighted fields.',
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
