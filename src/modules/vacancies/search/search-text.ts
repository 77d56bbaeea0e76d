import { normaliseSearchText } from '../../reference/reference.normalise.js';

/**
 * How text becomes search tokens, the same way for vacancy texts, occupation labels and queries.
 *
 * 1. `normaliseSearchText` (the reference module's one normaliser): case, accents and vowel
 *    marks dropped, punctuation to spaces, Cyrillic transliterated, Arabic letters kept.
 * 2. Split on spaces; tokens shorter than two characters are dropped (except a single letter of a
 *    script written without spaces, such as Chinese), tokens are cut at 40 characters.
 * 3. A short list of function words (English, French, Spanish, Portuguese, German) is dropped:
 *    they would sit in nearly every description and cost memory without helping anyone find a
 *    job. A query made only of such words searches for nothing in particular (all vacancies).
 * 4. Light plural folding: a trailing "s" is dropped from Latin-script tokens of four letters or
 *    more that do not end in "ss" ("nurses" → "nurse", "infirmières" → "infirmiere",
 *    "camareros" → "camarero"). Cheap, applied on both sides, never expands a query. Prefix
 *    matching was left out: it multiplies the posting lists a query reads.
 */

const STOP_WORDS = new Set(
  (
    'a an and are as at be by for from in is it of on or the to with ' +
    'au aux avec ce ces dans de des du en et la le les pour par sur un une ' +
    'al con del el las los para por una y ' +
    'com da das do dos e em na no os um uma ' +
    'der die das und mit von zu im'
  ).split(' '),
);

const MAX_TOKEN_LENGTH = 40;
/** Beyond this, a query's extra words are ignored (the schema caps the query at 200 characters). */
export const MAX_QUERY_TOKENS = 8;
const LATIN = /^[a-z0-9]+$/;
const WIDE_SCRIPT = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;

function fold(token: string): string {
  const cut = token.length > MAX_TOKEN_LENGTH ? token.slice(0, MAX_TOKEN_LENGTH) : token;
  if (cut.length >= 4 && cut.endsWith('s') && !cut.endsWith('ss') && LATIN.test(cut)) {
    return cut.slice(0, -1);
  }
  return cut;
}

function keep(token: string): boolean {
  if (token.length === 0) return false;
  if (token.length === 1 && !WIDE_SCRIPT.test(token)) return false;
  return !STOP_WORDS.has(token);
}

/** Tokens of already normalised text (occupation labels' search_text). */
export function tokensOfNormalised(normalised: string): string[] {
  const tokens: string[] = [];
  for (const word of normalised.split(' ')) if (keep(word)) tokens.push(fold(word));
  return tokens;
}

/** Tokens of any text, in order, repeats kept. */
export function tokenise(text: string): string[] {
  return tokensOfNormalised(normaliseSearchText(text));
}

/** The distinct tokens of a query, at most MAX_QUERY_TOKENS of them. */
export function queryTokens(query: string): string[] {
  return [...new Set(tokenise(query))].slice(0, MAX_QUERY_TOKENS);
}
