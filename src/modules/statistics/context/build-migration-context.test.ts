import { describe, expect, it } from 'vitest';
import { convert, referenceNames } from '../../../../scripts/build-migration-context.js';

// scripts/build-migration-context.ts: World Bank names to ISO codes, and the direction.
const names = referenceNames(
  'alpha2,alpha3,numeric,state,name_iso,name_en\n' +
    'NP,NPL,524,assigned,Nepal,Nepal\n' +
    'QA,QAT,634,assigned,Qatar,Qatar\n' +
    'PH,PHL,608,assigned,Philippines,Philippines\n' +
    'SA,SAU,682,assigned,Saudi Arabia,Saudi Arabia\n' +
    'EG,EGY,818,assigned,Egypt,Egypt\n',
  'kind,code,lang,name\nregion,US,en,United States\nregion,QA,fr,Qatar\n',
);

describe('build-migration-context convert', () => {
  it('maps reference names and the World Bank spellings, and drops totals and aggregates', () => {
    const result = convert(
      'origin,destination,migrants\n' +
        'Nepal,Qatar,341000\n' +
        '"Egypt, Arab Rep.",Saudi Arabia,2900000\n' +
        'Kosovo,United States,100\n' +
        'Nepal,World,2000000\n' +
        'Nepal,Other South,12\n' +
        'Channel Islands,Nepal,3\n' +
        'Nepal,Nepal,1\n',
      ['origin', 'destination', 'migrants'],
      ['origin', 'destination', 'migrants'],
      names,
    );
    expect(result.csv).toBe(
      'origin,destination,migrants\nNP,QA,341000\nEG,SA,2900000\nXK,US,100\n',
    );
    expect(result.rows).toBe(3);
    expect([...result.aggregates]).toEqual([
      ['World', 1],
      ['Other South', 1],
    ]);
    expect([...result.noIsoCode]).toEqual([['Channel Islands', 1]]);
    expect([...result.sameCountry]).toEqual([['Nepal', 1]]);
  });

  it('writes remittances with the receiving country as origin', () => {
    const result = convert(
      'sending,receiving,usd_millions\nSaudi Arabia,Philippines,3686.3480894332265\nQatar,Nepal,-\n',
      ['receiving', 'sending', 'usd_millions'],
      ['origin', 'destination', 'usd_millions'],
      names,
    );
    expect(result.csv).toBe('origin,destination,usd_millions\nPH,SA,3686.3480894332265\n');
    expect([...result.noValue]).toEqual([['NP,QA', 1]]);
  });

  it('fails on any name it cannot map, listing them all', () => {
    expect(() =>
      convert(
        'origin,destination,migrants\nNepal,Atlantis,1\nLemuria,Qatar,2\n',
        ['origin', 'destination', 'migrants'],
        ['origin', 'destination', 'migrants'],
        names,
      ),
    ).toThrow(/Atlantis; Lemuria/);
  });

  it('fails on a value that is not a number or a repeated pair', () => {
    const cols = ['origin', 'destination', 'migrants'] as const;
    expect(() =>
      convert('origin,destination,migrants\nNepal,Qatar,lots\n', cols, cols, names),
    ).toThrow(/Not a number/);
    expect(() =>
      convert('origin,destination,migrants\nNepal,Qatar,1\nNepal,Qatar,2\n', cols, cols, names),
    ).toThrow(/Two rows for NP,QA/);
  });

  it('leaves out a name two codes share', () => {
    const ambiguous = referenceNames(
      'alpha2,name_iso,name_en\nCG,Congo,Congo\nCD,Congo,Congo\n',
      'kind,code,lang,name\n',
    );
    expect(ambiguous.has('congo')).toBe(false);
  });
});
