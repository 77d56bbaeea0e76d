import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../platform/i18n/languages.js';
import { isoDate } from '../../platform/lifecycle/lifecycle.js';
import { DEMO_ORGANISATIONS } from '../demo/demo.data.js';
import { GuideFileError, parseGuideFile } from './guide.front-matter.js';
import { GUIDE_TOPICS } from './guide.topics.js';
import { readDemoGuides } from './guides.demo.js';

/** The demo guides (issue 14, part 6) in the format the loader reads (module README). */
describe('demo guides', () => {
  const files = readDemoGuides();

  it('parse, name a demo office, and cover every topic of AE, QA and SA in English and AE in nine languages', () => {
    const offices = new Set(
      DEMO_ORGANISATIONS.map((organisation) => organisation.registrationNumber),
    );
    expect(files.filter((file) => !offices.has(file.office))).toEqual([]);
    const keys = new Set(files.map((file) => `${file.country}/${file.topic}.${file.language}`));
    for (const country of ['AE', 'QA', 'SA'])
      for (const topic of GUIDE_TOPICS) expect(keys).toContain(`${country}/${topic}.en`);
    for (const topic of GUIDE_TOPICS)
      for (const language of LANGUAGES) expect(keys).toContain(`AE/${topic}.${language}`);
  });
});

describe('parseGuideFile', () => {
  const today = isoDate(new Date('2026-12-04T00:00:00Z'));
  const file = (front: string, body = 'Text') => `---\n${front}\n---\n${body}\n`;
  const good = [
    'country: AE',
    'topic: housing',
    'language: en',
    'title: Housing: what to expect',
    'summary: Where you live.',
    'office: GOV-AE-001',
    'verified: 2026-11-20',
    'source: UAE portal | https://u.ae',
  ].join('\n');

  it('reads the fields, a title with a colon and the sources', () => {
    expect(parseGuideFile(file(good), 'AE/housing.en.md', today)).toMatchObject({
      title: 'Housing: what to expect',
      sources: [{ title: 'UAE portal', url: 'https://u.ae' }],
      body: 'Text',
    });
  });

  it.each([
    ['a topic outside the list', good.replace('housing', 'weather'), 'topic'],
    ['a date in the future', good.replace('2026-11-20', '2027-01-01'), 'future'],
    ['a source that is not a web address', `${good}\nsource: x | javascript:alert(1)`, 'source'],
    ['a missing title', good.replace(/title: .*\n/, ''), 'title is missing'],
  ])('refuses %s, naming the file', (_name, front, what) => {
    expect(() => parseGuideFile(file(front), 'AE/housing.en.md', today)).toThrow(GuideFileError);
    expect(() => parseGuideFile(file(front), 'AE/housing.en.md', today)).toThrow(what);
  });

  it('refuses a file named for another guide', () => {
    expect(() => parseGuideFile(file(good), 'AE/education.en.md', today)).toThrow('named');
  });
});
