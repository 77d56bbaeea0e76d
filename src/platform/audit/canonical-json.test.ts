import { describe, expect, it } from 'vitest';
import { canonicalJson, toJsonObject } from './canonical-json.js';

describe('canonicalJson', () => {
  it('sorts keys at every level and leaves out whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: null, y: true }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":true,"z":null}]},"b":1}',
    );
  });

  it('keeps the order of arrays', () => {
    expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
  });

  it('gives the same text whatever order the keys were written in', () => {
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });

  it('sorts by UTF-16 code units, as RFC 8785 does', () => {
    // U+20AC (€) sorts after U+1D11E (𝄞, a surrogate pair starting 0xD834) in code points,
    // but before it in UTF-16 code units.
    expect(canonicalJson({ '\u20ac': 1, '\ud834\udd1e': 2, a: 3, B: 4 })).toBe(
      '{"B":4,"a":3,"€":1,"𝄞":2}',
    );
  });

  it('writes numbers and strings as JSON.stringify does', () => {
    expect(canonicalJson({ n: 1e21, f: 0.1, neg: -0, s: 'جواز "x"\n', e: '🧳' })).toBe(
      '{"e":"🧳","f":0.1,"n":1e+21,"neg":0,"s":"جواز \\"x\\"\\n"}',
    );
  });

  it('refuses numbers JSON cannot hold', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
  });
});

describe('toJsonObject', () => {
  it('gives the value a jsonb column will hold', () => {
    expect(
      toJsonObject({ at: new Date(Date.UTC(2026, 0, 2)), gone: undefined, list: [undefined, 1] }),
    ).toEqual({ at: '2026-01-02T00:00:00.000Z', list: [null, 1] });
  });
});
