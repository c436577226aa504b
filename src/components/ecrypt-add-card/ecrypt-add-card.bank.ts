/**
 * The US bank account (ACH) fields of `<ecrypt-add-card>`: their template,
 * validation and token request. Most shoppers add a card, so the element loads
 * this module with a dynamic `import()` only when the backend offers bank
 * accounts, and it ships in its own chunk.
 */
import { html, type TemplateResult } from 'lit';
import type { TokenRequest } from '../../protocol/index.js';
import { validateRoutingNumber } from '../../lib/aba-routing.js';
import { BANK_ACCOUNT_LENGTH, accountTypeCode, validateBankAccountNumber } from '../../lib/bank-account.js';
import type { AddCardMessages } from './ecrypt-add-card.messages.js';

export { bankMessages as messages } from './ecrypt-add-card.bank.messages.js';

export type BankField = 'holder' | 'routing' | 'account';
type MessageKey = keyof AddCardMessages;

/** What the form lends the bank fields: its field template, its sentences (merchant overrides applied) and its edit handler. */
export interface BankForm {
  field(
    name: BankField,
    label: MessageKey,
    autocomplete: AutoFill,
    options?: { hint?: MessageKey; text?: boolean; maxDigits?: number },
  ): TemplateResult;
  t: AddCardMessages;
  onEdit(event: Event): void;
}

/** An input and what to say when the gateway rejects what was typed in it. */
export type GatewayField<F extends string = BankField, K extends string = MessageKey> = readonly [field: F, rejected: K];

/** Bank gateway field names (lower case, dotted) to the input they concern and what to say about it. */
export const gatewayFields: Record<string, GatewayField> = {
  'check.routingnumber': ['routing', 'routingNumberInvalid'],
  'check.accountnumber': ['account', 'accountNumberRejected'],
  'check.name': ['holder', 'nameRejected'],
};

/** The bank account fields the form shows, in order. */
export const fields = (): BankField[] => ['holder', 'routing', 'account'];

const ROUTING_ERRORS = {
  required: 'routingNumberRequired',
  length: 'routingNumberLength',
  checksum: 'routingNumberInvalid',
  invalid: 'routingNumberInvalid',
} as const;
const ACCOUNT_ERRORS = { required: 'accountNumberRequired', length: 'accountNumberLength' } as const;

/** The bank account fields, rendered with the form's own field template. */
export function render(form: BankForm): TemplateResult {
  return html`
    ${form.field('holder', 'holderNameLabel', 'name', { text: true })}
    ${form.field('routing', 'routingNumberLabel', 'off', { hint: 'routingNumberHint', maxDigits: 9 })}
    ${form.field('account', 'accountNumberLabel', 'off', { maxDigits: BANK_ACCOUNT_LENGTH.max })}
    <fieldset class="field">
      <legend>${form.t.accountTypeLegend}</legend>
      <div class="types">
        <label><input type="radio" name="accountType" value="checking" checked @change=${form.onEdit} />${form.t.checking}</label>
        <label><input type="radio" name="accountType" value="savings" @change=${form.onEdit} />${form.t.savings}</label>
      </div>
    </fieldset>
  `;
}

/** The message for what is wrong with a bank field, given its text and its digits. */
export function validate(field: BankField, value: string, digits: string): MessageKey | undefined {
  if (field === 'holder') return value.trim() ? undefined : 'holderNameRequired';
  if (field === 'routing') {
    const code = validateRoutingNumber(digits);
    return code && ROUTING_ERRORS[code];
  }
  const code = validateBankAccountNumber(digits);
  return code && ACCOUNT_ERRORS[code];
}

/** The gateway's `check` token request, read from the bank fields under `root` only now; `digits` is the form's digit filter. */
export function tokenRequest(root: ParentNode, digits: (text: string) => string): TokenRequest {
  const value = (field: BankField) => root.querySelector<HTMLInputElement>(`#${field}`)?.value.trim() ?? '';
  const savings = root.querySelector<HTMLInputElement>('input[name=accountType]:checked')?.value === 'savings';
  return {
    check: {
      accountNumber: digits(value('account')),
      routingNumber: digits(value('routing')),
      accountType: accountTypeCode(savings ? 'savings' : 'checking'),
      name: value('holder'),
    },
  };
}

/** Puts the account type back to checking, as when the form was new. */
export function reset(root: ParentNode): void {
  const checking = root.querySelector<HTMLInputElement>('input[value=checking]');
  if (checking) checking.checked = true;
}
