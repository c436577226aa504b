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
  /** `{reason}`: the merchant's own sentence from the backend. */
  removeBlocked: "{method} can't be removed. {reason}",
  added: '{method} was added.',
  /** Said when a button is pressed while another change is still being saved. */
  busy: 'Please wait until the current change is saved.',
  /** The validation message when `required` and nothing is picked. */
  required: 'Please choose a payment method.',
};

/** The strings of `<ecrypt-wallet>`; override any subset through `messages`. */
export type WalletMessages = typeof walletMessages;
