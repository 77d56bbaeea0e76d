import nunjucks from 'nunjucks';
import { isLanguage, LANGUAGE_INFO } from '../i18n/languages.js';
import type { MessageValues, Translate } from '../i18n/translator.js';

/**
 * Standard terms (a country, a region, an occupation, a skill) shown in a language other than
 * the page's because no translation exists: `term(text, lang)` marks them `lang="en"` (and
 * `dir="ltr"` on a right-to-left page) so that screen readers switch voice, and
 * `termsInOtherLanguage()` tells the layout, after the content, whether to say so once.
 */
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
/** Text made safe to put into HTML, as Nunjucks' autoescape does. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/**
 * A message whose values may be marked terms (`term(…)`): the message's own text is escaped
 * and each marked value keeps its markup, so "Dubai, कतार" can carry lang="en" on "Dubai".
 */
export function translateWithTerms(
  t: Translate,
  key: string,
  values: Record<string, unknown> = {},
): nunjucks.runtime.SafeString {
  const markup = new Map<string, string>();
  const plain: MessageValues = {};
  for (const [name, value] of Object.entries(values)) {
    if (value instanceof nunjucks.runtime.SafeString) {
      const token = `\uE000${markup.size}\uE001`;
      markup.set(token, value.toString());
      plain[name] = token;
    } else if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) {
      plain[name] = value;
    }
  }
  let html = escapeHtml(t(key, plain));
  for (const [token, fragment] of markup) html = html.split(token).join(fragment);
  return new nunjucks.runtime.SafeString(html);
}

export function termMarker(pageLanguage: string) {
  let marked = false;
  const pageDir = isLanguage(pageLanguage) ? LANGUAGE_INFO[pageLanguage].dir : 'ltr';
  return {
    term: (text: unknown, lang?: unknown): nunjucks.runtime.SafeString => {
      const escaped = escapeHtml(
        typeof text === 'string' || typeof text === 'number' ? String(text) : '',
      );
      if (typeof lang !== 'string' || lang === '' || lang === pageLanguage) {
        return new nunjucks.runtime.SafeString(escaped);
      }
      marked = true;
      const dir = isLanguage(lang) ? LANGUAGE_INFO[lang].dir : 'ltr';
      const dirAttribute = dir === pageDir ? '' : ` dir="${dir}"`;
      return new nunjucks.runtime.SafeString(
        `<span lang="${escapeHtml(lang)}"${dirAttribute}>${escaped}</span>`,
      );
    },
    termsInOtherLanguage: (): boolean => marked,
  };
}
