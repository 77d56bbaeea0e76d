import { afterAll, describe, expect, it } from 'vitest';
import { inlinePortLazy, workerPool, workerPort, type IndexPort } from './index-port.js';
import type { SeekerRecord, VacancyRecord } from './matching.types.js';

const seeker: SeekerRecord = {
  userId: 'u1',
  nationality: 'NP',
  visibleIn: ['AE'],
  visibleTo: ['employer'],
  destinations: [],
  availableFrom: null,
  // ESCO "welder" (7212), from the shipped data.
  occupations: [{ escoId: 'e3b2a2a6-51b4-4d0d-a7b4-8c1d1a4f4b9e', iscoCode: '7212' }],
  experience: [],
  skills: [],
  languages: [],
  iscedLevel: null,
};

const vacancy: VacancyRecord = {
  id: 'v1',
  number: 7,
  employerId: 'e1',
  agencyId: null,
  originCountry: 'NP',
  destinationCountry: 'AE',
  occupation: { escoId: null, iscoCode: '7212' },
  essentialSkills: [],
  optionalSkills: [],
  languages: [],
  minIscedLevel: null,
  experienceMonths: 0,
  deadline: '2099-01-01',
  publishedAt: '2026-12-01T00:00:00Z',
};

const ports: IndexPort[] = [];
afterAll(async () => {
  for (const port of ports) await port.close();
});

describe.each([
  ['worker thread', () => workerPort(undefined, '2026-12-04')],
  ['two worker threads', () => workerPool(undefined, '2026-12-04', 2)],
  ['this thread', () => inlinePortLazy(undefined, '2026-12-04')],
])('the index behind a port (%s)', (_, make) => {
  it('answers in order: changes, then questions', async () => {
    const port = make();
    ports.push(port);
    await port.apply({ seekers: [seeker], vacancies: [vacancy] });
    const ranked = await port.candidates('v1', { viewerKind: 'employer' });
    expect(ranked.results.map((r) => r.userId)).toEqual(['u1']);
    expect(ranked.results[0]!.reasons[0]).toMatchObject({ code: 'occupation', fit: 'unit' });
    expect(await port.vacancy(7)).toEqual(vacancy);
    expect((await port.vacancies('u1', {})).total).toBe(1);
    await port.apply({ removeSeekers: ['u1'] });
    expect((await port.candidates('v1', { viewerKind: 'employer' })).total).toBe(0);
    expect(await port.stats()).toMatchObject({ seekers: 0, vacancies: 1 });
  });

  it('a failing question is an error of that question, not of the port', async () => {
    const port = make();
    ports.push(port);
    await expect(
      port.apply({ seekers: [{ ...seeker, visibleTo: null as never }] }),
    ).rejects.toThrow();
    await port.apply({ vacancies: [vacancy] });
    expect(await port.vacancy(7)).not.toBeNull();
  });
});
