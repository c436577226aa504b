/**
 * Every behaviour of the sandbox that `shared/ecrypt-api.md` marks [assumed], or
 * that the documentation does not settle, decided here and only here, so that a
 * difference found against the real eCrypt sandbox is a one-line change.
 * `docs/sandbox.md` lists the same decisions for people.
 */

/** [doc] A wallet holds at most this many methods; the fifth add answers 400 VALIDATION. */
export const WALLET_LIMIT = 4;

/** [doc] Path ids (`{Customer}`, `{Wallet}`) are checked against this before any lookup. */
export const ID_PATTERN = /^[0-9A-Za-z-]{8,64}$/;

/** [doc] A transaction id given to the wallet endpoint is 8-64 digits. */
export const TRANSACTION_ID_PATTERN = /^[0-9]{8,64}$/;

/** [doc] Tokens are UUIDs. Any version is accepted, in either letter case. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** [doc] `Size` default and maximum for list endpoints. [assumed] `Page` starts at 1; out-of-range values answer 400 rather than being clamped. */
export const PAGE_SIZE_DEFAULT = 100;
export const PAGE_SIZE_MAX = 100;

/** [doc] Customer text fields: up to 100 characters. */
export const TEXT_MAX = 100;

/**
 * [doc] "ASCII letters, digits and common punctuation". [assumed] which punctuation
 * counts as common: the characters below. Angle brackets, braces, backslash, backtick,
 * control characters and anything outside ASCII are refused.
 */
export const COMMON_TEXT_PATTERN = /^[A-Za-z0-9 .,'"\-@&()#/+_:;!?%*=$]*$/;

/** [assumed] `metadata` limits on customers: string values only. */
export const METADATA_MAX_KEYS = 50;
export const METADATA_KEY_MAX = 40;
export const METADATA_VALUE_MAX = 500;

/** [assumed] Postal codes: 3-10 letters, digits, spaces or hyphens (US ZIP, ZIP+4 and most others). */
export const POSTAL_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 -]{1,8}[A-Za-z0-9]$/;

/**
 * [assumed] The verification value is exactly 4 digits for American Express (its
 * "4-digit CID") and exactly 3 for every other network; the docs only say "3 or 4".
 */
export const CVV_LENGTH = { amex: 4, other: 3 } as const;

/**
 * [assumed] The routing number is exactly 9 digits with a valid ABA checksum (the ACH
 * guide), not 8-20 digits as the tokens guide says.
 */
export const ROUTING_NUMBER_PATTERN = /^[0-9]{9}$/;

/** [doc] Card and bank account number lengths; check numbers up to 8 digits. */
export const CARD_NUMBER_PATTERN = /^[0-9]{13,20}$/;
export const BANK_ACCOUNT_PATTERN = /^[0-9]{7,20}$/;
export const CHECK_NUMBER_PATTERN = /^[0-9]{1,8}$/;

/**
 * [assumed] Unknown fields in a request body are refused with 400 VALIDATION naming
 * the field, so a client typo (`cvv` for `verificationValue`) fails in tests instead of
 * the data being silently dropped. camelCase and the guide's snake_case are both read;
 * giving both spellings of one field is refused as ambiguous.
 */
export const REJECT_UNKNOWN_FIELDS = true;

/**
 * [assumed] Error objects carry `field`, the request field they concern, in camelCase
 * dotted form (`creditCard.expires`, `check.routingNumber`, `billingAddress.postalCode`,
 * `Size`), so the UI can put the message next to the input.
 */
export const FIELD_EXTENSION = true;

/** [assumed] A card expiring in a past month is refused at tokenization with 400 on `creditCard.expires`. */
export const REJECT_EXPIRED_AT_TOKENIZATION = true;

/**
 * [assumed] A token is consumed when it is saved to a wallet or charged; a second use
 * answers 400 VALIDATION on `token`. A declined save (402) does not consume it.
 */
export const TOKEN_SINGLE_USE = true;

/** [assumed] An approved transaction's payment method may be saved to a wallet once. */
export const TRANSACTION_SAVABLE_ONCE = true;

/** [assumed] Bank accounts mask every character but the last 4; cards keep the first digit too (`4***********1111`). */
export const BANK_MASK_KEEPS_FIRST = false;

/** [assumed] Wallet lists, like customer lists, are newest first. */
export const WALLET_NEWEST_FIRST = true;

/**
 * [assumed] Wallet entries for bank accounts carry `accountType` ('checking'|'savings')
 * and the holder's `name`; card entries carry `nameOnCard`. Neither is documented.
 */
export const ENTRY_HOLDER_EXTENSIONS = true;

/** [assumed] Every success answers 200 (the docs list no 201). */
export const SUCCESS_STATUS = 200;

/**
 * [assumed] The idempotency header. The docs name 409 for a "duplicate idempotency key";
 * the sandbox replays the first answer for the same key and body, and answers 409
 * CONFLICT for the same key with a different request. Keys live until `reset()`.
 */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** [assumed] Body size limit for JSON requests; larger bodies answer 400. */
export const BODY_LIMIT_BYTES = 64 * 1024;

/** [assumed] CORS on `/v1/tokens` only, for the configured origins; preflights are cached 10 minutes. */
export const CORS_PATH = '/v1/tokens';
export const CORS_ALLOW_HEADERS = 'content-type, x-api-key';
export const CORS_ALLOW_METHODS = 'POST';
export const CORS_MAX_AGE_SECONDS = 600;

/** [assumed] `Retry-After` seconds sent with a forced 429. */
export const RETRY_AFTER_SECONDS = 1;

/**
 * [assumed] Sale amounts are dollars as a JSON number, greater than 0, at most two
 * decimals, at most 999999.99.
 */
export const AMOUNT_MAX = 999_999.99;

/** [assumed] A card whose number is not in the test table is a credit card. */
export const DEFAULT_CARD_TYPE = 'credit';
