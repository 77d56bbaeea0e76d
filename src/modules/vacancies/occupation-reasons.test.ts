import { describe, expect, it } from 'vitest';
import { formatters } from '../../platform/i18n/format.js';
import type { Language } from '../../platform/i18n/languages.js';
import { Translator } from '../../platform/i18n/translator.js';
import { explainMatch, type MatchExplained } from './occupation-reasons.js';

const translator = new Translator();
const NAMES: Record<string, Record<string, string>> = {
  en: { de: 'German', en: 'English' },
  ar: { de: 'الألمانية', en: 'الإنجليزية' },
};
const explain = (match: MatchExplained, language: Language) =>
  explainMatch(match, {
    t: translator.forLanguage(language),
    fmt: formatters(language),
    languageName: (code) => NAMES[language]?.[code] ?? code,
  }).toString();
/** The text a reader sees: tags and the isolation marks taken out. */
const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/[\u2066-\u2069]/g, '');

const maurer: MatchExplained = {
  matchedLabel: 'Maurer/Maurerin',
  matchedLanguage: 'de',
  why: { kind: 'words', matchedWords: ['Maurer'], unmatchedWords: [] },
};

describe('explainMatch: why an occupation was suggested', () => {
  it('names the words, the label and its language, in the reader’s language', () => {
    expect(text(explain(maurer, 'en'))).toBe(
      'Found in the name “Maurer/Maurerin” (German): “Maurer”.',
    );
    const arabic = explain(maurer, 'ar');
    expect(text(arabic)).toBe('وُجد في الاسم «Maurer/Maurerin» (الألمانية): «Maurer».');
    // The Latin label inside the Arabic sentence is isolated, with its language.
    expect(arabic).toContain('<bdi lang="de">Maurer/Maurerin</bdi>');
    expect(arabic).toContain('<bdi>Maurer</bdi>');
  });

  it('says what was corrected, what matched the whole name and what was not found', () => {
    expect(
      text(
        explain(
          {
            matchedLabel: 'baker',
            matchedLanguage: 'en',
            why: {
              kind: 'spelling',
              matchedWords: ['bakr'],
              unmatchedWords: [],
              corrected: [{ from: 'bakr', to: 'baker' }],
            },
          },
          'en',
        ),
      ),
    ).toBe('Spelling corrected: “bakr” → “baker”. Found in the name “baker” (English): “bakr”.');
    expect(text(explain({ ...maurer, why: { ...maurer.why, kind: 'exact' } }, 'en'))).toBe(
      'Matches the whole name “Maurer/Maurerin” (German).',
    );
    expect(
      text(
        explain(
          {
            ...maurer,
            why: { kind: 'words', matchedWords: ['Maurer'], unmatchedWords: ['Dubai', 'Doha'] },
          },
          'en',
        ),
      ),
    ).toBe(
      'Found in the name “Maurer/Maurerin” (German): “Maurer”. Not found: “Dubai” and “Doha”.',
    );
  });

  it('escapes what people typed and what the labels say', () => {
    const html = explain(
      {
        matchedLabel: '<b>x</b>',
        matchedLanguage: 'en"',
        why: { kind: 'partial', matchedWords: ['<script>'], unmatchedWords: [] },
      },
      'en',
    );
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('lang="en&quot;"');
  });
});
