import { html, type TemplateResult } from 'lit';

/**
 * A small decorative mark per network, drawn inline so nothing is fetched. The
 * method's name is always given in words elsewhere, so the mark is hidden from
 * assistive technology.
 */
const MARKS: Record<string, TemplateResult> = {
  visa: html`VISA`,
  mastercard: html`<svg viewBox="0 0 24 16">
    <circle cx="8.5" cy="8" r="6.5" fill="#eb001b" />
    <circle cx="15.5" cy="8" r="6.5" fill="#f79e1b" fill-opacity=".85" />
  </svg>`,
  amex: html`AMEX`,
  discover: html`DISCOVER`,
  ach: html`<svg viewBox="0 0 24 24" fill="currentColor">
    <path d="M12 2 2 7v2h20V7zM4 11v7h3v-7zm6.5 0v7h3v-7zM17 11v7h3v-7zM2 20v2h20v-2z" />
  </svg>`,
};

const CARD = html`<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2"><path d="M2 5h20v14H2zm0 5h20" /></svg>`;

/** The mark of `brand`; a card outline for a network we do not draw. */
export const brandMark = (brand: string): TemplateResult => {
  const known = Object.hasOwn(MARKS, brand);
  return html`<span part="brand" class="mark ${known ? brand : 'unknown'}" aria-hidden="true">${known ? MARKS[brand] : CARD}</span>`;
};
