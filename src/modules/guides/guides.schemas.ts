import { z } from 'zod';
import { LANGUAGES } from '../../platform/i18n/languages.js';
import { GUIDE_TOPICS } from './guide.topics.js';
import type { GuideSource } from './guides.tables.js';

/** One schema per form or endpoint; messages are locale keys (guides.errors.*). */

export const GUIDE_LIMITS = { title: 200, summary: 300, body: 50_000, sources: 20 } as const;

const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

// PostgreSQL text cannot hold NUL; line endings as the browser sends them (CRLF) become LF.
const clean = (value: unknown) =>
  typeof value === 'string' ? value.replaceAll('\u0000', '').replace(/\r\n?/g, '\n') : value;

const text = (required: string, tooLong: string, max: number) =>
  z.preprocess(clean, z.string(required).trim().min(1, required).max(max, tooLong));

export const countryParam = z
  .string()
  .regex(/^[A-Za-z]{2}$/)
  .transform((value) => value.toUpperCase());

export const guidePathSchema = z.object({ country: countryParam });
export const guideTopicPathSchema = z.object({
  country: countryParam,
  topic: z.enum(GUIDE_TOPICS),
});
export const idParamSchema = z.object({ id: z.uuid() });

/** A source per line: "Title | https://…" (or the address alone). */
export function parseSources(value: string): GuideSource[] | null {
  const sources: GuideSource[] = [];
  for (const raw of value.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const bar = line.lastIndexOf('|');
    const title = (bar >= 0 ? line.slice(0, bar) : '').trim();
    const url = (bar >= 0 ? line.slice(bar + 1) : line).trim();
    if (!/^https?:\/\/[^\s]+$/i.test(url) || url.length > 2000 || title.length > 200) return null;
    sources.push({ title: title || url, url });
  }
  return sources;
}

export function formatSources(sources: readonly GuideSource[]): string {
  return sources.map((source) => `${source.title} | ${source.url}`).join('\n');
}

const sourcesField = z.preprocess(
  (value) => clean(value ?? ''),
  z
    .string()
    .max(50_000, 'guides.errors.sourceInvalid')
    .transform((value, context) => {
      const sources = parseSources(value);
      if (!sources) {
        context.addIssue({ code: 'custom', message: 'guides.errors.sourceInvalid' });
        return z.NEVER;
      }
      if (sources.length > GUIDE_LIMITS.sources) {
        context.addIssue({ code: 'custom', message: 'guides.errors.tooManySources' });
        return z.NEVER;
      }
      return sources;
    }),
);

/** The editor's text: title, summary, body, sources. */
export const guideContentSchema = z.object({
  title: text('guides.errors.enterTitle', 'guides.errors.titleTooLong', GUIDE_LIMITS.title),
  summary: text('guides.errors.enterSummary', 'guides.errors.summaryTooLong', GUIDE_LIMITS.summary),
  body: text('guides.errors.enterBody', 'guides.errors.bodyTooLong', GUIDE_LIMITS.body),
  sources: sourcesField,
});

/** A new guide: where, which topic, which language, and its first text. */
export const guideCreateSchema = z.object({
  countryCode: z.preprocess(
    (value) => (typeof value === 'string' ? value.trim().toUpperCase() : value),
    z.string('guides.errors.selectCountry').regex(/^[A-Z]{2}$/, 'guides.errors.selectCountry'),
  ),
  topic: z.enum(GUIDE_TOPICS, 'guides.errors.selectTopic'),
  language: z.enum(LANGUAGES, 'guides.errors.selectLanguage'),
  ...guideContentSchema.shape,
});

/** What the editor's buttons ask: save a new version, or preview it (nothing is written). */
export const editIntentSchema = z.object({
  intent: z.preprocess(blankToUndefined, z.enum(['save', 'preview']).default('save')),
});

export const GUIDE_ACTIONS = ['submit', 'send_back', 'publish', 'withdraw', 'verify'] as const;
export type GuideAction = (typeof GUIDE_ACTIONS)[number];

export const guideActionSchema = z.object({
  event: z.enum(GUIDE_ACTIONS, 'guides.errors.selectAction'),
  reason: z.preprocess(
    (value) => blankToUndefined(clean(value)),
    z.string().trim().max(2000, 'guides.errors.reasonTooLong').optional(),
  ),
});

export const diffQuerySchema = z.object({
  from: z.coerce.number().int().min(1).max(100_000),
  to: z.coerce.number().int().min(1).max(100_000),
});

export const langQuerySchema = z.object({
  lang: z.preprocess(blankToUndefined, z.enum(LANGUAGES).optional()),
});
