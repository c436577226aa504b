import { msg } from '@lit/localize';
/**
 * Every sentence `<ecrypt-wallet>` shows or announces, in English. Each is a
 * whole sentence with `{placeholders}` so that a translation can reorder it;
 * merchants override any of them through the element's `messages` property.
 */
export const walletMessages = {
  /** Accessible name of the list of saved methods. */
  listLabel: msg('Saved payment methods', { id: 'wallet.listLabel' }),
  /** Accessible name of the radio group in checkout mode. */
  pickLabel: msg('Choose a payment method', { id: 'wallet.pickLabel' }),
  /** Read by screen readers while the skeleton shows. */
  loading: msg('Loading your saved payment methods.', { id: 'wallet.loading' }),
  loadFailed: msg("We couldn't load your saved payment methods.", { id: 'wallet.loadFailed' }),
  retry: msg('Try again', { id: 'wallet.retry' }),
  empty: msg("You haven't saved a payment method yet.", { id: 'wallet.empty' }),
  add: msg('Add payment method', { id: 'wallet.add' }),
  /** `{limit}`: the wallet's maximum, already formatted. */
  limitReached: msg("You've saved the maximum of {limit} payment methods. Remove one to add another.", { id: 'wallet.limitReached' }),
  addUnavailable: msg("The form to add a payment method couldn't be opened. Please try again.", { id: 'wallet.addUnavailable' }),
  /** The networks' names, filled into `{brand}` below; proper nouns in most languages. */
  brandVisa: msg('Visa', { id: 'wallet.brandVisa' }),
  brandMastercard: msg('Mastercard', { id: 'wallet.brandMastercard' }),
  brandAmex: msg('American Express', { id: 'wallet.brandAmex' }),
  brandDiscover: msg('Discover', { id: 'wallet.brandDiscover' }),
  /** The name of any US bank account. */
  brandAch: msg('Bank account', { id: 'wallet.brandAch' }),
  /** The name of a card whose network is not known. */
  brandUnknown: msg('Card', { id: 'wallet.brandUnknown' }),
  /** The short name of a method, used inside the sentences below. */
  method: msg('{brand} ending in {last4}', { id: 'wallet.method' }),
  /** `{expiry}`: the `expiry` message filled in. */
  cardLabel: msg('{method}, expires {expiry}', { id: 'wallet.cardLabel' }),
  expiringSoonLabel: msg('{method}, expires soon, {expiry}', { id: 'wallet.expiringSoonLabel' }),
  expiredLabel: msg('{method}, expired {expiry}', { id: 'wallet.expiredLabel' }),
  checkingLabel: msg('{method}, checking', { id: 'wallet.checkingLabel' }),
  savingsLabel: msg('{method}, savings', { id: 'wallet.savingsLabel' }),
  /** Appended to the accessible name of the default method. */
  defaultLabel: msg('{label}, default', { id: 'wallet.defaultLabel' }),
  /** `{month}` and `{year}`: two digits each. */
  expiry: msg('{month}/{year}', { id: 'wallet.expiry' }),
  checking: msg('Checking', { id: 'wallet.checking' }),
  savings: msg('Savings', { id: 'wallet.savings' }),
  defaultBadge: msg('Default', { id: 'wallet.defaultBadge' }),
  expiredBadge: msg('Expired', { id: 'wallet.expiredBadge' }),
  expiringSoonBadge: msg('Expires soon', { id: 'wallet.expiringSoonBadge' }),
  makeDefault: msg('Make default', { id: 'wallet.makeDefault' }),
  /** Starts with the visible "Make default" so that voice control finds it by what it shows. */
  makeDefaultLabel: msg('Make default: {method}', { id: 'wallet.makeDefaultLabel' }),
  remove: msg('Remove', { id: 'wallet.remove' }),
  removeLabel: msg('Remove {method}', { id: 'wallet.removeLabel' }),
  confirmRemove: msg('Remove {method}?', { id: 'wallet.confirmRemove' }),
  confirm: msg('Remove', { id: 'wallet.confirm' }),
  cancel: msg('Cancel', { id: 'wallet.cancel' }),
  defaultChanged: msg('{method} is now your default payment method.', { id: 'wallet.defaultChanged' }),
  defaultFailed: msg("We couldn't make {method} your default. Please try again.", { id: 'wallet.defaultFailed' }),
  removed: msg('{method} was removed.', { id: 'wallet.removed' }),
  removeFailed: msg("We couldn't remove {method}. Please try again.", { id: 'wallet.removeFailed' }),
  /** A make default the backend refused for good (trying again cannot help). */
  defaultRefused: msg("We couldn't make {method} your default.", { id: 'wallet.defaultRefused' }),
  /** A removal the backend refused for good (trying again cannot help). */
  removeRefused: msg("We couldn't remove {method}.", { id: 'wallet.removeRefused' }),
  /** Make default on a method that another tab or device removed meanwhile; the list shown no longer has it. */
  defaultGone: msg("{method} is no longer saved, so it can't be your default.", { id: 'wallet.defaultGone' }),
  /** The change may or may not have been made, and the wallet could not be read again to tell. */
  defaultUnknown: msg("We couldn't confirm whether {method} is now your default. Please check again in a moment.", {
    id: 'wallet.defaultUnknown',
  }),
  removeUnknown: msg("We couldn't confirm whether {method} was removed. Please check again in a moment.", { id: 'wallet.removeUnknown' }),
  /** The shopper's session ended (signed out in another tab): no change can be made until they sign in. */
  signedOut: msg('Your session has ended. Sign in again to change your payment methods.', { id: 'wallet.signedOut' }),
  /** `{reason}`: the merchant's own sentence from the backend. */
  removeBlocked: msg("{method} can't be removed. {reason}", { id: 'wallet.removeBlocked' }),
  /** Under a method the merchant's policy keeps (it pays for a subscription, say); `{reason}`: the merchant's sentence. */
  removeBlockedNote: msg("Can't be removed. {reason}", { id: 'wallet.removeBlockedNote' }),
  added: msg('{method} was added.', { id: 'wallet.added' }),
  /** Said when a button is pressed while another change is still being saved. */
  busy: msg('Please wait until the current change is saved.', { id: 'wallet.busy' }),
  /** The validation message when `required` and nothing is picked. */
  required: msg('Please choose a payment method.', { id: 'wallet.required' }),
  /** The validation message when `required` and the wallet holds no method that can be picked. */
  requiredNone: msg('Please add a payment method.', { id: 'wallet.requiredNone' }),
};

/** The strings of `<ecrypt-wallet>`; override any subset through `messages`. */
export type WalletMessages = typeof walletMessages;
