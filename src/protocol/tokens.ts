/**
 * The wire shape of eCrypt's `POST /v1/tokens` (ecrypt-api.md section 2), the one
 * gateway call the browser makes, with the public key. camelCase is sent; answers
 * are read tolerantly by the caller.
 */

export interface CardTokenFields {
  /** PAN, digits only, 13-20. */
  accountNumber: string;
  /** MMYY. */
  expires: string;
  verificationValue?: string;
  postalCode?: string;
  nameOnCard?: string;
}

export interface BankTokenFields {
  /** 7-20 digits. */
  accountNumber: string;
  /** ABA routing number, 9 digits. */
  routingNumber: string;
  /** 0 = checking, 1 = savings. */
  accountType: 0 | 1;
  name?: string;
  checkNumber?: string;
}

/** Exactly one of the two. */
export type TokenRequest = { creditCard: CardTokenFields; check?: never } | { check: BankTokenFields; creditCard?: never };

export interface TokenMetadata {
  /** Masked, e.g. `4***********1111`. */
  accountNumber: string;
  /** `visa`, `mastercard`, `discover card`, `american express`, or `ach` for bank accounts. */
  network: string;
  /** `credit`, `debit`, `pre-paid`; absent for bank accounts. */
  type?: string;
}

export interface TokenResponse {
  requestId: string;
  token: string;
  metadata: TokenMetadata;
}

/** The documented error envelope of every gateway error. */
export interface GatewayErrorBody {
  requestId: string;
  errors: { type: string; message: string; field?: string }[];
}
