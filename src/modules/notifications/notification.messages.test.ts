import { describe, expect, it } from 'vitest';
import { formatters } from '../../platform/i18n/format.js';
import { LANGUAGES } from '../../platform/i18n/languages.js';
import { Translator } from '../../platform/i18n/translator.js';
import { kindOfEvent, NOTIFICATION_KINDS } from './notification.kinds.js';
import {
  emailOf,
  shortened,
  smsOf,
  smsSegments,
  wordNotification,
  type NotificationFacts,
} from './notification.messages.js';

const translator = new Translator();

// A long title, a name in Arabic script, a reason: the worst case for length and direction.
const FACTS: Omit<NotificationFacts, 'kind'> = {
  vacancyTitle: 'Registered nurse, intensive care (night shifts)',
  vacancyReference: 'V-2026-00042',
  organisationName: 'مستشفى الخليج للرعاية',
  reason: 'The post needs a valid nursing licence.',
  interviewAt: new Date('2026-12-14T09:30:00Z'),
};
// A real address of an application: a 28-character host and a UUID.
const URL = 'https://corridor.example.org/applications/0b7e3c1e-5f0a-4c2b-9d1e-2f3a4b5c6d7e';
const LEFTOVER = /\{[a-zA-Z]+\}|notifications\.[a-z]/;

describe('notification words', () => {
  it.each(LANGUAGES)('has every kind in %s, every placeholder filled', (language) => {
    const t = translator.forLanguage(language);
    const fmt = formatters(language);
    for (const kind of NOTIFICATION_KINDS) {
      const facts = { ...FACTS, kind };
      const worded = wordNotification(t, fmt, facts);
      for (const text of [worded.title, worded.body, worded.next, worded.reason ?? '']) {
        expect(text, `${language} ${kind}`).not.toMatch(LEFTOVER);
      }
      expect(worded.title).toContain(FACTS.vacancyTitle);
      expect(worded.body).toContain(FACTS.organisationName);
      expect(worded.reason).toContain(FACTS.reason);
      const email = emailOf(t, fmt, facts, {
        name: 'আমিনা খাতুন',
        applicationUrl: URL,
        settingsUrl: 'https://corridor.example.org/notifications/settings',
      });
      expect(email.subject).toBe(worded.title);
      expect(email.text).not.toMatch(LEFTOVER);
      expect(email.text).toContain(URL);
      expect(email.text).toContain('আমিনা খাতুন');
      const sms = smsOf(t, fmt, facts, URL);
      expect(sms).not.toMatch(LEFTOVER);
      expect(sms).toContain(URL);
    }
  });

  it('words the interview date for the language, in UTC', () => {
    const fmt = (language: 'en' | 'ar' | 'bn') => formatters(language);
    const facts: NotificationFacts = { ...FACTS, kind: 'interview_scheduled' };
    expect(wordNotification(translator.forLanguage('en'), fmt('en'), facts).body).toContain(
      fmt('en').dateTime(FACTS.interviewAt!),
    );
    const arabic = wordNotification(translator.forLanguage('ar'), fmt('ar'), facts).body;
    expect(arabic).toContain(fmt('ar').dateTime(FACTS.interviewAt!));
    expect(wordNotification(translator.forLanguage('bn'), fmt('bn'), facts).body).toMatch(/[০-৯]/);
  });

  it('isolates names on right-to-left pages, keeps them as written', () => {
    const t = translator.forLanguage('ar');
    const worded = wordNotification(t, formatters('ar'), { ...FACTS, kind: 'offered' });
    expect(worded.title).toContain(`\u2068${FACTS.vacancyTitle}\u2069`);
    const devanagari = 'नर्स (रातको पाली)';
    const nepali = wordNotification(translator.forLanguage('ne'), formatters('ne'), {
      ...FACTS,
      vacancyTitle: devanagari,
      kind: 'shortlisted',
    });
    expect(nepali.title).toContain(devanagari);
  });

  it('keeps a text message to one part in English and to few parts in every language', () => {
    for (const language of LANGUAGES) {
      const t = translator.forLanguage(language);
      const fmt = formatters(language);
      for (const kind of NOTIFICATION_KINDS) {
        const sms = smsOf(t, fmt, { ...FACTS, kind }, URL);
        const { encoding, segments } = smsSegments(sms);
        if (language === 'en') {
          expect(encoding, sms).toBe('gsm7');
          expect(segments, sms).toBe(1);
        } else if (encoding === 'gsm7') {
          expect(segments, `${language} ${kind}: ${sms}`).toBeLessThanOrEqual(1);
        } else {
          // Letters outside GSM 7-bit: 67 UTF-16 units a part; the address alone takes 78.
          expect(segments, `${language} ${kind}: ${sms}`).toBeLessThanOrEqual(3);
        }
      }
    }
  });

  it('cuts a long title in a text message on whole letters', () => {
    expect(shortened('Registered nurse, intensive care')).toBe('Registered nurse, int...');
    expect([...shortened('ممرضة مسجلة في العناية المركزة الليلية')].length).toBe(24);
    expect(shortened('Cook')).toBe('Cook');
  });

  it('counts GSM 7-bit and UCS-2 parts', () => {
    expect(smsSegments('a'.repeat(160))).toEqual({ encoding: 'gsm7', units: 160, segments: 1 });
    expect(smsSegments('a'.repeat(161)).segments).toBe(2);
    expect(smsSegments('€').units).toBe(2);
    expect(smsSegments('ش'.repeat(70))).toEqual({ encoding: 'ucs2', units: 70, segments: 1 });
    expect(smsSegments('ش'.repeat(71)).segments).toBe(2);
  });
});

describe('the events that notify', () => {
  it('reads the kind from the transition’s verb', () => {
    expect(kindOfEvent('application.shortlisted')).toBe('shortlisted');
    expect(kindOfEvent('application.interview_scheduled')).toBe('interview_scheduled');
    expect(kindOfEvent('application.interview_rescheduled')).toBe('interview_scheduled');
    expect(kindOfEvent('application.interviewed')).toBe('interviewed');
    expect(kindOfEvent('application.note_added')).toBeNull();
    expect(kindOfEvent('vacancy.published')).toBeNull();
  });

  it('reads an invitation to apply (matching) as invited, and no application event so', () => {
    expect(kindOfEvent('invitation.sent')).toBe('invited');
    expect(kindOfEvent('application.invited')).toBeNull();
  });

  it('links an invitation’s email to how the person compares and to the vacancy', () => {
    const t = translator.forLanguage('en');
    const email = emailOf(
      t,
      formatters('en'),
      { ...FACTS, kind: 'invited' },
      {
        name: 'Amina',
        applicationUrl: 'https://corridor.example.org/vacancies/42/how-you-compare',
        settingsUrl: 'https://corridor.example.org/notifications/settings',
      },
    );
    expect(email.subject).toBe(`Invited to apply: \u2068${FACTS.vacancyTitle}\u2069`);
    expect(email.text).toContain(
      'See how you compare: https://corridor.example.org/vacancies/42/how-you-compare',
    );
    expect(email.text).toContain(
      'See the vacancy and apply: https://corridor.example.org/vacancies/42',
    );
  });
});
