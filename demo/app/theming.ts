/**
 * The theming page: live controls for the main `--ecrypt-*` custom properties,
 * light and dark starting points, and the CSS that reproduces the preview.
 */
import '../../src/components/ecrypt-wallet/ecrypt-wallet.js';

type Scheme = 'light' | 'dark';

interface Control {
  property: string;
  label: string;
  kind: 'color' | 'px' | 'font';
  /** The element's own defaults, per scheme. */
  defaults: Record<Scheme, string>;
  min?: number;
  max?: number;
}

const FONTS: Record<string, string> = {
  'System UI': "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
  Serif: "Georgia, 'Times New Roman', serif",
  Rounded: "ui-rounded, 'SF Pro Rounded', 'Nunito', system-ui, sans-serif",
  Monospace: 'ui-monospace, Menlo, Consolas, monospace',
};

const both = (value: string): Record<Scheme, string> => ({ light: value, dark: value });

const CONTROLS: Control[] = [
  { property: '--ecrypt-color-accent', label: 'Accent', kind: 'color', defaults: { light: '#2f5bd3', dark: '#8fb0ff' } },
  { property: '--ecrypt-color-on-accent', label: 'Text on accent', kind: 'color', defaults: { light: '#ffffff', dark: '#0b1020' } },
  { property: '--ecrypt-color-surface', label: 'Surface', kind: 'color', defaults: { light: '#ffffff', dark: '#161a22' } },
  { property: '--ecrypt-color-surface-muted', label: 'Muted surface', kind: 'color', defaults: { light: '#f3f4f6', dark: '#222834' } },
  { property: '--ecrypt-color-text', label: 'Text', kind: 'color', defaults: { light: '#111827', dark: '#eef1f6' } },
  { property: '--ecrypt-color-text-muted', label: 'Muted text', kind: 'color', defaults: { light: '#4b5563', dark: '#b4bccb' } },
  { property: '--ecrypt-color-border', label: 'Border', kind: 'color', defaults: { light: '#c9ced6', dark: '#4a5263' } },
  { property: '--ecrypt-color-danger', label: 'Danger', kind: 'color', defaults: { light: '#b42318', dark: '#ff9c92' } },
  { property: '--ecrypt-radius', label: 'Corner radius', kind: 'px', defaults: both('8px'), min: 0, max: 24 },
  { property: '--ecrypt-spacing', label: 'Spacing', kind: 'px', defaults: both('12px'), min: 4, max: 24 },
  { property: '--ecrypt-font-size', label: 'Font size', kind: 'px', defaults: both('16px'), min: 13, max: 20 },
  { property: '--ecrypt-font-family', label: 'Font', kind: 'font', defaults: both(FONTS['System UI'] ?? 'system-ui') },
];

const PAGE_BACKGROUND: Record<Scheme, string> = { light: '#f5f6f8', dark: '#0e1117' };

const preview = document.querySelector<HTMLElement>('[data-preview]');
const container = document.querySelector<HTMLElement>('[data-controls]');
const output = document.querySelector<HTMLElement>('[data-css]');
const values = new Map<string, string>();
const inputs = new Map<string, HTMLInputElement | HTMLSelectElement>();
let scheme: Scheme = 'light';

function render(): void {
  if (!preview) return;
  for (const [property, value] of values) preview.style.setProperty(property, value);
  preview.style.background = PAGE_BACKGROUND[scheme];
  preview.style.colorScheme = scheme;
  if (output) output.textContent = `ecrypt-wallet {\n${[...values].map(([property, value]) => `  ${property}: ${value};`).join('\n')}\n}`;
}

function setValue(control: Control, value: string): void {
  values.set(control.property, value);
  const input = inputs.get(control.property);
  if (!input) return;
  if (control.kind === 'px') input.value = String(parseInt(value, 10));
  else if (control.kind === 'font') input.value = Object.keys(FONTS).find(name => FONTS[name] === value) ?? 'System UI';
  else input.value = value;
  const shown = input.parentElement?.querySelector('output');
  if (shown) shown.textContent = value;
}

function build(): void {
  if (!container) return;
  for (const control of CONTROLS) {
    const id = `control${control.property.replace(/^--ecrypt/, '')}`;
    const row = document.createElement('div');
    row.className = 'control';
    const label = document.createElement('label');
    label.htmlFor = id;
    label.textContent = control.label;
    let input: HTMLInputElement | HTMLSelectElement;
    if (control.kind === 'font') {
      const select = document.createElement('select');
      for (const name of Object.keys(FONTS)) select.add(new Option(name, name));
      input = select;
    } else {
      const field = document.createElement('input');
      field.type = control.kind === 'color' ? 'color' : 'range';
      if (control.kind === 'px') {
        field.min = String(control.min ?? 0);
        field.max = String(control.max ?? 24);
        field.step = '1';
      }
      input = field;
    }
    input.id = id;
    const name = document.createElement('code');
    name.textContent = control.property;
    input.addEventListener('input', () => {
      const value = control.kind === 'px' ? `${input.value}px` : control.kind === 'font' ? (FONTS[input.value] ?? '') : input.value;
      setValue(control, value);
      render();
    });
    row.append(label, input, name);
    if (control.kind === 'px') {
      const shown = document.createElement('output');
      shown.htmlFor.add(id);
      row.insertBefore(shown, input);
    }
    container.append(row);
    inputs.set(control.property, input);
  }
}

function applyScheme(next: Scheme): void {
  scheme = next;
  for (const control of CONTROLS) setValue(control, control.defaults[scheme]);
  render();
}

build();
applyScheme(matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
for (const radio of document.querySelectorAll<HTMLInputElement>('[data-scheme]')) {
  radio.checked = radio.value === scheme;
  radio.addEventListener('change', () => {
    if (radio.checked) applyScheme(radio.value === 'dark' ? 'dark' : 'light');
  });
}
document.querySelector('[data-reset]')?.addEventListener('click', () => applyScheme(scheme));
