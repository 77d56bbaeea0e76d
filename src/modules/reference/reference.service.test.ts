import { describe, expect, it } from 'vitest';
import type { ReferenceRepository, SearchInput } from './reference.repository.js';
import { languageOf, ReferenceService } from './reference.service.js';

/** A repository that records searches and answers nothing. */
function recordingRepository() {
  const searches: SearchInput[] = [];
  const repository = {
    searchOccupations: async (input: SearchInput) => (searches.push(input), []),
    searchSkills: async (input: SearchInput) => (searches.push(input), []),
    occupationCodes: async () => [],
    skills: async () => [],
    titles: async () => ({ occupation: new Map(), isco: new Map() }),
    subdivisions: async () => {
      throw new Error('must not be called');
    },
  } as unknown as ReferenceRepository;
  return { searches, service: new ReferenceService(repository) };
}

describe('ReferenceService search input', () => {
  it('answers a query of punctuation, or of one letter, with nothing and no query', async () => {
    const { searches, service } = recordingRepository();
    expect(await service.searchOccupations('?!/ -')).toEqual([]);
    expect(await service.searchOccupations('a')).toEqual([]);
    expect(await service.searchSkills('...')).toEqual([]);
    expect(searches).toEqual([]);
  });

  it('normalises the query, cuts it at 100 characters and asks for many candidates', async () => {
    const { searches, service } = recordingRepository();
    await service.searchOccupations(`  Infirmière ${'x'.repeat(200)}`, {
      language: 'fr-CA',
      limit: 5,
    });
    expect(searches[0]?.query.startsWith('infirmiere x')).toBe(true);
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
