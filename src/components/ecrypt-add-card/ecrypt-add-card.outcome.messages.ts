/**
 * The sentences `<ecrypt-add-card>` says once a save has been tried, in English: that
 * it was saved, or why not. No one reads them before pressing Save, so they ship with
 * the code that picks them (`ecrypt-add-card.outcome.ts`), in a chunk fetched as the
 * shopper starts typing; merchants override them through the element's `messages`
 * property like every other sentence.
 */
export const outcomeMessages = {
  cardNumberRejected: 'This card number was not accepted. Check it or use another card.',
  expiryRejected: 'This expiry date was not accepted. Check it.',
  securityCodeRejected: 'This security code was not accepted. Check it.',
  nameRejected: 'This name was not accepted. Use letters, spaces and simple punctuation.',

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
