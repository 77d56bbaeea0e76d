/**
 * The vacancy search's cross-language step (issue 12): a query that names an occupation finds
 * that occupation's vacancies whatever language the query and the vacancies are written in.
 * The reference module's occupation coder decides what a query names; this file holds the rule
 * for when its answer is clear enough to search by, and remembers recent answers.
 *
 * The rule, the same in every language. Of the coder's best hits (ten), those that account for
 * every word of the query (typos it corrected included) vote for their ISCO-08 unit group; the
 * group with the most votes wins (on a tie, the one with the better-ranked hit), if it has two
 * votes or an exact label. ESCO's labels are parallel in its languages, so what most labels with
 * these words denote is the same whatever language the words are in: "nurse", "infirmière",
 * "enfermera", "Krankenpfleger" and "ممرض" each name the nursing professionals (2221) even where
 * one label of another group is a closer match ("infirmier" is a Romanian label of the nursing
 * assistants). A query whose hits are spread over many groups, one each, names nothing and is
 * searched as words only.
 *
 * What a named occupation adds to the words' own matches: every vacancy of its unit group (coded
 * to one of its ESCO occupations or to the group alone), ranked as a title match — every language
 * alike.
 */

/** Why the coder matched a label (the reference module's MatchReason). */
export interface OccupationMatchReason {
  kind: 'exact' | 'words' | 'stems' | 'partial' | 'spelling';
  matchedWords: readonly string[];
  unmatchedWords: readonly string[];
  corrected?: readonly { from: string; to: string }[];
}

/** One hit of the coder, with the ISCO-08 unit group of an occupation filled in. */
export interface OccupationCodingHit {
  occupationId: string | null;
  /** The unit group (four digits): the occupation's, or the group hit itself. */
  iscoCode: string | null;
  matchedLabel: string;
  matchedLanguage: string;
  why: OccupationMatchReason;
}

/** What the search needs of the occupation coder (ReferenceService.occupationCoding()). */
export interface OccupationCoding {
  search(query: string, options?: { limit?: number }): readonly OccupationCodingHit[];
  /** Whether a word is in some occupation label (so is spelt right even if no vacancy has it). */
  hasWord(word: string): boolean;
  /** The occupation word nearest to a word that is in no label; null when none is near. */
  suggestWord(word: string): string | null;
}

/** The occupation a query names, with the coder's reason (shown on the search page). */
export interface NamedOccupation {
  /** The unit group that won the vote. */
  iscoCode: string;
  /** Its occupations among the hits that voted (none when only the group itself matched). */
  occupationIds: string[];
  /** The best-ranked voting hit: the label that matched and why. */
  occupationId: string | null;
  matchedLabel: string;
  matchedLanguage: string;
  why: OccupationMatchReason;
}

/** Hits looked at. */
const HITS = 10;
const CACHED = 2_000;

const accountsForEveryWord = (hit: OccupationCodingHit) =>
  hit.why.kind !== 'partial' &&
  hit.why.matchedWords.length > 0 &&
  hit.why.unmatchedWords.length === 0 &&
  hit.iscoCode !== null &&
  /^[0-9]{4}$/.test(hit.iscoCode);

/** The rule above, on the coder's hits for one query (best first). */
export function namedBy(hits: readonly OccupationCodingHit[]): NamedOccupation | null {
  const votes = new Map<string, OccupationCodingHit[]>();
  for (const hit of hits.slice(0, HITS)) {
    if (!accountsForEveryWord(hit)) continue;
    const group = votes.get(hit.iscoCode!);
    if (group) group.push(hit);
    else votes.set(hit.iscoCode!, [hit]);
  }
  // Map order is the order of each group's best hit: the first with the most votes wins.
  let winner: OccupationCodingHit[] | null = null;
  for (const voters of votes.values()) {
    if (!winner || voters.length > winner.length) winner = voters;
  }
  const best = winner?.[0];
  if (!winner || !best) return null;
  if (winner.length < 2 && best.why.kind !== 'exact') return null;
  return {
    iscoCode: best.iscoCode!,
    occupationIds: [
      ...new Set(winner.flatMap((hit) => (hit.occupationId ? [hit.occupationId] : []))),
    ],
    occupationId: best.occupationId,
    matchedLabel: best.matchedLabel,
    matchedLanguage: best.matchedLanguage,
    why: best.why,
  };
}

/** No coder (a test of something else): nothing is named, no word is an occupation word. */
export const NO_CODING: OccupationCoding = {
  search: () => [],
  hasWord: () => false,
  suggestWord: () => null,
};

/**
 * The coder behind the rule, with the answers to recent queries kept (people search the same
 * few hundred job titles over and over; the coder's labels only change with a re-seed).
 */
export class OccupationNamer {
  private readonly named = new Map<string, NamedOccupation | null>();

  constructor(readonly coding: OccupationCoding = NO_CODING) {}

  /** What the text names, or null. */
  name(text: string): NamedOccupation | null {
    const key = text.trim().toLowerCase();
    if (key === '') return null;
    const known = this.named.get(key);
    if (known !== undefined) {
      // Most recently used last, so that the oldest goes first.
      this.named.delete(key);
      this.named.set(key, known);
      return known;
    }
    const found = namedBy(this.coding.search(text, { limit: HITS }));
    if (this.named.size >= CACHED) {
      const oldest = this.named.keys().next().value;
      if (oldest !== undefined) this.named.delete(oldest);
    }
    this.named.set(key, found);
    return found;
  }

  hasWord(word: string): boolean {
    return this.coding.hasWord(word);
  }

  /**
   * The occupation word a word that is in no label was meant to be: the coder's own correction
   * when it finds an occupation by correcting the word, else its nearest vocabulary word.
   */
  suggestWord(word: string): string | null {
    const best = this.coding.search(word, { limit: 1 })[0];
    const corrected = best?.why.unmatchedWords.length === 0 ? best.why.corrected : undefined;
    if (corrected?.length === 1) return corrected[0]!.to;
    return this.coding.suggestWord(word);
  }
}
