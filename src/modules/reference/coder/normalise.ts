/**
 * Text → words for the occupation coder, the same way for labels and queries. Each word keeps
 * the form that was written (for the explanation), a lower-cased form with its accents (what a
 * stemmer needs) and a folded form (no accents, Arabic letter variants unified: what is
 * compared). Folding is for matching only; labels are always shown as written.
 */

export type Script = 'latin' | 'cyrillic' | 'arabic' | 'other';

export interface Word {
  /** As written in the text (after the markers and gender slashes are resolved). */
  typed: string;
  /** Lower case, accents kept: the stemmers' input. */
  lower: string;
  /** Lower case, accents and letter variants folded: the exact-match key. */
  folded: string;
  script: Script;
  /**
   * Words with the same slot are forms of one written word ("Maurer/in" gives "maurer" and
   * "maurerin"): a query counts a slot once.
   */
  slot: number;
}

/** Classification markers that say nothing about the job: "(m/w/d)", "(h/f/x)", "n.e.c."… */
const GENDER_MARKER = /\(\s*[\p{L}]{1,3}(?:\s*[/|,]\s*[\p{L}]{1,3}){1,3}\s*\)/gu;
const CLASSIFICATION_MARKER =
  /(?:^|[\s,(])(?:n\.?\s?e\.?\s?c|a\.?\s?n\.?\s?g|n\.?\s?c\.?\s?a|i\.?\s?d\.?\s?a|n\.?\s?a\.?\s?g|n\.?\s?o\.?\s?s|o\.?\s?n\.?\s?a)\.?(?=$|[\s,)])/giu;

/** Letters that do not decompose under NFD. */
const LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ħ: 'h',
  ı: 'i',
  þ: 'th',
  ð: 'd',
};
/** A parenthesised ending inside a word: "Gehilf(e)in", "Landwirtschaftlich(er)e". */
const INNER_PARENTHESES = /(\p{L})\((\p{L}{1,4})\)(?=\p{L})/gu;

const SPECIAL_LETTERS = /[ßæœøłđħıþð]/g;

/** Arabic: hamza-carrying alef forms → ا, alef maksura → ي, taa marbuta → ه, hamza on waw/yeh. */
const ARABIC_LETTERS: Readonly<Record<string, string>> = {
  أ: 'ا',
  إ: 'ا',
  آ: 'ا',
  ٱ: 'ا',
  ى: 'ي',
  ة: 'ه',
  ؤ: 'و',
  ئ: 'ي',
  ک: 'ك',
  ی: 'ي',
};
const ARABIC_VARIANTS = /[أإآٱىةؤئکی]/g;
/** Harakat, superscript alef, Quranic marks and tatweel. */
const ARABIC_MARKS = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g;
/** The article and the one-letter prefixes written before it (و، ب، ل، ف، ك). */
const ARABIC_ARTICLE = /^(?:[وفبكل]?ال|لل)(?=[\u0621-\u064a]{2})/;

export function scriptOf(word: string): Script {
  const code = word.codePointAt(0) ?? 0;
  if (code >= 0x0600 && code <= 0x06ff) return 'arabic';
  if (code >= 0x0400 && code <= 0x04ff) return 'cyrillic';
  if (/\p{Script=Latin}|[0-9]/u.test(word)) return 'latin';
  return 'other';
}

/** Arabic letter forms unified, marks and tatweel removed, the article stripped. */
export function foldArabic(word: string): string {
  const plain = word.replace(ARABIC_MARKS, '').replace(ARABIC_VARIANTS, (c) => ARABIC_LETTERS[c]!);
  return plain.replace(ARABIC_ARTICLE, '');
}

const folds = new Map<string, string>();

/** Accents and case dropped (for matching only). */
export function foldWord(lower: string): string {
  let folded = folds.get(lower);
  if (folded === undefined) {
    folded = scriptOf(lower) === 'arabic' ? foldArabic(lower) : foldLetters(lower);
    if (folds.size > 200_000) folds.clear();
    folds.set(lower, folded);
  }
  return folded;
}

function foldLetters(lower: string): string {
  return lower
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(SPECIAL_LETTERS, (c) => LETTERS[c]!);
}

/**
 * "Maurer/in", "Lehrer/-in", "cuoco/a", "asistent/asistentă", "Kaufmann/-frau": the first form
 * and the other one spelled out in full.
 */
function genderForms(token: string): string[] {
  const parts = token.split('/').filter((part) => part !== '');
  const [first, ...rest] = parts;
  if (!first) return [];
  const forms = [first];
  for (const part of rest) {
    const suffix = part.replace(/^-/, '');
    if (suffix === '') continue;
    if (part.startsWith('-') || suffix.length <= 3) {
      // A single vowel replaces the last vowel (cuoco/a → cuoca); other endings are added.
      const base = first.replace(/-$/, '');
      if (/^[aeiouăâîăе]$/iu.test(suffix) && /[aeiouăâîăе]$/iu.test(base)) {
        forms.push(base.slice(0, -1) + suffix);
      } else {
        forms.push(base + suffix);
      }
    } else {
      forms.push(part);
    }
  }
  return forms;
}

/** Everything before the words: NFKC, markers removed (case kept for the explanation). */
export function cleanText(text: string): string {
  return text.normalize('NFKC').replace(GENDER_MARKER, ' ').replace(CLASSIFICATION_MARKER, ' ');
}

/**
 * The words of a label or a query, in order; gendered forms such as "Maurer/in" give both words.
 * Punctuation, parentheses and hyphens separate words.
 */
export function words(text: string): Word[] {
  const out: Word[] = [];
  let slot = 0;
  const cleaned = cleanText(text).replace(
    INNER_PARENTHESES,
    (_, before: string, inner: string) =>
      // "Gehilf(e)in" → "Gehilfin/Gehilfein"; "landwirtschaftlich(er)e" likewise.
      `${before}⟨${inner}⟩`,
  );
  for (const token of cleaned.split(/[\s,;:()[\]{}"«»“”„‚'’+&|·•*!?]+/u)) {
    if (token === '') continue;
    const forms = token.includes('⟨')
      ? [token.replace(/⟨[^⟩]*⟩/gu, ''), token.replace(/[⟨⟩]/gu, '')]
      : token.includes('/')
        ? genderForms(token)
        : [token];
    let pieces = 0;
    for (const form of forms) {
      let piece = 0;
      for (const part of form.split(/[^\p{L}\p{N}\p{M}]+/u)) {
        if (part === '') continue;
        const lower = part.toLowerCase();
        const folded = foldWord(lower);
        if (folded === '') continue;
        out.push({ typed: part, lower, folded, script: scriptOf(lower), slot: slot + piece });
        piece += 1;
      }
      pieces = Math.max(pieces, piece);
    }
    slot += pieces;
  }
  return out;
}

/**
 * Short stop-word lists per language (folded): words that join the parts of a title. A query
 * made only of them keeps them.
 */
const STOP_WORDS = new Set(
  [
    // en
    'and of the for in a an to with on or other others',
    // fr
    'et de des du la le les l d pour en au aux ou un une',
    // es, pt
    'y de del la el los las para en o e con da do das dos em um uma',
    // de
    'und oder der die das fur im in von mit zur zum des den dem ein eine einer sowie',
    // it
    'e di del della dei delle degli per il lo gli ed nel nella nei con',
    // nl
    'en van de het voor in of een met',
    // pl
    'i w z do na oraz lub dla ze',
    // ro
    'si de din la in pentru a al ai ale cu sau pe',
    // bg (folded: no change for Cyrillic but й → и)
    'и в на за с от или по със',
    // ar (folded)
    'و في من او',
  ]
    .join(' ')
    .split(' '),
);

export function isStopWord(folded: string): boolean {
  return STOP_WORDS.has(folded);
}

/** Stop words removed, unless nothing else is left. */
export function contentWords(all: Word[]): Word[] {
  const kept = all.filter((word) => !isStopWord(word.folded));
  return kept.length > 0 ? kept : all;
}
