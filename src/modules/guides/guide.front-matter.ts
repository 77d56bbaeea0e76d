import { isLanguage, type Language } from '../../platform/i18n/languages.js';
import { isGuideTopic, type GuideTopic } from './guide.topics.js';
import { GUIDE_LIMITS, parseSources } from './guides.schemas.js';
import type { GuideSource } from './guides.tables.js';

/**
 * A demo guide file (src/modules/guides/demo/content/<COUNTRY>/<topic>.<lang>.md): front matter
 * between two `---` lines, one `key: value` a line (`source:` repeated, "Title | URL"), then the
 * Markdown body. The format is written down in the module's README.
 */
export interface GuideFile {
  country: string;
  topic: GuideTopic;
  language: Language;
  title: string;
  summary: string;
  /** The responsible organisation's registration number. */
  office: string;
  verified: string;
  sources: GuideSource[];
  body: string;
}

export class GuideFileError extends Error {}

export function parseGuideFile(text: string, name: string, today: string): GuideFile {
  const fail = (what: string): never => {
    throw new GuideFileError(`${name}: ${what}`);
  };
  const lines = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  if (lines[0] !== '---') fail('the front matter must start with a line "---"');
  const end = lines.indexOf('---', 1);
  if (end < 0) fail('the front matter must end with a line "---"');
  const fields = new Map<string, string>();
  const sourceLines: string[] = [];
  for (const line of lines.slice(1, end)) {
    if (!line.trim()) continue;
    const colon = line.indexOf(': ');
    if (colon < 0) fail(`not a "key: value" line: ${line}`);
    const key = line.slice(0, colon).trim();
    const value = line.slice(colon + 2).trim();
    if (key === 'source') sourceLines.push(value);
    else if (fields.has(key)) fail(`${key} is given twice`);
    else fields.set(key, value);
  }
  const field = (key: string): string => fields.get(key) || fail(`${key} is missing`);
  const country = field('country');
  if (!/^[A-Z]{2}$/.test(country)) fail('country must be two capital letters');
  const topic = field('topic');
  if (!isGuideTopic(topic)) fail(`topic "${topic}" is not one of the eleven`);
  const language = field('language');
  if (!isLanguage(language)) fail(`language "${language}" is not an interface language`);
  const title = field('title');
  if (title.length > GUIDE_LIMITS.title) fail(`title is longer than ${GUIDE_LIMITS.title}`);
  const summary = field('summary');
  if (summary.length > GUIDE_LIMITS.summary) fail(`summary is longer than ${GUIDE_LIMITS.summary}`);
  const office = field('office');
  const verified = field('verified');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(verified) || Number.isNaN(Date.parse(verified)))
    fail('verified must be a date YYYY-MM-DD');
  if (verified > today) fail('verified is in the future');
  const sources = parseSources(sourceLines.join('\n'));
  if (!sources) fail('each source must be "Title | https://…"');
  if ((sources ?? []).length > GUIDE_LIMITS.sources) fail('more than 20 sources');
  const body = lines
    .slice(end + 1)
    .join('\n')
    .trim();
  if (!body) fail('the body is empty');
  if (body.length > GUIDE_LIMITS.body) fail(`the body is longer than ${GUIDE_LIMITS.body}`);
  const expected = `${country}/${topic}.${language}.md`;
  if (!name.endsWith(expected)) fail(`the file should be named ${expected}`);
  return {
    country,
    topic: topic as GuideTopic,
    language: language as Language,
    title,
    summary,
    office,
    verified,
    sources: sources ?? [],
    body,
  };
}
