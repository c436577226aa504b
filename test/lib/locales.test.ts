import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { targetLocales } from '../../src/locales/generated/locale-codes.js';
import { matchLocale } from '../../src/locales/index.js';
import { format } from '../../src/lib/format.js';
import { walletMessages } from '../../src/components/ecrypt-wallet/ecrypt-wallet.messages.js';
import { addCardMessages } from '../../src/components/ecrypt-add-card/ecrypt-add-card.messages.js';
import { bankMessages } from '../../src/components/ecrypt-add-card/ecrypt-add-card.bank.messages.js';
import { outcomeMessages } from '../../src/components/ecrypt-add-card/ecrypt-add-card.outcome.messages.js';

const unescape = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The units of a locale's XLIFF file: id, English source and translation. */
function units(locale: string): { id: string; source: string; target?: string }[] {
  const xliff = readFileSync(new URL(`../../src/locales/xliff/${locale}.xlf`, import.meta.url), 'utf8');
  return [...xliff.matchAll(/<trans-unit id="([^"]+)">\s*<source>([\s\S]*?)<\/source>(?:\s*<target>([\s\S]*?)<\/target>)?/g)].map(
    ([, id, source, target]) => ({ id: id!, source: unescape(source!), target: target === undefined ? undefined : unescape(target) }),
  );
}

/** The `{placeholders}` a sentence fills, its plural choices' own syntax aside. */
const placeholders = (text: string) =>
  new Set(
    [...text.replace(/\{(\w+),\s*plural,/g, '{$1}').matchAll(/\{(\w+)\}/g)]
      .map(([, name]) => name!)
      .filter(name => !/^(one|two|few|many|other|zero)$/.test(name)),
  );

const english: Record<string, string> = Object.fromEntries([
  ...Object.entries(walletMessages).map(([key, text]) => [`wallet.${key}`, text]),
  ...Object.entries({ ...addCardMessages, ...bankMessages, ...outcomeMessages }).map(([key, text]) => [`addCard.${key}`, text]),
]);

describe('locales', () => {
  for (const locale of targetLocales) {
    describe(locale, () => {
      const all = units(locale);

      it('translates every English sentence, and nothing else', () => {
        assert.deepEqual(all.map(unit => unit.id).sort(), Object.keys(english).sort());
        assert.deepEqual(
          all.filter(unit => !unit.target?.trim()).map(unit => unit.id),
          [],
        );
      });

      it('keeps the placeholders of each sentence, no more and no fewer', () => {
        for (const { id, source, target } of all) assert.deepEqual(placeholders(target!), placeholders(source), `${locale} ${id}`);
      });

      it('gives each plural choice an "other" branch, and fills it for every count', () => {
        for (const { id, target } of all.filter(unit => /plural,/.test(unit.target!))) {
          assert.match(target!, /other\s*\{/, `${locale} ${id}`);
          for (const count of [0, 1, 2, 3, 11, 100]) {
            const text = format(target!, { count, limit: count, seconds: count }, locale);
            assert.doesNotMatch(text, /plural|[{}#]/, `${locale} ${id} ${count}: ${text}`);
          }
        }
      });

      it('is built: the generated module holds the translations of the XLIFF file', async () => {
        const { templates } = (await import(`../../src/locales/generated/${locale}.js`)) as { templates: Record<string, string> };
        assert.deepEqual(
          templates,
          Object.fromEntries(all.map(unit => [unit.id, unit.target])),
          'run npm run localize after editing a translation',
        );
      });
    });
  }
});

describe('matchLocale', () => {
  it('finds a locale in any letter case and with _ or -', () => {
    assert.equal(matchLocale('de'), 'de');
    assert.equal(matchLocale('PT-br'), 'pt-BR');
    assert.equal(matchLocale('pt_BR'), 'pt-BR');
  });

  it('falls back to the language, then to another region of it, then to English', () => {
    assert.equal(matchLocale('de-AT'), 'de');
    assert.equal(matchLocale('ar-EG'), 'ar');
    assert.equal(matchLocale('pt-PT'), 'pt-BR');
    assert.equal(matchLocale('pt'), 'pt-BR');
    assert.equal(matchLocale('sw'), 'en');
    assert.equal(matchLocale('en-GB'), 'en');
  });

  it('takes anything, even nonsense or nothing, without throwing', () => {
    for (const lang of ['', '  ', null, undefined, '!!', 'x-klingon', '-']) assert.equal(matchLocale(lang), 'en');
  });
});
