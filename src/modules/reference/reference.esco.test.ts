import { describe, expect, it } from 'vitest';
import {
  chooseTitle,
  parseEscoOccupations,
  parseEscoSkills,
  parseIscoGroups,
  parseOccupationSkills,
} from './reference.esco.js';

const ISCO =
  'code,level,level_name,parent,title_en,title_fr,title_es,definition_en\n' +
  '0,1,major,,Armed forces occupations,Professions militaires,Ocupaciones militares,"Armed, forces"\n' +
  '01,2,sub-major,0,Officers,Officiers,Oficiales,x\n' +
  '011,3,minor,01,Officers,Officiers,Oficiales,x\n' +
  '0110,4,unit,011,Officers,Officiers,Oficiales,x\n' +
  '2,1,major,,Professionals,Professions intellectuelles,Profesionales,x\n' +
  '22,2,sub-major,2,Health professionals,Spécialistes de la santé,Profesionales de la salud,x\n' +
  '222,3,minor,22,Nursing,Infirmiers,Enfermería,x\n' +
  '2221,4,unit,222,Nursing professionals,Cadres infirmiers,Profesionales de enfermería,x\n';

const NURSE = '11111111-2222-4333-8444-555555555555';
const OCCUPATIONS =
  'conceptType,conceptUri,iscoGroup,preferredLabel,altLabels,hiddenLabels,status,modifiedDate,regulatedProfessionNote,scopeNote,definition,inScheme,description,code\n' +
  `Occupation,http://data.europa.eu/esco/occupation/${NURSE},2221, specialist nurse ,"nurse specialist\n clinical nurse  specialist ",nurce,released,,http://data.europa.eu/esco/regulated-professions/regulated,,,,Cares.,2221.3\n`;
const LABELS =
  'concept_uri,lang,label\n' +
  `http://data.europa.eu/esco/occupation/${NURSE},fr,infirmier spécialisé\n` +
  `http://data.europa.eu/esco/occupation/${NURSE},fr,infirmier spécialisé/infirmière spécialisée\n` +
  `http://data.europa.eu/esco/occupation/${NURSE},fr,infirmière spécialisée\n` +
  `http://data.europa.eu/esco/occupation/${NURSE},en,specialist nurse\n` +
  'http://data.europa.eu/esco/isco/C2221,de,Akademische Krankenpflegefachkräfte\n' +
  'http://data.europa.eu/esco/occupation/99999999-2222-4333-8444-555555555555,en,gone\n';

describe('parseIscoGroups', () => {
  it('keeps codes as strings, armed forces included, parents first', () => {
    const groups = parseIscoGroups(ISCO);
    expect(
      groups.filter((g) => g.code.startsWith('0')).map((g) => [g.code, g.level, g.parentCode]),
    ).toEqual([
      ['0', 1, null],
      ['01', 2, '0'],
      ['011', 3, '01'],
      ['0110', 4, '011'],
    ]);
  });

  it('refuses a parent that does not prefix the code', () => {
    expect(() => parseIscoGroups(ISCO.replace('0110,4,unit,011', '0110,4,unit,012'))).toThrow(
      'parent',
    );
  });
});

describe('chooseTitle', () => {
  it('prefers the shortest masculine/feminine form, else the shortest label', () => {
    expect(
      chooseTitle([
        'infirmier',
        'infirmier spécialisé/infirmière spécialisée',
        'infirmier/infirmière',
      ]),
    ).toBe('infirmier/infirmière');
    expect(chooseTitle(['technik elektronik', 'elektronik'])).toBe('elektronik');
  });
});

describe('parseEscoOccupations', () => {
  const parsed = parseEscoOccupations({
    occupations: OCCUPATIONS,
    multilingualLabels: LABELS,
    iscoGroups: parseIscoGroups(ISCO),
  });

  it('trims labels and keeps preferred, alternative and hidden ones once each', () => {
    expect(parsed.occupations).toEqual([
      {
        id: NURSE,
        code: '2221.3',
        iscoCode: '2221',
        preferredLabelEn: 'specialist nurse',
        descriptionEn: 'Cares.',
        regulated: true,
      },
    ]);
    const english = parsed.groups.find((g) => g.occupationId === NURSE && g.language === 'en');
    const labels = parsed.labels.filter((l) => l.groupId === english?.id);
    expect(labels.map((l) => [l.label, l.isTitle])).toEqual([
      ['specialist nurse', true],
      ['nurse specialist', false],
      ['clinical nurse specialist', false],
      ['nurce', false],
    ]);
  });

  it('groups labels by concept and language, with the distinct words of their search text', () => {
    const french = parsed.groups.find((g) => g.occupationId === NURSE && g.language === 'fr');
    expect(french?.searchWords).toBe('infirmier specialise infirmiere specialisee');
    const title = parsed.labels.find((l) => l.groupId === french?.id && l.isTitle);
    expect(title?.label).toBe('infirmier spécialisé/infirmière spécialisée');
  });

  it('keeps ISCO titles in en, fr and es and the other languages of the labels file', () => {
    const unit = parsed.groups.filter((g) => g.iscoCode === '2221').map((g) => g.language);
    expect(unit.sort()).toEqual(['de', 'en', 'es', 'fr']);
  });

  it('counts the labels of concepts it does not know', () => {
    expect(parsed.skippedLabels).toBe(1);
  });
});

const SKILLS =
  'conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,description\n' +
  'KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/aaaaaaaa-0000-4000-8000-000000000001,skill/competence,cross-sector,use Python,"Python programming",Writes code.\n' +
  'KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/aaaaaaaa-0000-4000-8000-000000000002,skill/competence knowledge,sector-specific,types of wood materials,,\n' +
  'KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/aaaaaaaa-0000-4000-8000-000000000003,skill/competence,sector-specific,,,\n';

describe('parseEscoSkills', () => {
  const { skills, labels } = parseEscoSkills(SKILLS);

  it('keeps every skill, a label-less one without labels, and reads a double type as knowledge', () => {
    expect(skills.map((s) => [s.skillType, s.preferredLabelEn])).toEqual([
      ['skill/competence', 'use Python'],
      ['knowledge', 'types of wood materials'],
      ['skill/competence', null],
    ]);
    expect(labels.map((l) => [l.label, l.isTitle])).toEqual([
      ['use Python', true],
      ['Python programming', false],
      ['types of wood materials', true],
    ]);
  });
});

describe('parseOccupationSkills', () => {
  it('resolves skill labels, keeps "essential" for a pair listed twice and counts the rest', () => {
    const result = parseOccupationSkills({
      relations:
        'occupation_id,relation,skill_label\n' +
        `${NURSE},optional,Python programming\n` +
        `${NURSE},essential,Python programming\n` +
        `${NURSE},optional,types of wood materials\n` +
        `${NURSE},essential,no such skill\n`,
      skillLabelToId:
        'skill_label,skill_id\nPython programming,aaaaaaaa-0000-4000-8000-000000000001\nno such skill,\n',
      skills: parseEscoSkills(SKILLS).skills,
      occupationIds: new Set([NURSE]),
    });
    expect(result.relations).toBe(4);
    expect(result.resolved).toBe(3);
    expect(result.rows.map((row) => [row.skillId.slice(-1), row.relation])).toEqual([
      ['1', 'essential'],
      ['2', 'optional'],
    ]);
  });
});
