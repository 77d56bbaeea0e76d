/**
 * What the bar chart and the map share: escaping, numbers in the reader's locale, the direction
 * of a label, truncation by grapheme, the colours and a stable id for `aria-labelledby`.
 */

/** GOV.UK text colour: every word drawn is in it. */
export const TEXT_COLOUR = '#0b0c0c';
/** GOV.UK blue (5.2:1 against white): bars. */
export const BAR_COLOUR = '#1d70b8';
/** GOV.UK dark grey (7:1): outlines of empty (suppressed) bars, hatching. */
export const DARK_GREY = '#505a5f';
/** GOV.UK mid grey: region outlines. */
export const OUTLINE_GREY = '#b1b4b6';
/** GOV.UK light grey: regions without data. */
export const NO_DATA_GREY = '#f3f2f1';
/** GOV.UK's type, then what every system has (Arabic, Devanagari, Bengali come from fallbacks). */
export const FONT_FAMILY = 'GDS Transport, Arial, sans-serif';

/** Text or an attribute value made safe inside SVG (labels come from data). */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const formatters = new Map<string, Intl.NumberFormat>();

/** A number in the reader's locale (its digits and separators), at most one decimal. */
export function formatNumber(value: number, locale: string): string {
  let formatter = formatters.get(locale);
  if (!formatter) {
    try {
      formatter = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    } catch {
      formatter = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });
    }
    formatters.set(locale, formatter);
  }
  return formatter.format(value);
}

// Strong right-to-left letters: Hebrew, Arabic, Syriac, Thaana, N'Ko… and their presentation forms.
const RTL_LETTER = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;
const STRONG_LETTER = /[\p{L}]/u;

/**
 * The direction of a label from its first strong letter (what FSI does), or `fallback` when it
 * has none (numbers, codes of digits and punctuation).
 */
export function textDirection(text: string, fallback: 'ltr' | 'rtl'): 'ltr' | 'rtl' {
  for (const char of text) {
    if (RTL_LETTER.test(char)) return 'rtl';
    if (STRONG_LETTER.test(char)) return 'ltr';
  }
  return fallback;
}

/** At most `max` graphemes (user-perceived characters), with an ellipsis when cut. */
export function truncateGraphemes(text: string, max: number, locale: string): string {
  const segments = [...new Intl.Segmenter(locale, { granularity: 'grapheme' }).segment(text)];
  if (segments.length <= max) return text;
  return `${segments
    .slice(0, Math.max(1, max - 1))
    .map((segment) => segment.segment)
    .join('')
    .trimEnd()}…`;
}

/** A short stable id (FNV-1a) from the chart's content, so that two charts on a page differ. */
export function chartId(prefix: string, content: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < content.length; i += 1) {
    hash ^= content.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return `${prefix}-${(hash >>> 0).toString(36)}`;
}

/**
 * A `<text>` of data: isolated from what is around it, in its own direction, anchored so that
 * the side named by `edge` ('left' or 'right' of the viewBox) sits at x whatever that direction.
 */
export function textElement(
  content: string,
  attributes: { x: number; y: number; edge: 'left' | 'right'; dir: 'ltr' | 'rtl'; extra?: string },
): string {
  const { x, y, edge, dir } = attributes;
  const anchor = (edge === 'right') === (dir === 'ltr') ? 'end' : 'start';
  return `<text x="${round1(x)}" y="${round1(y)}" text-anchor="${anchor}" direction="${dir}" unicode-bidi="isolate"${attributes.extra ?? ''}>${escapeXml(content)}</text>`;
}

export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
