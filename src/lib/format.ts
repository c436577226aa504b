/**
 * Fills `{name}` placeholders of a message; values are inserted once and never
 * read as placeholders themselves, and unknown placeholders stay as they are.
 */
export const format = (template: string, values: Record<string, string | number> = {}): string =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : whole));
