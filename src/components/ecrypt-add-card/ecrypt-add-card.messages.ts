import type { bankMessages } from './ecrypt-add-card.bank.messages.js';

/**
 * Every sentence `<ecrypt-add-card>` shows or announces, in English, except those
 * only the bank account fields need (`ecrypt-add-card.bank.messages.ts`), which
 * load with them. Merchants override any of them through the element's `messages`
 * property; placeholders in braces (`{brand}`) are filled in by `format()`.
 */
export const addCardMessages = {
  loading: 'Loading the payment form…',
  configError: 'The payment form could not be loaded.',
  retry: 'Try again',

  kindLegend: 'Payment method type',
  kindCard: 'Card',
  kindBank: 'Bank account',

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
  cardNumberRejected: 'This card number was not accepted. Check it or use another card.',
  expiryRequired: 'Enter the expiry date.',
  expiryFormat: 'Enter the expiry date as MM / YY.',
  expiryMonth: 'Enter a month from 01 to 12.',
  expiryPast: 'This card has expired. Check the date or use another card.',
  expiryTooFar: 'The expiry year is too far ahead. Check the date.',
  expiryRejected: 'This expiry date was not accepted. Check it.',
  securityCodeRequired: 'Enter the security code.',
  securityCodeLength: 'Enter the {length}-digit security code.',
  securityCodeRejected: 'This security code was not accepted. Check it.',
  nameOnCardRequired: 'Enter the name on the card.',
  nameRejected: 'This name was not accepted. Use letters, spaces and simple punctuation.',
  postalCodeRequired: 'Enter the billing postal code.',
  postalCodeFormat: 'Enter a postal code of 3 to 10 letters or digits.',

  fixErrorsOne: 'There is 1 problem with the form. Check the highlighted field.',
  fixErrorsMany: 'There are {count} problems with the form. Check the highlighted fields.',
  savedCard: '{brand} ending in {last4} was saved.',
  duplicateCard: 'This card is already saved.',
  makeItDefault: 'Make it default',
  madeDefault: '{brand} ending in {last4} is now your default.',
  makeDefaultFailed: 'The default could not be changed. Try again.',
  walletFull: 'You can save up to {limit} payment methods. Remove one before adding another.',
  declinedCard: 'The card was declined. Use another card or contact your bank.',
  rateLimited: 'Too many attempts. Try again in {seconds} seconds.',
  rateLimitedShort: 'Too many attempts. Wait a moment and try again.',
  networkError: 'We could not connect. Check your connection and try again.',
  // Only once the merchant was asked to save: also for an answer lost or garbled, which may have been stored, so this claims neither outcome.
  timeout: 'We could not confirm the save. Try again; it will not be saved twice.',
  // Tokenizing comes before the merchant is asked anything, so these can say that nothing was saved.
  tokenizeTimeout: 'The payment details could not be checked in time. Nothing was saved. Try again.',
  tokenizeUnavailable: 'We cannot add payment methods right now. Nothing was saved. Please contact us.',
  signedOut: 'Your session has ended. Sign in again to save a payment method.',
  detailsRejected: 'These details were not accepted. Check them and try again.',
  genericError: 'Something went wrong and nothing was saved. Try again.',
} as const;

/** Every sentence of the element, the bank account fields' included. */
export type AddCardMessages = { -readonly [K in keyof typeof addCardMessages | keyof typeof bankMessages]: string };

