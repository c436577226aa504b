import { css } from 'lit';

/**
 * Styles of `<ecrypt-wallet>`. Only the private `--_*` tokens of the shared
 * styles are read here, so the public `--ecrypt-*` properties theme everything
 * (dark mode included). Skeleton rows and method rows share `.row` and its
 * minimum height, so nothing shifts when the methods arrive.
 */
export const walletStyles = css`
  .base {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    line-height: 1.25;
  }

  .rows {
    list-style: none;
    margin: 0;
    padding: 0;
  }

  .rows > * + *,
  .footer {
    border-top: 1px solid var(--_border);
  }

  .row,
  .pick,
  .summary,
  .line,
  .actions,
  .confirm {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
    min-width: 0;
  }

  .row {
    gap: calc(var(--_space) / 2) var(--_space);
    min-height: calc(2.75em + 2 * var(--_space));
    padding: var(--_space);
    border-radius: var(--_radius);
  }

  li:has(:checked) .row {
    box-shadow: inset 0 0 0 2px var(--_accent);
  }

  .pick,
  .summary {
    flex: 1 1 12em;
    flex-wrap: nowrap;
  }

  .pick {
    cursor: pointer;
  }

  .pick:has(:disabled) {
    cursor: not-allowed;
  }

  input {
    flex: none;
    width: 1.125em;
    height: 1.125em;
    margin: 0;
    accent-color: var(--_accent);
    border-radius: 50%;
  }

  .text {
    display: grid;
    flex: 1;
    min-width: 0;
    gap: 0.125em;
  }

  .line,
  .actions,
  .confirm {
    gap: 0.25em 0.5em;
  }

  /* Badges wrap below rather than cut the network's name short. */
  .line {
    white-space: nowrap;
  }

  .meta,
  .limit {
    color: var(--_text-muted);
    font-size: 0.875em;
  }

  /* A long network name (American Express, أمريكان إكسبريس) wraps at 320 px rather than lose its end. */
  [part~='brand-name'] {
    white-space: normal;
    overflow-wrap: anywhere;
  }

  [part~='holder'] {
    overflow: hidden;
    text-overflow: ellipsis;
  }

  [part~='number'],
  [part~='expiry'] {
    direction: ltr;
    unicode-bidi: isolate;
    font-variant-numeric: tabular-nums;
  }

  .mark {
    --s: 0.625;
    flex: none;
    display: inline-grid;
    place-items: center;
    width: calc(2.75em / var(--s));
    height: calc(1.75em / var(--s));
    font-size: calc(var(--s) * 1em);
    font-weight: 800;
    border: 1px solid var(--_border);
    border-radius: 0.5em;
    background: #fff;
    color: #1f2937;
  }

  .mark svg {
    width: 65%;
    height: 65%;
  }

  .visa {
    color: #1a1f71;
    font-style: italic;
  }

  .amex {
    background: #1f72cd;
    color: #fff;
  }

  .discover {
    --s: 0.45;
  }

  .badge {
    flex: none;
    padding: 0 0.5em;
    border: 1px solid;
    border-radius: 1em;
    font-size: 0.75em;
    font-weight: 600;
  }

  .expired {
    color: var(--_danger);
  }

  .soon {
    color: var(--_warning);
  }

  .actions,
  .confirm {
    margin-inline-start: auto;
  }

  .confirm {
    flex-basis: 100%;
    justify-content: flex-end;
  }

  button {
    padding: 0.375em 0.75em;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
    background: var(--_surface);
    color: var(--_text);
  }

  button:not(.primary, .danger):hover {
    background: var(--_surface-muted);
  }

  .default,
  .primary,
  .danger {
    background: var(--_accent);
    color: var(--_on-accent);
    border-color: transparent;
  }

  .danger {
    background: var(--_danger);
    color: var(--_surface);
  }

  .primary:hover,
  .danger:hover {
    filter: brightness(0.92);
  }

  button:disabled,
  [aria-disabled='true'] {
    background: var(--_surface-muted);
    color: var(--_text-muted);
    border-color: var(--_border);
    cursor: not-allowed;
  }

  .footer,
  .failed {
    display: grid;
    justify-items: start;
    gap: 0.5em;
    padding: var(--_space);
  }

  .failed {
    gap: var(--_space);
  }

  .footer p,
  .notice {
    margin: 0;
  }

  /* One width whatever the form shows: an error appearing must not widen it. */
  [part~='add-form'] {
    justify-self: stretch;
    max-width: 36rem;
  }

  .notice,
  .empty {
    padding: var(--_space);
  }

  .notice {
    color: var(--_danger);
    border-bottom: 1px solid var(--_border);
  }

  .bar,
  [part~='skeleton'] .mark {
    border-color: transparent;
    background: var(--_surface-muted);
    animation: pulse 1.5s ease-in-out infinite;
  }

  .bar {
    display: inline-block;
    width: 10em;
    max-width: 100%;
    height: 0.875em;
    border-radius: 0.25em;
    vertical-align: middle;
  }

  .meta .bar {
    width: 6em;
  }

  /* A line of placeholder is as tall as a line of text. */
  [part~='skeleton'] .line {
    min-height: 1.25em;
  }

  /* As wide as "Make default" and "Remove" side by side (the default's row: "Remove" alone), as tall as a button: it wraps where they do. */
  .button-bar {
    width: 14.25em;
    height: calc(2em + 2px);
    border-radius: calc(var(--_radius) * 0.75);
  }

  .button-bar.one {
    width: 5.75em;
  }

  @keyframes pulse {
    50% {
      opacity: 0.5;
    }
  }

  :host(:state(busy)) .rows {
    cursor: progress;
  }
`;
