import { describe, expect, it } from 'vitest';
import type { ReferenceRepository, SearchInput } from './reference.repository.js';
import { languageOf, ReferenceService } from './reference.service.js';

/** A repository that records searches and answers nothing. */
function recordingRepository() {
  const searches: SearchInput[] = [];
  const labelReads: number[] = [];
  const repository = {
    occupationLabelsVersion: async () => null,
    coderLabels: async () => {
      labelReads.push(1);
      return [
        {
          occupationId: '11111111-1111-4111-8111-111111111111',
          iscoCode: null,
          unitGroup: '2221',
          language: 'fr',
          label: 'infirmière',
          isTitle: true,
        },
      ];
    },
    searchSkills: async (input: SearchInput) => (searches.push(input), []),
    occupationCodes: async (ids: string[]) =>
      ids.map((id) => ({ id, code: '2221.1', isco_code: '2221' })),
    skills: async () => [],
    titles: async () => ({ occupation: new Map(), isco: new Map() }),
    subdivisions: async () => {
      throw new Error('must not be called');
    },
  } as unknown as ReferenceRepository;
  return { searches, labelReads, service: new ReferenceService(repository) };
}

describe('ReferenceService search input', () => {
  it('answers a query of punctuation, or of one letter, with nothing and no query', async () => {
    const { searches, labelReads, service } = recordingRepository();
    expect(await service.searchOccupations('?!/ -')).toEqual([]);
    expect(await service.searchOccupations('a')).toEqual([]);
    expect(await service.searchSkills('...')).toEqual([]);
    expect(searches).toEqual([]);
    expect(labelReads).toEqual([]);
  });

  it('builds the occupation coder once, and cuts a query at 100 characters', async () => {
    const { labelReads, service } = recordingRepository();
    const long = `  Infirmière ${'x'.repeat(200)}`;
    const [first] = await service.searchOccupations(long, { language: 'fr-CA', limit: 5 });
    expect(first?.why.matchedWords).toEqual(['Infirmière']);
    expect(first?.why.unmatchedWords).toEqual(['x'.repeat(100 - 13)]);
    await service.searchOccupations('infirmiere', { language: 'fr' });
    const coding = await service.occupationCoding();
    expect(coding.search('infirmiere')[0]?.iscoCode).toBe('2221');
    expect(labelReads).toEqual([1]);
  });

  it('asks for many candidates when it searches skills', async () => {
    const { searches, service } = recordingRepository();
    await service.searchSkills(`  Welding ${'x'.repeat(200)}`, { language: 'fr-CA', limit: 5 });
    expect(searches[0]?.query.startsWith('welding x')).toBe(true);
    expect(searches[0]?.query.length).toBeLessThanOrEqual(100);
    expect(searches[0]?.language).toBe('fr');
    expect(searches[0]?.limit).toBeGreaterThan(5);
  });

  it('does not query subdivisions for a malformed country code', async () => {
    const { service } = recordingRepository();
    expect(await service.listSubdivisions('France')).toEqual([]);
  });
});

describe('languageOf', () => {
  it.each([
    ['fr', 'fr'],
    ['fr-CA', 'fr'],
    ['PT_br', 'pt'],
    ['yue', 'yue'],
    ['', 'en'],
    ['*', 'en'],
  ])('%s → %s', (tag, language) => {
    expect(languageOf(tag)).toBe(language);
  });
});
