import { describe, expect, it } from 'vitest';
import { chooseLanguage, isStale, lineDiffHtml, wordDiffHtml } from './guide.reading.js';

const labels = { added: 'added', removed: 'removed', end: 'end' };

describe('chooseLanguage', () => {
  it('gives the language asked for when the guide exists in it', () => {
    expect(chooseLanguage(['en', 'ar'], 'ar')).toBe('ar');
  });
  it('falls back to English, then to the first interface language it exists in', () => {
    expect(chooseLanguage(['fr', 'en'], 'ar')).toBe('en');
    expect(chooseLanguage(['ur', 'fr'], 'ar')).toBe('fr');
    expect(chooseLanguage(['ur'], 'en')).toBe('ur');
  });
  it('gives nothing when there is no text at all', () => {
    expect(chooseLanguage([], 'en')).toBeNull();
  });
});

describe('isStale', () => {
  it('counts whole days from the last verification', () => {
    expect(isStale('2026-06-07', '2026-12-04', 180)).toBe(false);
    expect(isStale('2026-06-06', '2026-12-04', 180)).toBe(true);
    expect(isStale(null, '2026-12-04', 180)).toBe(true);
  });
});

describe('diffs', () => {
  it('marks words added and removed, with words for screen readers, and escapes the text', () => {
    const html = wordDiffHtml('Pay <b>weekly</b>', 'Pay <b>monthly</b>', labels);
    expect(html).toContain('<del><span class="govuk-visually-hidden">[removed] </span>');
    expect(html).toContain('<ins><span class="govuk-visually-hidden">[added] </span>');
    expect(html).toContain('&lt;b&gt;');
    expect(html).not.toContain('<b>');
  });
  it('diffs bodies by line', () => {
    const html = lineDiffHtml('one\ntwo\n', 'one\nthree\n', labels);
    expect(html).toMatch(/<del>.*two/s);
    expect(html).toMatch(/<ins>.*three/s);
  });
});
