import { msg } from '@lit/localize';
/**
 * The sentences only the bank account fields of `<ecrypt-add-card>` show, in
 * English. They ship with those fields in their own chunk; merchants override
 * them through the element's `messages` property like every other sentence.
 */
export const bankMessages = {
  holderNameLabel: msg('Account holder name', { id: 'addCard.holderNameLabel' }),
  routingNumberLabel: msg('Routing number', { id: 'addCard.routingNumberLabel' }),
  routingNumberHint: msg('9 digits, printed at the bottom left of a check.', { id: 'addCard.routingNumberHint' }),
  accountNumberLabel: msg('Account number', { id: 'addCard.accountNumberLabel' }),
  accountTypeLegend: msg('Account type', { id: 'addCard.accountTypeLegend' }),
  checking: msg('Checking', { id: 'addCard.checking' }),
  savings: msg('Savings', { id: 'addCard.savings' }),

  holderNameRequired: msg("Enter the account holder's name.", { id: 'addCard.holderNameRequired' }),
  routingNumberRequired: msg('Enter the routing number.', { id: 'addCard.routingNumberRequired' }),
  routingNumberLength: msg('A routing number has 9 digits.', { id: 'addCard.routingNumberLength' }),
  routingNumberInvalid: msg('This routing number is not valid. Check it for typos.', { id: 'addCard.routingNumberInvalid' }),
  accountNumberRequired: msg('Enter the account number.', { id: 'addCard.accountNumberRequired' }),
  accountNumberLength: msg('An account number has 7 to 20 digits.', { id: 'addCard.accountNumberLength' }),
  accountNumberRejected: msg('This account number was not accepted. Check it.', { id: 'addCard.accountNumberRejected' }),

  changeBank: msg('Change account', { id: 'addCard.changeBank' }),
  savedBank: msg('Bank account ending in {last4} was saved.', { id: 'addCard.savedBank' }),
  duplicateBank: msg('This bank account is already saved.', { id: 'addCard.duplicateBank' }),
  declinedBank: msg('The bank account could not be verified. Check the details or use another account.', { id: 'addCard.declinedBank' }),
} as const;
