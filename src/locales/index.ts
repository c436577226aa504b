/**
 * The locales the elements speak and how each one loads. English is the source
 * language and ships inline (the defaults in the `*.messages.ts` modules); every
 * other locale is a module of its own, built by `lit-localize build` from the
 * XLIFF files in `src/locales/xliff/`, and fetched only by a page that asks for it.
 */
import type { LocaleModule } from '@lit/localize';
import { sourceLocale, targetLocales } from './generated/locale-codes.js';

export { sourceLocale, targetLocales };

/** A locale the elements are translated into. */
export type TargetLocale = (typeof targetLocales)[number];
/** A locale the elements speak: English or a translation. */
export type Locale = typeof sourceLocale | TargetLocale;

/** A translated sentence by message id (`wallet.retry`, `addCard.saveCard`). */
export type Translations = Readonly<Record<string, string>>;

/** One dynamic import per locale, so that each is its own chunk. */
const LOADERS: Record<TargetLocale, () => Promise<LocaleModule>> = {
  ar: () => import('./generated/ar.js'),
  de: () => import('./generated/de.js'),
  es: () => import('./generated/es.js'),
  fr: () => import('./generated/fr.js'),
  it: () => import('./generated/it.js'),
  ja: () => import('./generated/ja.js'),
  nl: () => import('./generated/nl.js'),
  'pt-BR': () => import('./generated/pt-BR.js'),
};

/**
 * The locale to speak for a `lang` value: the same locale (any letter case, `_` or
 * `-`), else its language alone (`de-AT` speaks `de`), else another region of that
 * language (`pt-PT` speaks `pt-BR`), else English. Never throws.
 */
export function matchLocale(lang: string | null | undefined): Locale {
  const wanted = (lang ?? '').trim().replace(/_/g, '-').toLowerCase();
  if (!wanted) return sourceLocale;
  const all: readonly Locale[] = [sourceLocale, ...targetLocales];
  const language = wanted.split('-')[0];
  return (
    all.find(locale => locale.toLowerCase() === wanted) ??
    all.find(locale => locale.toLowerCase() === language) ??
    all.find(locale => locale.toLowerCase().split('-')[0] === language) ??
    sourceLocale
  );
}

const loaded = new Map<Locale, Promise<Translations>>();
/** The translations that have arrived, so that an element created later speaks its locale from its first render. */
const arrived = new Map<Locale, Translations>();

/** The translations of `locale` if they are already here (English always is). */
export const translationsAtHand = (locale: Locale): Translations | undefined => (locale === sourceLocale ? {} : arrived.get(locale));

/**
 * The translations of `locale`, fetched once per page; English has none (the
 * defaults are English). A locale that fails to load speaks English and is
 * tried again by the next element that asks.
 */
export function loadTranslations(locale: Locale): Promise<Translations> {
  if (locale === sourceLocale) return Promise.resolve({});
  let translations = loaded.get(locale);
  if (!translations) {
    translations = LOADERS[locale]().then(
      module => {
        const strings: Record<string, string> = {};
        // Messages are plain strings with {placeholders}; anything else is not one of ours.
        for (const [id, template] of Object.entries(module.templates)) if (typeof template === 'string') strings[id] = template;
        arrived.set(locale, strings);
        return strings;
      },
      () => {
        loaded.delete(locale);
        return {};
      },
    );
    loaded.set(locale, translations);
  }
  return translations;
}
