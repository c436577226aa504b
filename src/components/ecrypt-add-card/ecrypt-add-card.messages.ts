/**
 * Every sentence `<ecrypt-add-card>` shows or announces, in English. Merchants
 * override any of them through the element's `messages` property; placeholders in
 * braces (`{brand}`) are filled in by `format()`.
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

  holderNameLabel: 'Account holder name',
  routingNumberLabel: 'Routing number',
  routingNumberHint: '9 digits, printed at the bottom left of a check.',
  accountNumberLabel: 'Account number',
  accountTypeLegend: 'Account type',
  checking: 'Checking',
  savings: 'Savings',

  makeDefault: 'Make this my default',
  saveCard: 'Save card',
  saveBank: 'Save bank account',
  saving: 'Saving…',
  cancel: 'Cancel',

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
  holderNameRequired: "Enter the account holder's name.",
  routingNumberRequired: 'Enter the routing number.',
  routingNumberLength: 'A routing number has 9 digits.',
  routingNumberInvalid: 'This routing number is not valid. Check it for typos.',
  accountNumberRequired: 'Enter the account number.',
  accountNumberLength: 'An account number has 7 to 20 digits.',
  accountNumberRejected: 'This account number was not accepted. Check it.',

  fixErrorsOne: 'There is 1 problem with the form. Check the highlighted field.',
  fixErrorsMany: 'There are {count} problems with the form. Check the highlighted fields.',
  savedCard: '{brand} ending in {last4} was saved.',
  savedBank: 'Bank account ending in {last4} was saved.',
  duplicateCard: 'This card is already saved.',
  duplicateBank: 'This bank account is already saved.',
  makeItDefault: 'Make it default',
  madeDefault: '{brand} ending in {last4} is now your default.',
  makeDefaultFailed: 'The default could not be changed. Try again.',
  walletFull: 'You can save up to {limit} payment methods. Remove one before adding another.',
  declinedCard: 'The card was declined. Use another card or contact your bank.',
  declinedBank: 'The bank account could not be verified. Check the details or use another account.',
  rateLimited: 'Too many attempts. Try again in {seconds} seconds.',
  rateLimitedShort: 'Too many attempts. Wait a moment and try again.',
  networkError: 'We could not connect. Check your connection and try again.',
  timeout: 'This is taking too long. Try again; the method will not be saved twice.',
  signedOut: 'Your session has ended. Sign in again to save a payment method.',
  detailsRejected: 'These details were not accepted. Check them and try again.',
  genericError: 'Something went wrong and nothing was saved. Try again.',
} as const;

export type AddCardMessages = { -readonly [K in keyof typeof addCardMessages]: string };

/** Fills `{name}` placeholders; unknown ones stay as they are. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
