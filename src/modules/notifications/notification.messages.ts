import { isolated } from '../../platform/i18n/bidi.js';
import type { Formatters } from '../../platform/i18n/format.js';
import type { Translate } from '../../platform/i18n/translator.js';
import type { NotificationKind } from './notification.kinds.js';

/** The facts a notification is worded from, in any language, whenever it is read. */
export interface NotificationFacts {
  kind: NotificationKind;
  vacancyTitle: string;
  vacancyReference: string;
  organisationName: string;
  reason: string | null;
  interviewAt: Date | null;
}

export interface WordedNotification {
  title: string;
  body: string;
  /** "Reason given: …", for a rejection or a withdrawal that came with one. */
  reason: string | null;
  /** What happens next, in plain words. */
  next: string;
}

/**
 * The values of a sentence. Names are isolated in every language (FSI … PDI), not only on
 * right-to-left pages: an Arabic title in an English sentence keeps its dash and its words in
 * place. A text message gives them plain (every character counts there).
 */
function values(facts: NotificationFacts, fmt: Formatters, plain = false) {
  const name = plain ? (text: string) => text : isolated;
  return {
    title: name(facts.vacancyTitle),
    reference: name(facts.vacancyReference),
    organisation: name(facts.organisationName),
    // Shown with its time zone (UTC): the server does not know the reader's.
    date: facts.interviewAt ? fmt.dateTime(facts.interviewAt) : '—',
  };
}

/** The notification in the reader's language (the page, the email). */
export function wordNotification(
  t: Translate,
  fmt: Formatters,
  facts: NotificationFacts,
): WordedNotification {
  const base = `notifications.kinds.${facts.kind}`;
  const given = values(facts, fmt);
  return {
    title: t(`${base}.title`, given),
    body: t(`${base}.body`, given),
    reason: facts.reason ? t('notifications.reason', { reason: isolated(facts.reason) }) : null,
    next: t(`${base}.next`),
  };
}

/** The email: the person's name, the notification, the link to the application, the settings. */
export function emailOf(
  t: Translate,
  fmt: Formatters,
  facts: NotificationFacts,
  links: { name: string; applicationUrl: string; settingsUrl: string },
): { subject: string; text: string } {
  const worded = wordNotification(t, fmt, facts);
  return {
    subject: worded.title,
    text: [
      t('notifications.email.greeting', { name: links.name }),
      '',
      worded.body,
      ...(worded.reason ? [worded.reason] : []),
      '',
      t('notifications.email.nextHeading'),
      worded.next,
      '',
      ...(facts.kind === 'invited'
        ? [
            t('notifications.email.compareLink', { url: links.applicationUrl }),
            t('notifications.email.vacancyLink', {
              url: links.applicationUrl.replace(/\/how-you-compare$/, ''),
            }),
          ]
        : [t('notifications.email.link', { url: links.applicationUrl })]),
      '',
      '--',
      t('notifications.email.footer', { url: links.settingsUrl }),
    ].join('\n'),
  };
}

/** Titles longer than this are cut in a text message, to keep it to one or two parts. */
export const SMS_TITLE_LENGTH = 24;

/**
 * A title cut to `max` characters (whole code points, never half a letter), ending in "..."
 * (three full stops: "…" is not in the GSM alphabet, and would make an English message UCS-2).
 */
export function shortened(text: string, max = SMS_TITLE_LENGTH): string {
  const letters = [...text.normalize('NFC').trim()];
  if (letters.length <= max) return letters.join('');
  return `${letters
    .slice(0, max - 3)
    .join('')
    .trimEnd()}...`;
}

/** The text message: one short sentence and the address of the application. */
export function smsOf(
  t: Translate,
  fmt: Formatters,
  facts: NotificationFacts,
  applicationUrl: string,
): string {
  // French puts a no-break space before its colons: outside the GSM alphabet, and a phone
  // shows a plain space alike.
  return t(`notifications.kinds.${facts.kind}.sms`, {
    ...values(facts, fmt, true),
    title: shortened(facts.vacancyTitle),
    url: applicationUrl,
  }).replace(/[\u00a0\u202f]/g, ' ');
}

// GSM 03.38: the default alphabet and its extension table (two septets each).
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';

/**
 * How a text message is sent: in the GSM 7-bit alphabet (160 characters in one part, 153 per
 * part when it takes more) or, with any other letter, in UCS-2 (70, then 67 per part).
 */
export function smsSegments(text: string): {
  encoding: 'gsm7' | 'ucs2';
  units: number;
  segments: number;
} {
  let septets = 0;
  let gsm = true;
  for (const character of text) {
    if (GSM_BASIC.includes(character)) septets += 1;
    else if (GSM_EXTENDED.includes(character)) septets += 2;
    else {
      gsm = false;
      break;
    }
  }
  if (gsm) {
    return {
      encoding: 'gsm7',
      units: septets,
      segments: septets <= 160 ? 1 : Math.ceil(septets / 153),
    };
  }
  // UTF-16 code units: a letter outside the basic plane takes two.
  const units = text.length;
  return { encoding: 'ucs2', units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
}
