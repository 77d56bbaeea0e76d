import { describe, expect, it } from 'vitest';
import { mrzLines, readMrz, type MrzReading } from './mrz.js';
import { ICAO_TD1, ICAO_TD2, ICAO_TD3, td3 } from './testing/mrz-specimens.js';

const ALPHA2: Record<string, string> = { KEN: 'KE', FRA: 'FR', NPL: 'NP', GBR: 'GB', DEU: 'DE' };
const options = {
  // Utopia is the specimens' country; here it reads as Kenya, to see the rest of the reading.
  alpha2: (alpha3: string) => (alpha3 === 'UTO' ? 'KE' : ALPHA2[alpha3]),
  today: '2026-12-04',
};
const read = (lines: string[] | string) =>
  readMrz(Array.isArray(lines) ? lines.join('\n') : lines, options);
const errorKeys = (reading: MrzReading) => (reading.ok ? [] : reading.errors.map((e) => e.key));

/** The line with one character replaced. */
const swap = (line: string, index: number, char: string) =>
  line.slice(0, index) + char + line.slice(index + 1);

describe('the ICAO 9303 specimens', () => {
  it('reads the TD3 passport', () => {
    expect(read(ICAO_TD3)).toEqual({
      ok: true,
      document: {
        documentType: 'passport',
        number: 'L898902C3',
        issuingCountry: 'KE',
        expiryDate: '2012-04-15',
        shown: {
          surname: 'ERIKSSON',
          givenNames: 'ANNA MARIA',
          dateOfBirth: '1974-08-12',
          sex: 'female',
          nationality: 'KE',
        },
      },
    });
  });

  it('reads the TD1 identity card', () => {
    const reading = read(ICAO_TD1);
    expect(reading.ok && reading.document).toMatchObject({
      documentType: 'national_id',
      number: 'D23145890',
      expiryDate: '2012-04-15',
      shown: { surname: 'ERIKSSON', givenNames: 'ANNA MARIA', dateOfBirth: '1974-08-12' },
    });
  });

  it('reads the TD2 identity card', () => {
    const reading = read(ICAO_TD2);
    expect(reading.ok && reading.document).toMatchObject({
      documentType: 'national_id',
      number: 'D23145890',
      issuingCountry: 'KE',
      expiryDate: '2012-04-15',
    });
  });

  it('names Utopia as a country it does not know', () => {
    const reading = readMrz(ICAO_TD3.join('\n'), { ...options, alpha2: (code) => ALPHA2[code] });
    expect(reading).toEqual({ ok: false, errors: [{ key: 'country', values: { code: 'UTO' } }] });
  });
});

describe('a wrong check digit is named', () => {
  const [td3first = '', td3second = ''] = ICAO_TD3;
  it.each([
    ['document number', 9, 'checkDigit.documentNumber'],
    ['date of birth', 19, 'checkDigit.birthDate'],
    ['expiry date', 27, 'checkDigit.expiryDate'],
    ['personal number', 42, 'checkDigit.optionalData'],
    ['composite', 43, 'checkDigit.composite'],
  ])('TD3: the %s check digit', (_name, index, key) => {
    const digit = td3second.charAt(index) === '3' ? '4' : '3';
    const reading = read([td3first, swap(td3second, index, digit)]);
    // Every check digit but the composite's is inside the composite: it fails too.
    expect(errorKeys(reading)).toEqual(
      key === 'checkDigit.composite' ? [key] : [key, 'checkDigit.composite'],
    );
  });

  it('TD3: a changed number fails its own digit and the composite', () => {
    const reading = read([td3first, swap(td3second, 0, 'M')]);
    expect(errorKeys(reading)).toEqual(['checkDigit.documentNumber', 'checkDigit.composite']);
  });

  it.each([
    ['document number', 0, 14, 'checkDigit.documentNumber'],
    ['date of birth', 1, 6, 'checkDigit.birthDate'],
    ['expiry date', 1, 14, 'checkDigit.expiryDate'],
    ['composite', 1, 29, 'checkDigit.composite'],
  ])('TD1: the %s check digit', (_name, line, index, key) => {
    const lines = [...ICAO_TD1];
    lines[line] = swap(lines[line] ?? '', index, lines[line]?.charAt(index) === '3' ? '4' : '3');
    expect(errorKeys(read(lines))).toContain(key);
    expect(errorKeys(read(lines))[0]).toBe(key);
  });

  it.each([
    ['document number', 9, 'checkDigit.documentNumber'],
    ['date of birth', 19, 'checkDigit.birthDate'],
    ['expiry date', 27, 'checkDigit.expiryDate'],
    ['composite', 35, 'checkDigit.composite'],
  ])('TD2: the %s check digit', (_name, index, key) => {
    const [first = '', second = ''] = ICAO_TD2;
    const reading = read([first, swap(second, index, second.charAt(index) === '3' ? '4' : '3')]);
    expect(errorKeys(reading)[0]).toBe(key);
  });
});

describe('pasted text', () => {
  it('takes lower case, spaces, CR LF, blank lines, tabs and trailing spaces', () => {
    const [first = '', second = ''] = ICAO_TD3;
    const pasted = `\r\n  ${first.toLowerCase()}  \r\n\r\n\t${second.slice(0, 20)} ${second.slice(20)}   \r\n`;
    expect(read(pasted)).toEqual(read(ICAO_TD3));
  });

  it('reads « ‹ ＜ and other marks as the filler <', () => {
    const [first = '', second = ''] = ICAO_TD3;
    const pasted = [first.replace('<<ANNA', '«‹ANNA').replace(/<<<$/, '＜≺˂'), second];
    expect(mrzLines(pasted.join('\n'))).toEqual(ICAO_TD3);
    expect(read(pasted).ok).toBe(true);
  });

  it('reads Cyrillic look-alike capitals and other scripts’ digits as Latin ones', () => {
    const [first = '', second = ''] = ICAO_TD3;
    expect(
      mrzLines(`${first.replace('ERIKSSON', 'ЕRIKSSОN')}\n${second.replace('74', '٧٤')}`),
    ).toEqual(ICAO_TD3);
  });

  it('splits lines that were pasted as one', () => {
    expect(read(ICAO_TD1.join(''))).toEqual(read(ICAO_TD1));
    expect(read(ICAO_TD3.join(' '))).toEqual(read(ICAO_TD3));
  });

  it.each([
    ['', ['empty']],
    [' \n \r\n ', ['empty']],
    ['hello world', ['lineLength']],
    ['x'.repeat(401), ['tooLong']],
  ])('refuses %j', (text, keys) => {
    expect(errorKeys(read(text))).toEqual(keys);
  });

  it('names a line of the wrong length', () => {
    const [first = '', second = ''] = ICAO_TD3;
    expect(read([first.slice(1), second])).toEqual({
      ok: false,
      errors: [{ key: 'lineLength', values: { line: 1, length: 43 } }],
    });
    expect(read([first, `${second}<`])).toEqual({
      ok: false,
      errors: [{ key: 'lineLengthDiffers', values: { line: 2, length: 45, expected: 44 } }],
    });
  });

  it('names a missing or extra line', () => {
    expect(read(ICAO_TD1.slice(0, 2))).toEqual({
      ok: false,
      errors: [{ key: 'lineCount', values: { count: 2, expected: 3, length: 30 } }],
    });
    expect(errorKeys(read([...ICAO_TD3, ICAO_TD3[1] ?? '']))).toEqual(['lineCount']);
  });

  it('names a line with characters that are not in an MRZ', () => {
    const [first = '', second = ''] = ICAO_TD3;
    expect(read([first.replace('ANNA', 'ÄNNA'), second])).toEqual({
      ok: false,
      errors: [{ key: 'characters', values: { line: 1 } }],
    });
  });
});

describe('documents', () => {
  it('refuses a visa', () => {
    expect(errorKeys(read(td3({ code: 'V' })))).toEqual(['visa']);
    const mrvB = ['V<KENWANJIKU<<GRACE<<<<<<<<<<<<<<<<<', 'AK12345678KEN9003152F3401011<<<<<<<<'];
    expect(errorKeys(read(mrvB))).toEqual(['visa']);
  });

  it('reads D as Germany and the British codes as the United Kingdom', () => {
    const german = read(td3({ country: 'D', number: 'C01X00T47' }));
    expect(german.ok && german.document.issuingCountry).toBe('DE');
    for (const code of ['GBD', 'GBN', 'GBO', 'GBP', 'GBS']) {
      const british = read(td3({ country: code }));
      expect(british.ok && british.document.issuingCountry).toBe('GB');
    }
  });

  it.each(['UNO', 'UNA', 'UNK', 'XXA', 'XXB', 'XXC', 'XXX', 'EUE'])(
    'refuses %s as an issuing country, naming it',
    (code) => {
      expect(read(td3({ country: code }))).toEqual({
        ok: false,
        errors: [{ key: 'country', values: { code } }],
      });
    },
  );

  it('reads a passport with a year of birth in this century and a future expiry', () => {
    const reading = read(td3({ country: 'NPL', birth: '050229', expiry: '350101' }));
    expect(reading.ok && reading.document).toMatchObject({
      issuingCountry: 'NP',
      expiryDate: '2035-01-01',
      shown: { dateOfBirth: null },
    });
    const born = read(td3({ birth: '040229', expiry: '991231' }));
    expect(born.ok && born.document).toMatchObject({
      expiryDate: '2099-12-31',
      shown: { dateOfBirth: '2004-02-29', surname: 'WANJIKU', givenNames: 'GRACE AKINYI' },
    });
  });

  it('leaves an unknown day and month of birth unshown', () => {
    const reading = read(td3({ birth: '90<<<<' }));
    expect(reading.ok && reading.document.shown.dateOfBirth).toBeNull();
  });

  it('refuses an expiry date that is no date', () => {
    expect(errorKeys(read(td3({ expiry: '341301' })))).toEqual(['expiryDate']);
  });

  it('reads the French identity card, which has no expiry date', () => {
    const french = ['IDFRABERTHIER<<<<<<<<<<<<<<<<<<<<<<<', '8806923102858CORINNE<<<<<<<6512068F6'];
    const reading = read(french);
    expect(reading.ok && reading.document).toMatchObject({
      documentType: 'national_id',
      number: '880692310285',
      issuingCountry: 'FR',
      expiryDate: null,
      shown: { surname: 'BERTHIER', givenNames: 'CORINNE', dateOfBirth: '1965-12-06' },
    });
  });
});
