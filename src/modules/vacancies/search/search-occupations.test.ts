import { describe, expect, it } from 'vitest';
import {
  namedBy,
  OccupationNamer,
  type OccupationCoding,
  type OccupationCodingHit,
  type OccupationMatchReason,
} from './search-occupations.js';

const NURSE = 'nurse-general-care';
const SPECIALIST = 'specialist-nurse';
const ASSISTANT = 'nurse-assistant';

function hit(
  occupationId: string | null,
  iscoCode: string | null,
  why: Partial<OccupationMatchReason> = {},
): OccupationCodingHit {
  return {
    occupationId,
    iscoCode,
    matchedLabel: occupationId ?? iscoCode ?? '',
    matchedLanguage: 'en',
    why: { kind: 'words', matchedWords: ['nurse'], unmatchedWords: [], ...why },
  };
}

describe('namedBy: the unit group most hits that cover the query vote for', () => {
  it('takes the group with the most votes, even over a closer label of another group', () => {
    // "infirmier": a Romanian label of the nursing assistants first, then three nurses.
    expect(
      namedBy([
        hit(ASSISTANT, '5321', { kind: 'exact' }),
        hit('anaesthetist', '3259'),
        hit(SPECIALIST, '2221'),
        hit(NURSE, '2221'),
      ]),
    ).toMatchObject({
      iscoCode: '2221',
      occupationIds: [SPECIALIST, NURSE],
      occupationId: SPECIALIST,
    });
    // Corrected typos count as matched words.
    expect(
      namedBy([
        hit(NURSE, '2221', { kind: 'spelling', corrected: [{ from: 'nurze', to: 'nurse' }] }),
        hit(SPECIALIST, '2221', { kind: 'spelling' }),
      ]),
    ).toMatchObject({ iscoCode: '2221', why: { corrected: [{ from: 'nurze', to: 'nurse' }] } });
  });

  it('breaks a tie by the better-ranked hit; one vote is enough only for an exact label', () => {
    expect(
      namedBy([
        hit('electrician', '7411', { kind: 'exact' }),
        hit('van-electrician', '7412'),
        hit('building-electrician', '7411'),
        hit('ship-electrician', '7412'),
      ]),
    ).toMatchObject({ iscoCode: '7411', occupationIds: ['electrician', 'building-electrician'] });
    expect(namedBy([hit('cook', '5120', { kind: 'exact' }), hit('pizza', '9411')])).toMatchObject({
      iscoCode: '5120',
    });
    expect(namedBy([hit(NURSE, '2221')])).toBeNull();
    expect(namedBy([hit('bus', '8331'), hit('taxi', '8322'), hit('lorry', '8332')])).toBeNull();
  });

  it('counts only hits that account for every word, whole words', () => {
    expect(
      namedBy([
        hit(NURSE, '2221', { kind: 'exact', unmatchedWords: ['dubai'] }),
        hit(SPECIALIST, '2221', { unmatchedWords: ['dubai'] }),
      ]),
    ).toBeNull();
    expect(
      namedBy([
        hit(NURSE, '2221', { kind: 'partial' }),
        hit(SPECIALIST, '2221', { kind: 'partial' }),
      ]),
    ).toBeNull();
    expect(namedBy([])).toBeNull();
    // A hit without a unit group cannot be searched by.
    expect(namedBy([hit(NURSE, null, { kind: 'exact' })])).toBeNull();
  });

  it('an ISCO unit group named by its own title is searched as that group', () => {
    expect(namedBy([hit(null, '7512', { kind: 'exact' })])).toMatchObject({
      occupationIds: [],
      iscoCode: '7512',
    });
  });
});

describe('OccupationNamer', () => {
  it('asks the coder once per query, whatever its case and spaces', () => {
    let calls = 0;
    const coding: OccupationCoding = {
      search: () => {
        calls += 1;
        return [hit(NURSE, '2221', { kind: 'exact' })];
      },
      hasWord: () => true,
      suggestWord: () => null,
    };
    const namer = new OccupationNamer(coding);
    expect(namer.name('Nurse')?.occupationIds).toEqual([NURSE]);
    expect(namer.name(' nurse ')?.occupationIds).toEqual([NURSE]);
    expect(calls).toBe(1);
    expect(namer.name('   ')).toBeNull();
    expect(calls).toBe(1);
  });
});
