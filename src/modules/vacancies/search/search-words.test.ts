import { describe, expect, it } from 'vitest';
import { tokenise } from './search-text.js';
import { TermReader } from './search-words.js';

describe('TermReader', () => {
  it('gives exactly the tokens of the one tokeniser, for any script and punctuation', () => {
    const vocabulary: string[] = [];
    const reader = new TermReader((token) => {
      const known = vocabulary.indexOf(token);
      return known >= 0 ? known : vocabulary.push(token) - 1;
    });
    const pieces = [
      'Nurses',
      'the',
      'ICU',
      'Dubaï',
      'infirmière',
      'R&D',
      "chef d'équipe",
      'x',
      'ممرضة',
      'مُمَرِّضة',
      '看護師',
      'Straße',
      'A1',
      '2026-11-28',
      '\u00a0',
      '—',
      ',',
      '(HACCP)',
      'ﬁnance',
      'Медицинска',
      'e-mail',
      '👩‍⚕️',
      'CLASS',
      'bus',
      'Über',
    ];
    let seed = 1;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let n = 0; n < 500; n += 1) {
      const text = Array.from(
        { length: 1 + Math.floor(random() * 12) },
        () => pieces[Math.floor(random() * pieces.length)],
      ).join(random() < 0.5 ? ' ' : random() < 0.5 ? '' : '\n');
      const read: string[] = [];
      reader.read(text, (term) => read.push(vocabulary[term]!));
      expect({ text, tokens: read }).toEqual({ text, tokens: tokenise(text) });
    }
  });
});
