import { css } from 'lit';

export const addCardStyles = css`
  :host {
    --_field-gap: var(--ecrypt-add-card-field-gap, var(--_space));
    --_input-height: var(--ecrypt-add-card-input-height, 2.75rem);
  }

  form,
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    min-width: 0;
  }

  .fields {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: var(--_field-gap);
  }

  .field {
    display: grid;
    gap: 0.25rem;
    grid-column: 1 / -1;
    align-content: start;
  }

  /*
   * Expiry and security code side by side share their rows (label, input, hint, error), so their
   * inputs line up however the labels and hints wrap; too narrow for two, they stack.
   */
  .field.half {
    grid-column: auto;
    grid-row: span 4;
    grid-template-rows: subgrid;
    row-gap: 0.25rem;
  }

  form {
    container-type: inline-size;
  }

  @container (max-width: 18rem) {
    .field.half {
      grid-column: 1 / -1;
    }
  }

  label,
  legend {
    font-weight: 600;
  }

  legend {
    padding: 0;
  }

  input[type='text'],
  button {
    min-height: var(--_input-height);
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }

  input[type='text'] {
    width: 100%;
    padding: 0 var(--_space);
    /* An input's edge must stand out at 3:1 (WCAG 1.4.11); the shared dividers' colour does not. */
    border-color: var(--_control-border);
    font: inherit;
    font-variant-numeric: tabular-nums;
  }

  input[aria-invalid='true'] {
    border: 2px solid var(--_danger);
  }

  .control {
    position: relative;
  }

  /*
   * The label, and for the card number the network's chip at the end of the same line: the whole
   * input stays free for the number at any width, and the chip keeps its full name.
   */
  .label-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.25rem 0.5rem;
  }

  .brand {
    padding: 0.0625rem 0.375rem;
    white-space: nowrap;
    font-size: 0.75em;
    font-weight: 700;
    text-transform: uppercase;
    border: 1px solid currentColor;
    border-radius: calc(var(--_radius) / 2);
  }

  .hint,
  .error {
    margin: 0;
    color: var(--_text-muted);
    font-size: 0.875em;
  }

  .error {
    color: var(--_danger);
  }

  .kinds,
  .types {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
  }

  /* The account type sits in the fields' grid, which spaces it already. */
  .kinds {
    margin-block-end: var(--_field-gap);
  }

  /* A choice or the checkbox: the box and its words on one line, read as plain text, not as a field label. */
  .kinds label,
  .types label,
  .default {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
    font-weight: 400;
  }

  .kinds label {
    padding: 0.5rem 1rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    cursor: pointer;
  }

  .kinds label:has(:checked) {
    border-color: var(--_accent);
  }

  .default {
    margin-block: var(--_field-gap);
  }

  input[type='radio'],
  input[type='checkbox'] {
    flex: none;
    width: 1.125rem;
    height: 1.125rem;
    margin: 0;
    accent-color: var(--_accent);
  }

  .held,
  .notice {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
    margin-block-end: var(--_field-gap);
    padding: var(--_space);
    border: 1px solid var(--_danger);
    border-radius: var(--_radius);
    background: var(--_surface-muted);
  }

  .held {
    margin-block-start: 0;
    border-color: var(--_border);
  }

  .notice p {
    margin: 0;
    color: var(--_danger);
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
  }

  button {
    padding: 0 1.25rem;
  }

  .submit {
    background: var(--_accent);
    color: var(--_on-accent);
    border-color: var(--_accent);
    font-weight: 600;
  }

  [aria-disabled='true'] {
    cursor: progress;
    opacity: 0.75;
  }

  .spinner {
    display: inline-block;
    width: 0.875em;
    height: 0.875em;
    margin-inline-end: 0.5em;
    border: 2px solid currentColor;
    border-inline-end-color: transparent;
    border-radius: 50%;
    vertical-align: -0.125em;
    animation: spin 0.8s linear infinite;
  }

  @keyframes spin {
    to {
      rotate: 1turn;
    }
  }

  .loading {
    min-height: 12rem;
    margin: 0;
  }

  .load-error {
    display: grid;
    justify-items: start;
    gap: var(--_space);
  }
`;
