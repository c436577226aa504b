/**
 * The card fields of `<ecrypt-add-card>`: their template, validation and token request,
 * fed by a small object as the bank account fields are (`ecrypt-add-card.bank.ts`).
 * Every shopper may add a card, so this module ships with the element.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { TokenRequest } from '../../protocol/index.js';
import { cardRules, type CardBrand } from '../../lib/card-brand.js';
import { digitsOnly } from '../../lib/card-number.js';
import { validateCardNumber, validateSecurityCode } from '../../lib/card-validation.js';
import { parseExpiry, toMMYY, validateExpiry } from '../../lib/expiry-input.js';
import { validatePostalCode } from '../../lib/postal-code.js';
import { defined } from '../../lib/defined.js';
import type { AddCardMessages } from './ecrypt-add-card.messages.js';

/** Whether an optional field is asked for, and whether it must be filled. */
export type FieldMode = 'required' | 'optional' | 'hidden';

export type CardField = 'number' | 'expiry' | 'cvc' | 'name' | 'postal';
type MessageKey = keyof AddCardMessages;

/** Which of the optional card fields the form asks for. */
export interface CardFieldModes {
  securityCode: FieldMode;
  cardholderName: FieldMode;
  postalCode: FieldMode;
}

/** What the form lends the card fields: its field template, the detected network and its input handler. */
export interface CardForm extends CardFieldModes {
  field(
    name: CardField,
    label: MessageKey,
    autocomplete: AutoFill,
    options?: { hint?: MessageKey; half?: boolean; text?: boolean; maxDigits?: number; required?: boolean; brand?: string },
  ): TemplateResult;
  brand: CardBrand | 'unknown';
  /** The network's name as the shopper reads it, once one is detected. */
  brandName?: string;
}

const NUMBER_ERRORS = {
  required: 'cardNumberRequired',
  incomplete: 'cardNumberIncomplete',
  length: 'cardNumberLength',
  luhn: 'cardNumberInvalid',
} as const;
const EXPIRY_ERRORS = {
  required: 'expiryRequired',
  format: 'expiryFormat',
  month: 'expiryMonth',
  expired: 'expiryPast',
  too_far: 'expiryTooFar',
} as const;
const CODE_ERRORS = { required: 'securityCodeRequired', length: 'securityCodeLength' } as const;
const POSTAL_ERRORS = { required: 'postalCodeRequired', format: 'postalCodeFormat' } as const;

/** The message for a validation result, none when it passed. */
const pick = <C extends string>(messages: Record<C, MessageKey>, code: C | undefined): MessageKey | undefined =>
  code ? messages[code] : undefined;

/** The card fields the form shows, in order. */
export function fields(modes: CardFieldModes): CardField[] {
  const hidden: Partial<Record<CardField, boolean>> = {
    cvc: modes.securityCode === 'hidden',
    name: modes.cardholderName === 'hidden',
    postal: modes.postalCode === 'hidden',
  };
  return (['number', 'expiry', 'cvc', 'name', 'postal'] as const).filter(field => !hidden[field]);
}

/** The card fields, rendered with the form's own field template. */
export function render(form: CardForm): TemplateResult {
  const { cvcLength } = cardRules(form.brand);
  return html`
    ${form.field('number', 'cardNumberLabel', 'cc-number', { brand: form.brandName })}
    ${form.field('expiry', 'expiryLabel', 'cc-exp', { hint: 'expiryHint', half: true })}
    ${
      form.securityCode === 'hidden'
        ? nothing
        : form.field('cvc', 'securityCodeLabel', 'cc-csc', {
            hint: cvcLength === 4 ? 'securityCodeHintAmex' : 'securityCodeHint',
            half: true,
            maxDigits: cvcLength,
            required: form.securityCode === 'required',
          })
    }
    ${
      form.cardholderName === 'hidden'
        ? nothing
        : form.field('name', form.cardholderName === 'required' ? 'nameOnCardLabel' : 'nameOnCardOptionalLabel', 'cc-name', {
            text: true,
            required: form.cardholderName === 'required',
          })
    }
    ${
      form.postalCode === 'hidden'
        ? nothing
        : form.field('postal', form.postalCode === 'required' ? 'postalCodeLabel' : 'postalCodeOptionalLabel', 'billing postal-code', {
            text: true,
            required: form.postalCode === 'required',
          })
    }
  `;
}

/** What a card field is checked against besides its own text. */
export interface CardCheck extends CardFieldModes {
  /** Today, for the expiry date. */
  now: Date;
  /** The card number as typed, for the security code's length. */
  number: string;
}

/** The message for what is wrong with a card field holding `value`. */
export function validate(field: CardField, value: string, check: CardCheck): MessageKey | undefined {
  switch (field) {
    case 'number':
      return pick(NUMBER_ERRORS, validateCardNumber(digitsOnly(value)));
    case 'expiry':
      return pick(EXPIRY_ERRORS, validateExpiry(value, check.now));
    case 'cvc':
      if (!value && check.securityCode !== 'required') return undefined;
      return pick(CODE_ERRORS, validateSecurityCode(value, digitsOnly(check.number)));
    case 'name':
      return check.cardholderName === 'required' && !value.trim() ? 'nameOnCardRequired' : undefined;
    case 'postal':
      return pick(POSTAL_ERRORS, validatePostalCode(value, check.postalCode === 'required'));
  }
}

/** The gateway's `creditCard` token request, read from the card fields under `root` only now. */
export function tokenRequest(root: ParentNode): TokenRequest {
  const value = (field: CardField) => root.querySelector<HTMLInputElement>(`#${field}`)?.value.trim() ?? '';
  const expiry = parseExpiry(value('expiry'));
  return {
    creditCard: defined({
      accountNumber: digitsOnly(value('number')),
      expires: 'error' in expiry ? '' : toMMYY(expiry),
      verificationValue: value('cvc') || undefined,
      postalCode: value('postal') || undefined,
      nameOnCard: value('name') || undefined,
    }),
  };
}
