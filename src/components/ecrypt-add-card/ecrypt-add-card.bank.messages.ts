/**
 * The sentences only the bank account fields of `<ecrypt-add-card>` show, in
 * English. They ship with those fields in their own chunk; merchants override
 * them through the element's `messages` property like every other sentence.
 */
export const bankMessages = {
  holderNameLabel: 'Account holder name',
  routingNumberLabel: 'Routing number',
  routingNumberHint: '9 digits, printed at the bottom left of a check.',
  accountNumberLabel: 'Account number',
  accountTypeLegend: 'Account type',
  checking: 'Checking',
  savings: 'Savings',

  holderNameRequired: "Enter the account holder's name.",
  routingNumberRequired: 'Enter the routing number.',
  routingNumberLength: 'A routing number has 9 digits.',
  routingNumberInvalid: 'This routing number is not valid. Check it for typos.',
  accountNumberRequired: 'Enter the account number.',
  accountNumberLength: 'An account number has 7 to 20 digits.',
  accountNumberRejected: 'This account number was not accepted. Check it.',

  changeBank: 'Change account',
  savedBank: 'Bank account ending in {last4} was saved.',
  duplicateBank: 'This bank account is already saved.',
  declinedBank: 'The bank account could not be verified. Check the details or use another account.',
} as const;
