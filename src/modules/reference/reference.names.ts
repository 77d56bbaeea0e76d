/**
 * Which name of a code a reader sees (ADR 12): the name in the reader's language, else the
 * English one, else the source's own (an ISO name or romanisation), always with the language it
 * is in, so that a page can mark a name that is not in its own language (`lang="en"`).
 */

export interface LocalName {
  text: string;
  /** The BCP 47 language of `text`. */
  lang: string;
}

export function localName(
  names: Readonly<Record<string, string | undefined>>,
  language: string,
  fallback: LocalName,
): LocalName {
  const own = names[language];
  if (own) return { text: own, lang: language };
  const english = names.en;
  if (english) return { text: english, lang: 'en' };
  return fallback;
}

/**
 * ISO 4217 codes that are not money anyone is paid in: funds and indexed units (ISO marks the
 * first eight "IsFund"; UYW is Uruguay's indexed pension unit), units of account (SDR, Sucre,
 * ADB unit), precious metals, the European bond market units, the test code and "no currency".
 */
export const NOT_MONEY: ReadonlySet<string> = new Set([
  'BOV',
  'CHE',
  'CHW',
  'CLF',
  'COU',
  'MXV',
  'USN',
  'UYI',
  'UYW',
  'XDR',
  'XSU',
  'XUA',
  'XAU',
  'XAG',
  'XPD',
  'XPT',
  'XBA',
  'XBB',
  'XBC',
  'XBD',
  'XTS',
  'XXX',
]);
