import { DEFAULT_LANGUAGE, isLanguage, languageOfSubtag, type Language } from './languages.js';

/**
 * The language of a request: the `lang` query parameter, then the `lang` cookie, then the
 * best match in Accept-Language (by quality, then by order), then the default.
 */
export function negotiateLanguage(input: {
  query?: string | undefined;
  cookie?: string | undefined;
  acceptLanguage?: string | undefined;
  fallback?: Language;
}): Language {
  if (isLanguage(input.query)) return input.query;
  if (isLanguage(input.cookie)) return input.cookie;
  const fromHeader = input.acceptLanguage ? pickFromAcceptLanguage(input.acceptLanguage) : null;
  return fromHeader ?? input.fallback ?? DEFAULT_LANGUAGE;
}

export function pickFromAcceptLanguage(header: string): Language | null {
  const ranges = header
    .slice(0, 1000)
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return {
        tag: tag.trim().toLowerCase(),
        quality: Number.isFinite(quality) ? quality : 0,
        index,
      };
    })
    .filter((range) => range.tag && range.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const range of ranges) {
    const language = languageOfSubtag(range.tag.split('-')[0] ?? '');
    if (language) return language;
  }
  return null;
}
