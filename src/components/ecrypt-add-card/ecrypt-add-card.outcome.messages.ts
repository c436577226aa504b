import { msg } from '@lit/localize';
/**
 * The sentences `<ecrypt-add-card>` says once a save has been tried, in English: that
 * it was saved, or why not. No one reads them before pressing Save, so they ship with
 * the code that picks them (`ecrypt-add-card.outcome.ts`), in a chunk fetched as the
 * shopper starts typing; merchants override them through the element's `messages`
 * property like every other sentence.
 */
export const outcomeMessages = {
  cardNumberRejected: msg('This card number was not accepted. Check it or use another card.', { id: 'addCard.cardNumberRejected' }),
  expiryRejected: msg('This expiry date was not accepted. Check it.', { id: 'addCard.expiryRejected' }),
  securityCodeRejected: msg('This security code was not accepted. Check it.', { id: 'addCard.securityCodeRejected' }),
  nameRejected: msg('This name was not accepted. Use letters, spaces and simple punctuation.', { id: 'addCard.nameRejected' }),

  savedCard: msg('{brand} ending in {last4} was saved.', { id: 'addCard.savedCard' }),
  duplicateCard: msg('This card is already saved.', { id: 'addCard.duplicateCard' }),
  /** A duplicate named as the wallet holds it: `{brand}` (or "Bank account") and `{last4}`. */
  duplicateNamed: msg('{brand} ending in {last4} is already saved.', { id: 'addCard.duplicateNamed' }),
  /** A duplicate that already is the default: nothing to offer. */
  duplicateIsDefault: msg('{brand} ending in {last4} is already saved, and it is your default.', { id: 'addCard.duplicateIsDefault' }),
  makeItDefault: msg('Make it default', { id: 'addCard.makeItDefault' }),
  madeDefault: msg('{brand} ending in {last4} is now your default.', { id: 'addCard.madeDefault' }),
  makeDefaultFailed: msg('The default could not be changed. Try again.', { id: 'addCard.makeDefaultFailed' }),
  walletFull: msg('You can save up to {limit} payment methods. Remove one before adding another.', { id: 'addCard.walletFull' }),
  declinedCard: msg('The card was declined. Use another card or contact your bank.', { id: 'addCard.declinedCard' }),
  rateLimited: msg(
    '{seconds, plural, one {Too many attempts. Try again in # second.} other {Too many attempts. Try again in # seconds.}}',
    { id: 'addCard.rateLimited' },
  ),
  rateLimitedShort: msg('Too many attempts. Wait a moment and try again.', { id: 'addCard.rateLimitedShort' }),
  networkError: msg('We could not connect. Check your connection and try again.', { id: 'addCard.networkError' }),
  // Only once the merchant was asked to save: also for an answer lost or garbled, which may have been stored, so this claims neither outcome.
  timeout: msg('We could not confirm the save. Try again; it will not be saved twice.', { id: 'addCard.timeout' }),
  // Tokenizing comes before the merchant is asked anything, so these can say that nothing was saved.
  tokenizeTimeout: msg('The payment details could not be checked in time. Nothing was saved. Try again.', {
    id: 'addCard.tokenizeTimeout',
  }),
  tokenizeUnavailable: msg('We cannot add payment methods right now. Nothing was saved. Please contact us.', {
    id: 'addCard.tokenizeUnavailable',
  }),
  signedOut: msg('Your session has ended. Sign in again to save a payment method.', { id: 'addCard.signedOut' }),
  detailsRejected: msg('These details were not accepted. Check them and try again.', { id: 'addCard.detailsRejected' }),
  genericError: msg('Something went wrong and nothing was saved. Try again.', { id: 'addCard.genericError' }),
} as const;
