import { z } from 'zod';
import { GUIDE_TOPICS } from './guide.topics.js';
import { renderGuideMarkdown } from './guide.markdown.js';
import type { PublishedGuide } from './guides.repository.js';
import type { ReaderGuide } from './guides.service.js';

/** What the JSON API shows of guides: the only way they leave the server as JSON. */
export const guideSummaryJson = z.object({
  country: z.string(),
  topic: z.enum(GUIDE_TOPICS),
  language: z.string(),
  title: z.string(),
  summary: z.string(),
  verifiedOn: z.string().nullable(),
  version: z.number().int(),
  url: z.string(),
});

export const guideJson = guideSummaryJson.extend({
  requestedLanguage: z.string(),
  languages: z.array(z.string()),
  stale: z.boolean(),
  office: z.object({ name: z.string(), website: z.string().nullable() }).nullable(),
  sources: z.array(z.object({ title: z.string(), url: z.string() })),
  /** The Markdown as written, and as the reader's page renders it (sanitised). */
  bodyMarkdown: z.string(),
  bodyHtml: z.string(),
});

export function presentGuideSummary(guide: PublishedGuide): z.infer<typeof guideSummaryJson> {
  return {
    country: guide.countryCode,
    topic: guide.topic,
    language: guide.language,
    title: guide.version.title,
    summary: guide.version.summary,
    verifiedOn: guide.verifiedOn,
    version: guide.version.number,
    url: `/guides/${guide.countryCode}/${guide.topic}?lang=${guide.language}`,
  };
}

export function presentGuide(guide: ReaderGuide): z.infer<typeof guideJson> {
  return {
    country: guide.countryCode,
    topic: guide.topic,
    language: guide.language,
    requestedLanguage: guide.wanted,
    languages: guide.languages,
    title: guide.title,
    summary: guide.summary,
    verifiedOn: guide.verifiedOn,
    stale: guide.stale,
    version: guide.version,
    url: `/guides/${guide.countryCode}/${guide.topic}?lang=${guide.language}`,
    office: guide.office,
    sources: guide.sources,
    bodyMarkdown: guide.body,
    bodyHtml: renderGuideMarkdown(guide.body),
  };
}
