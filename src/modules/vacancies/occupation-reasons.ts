import nunjucks from 'nunjucks';
import type { Formatters } from '../../platform/i18n/format.js';
import type { Translate } from '../../platform/i18n/translator.js';
import { escapeHtml, translateWithTerms } from '../../platform/views/terms.js';

/**
 * Why an occupation was suggested, in the reader's language, for the job-order form's list and
 * the search page (issue 12): "Matched “Maurer” in Maurer (German)", "Spelling corrected: bakr →
 * baker", "Not matched: Dubai". The words typed and the label are each wrapped in <bdi> (with the
 * label's language), so that a Latin label inside an Arabic sentence keeps its own direction and
 * its punctuation does not jump to the other end.
 */

/** The coder's reason (the reference module's MatchReason), as services hand it out. */
export interface MatchExplained {
  matchedLabel: string;
  matchedLanguage: string;
  why: {
    kind: 'exact' | 'words' | 'stems' | 'partial' | 'spelling';
    matchedWords: readonly string[];
    unmatchedWords: readonly string[];
    corrected?: readonly { from: string; to: string }[];
  };
}

export interface ReasonContext {
  t: Translate;
  fmt: Formatters;
  /** A language's name in the reader's language ("de" → "German", "allemand", "الألمانية"). */
  languageName: (code: string) => string;
}

type Safe = nunjucks.runtime.SafeString;

function bdi(text: string, lang?: string): Safe {
  const attribute = lang ? ` lang="${escapeHtml(lang)}"` : '';
  return new nunjucks.runtime.SafeString(`<bdi${attribute}>${escapeHtml(text)}</bdi>`);
}

const MARK = '\uE100';

/** Isolated text in the language's quotation marks (“…”, «\u00a0…\u00a0», «…»). */
function quoted(t: Translate, text: string, lang?: string): Safe {
  const html = escapeHtml(t('jobOrders.match.quoted', { text: MARK }));
  return new nunjucks.runtime.SafeString(html.split(MARK).join(bdi(text, lang).toString()));
}

/** Quoted words in the language's list form ("“a”, “b” and “c”"). */
function wordList(context: ReasonContext, words: readonly string[]): Safe {
  const marks = words.map((_, i) => `\uE101${i}\uE102`);
  let html = escapeHtml(context.fmt.list(marks));
  words.forEach((word, i) => {
    html = html.split(marks[i]!).join(quoted(context.t, word).toString());
  });
  return new nunjucks.runtime.SafeString(html);
}

/** The reason as one or more sentences of HTML (safe: every value escaped). */
export function explainMatch(match: MatchExplained, context: ReasonContext): Safe {
  const { t } = context;
  const { why } = match;
  const label = quoted(t, match.matchedLabel, match.matchedLanguage);
  const language = context.languageName(match.matchedLanguage);
  const sentences: string[] = [];
  for (const { from, to } of why.corrected ?? []) {
    sentences.push(
      translateWithTerms(t, 'jobOrders.match.corrected', {
        from: quoted(t, from),
        to: quoted(t, to),
      }).toString(),
    );
  }
  const words = wordList(context, why.matchedWords);
  const key =
    why.kind === 'exact'
      ? 'jobOrders.match.exact'
      : why.kind === 'partial'
        ? 'jobOrders.match.partial'
        : 'jobOrders.match.words';
  sentences.push(translateWithTerms(t, key, { words, label, language }).toString());
  if (why.unmatchedWords.length > 0) {
    sentences.push(
      translateWithTerms(t, 'jobOrders.match.unmatched', {
        words: wordList(context, why.unmatchedWords),
      }).toString(),
    );
  }
  return new nunjucks.runtime.SafeString(sentences.join(' '));
}
