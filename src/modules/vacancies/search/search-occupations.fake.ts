import { editDistance } from '../../reference/reference.typos.js';
import type { OccupationCoding, OccupationCodingHit } from './search-occupations.js';
import { tokenise } from './search-text.js';

/**
 * A small stand-in for the reference module's occupation coder, for the search's unit tests
 * (no I/O, no 200,000 labels): a label matches the query words it has; every word → "exact",
 * all query words in a longer label → "words", some → "partial"; a word in no label is read as
 * the label word one edit away ("spelling"). One hit per occupation, by its best label: exact,
 * then the fewest unmatched words, then the shortest label.
 */
export interface FakeLabel {
  occupationId: string | null;
  iscoCode: string;
  language: string;
  label: string;
}

export function fakeOccupationCoding(labels: readonly FakeLabel[]): OccupationCoding {
  const indexed = labels.map((label) => ({ ...label, words: new Set(tokenise(label.label)) }));
  const vocabulary = new Set(indexed.flatMap((label) => [...label.words]));
  const suggestWord = (word: string): string | null => {
    if (vocabulary.has(word) || word.length < 4) return null;
    return [...vocabulary].find((known) => editDistance(word, known, 1) <= 1) ?? null;
  };
  return {
    hasWord: (word) => vocabulary.has(word),
    suggestWord,
    search(query, options = {}) {
      const corrected: { from: string; to: string }[] = [];
      const words = tokenise(query).map((word) => {
        const suggestion = suggestWord(word);
        if (suggestion === null) return word;
        corrected.push({ from: word, to: suggestion });
        return suggestion;
      });
      if (words.length === 0) return [];
      const hits: (OccupationCodingHit & { rank: number })[] = [];
      for (const label of indexed) {
        const matched = words.filter((word) => label.words.has(word));
        if (matched.length === 0) continue;
        const unmatched = words.filter((word) => !label.words.has(word));
        const exact = unmatched.length === 0 && matched.length === label.words.size;
        const kind =
          unmatched.length > 0
            ? 'partial'
            : corrected.length > 0
              ? 'spelling'
              : exact
                ? 'exact'
                : 'words';
        hits.push({
          occupationId: label.occupationId,
          iscoCode: label.iscoCode,
          matchedLabel: label.label,
          matchedLanguage: label.language,
          why: { kind, matchedWords: matched, unmatchedWords: unmatched, corrected },
          rank: (exact ? 0 : 1000) + unmatched.length * 100 + label.words.size,
        });
      }
      // One hit per occupation or group, by its best label.
      const seen = new Set<string>();
      return hits
        .sort((a, b) => a.rank - b.rank)
        .filter((hit) => {
          const key = hit.occupationId ?? `isco:${hit.iscoCode}`;
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        })
        .slice(0, options.limit ?? 10)
        .map(({ rank: _rank, ...hit }) => hit);
    },
  };
}
