import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from './languages.js';
import { readCatalogue } from './translator.js';

/** Every argument name a message uses, including those inside plural and select branches. */
function placeholders(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    if ('value' in element && typeof element.value === 'string') into.add(element.value);
    if ('options' in element) {
      for (const option of Object.values(element.options)) placeholders(option.value, into);
    }
    if ('children' in element) placeholders(element.children, into);
  }
  return into;
}

const catalogues = Object.fromEntries(
  LANGUAGES.map((language) => [language, readCatalogue(language)]),
);
const english = catalogues.en!;

describe('locales', () => {
  it.each(LANGUAGES)('%s has exactly the English keys', (language) => {
    const keys = Object.keys(catalogues[language]!).sort();
    expect(keys).toEqual(Object.keys(english).sort());
  });

  it.each(LANGUAGES)('%s messages parse and use the same placeholders as English', (language) => {
    for (const [key, message] of Object.entries(catalogues[language]!)) {
      const own = [...placeholders(parse(message, { ignoreTag: true }))].sort();
      const reference = [...placeholders(parse(english[key]!, { ignoreTag: true }))].sort();
      expect({ key, placeholders: own }).toEqual({ key, placeholders: reference });
    }
  });

  it.each(LANGUAGES.filter((language) => language !== 'en'))(
    '%s is translated, not copied from English',
    (language) => {
      const catalogue = catalogues[language]!;
      const same = Object.keys(english).filter((key) => catalogue[key] === english[key]);
      // Names of standards and the service name may stay the same; most text must not.
      expect(same.length).toBeLessThan(Object.keys(english).length * 0.1);
    },
  );

  it('has no empty messages', () => {
    for (const language of LANGUAGES) {
      for (const [key, message] of Object.entries(catalogues[language]!)) {
        expect({ language, key, empty: message.trim() === '' }).toEqual({
          language,
          key,
          empty: false,
        });
      }
    }
  });
});
