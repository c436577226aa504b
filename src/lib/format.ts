/** `{name, plural,` opening a plural choice. */
const PLURAL = /\{(\w+),\s*plural,/g;

/** The branches of the plural choice that starts at `from` (just past `plural,`), and where it ends; undefined when malformed. */
function branchesAt(template: string, from: number): { branches: Map<string, string>; end: number } | undefined {
  const branches = new Map<string, string>();
  let i = from;
  for (;;) {
    while (/\s/.test(template[i] ?? '')) i++;
    if (template[i] === '}') return { branches, end: i + 1 };
    const selector = /^(=\d+|[a-z]+)\s*\{/.exec(template.slice(i));
    if (!selector) return undefined;
    i += selector[0].length;
    const start = i;
    for (let depth = 1; depth; i++) {
      if (i >= template.length) return undefined;
      if (template[i] === '{') depth++;
      else if (template[i] === '}') depth--;
    }
    branches.set(selector[1]!, template.slice(start, i - 1));
  }
}

/** The number a value stands for: a number, or a numeral written with Latin digits. */
const numberOf = (value: string | number): number => (typeof value === 'number' ? value : Number(value.replace(/[^\d.-]/g, '')));

/**
 * Chooses the branch of each `{count, plural, one {…} other {…}}` (the ICU
 * MessageFormat subset translators know: `=N` and the `Intl.PluralRules`
 * categories, `#` for the number) by the value of its placeholder in `locale`.
 */
function choosePlurals(template: string, values: Record<string, string | number>, locale?: string): string {
  let out = '';
  let last = 0;
  for (const match of template.matchAll(PLURAL)) {
    const name = match[1]!;
    if (match.index < last || !Object.hasOwn(values, name)) continue;
    const parsed = branchesAt(template, match.index + match[0].length);
    if (!parsed) continue;
    const n = numberOf(values[name]!);
    const category = Number.isFinite(n) ? new Intl.PluralRules(locale).select(n) : 'other';
    const branch = parsed.branches.get(`=${n}`) ?? parsed.branches.get(category) ?? parsed.branches.get('other') ?? '';
    out += template.slice(last, match.index) + branch.replace(/#/g, `{${name}}`);
    last = parsed.end;
  }
  return out + template.slice(last);
}

/**
 * Fills `{name}` placeholders of a message; values are inserted once and never
 * read as placeholders themselves, and unknown placeholders stay as they are.
 * Plural choices (`{count, plural, one {# problem} other {# problems}}`) pick
 * their branch by the plural rules of `locale` first.
 */
export const format = (template: string, values: Record<string, string | number> = {}, locale?: string): string =>
  choosePlurals(template, values, locale).replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole,
  );
