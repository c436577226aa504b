/**
 * Pure checks used by the routes. The sandbox keeps its own copies of Luhn and the
 * ABA checksum rather than importing `src/lib`: it is the ground truth the rest of
 * the project is tested against, so it must not share their bugs.
 */
import { COMMON_TEXT_PATTERN, ID_PATTERN, PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX, POSTAL_CODE_PATTERN, TEXT_MAX } from './decisions.js';
import { fail } from './errors.js';
import { FieldReader } from './http.js';

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** The ABA routing checksum: 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) ≡ 0 (mod 10). */
export function abaValid(routing: string): boolean {
  if (!/^[0-9]{9}$/.test(routing)) return false;
  const d = [...routing].map(Number) as [number, number, number, number, number, number, number, number, number];
  const sum = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8]);
  return sum % 10 === 0;
}

/** Parses MMYY into month and four-digit year (20YY), or undefined when malformed. */
export function parseExpiry(mmyy: string): { month: number; year: number } | undefined {
  const match = /^(0[1-9]|1[0-2])([0-9]{2})$/.exec(mmyy);
  if (!match) return undefined;
  return { month: Number(match[1]), year: 2000 + Number(match[2]) };
}

/** [doc] A card is usable through the last day of its expiry month (UTC here). */
export function isExpired(mmyy: string, now: number): boolean {
  const parsed = parseExpiry(mmyy);
  if (!parsed) return true;
  // Date.UTC with month index = expiry month gives the first instant of the following month.
  return now >= Date.UTC(parsed.year, parsed.month, 1);
}

/** Checks a path id before it is used for any lookup. */
export function checkId(value: string, field: string): string {
  if (!ID_PATTERN.test(value)) {
    throw fail('VALIDATION', `${field} must be 8-64 characters of letters, digits and hyphens.`, field);
  }
  return value;
}

/** Validates an optional documented text field (customers, addresses, names). */
export function commonText(reader: FieldReader, name: string, max = TEXT_MAX): string | undefined {
  const value = reader.string(name, false);
  if (value === undefined) return undefined;
  if (value.length > max) reader.error(name, `must be at most ${max} characters.`);
  else if (!COMMON_TEXT_PATTERN.test(value)) reader.error(name, 'may hold only ASCII letters, digits and common punctuation.');
  else return value;
  return undefined;
}

export type Address = Partial<Record<(typeof ADDRESS_FIELDS)[number], string>>;
export const ADDRESS_FIELDS = ['name', 'line1', 'line2', 'city', 'state', 'postalCode', 'country'] as const;

/** Reads `billingAddress` / `shippingAddress`; errors land on the parent reader. */
export function readAddress(parent: FieldReader, name: string): Address | undefined {
  const source = parent.object(name, false);
  if (!source) return undefined;
  const reader = new FieldReader(source, ADDRESS_FIELDS, `${parent.path(name)}.`);
  const address: Address = {};
  for (const field of ADDRESS_FIELDS) {
    const value = commonText(reader, field);
    if (value !== undefined) address[field] = value;
  }
  if (address.postalCode !== undefined && !POSTAL_CODE_PATTERN.test(address.postalCode)) {
    reader.error('postalCode', 'must be 3-10 letters, digits, spaces or hyphens.');
  }
  parent.adopt(reader);
  return address;
}

/** Reads `Page` and `Size` (also lower-case) from a list URL. */
export function readPaging(url: URL): { page: number; size: number } {
  const read = (name: string, fallback: number, max: number): number => {
    const raw = url.searchParams.get(name) ?? url.searchParams.get(name.toLowerCase());
    if (raw === null) return fallback;
    if (!/^[0-9]{1,9}$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
      throw fail('VALIDATION', `${name} must be a whole number from 1 to ${max}.`, name);
    }
    return Number(raw);
  };
  return { page: read('Page', 1, Number.MAX_SAFE_INTEGER), size: read('Size', PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX) };
}

export function paginate<T>(items: T[], paging: { page: number; size: number }): T[] {
  const start = (paging.page - 1) * paging.size;
  return items.slice(start, start + paging.size);
}
