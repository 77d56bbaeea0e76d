import { describe, expect, it } from 'vitest';
import {
  parseCefr,
  parseCountries,
  parseCurrencies,
  parseIscedFields,
  parseLanguages,
  parseSubdivisions,
  SourceDataError,
} from './reference.sources.js';

const COUNTRY_HEADER =
  'alpha2,alpha3,numeric,state,name_iso,name_en,name_fr,name_es,name_ar,name_ru,name_zh,name_pt,name_de';

describe('parseCountries', () => {
  it('reads codes and a name per language, skipping empty names', () => {
    const text = `${COUNTRY_HEADER}\nCD,COD,180,assigned,"Congo, Democratic Republic of the",DR Congo,RD Congo,RD Congo,الكونغو,,,,\n`;
    const { countries, names } = parseCountries(text);
    expect(countries).toEqual([
      {
        code: 'CD',
        alpha3: 'COD',
        numericCode: '180',
        nameIso: 'Congo, Democratic Republic of the',
      },
    ]);
    expect(names.map((name) => name.language)).toEqual(['en', 'fr', 'es', 'ar']);
  });

  it('refuses a malformed code', () => {
    expect(() => parseCountries(`${COUNTRY_HEADER}\nFRA,FRA,250,a,France,,,,,,,,\n`)).toThrow(
      SourceDataError,
    );
  });
});

describe('parseSubdivisions', () => {
  it('puts parents before children and gives top-level ones no parent', () => {
    const rows = parseSubdivisions('code,parent,name\nAZ-BAB,AZ-NX,Babək\nAZ-NX,AZ,Naxçıvan\n');
    expect(rows).toEqual([
      { code: 'AZ-NX', countryCode: 'AZ', parentCode: null, name: 'Naxçıvan' },
      { code: 'AZ-BAB', countryCode: 'AZ', parentCode: 'AZ-NX', name: 'Babək' },
    ]);
  });

  it('refuses a parent in another country or missing', () => {
    expect(() => parseSubdivisions('code,parent,name\nAZ-BAB,FR,x\n')).toThrow(
      'outside the country',
    );
    expect(() => parseSubdivisions('code,parent,name\nAZ-BAB,AZ-XX,x\n')).toThrow('unknown parent');
  });
});

describe('parseLanguages', () => {
  const part1 = 'code,name_en,native_name\nfr,French,Français\n';
  const part3 =
    'iso6393,iso6392B,iso6392T,iso6391,name,type,scope\n' +
    'fra,fre,fra,fr,French,living,individual\n' +
    'yue,,,,Yue Chinese,living,individual\n';

  it('keys a language by its ISO 639-1 code when it has one, else by ISO 639-3', () => {
    const rows = parseLanguages(part1, part3);
    expect(rows.map((row) => [row.code, row.iso6393, row.nativeName])).toEqual([
      ['fr', 'fra', 'Français'],
      ['yue', 'yue', null],
    ]);
  });

  it('refuses an ISO 639-1 code that ISO 639-3 does not know', () => {
    expect(() => parseLanguages(`${part1}xx,Unknown,?\n`, part3)).toThrow('xx');
  });
});

describe('parseCurrencies', () => {
  it('reads minor units as a number', () => {
    expect(
      parseCurrencies('code,number,digits,currency,countries\nBHD,048,3,Bahraini Dinar,Bahrain\n'),
    ).toEqual([{ code: 'BHD', numericCode: '048', minorUnits: 3, nameEn: 'Bahraini Dinar' }]);
  });
});

describe('parseIscedFields', () => {
  it('sorts broad, narrow then detailed fields and checks code lengths', () => {
    const header = 'code,level,parent,label_en,description_en,scope_note_en,esco_uri\n';
    const rows = parseIscedFields(
      `${header}0011,detailed,001,basic,,,\n00,broad,,generic,"a, b",,\n001,narrow,00,basic,,,\n`,
    );
    expect(rows.map((row) => [row.code, row.parentCode])).toEqual([
      ['00', null],
      ['001', '00'],
      ['0011', '001'],
    ]);
    expect(() => parseIscedFields(`${header}001,broad,,x,,,\n`)).toThrow('bad broad code');
  });
});

describe('parseCefr', () => {
  it('gives six levels in order and a description per language', () => {
    const { levels, descriptions } = parseCefr(
      'code,rank,user_group,language,name,description\nB1,3,independent,en,Intermediate,x\nA1,1,basic,en,Beginner,y\nA1,1,basic,fr,Débutant,z\n',
    );
    expect(levels.map((level) => level.code)).toEqual(['A1', 'B1']);
    expect(descriptions).toHaveLength(3);
  });
});
