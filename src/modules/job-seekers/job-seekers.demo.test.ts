import { describe, expect, it } from 'vitest';
import { homeAndStay } from './job-seekers.demo.js';

/** The demo's home regions and intended stays: deterministic, of the nationality, when saved. */
describe('homeAndStay', () => {
  const subdivisions = new Map([
    ['NP', ['NP-P1', 'NP-P2', 'NP-P3', 'NP-P4', 'NP-P5', 'NP-P6', 'NP-P7']],
    ['KE', ['KE-01', 'KE-30']],
  ]);
  const complete = ['bio', 'destinations'];

  it('picks a first-level subdivision of the nationality, the same every time', () => {
    for (let index = 0; index < 200; index += 1) {
      const nepali = homeAndStay(index, { nationality: 'NP', steps_saved: complete }, subdivisions);
      expect(subdivisions.get('NP')).toContain(nepali.home_subdivision);
      expect(
        homeAndStay(index, { nationality: 'NP', steps_saved: complete }, subdivisions),
      ).toEqual(nepali);
    }
    const picked = new Set(
      Array.from(
        { length: 200 },
        (_, index) =>
          homeAndStay(index, { nationality: 'NP', steps_saved: complete }, subdivisions)
            .home_subdivision,
      ),
    );
    expect(picked.size).toBe(7);
  });

  it('gives every band and some "don’t know yet", only with the destinations saved', () => {
    const stays = Array.from(
      { length: 300 },
      (_, index) =>
        homeAndStay(index, { nationality: 'KE', steps_saved: complete }, subdivisions)
          .intended_stay,
    );
    expect(new Set(stays)).toEqual(new Set(['0-6', '7-12', '13-24', '25-36', '37+', null]));
    expect(
      homeAndStay(3, { nationality: 'KE', steps_saved: ['bio'] }, subdivisions).intended_stay,
    ).toBeNull();
  });

  it('gives no region without saved personal details, a nationality or its subdivisions', () => {
    expect(homeAndStay(1, { nationality: 'NP', steps_saved: [] }, subdivisions)).toMatchObject({
      home_subdivision: null,
    });
    expect(
      homeAndStay(1, { nationality: null, steps_saved: complete }, subdivisions),
    ).toMatchObject({ home_subdivision: null });
    expect(
      homeAndStay(1, { nationality: 'EG', steps_saved: complete }, subdivisions),
    ).toMatchObject({ home_subdivision: null });
  });
});
