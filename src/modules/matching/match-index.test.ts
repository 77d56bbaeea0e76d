import { describe, expect, it } from 'vitest';
import { MatchIndex } from './match-index.js';
import type { SeekerRecord, VacancyRecord } from './matching.types.js';
import { occupationGraph } from './occupation-graph.js';

const WELDER = 'esco-welder';
const PIPE_WELDER = 'esco-pipe-welder';
const COOK = 'esco-cook';

// A welder is broader than a pipe welder: related occupations.
const graph = occupationGraph(
  [[PIPE_WELDER, WELDER]],
  [
    ['t-teamwork', 'g-social'],
    ['t-communicate', 'g-social'],
  ],
);

function seeker(userId: string, over: Partial<SeekerRecord> = {}): SeekerRecord {
  return {
    userId,
    nationality: 'NP',
    visibleIn: ['AE'],
    visibleTo: ['employer', 'recruitment_agency'],
    destinations: ['AE'],
    availableFrom: null,
    occupations: [{ escoId: WELDER, iscoCode: '7212' }],
    experience: [],
    skills: ['s-arc', 's-gas', 's-blueprint'],
    languages: [{ code: 'en', level: 4 }],
    iscedLevel: 3,
    ...over,
  };
}

function vacancy(id: string, over: Partial<VacancyRecord> = {}): VacancyRecord {
  return {
    id,
    number: Number(id.replace(/\D/g, '')) || 1,
    employerId: 'employer-1',
    agencyId: null,
    originCountry: 'NP',
    destinationCountry: 'AE',
    occupation: { escoId: WELDER, iscoCode: '7212' },
    essentialSkills: ['s-arc', 's-gas', 's-blueprint', 's-safety', 't-teamwork'],
    optionalSkills: ['s-tig'],
    languages: [{ code: 'en', level: 4 }],
    minIscedLevel: 3,
    experienceMonths: 24,
    deadline: '2027-03-01',
    publishedAt: '2026-12-01T10:00:00Z',
    ...over,
  };
}

function index(today = '2026-12-04') {
  return new MatchIndex({ graph, today: () => today });
}

describe('MatchIndex', () => {
  it('ranks the same occupation over a related one over the same minor group, with reasons', () => {
    const ix = index();
    ix.upsertVacancy(vacancy('v1'));
    ix.upsertSeeker(seeker('same'));
    ix.upsertSeeker(
      seeker('related', { occupations: [{ escoId: PIPE_WELDER, iscoCode: '7212' }] }),
    );
    ix.upsertSeeker(seeker('minor', { occupations: [{ escoId: 'esco-sheet', iscoCode: '7213' }] }));
    ix.upsertSeeker(seeker('cook', { occupations: [{ escoId: COOK, iscoCode: '5120' }] }));
    const ranked = ix.candidates('v1', { viewerKind: 'employer' });
    expect(ranked.results.map((r) => r.userId)).toEqual(['same', 'related', 'minor']);
    expect(ranked.total).toBe(3);
    const best = ranked.results[0]!;
    expect(best.reasons).toContainEqual({
      code: 'essentialSkills',
      have: 3,
      of: 5,
      missing: ['s-safety', 't-teamwork'],
    });
    expect(best.reasons).toContainEqual({ code: 'language', language: 'en', required: 4, have: 4 });
    expect(best.reasons[0]).toMatchObject({ code: 'occupation', fit: 'same', escoId: WELDER });
  });

  it('lets only consenting people of the vacancy origin take part, per kind of organisation', () => {
    const ix = index();
    ix.upsertVacancy(vacancy('v1'));
    ix.upsertSeeker(seeker('private', { visibleIn: [] }));
    ix.upsertSeeker(seeker('elsewhere', { visibleIn: ['QA'] }));
    ix.upsertSeeker(seeker('agencies-only', { visibleTo: ['recruitment_agency'] }));
    ix.upsertSeeker(seeker('other-origin', { nationality: 'BD' }));
    ix.upsertSeeker(seeker('ok'));
    expect(ix.candidates('v1', { viewerKind: 'employer' }).results.map((r) => r.userId)).toEqual([
      'ok',
    ]);
    expect(
      ix.candidates('v1', { viewerKind: 'recruitment_agency' }).results.map((r) => r.userId),
    ).toEqual(['agencies-only', 'ok']);
  });

  it('withdrawal takes effect at the next question; removal too', () => {
    const ix = index();
    ix.upsertVacancy(vacancy('v1'));
    ix.upsertSeeker(seeker('a'));
    expect(ix.candidates('v1', { viewerKind: 'employer' }).total).toBe(1);
    ix.upsertSeeker(seeker('a', { visibleIn: [] }));
    expect(ix.candidates('v1', { viewerKind: 'employer' }).total).toBe(0);
    ix.upsertSeeker(seeker('a'));
    ix.removeSeeker('a');
    expect(ix.candidates('v1', { viewerKind: 'employer' }).total).toBe(0);
  });

  it('gives a person the open vacancies of their origin, newest first among equals', () => {
    const ix = index();
    ix.upsertSeeker(seeker('a'));
    ix.upsertVacancy(vacancy('v1', { publishedAt: '2026-11-01T00:00:00Z' }));
    ix.upsertVacancy(vacancy('v2', { publishedAt: '2026-12-01T00:00:00Z' }));
    ix.upsertVacancy(vacancy('v3', { deadline: '2026-12-01' }));
    ix.upsertVacancy(vacancy('v4', { originCountry: 'BD' }));
    ix.upsertVacancy(vacancy('v5', { agencyId: 'agency-x' }));
    ix.upsertVacancy(vacancy('v6', { occupation: { escoId: COOK, iscoCode: '5120' } }));
    ix.setLicensedAgencies([]);
    const ranked = ix.vacancies('a', {});
    expect(ranked.results.map((r) => r.vacancyId)).toEqual(['v2', 'v1']);
    ix.setLicensedAgencies(['agency-x']);
    expect(ix.vacancies('a', {}).total).toBe(3);
    expect(ix.vacancies('a', { destinations: ['QA'] }).total).toBe(0);
  });

  it('says how a person compares and what would help, without others', () => {
    const ix = index();
    ix.upsertVacancy(vacancy('v1', { languages: [{ code: 'fr', level: 4 }] }));
    ix.upsertSeeker(seeker('a', { languages: [{ code: 'fr', level: 3 }], iscedLevel: 2 }));
    const result = ix.compare('a', 'v1')!;
    expect(result.eligible).toBe(true);
    expect(result.likelihood).not.toBe('likely');
    expect(result.reasons).toContainEqual({
      code: 'language',
      language: 'fr',
      required: 4,
      have: 3,
    });
    expect(result.improvements).toEqual([
      { code: 'language', language: 'fr', level: 4 },
      { code: 'education', level: 3 },
      { code: 'skill', skillId: 's-safety' },
      { code: 'skill', skillId: 't-teamwork' },
      { code: 'experience', months: 24 },
    ]);
  });

  it('counts a transversal skill of the same group in part, and experience in the occupation', () => {
    const ix = index();
    ix.upsertVacancy(vacancy('v1'));
    ix.upsertSeeker(seeker('plain'));
    ix.upsertSeeker(
      seeker('sibling', { skills: ['s-arc', 's-gas', 's-blueprint', 't-communicate'] }),
    );
    ix.upsertSeeker(
      seeker('experienced', {
        experience: [{ escoId: PIPE_WELDER, iscoCode: '7212', months: 30 }],
      }),
    );
    const ranked = ix.candidates('v1', { viewerKind: 'employer' }).results;
    const score = (id: string) => ranked.find((r) => r.userId === id)!.score;
    expect(score('sibling')).toBeGreaterThan(score('plain'));
    expect(score('experienced')).toBeGreaterThan(score('plain'));
    expect(ranked.find((r) => r.userId === 'experienced')!.reasons).toContainEqual({
      code: 'experience',
      requiredMonths: 24,
      months: 30,
    });
  });

  it('a person from another origin compares as not eligible; an unknown vacancy as null', () => {
    const ix = index();
    ix.upsertVacancy(vacancy('v1'));
    ix.upsertSeeker(seeker('a', { nationality: 'BD' }));
    expect(ix.compare('a', 'v1')).toMatchObject({ eligible: false, ineligibleReason: 'origin' });
    expect(ix.compare('a', 'nope')).toBeNull();
    expect(ix.compare('nobody', 'v1')).toMatchObject({ eligible: true, likelihood: 'unlikely' });
  });

  it('pages and filters by likelihood; a changed vacancy is re-ranked', () => {
    const ix = index();
    ix.upsertVacancy(vacancy('v1'));
    for (let i = 0; i < 30; i++) ix.upsertSeeker(seeker(`p${String(i).padStart(2, '0')}`));
    const first = ix.candidates('v1', { viewerKind: 'employer', limit: 20 });
    const second = ix.candidates('v1', { viewerKind: 'employer', limit: 20, offset: 20 });
    expect(first.results).toHaveLength(20);
    expect(second.results).toHaveLength(10);
    const ids = new Set([...first.results, ...second.results].map((r) => r.userId));
    expect(ids.size).toBe(30);
    expect(ix.candidates('v1', { viewerKind: 'employer', likelihood: ['likely'] }).total).toBe(0);
    ix.upsertVacancy(vacancy('v1', { occupation: { escoId: COOK, iscoCode: '5120' } }));
    expect(ix.candidates('v1', { viewerKind: 'employer' }).total).toBe(0);
  });
});
