/**
 * Card network detection from the leading digits, and each network's display and
 * length rules (ecrypt-api.md section 7). Only the four networks eCrypt documents are
 * named; JCB and UnionPay cards run on Discover, so eCrypt reports them as Discover and
 * so do we. Any other number is `unknown` and gets generic rules, so the gateway stays
 * the judge of what it accepts.
 */

/** The card networks eCrypt documents. */
export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'discover';

/** How numbers of one network are grouped, how long they are, and their security code length. */
export interface CardRules {
  /** Digit counts after which a space is shown, e.g. `[4, 8, 12]` for 4-4-4-4. */
  readonly gaps: readonly number[];
  /** Every valid number length, ascending. */
  readonly lengths: readonly number[];
  readonly cvcLength: number;
}

/** Inclusive prefix ranges per network; both ends have the same number of digits. */
const PREFIXES: Record<CardBrand, readonly (readonly [number, number])[]> = {
  visa: [[4, 4]],
  mastercard: [
    [51, 55],
    [2221, 2720],
  ],
  amex: [
    [34, 34],
    [37, 37],
  ],
  discover: [
    [6011, 6011],
    // UnionPay; takes in Discover's own 622.
    [62, 62],
    [644, 649],
    [65, 65],
    // JCB.
    [3528, 3589],
  ],
};

export const CARD_RULES: Record<CardBrand | 'unknown', CardRules> = {
  visa: { gaps: [4, 8, 12, 16], lengths: [13, 16, 19], cvcLength: 3 },
  mastercard: { gaps: [4, 8, 12], lengths: [16], cvcLength: 3 },
  amex: { gaps: [4, 10], lengths: [15], cvcLength: 4 },
  discover: { gaps: [4, 8, 12, 16], lengths: [16, 17, 18, 19], cvcLength: 3 },
  // eCrypt takes 13-20 digit account numbers; 19 is the longest any network issues.
  unknown: { gaps: [4, 8, 12, 16], lengths: [13, 14, 15, 16, 17, 18, 19], cvcLength: 3 },
};

/**
 * The network of a (possibly partial) card number, digits only. A network is named
 * only once the digits typed so far can belong to no other number: `2` is not yet
 * Mastercard (2221-2720), `23` is.
 */
export function detectBrand(digits: string): CardBrand | 'unknown' {
  if (!/^[0-9]+$/.test(digits)) return 'unknown';
  for (const brand of Object.keys(PREFIXES) as CardBrand[]) {
    for (const [low, high] of PREFIXES[brand]) {
      const width = String(low).length;
      const typed = digits.slice(0, width);
      // Every number that starts with `typed` falls within [first, last].
      const padding = 10 ** (width - typed.length);
      const first = Number(typed) * padding;
      const last = first + padding - 1;
      if (first >= low && last <= high) return brand;
    }
  }
  return 'unknown';
}

/** The rules for a network, generic ones for `unknown`. */
export function cardRules(brand: CardBrand | 'unknown'): CardRules {
  return CARD_RULES[brand];
}
