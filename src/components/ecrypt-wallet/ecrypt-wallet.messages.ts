/**
 * Every sentence `<ecrypt-wallet>` shows or announces, in English. Each is a
 * whole sentence with `{placeholders}` so that a translation can reorder it;
 * merchants override any of them through the element's `messages` property.
 */
export const walletMessages = {
  /** Accessible name of the list of saved methods. */
  listLabel: 'Saved payment methods',
  /** Accessible name of the radio group in checkout mode. */
  pickLabel: 'Choose a payment method',
  /** Read by screen readers while the skeleton shows. */
  loading: 'Loading your saved payment methods.',
  loadFailed: "We couldn't load your saved payment methods.",
  retry: 'Try again',
  empty: "You haven't saved a payment method yet.",
  add: 'Add payment method',
  /** `{limit}`: the wallet's maximum, already formatted. */
  limitReached: "You've saved the maximum of {limit} payment methods. Remove one to add another.",
  addUnavailable: "The form to add a payment method couldn't be opened. Please try again.",
  /** The networks' names, filled into `{brand}` below; proper nouns in most languages. */
  brandVisa: 'Visa',
  brandMastercard: 'Mastercard',
  brandAmex: 'American Express',
  brandDiscover: 'Discover',
  /** The name of any US bank account. */
  brandAch: 'Bank account',
  /** The name of a card whose network is not known. */
  brandUnknown: 'Card',
  /** The short name of a method, used inside the sentences below. */
  method: '{brand} ending in {last4}',
  /** `{expiry}`: the `expiry` message filled in. */
  cardLabel: '{method}, expires {expiry}',
  expiringSoonLabel: '{method}, expires soon, {expiry}',
  expiredLabel: '{method}, expired {expiry}',
  checkingLabel: '{method}, checking',
  savingsLabel: '{method}, savings',
  /** Appended to the accessible name of the default method. */
  defaultLabel: '{label}, default',
  /** `{month}` and `{year}`: two digits each. */
  expiry: '{month}/{year}',
  checking: 'Checking',
  savings: 'Savings',
  defaultBadge: 'Default',
  expiredBadge: 'Expired',
  expiringSoonBadge: 'Expires soon',
  makeDefault: 'Make default',
  /** Starts with the visible "Make default" so that voice control finds it by what it shows. */
  makeDefaultLabel: 'Make default: {method}',
  remove: 'Remove',
  removeLabel: 'Remove {method}',
  confirmRemove: 'Remove {method}?',
  confirm: 'Remove',
  cancel: 'Cancel',
  defaultChanged: '{method} is now your default payment method.',
  defaultFailed: "We couldn't make {method} your default. Please try again.",
  removed: '{method} was removed.',
  removeFailed: "We couldn't remove {method}. Please try again.",
  /** A make default the backend refused for good (trying again cannot help). */
  defaultRefused: "We couldn't make {method} your default.",
  /** A removal the backend refused for good (trying again cannot help). */
  removeRefused: "We couldn't remove {method}.",
  /** Make default on a method that another tab or device removed meanwhile; the list shown no longer has it. */
  defaultGone: "{method} is no longer saved, so it can't be your default.",
  /** The change may or may not have been made, and the wallet could not be read again to tell. */
  defaultUnknown: "We couldn't confirm whether {method} is now your default. Please check again in a moment.",
  removeUnknown: "We couldn't confirm whether {method} was removed. Please check again in a moment.",
  /** The shopper's session ended (signed out in another tab): no change can be made until they sign in. */
  signedOut: 'Your session has ended. Sign in again to change your payment methods.',
  /** `{reason}`: the merchant's own sentence from the backend. */
  removeBlocked: "{method} can't be removed. {reason}",
  added: '{method} was added.',
  /** Said when a button is pressed while another change is still being saved. */
  busy: 'Please wait until the current change is saved.',
  /** The validation message when `required` and nothing is picked. */
  required: 'Please choose a payment method.',
  /** The validation message when `required` and the wallet holds no method that can be picked. */
  requiredNone: 'Please add a payment method.',
};

/** The strings of `<ecrypt-wallet>`; override any subset through `messages`. */
export type WalletMessages = typeof walletMessages;
