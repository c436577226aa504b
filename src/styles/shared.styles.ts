import { css } from 'lit';

/**
 * The host reset and the design tokens both elements share. Public
 * `--ecrypt-*` custom properties are read once here, each with a fallback, into
 * private `--_*` variables that the element styles use everywhere below; a
 * merchant themes (dark mode included) by setting the public ones alone.
 */
export const sharedStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    --_font: var(--ecrypt-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_font-size: var(--ecrypt-font-size, 1rem);
    --_radius: var(--ecrypt-radius, 0.5rem);
    --_space: var(--ecrypt-spacing, 0.75rem);
    --_accent: var(--ecrypt-color-accent, #2f5bd3);
    --_on-accent: var(--ecrypt-color-on-accent, #ffffff);
    --_surface: var(--ecrypt-color-surface, #ffffff);
    --_surface-muted: var(--ecrypt-color-surface-muted, #f3f4f6);
    --_text: var(--ecrypt-color-text, #111827);
    --_text-muted: var(--ecrypt-color-text-muted, #4b5563);
    --_border: var(--ecrypt-color-border, #c9ced6);
    --_danger: var(--ecrypt-color-danger, #b42318);
    --_success: var(--ecrypt-color-success, #176639);
    --_warning: var(--ecrypt-color-warning, #8a4b00);
    /* A solid accent ring outside a gap of the surface: at least 3:1 against the surface whenever the accent is (WCAG 2.4.13). */
    --_focus-ring: var(--ecrypt-focus-ring, 0 0 0 2px var(--_surface), 0 0 0 4px var(--_accent));
    /* Input borders take the muted text colour, which a theme keeps at 4.5:1 for hints: well past the 3:1 a control's edge needs. */
    --_control-border: var(--_text-muted);
    font-family: var(--_font);
    font-size: var(--_font-size);
    color: var(--_text);
  }

  /* Dark defaults follow the shopper's system setting; explicit --ecrypt-* values still win. */
  @media (prefers-color-scheme: dark) {
    :host {
      --_accent: var(--ecrypt-color-accent, #8fb0ff);
      --_on-accent: var(--ecrypt-color-on-accent, #0b1020);
      --_surface: var(--ecrypt-color-surface, #161a22);
      --_surface-muted: var(--ecrypt-color-surface-muted, #222834);
      --_text: var(--ecrypt-color-text, #eef1f6);
      --_text-muted: var(--ecrypt-color-text-muted, #b4bccb);
      --_border: var(--ecrypt-color-border, #4a5263);
      --_danger: var(--ecrypt-color-danger, #ff9c92);
      --_success: var(--ecrypt-color-success, #7fd9a3);
      --_warning: var(--ecrypt-color-warning, #ffc46b);
    }
  }

  :host([hidden]),
  [hidden] {
    display: none !important;
  }

  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }

  button {
    font: inherit;
    cursor: pointer;
  }

  button:focus-visible,
  input:focus-visible,
  select:focus-visible,
  [tabindex]:focus-visible {
    /* Transparent rather than none: forced-colors mode drops box shadows but paints the outline. */
    outline: 2px solid transparent;
    box-shadow: var(--_focus-ring);
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }

  @media (prefers-reduced-motion: reduce) {
    * {
      animation: none !important;
      transition: none !important;
    }
  }
`;
