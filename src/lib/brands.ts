import type { Brand } from '../protocol/index.js';

/** Network names as people read them; proper nouns, so not localized. */
export const BRAND_NAMES: Record<Brand, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
  ach: 'Bank account',
  unknown: 'Card',
};
