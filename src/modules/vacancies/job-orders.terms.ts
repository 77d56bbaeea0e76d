import type { FieldProblem } from '../../platform/http/problem.js';
import type { ReferenceService } from '../reference/reference.service.js';
import type { JobOrdersRepository, VacancyTerms } from './job-orders.repository.js';
import type { JobOrderInput } from './job-orders.schemas.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Checks every code of a job order against reference data and gives the terms to write, or
 * the field problems (all of them at once, so that a form shows every mistake together).
 */
export async function resolveTerms(
  input: JobOrderInput,
  parties: { employerId: string; agencyId: string | null; originCountry: string },
  deps: { reference: ReferenceService; repository: JobOrdersRepository },
): Promise<{ terms: VacancyTerms; problems: FieldProblem[] }> {
  const { reference, repository } = deps;
  const problems: FieldProblem[] = [];
  const problem = (pointer: string, detail: string) => problems.push({ pointer, detail });

  const [destination, origin, currency, language] = await Promise.all([
    reference.getCountry(input.destinationCountry),
    reference.getCountry(parties.originCountry),
    reference.getCurrency(input.wage.currency),
    reference.getLanguage(input.language),
  ]);
  if (!destination) problem('/destinationCountry', 'jobOrders.errors.chooseDestination');
  if (!origin) problem('/originCountry', 'jobOrders.errors.chooseOrigin');
  if (!currency) problem('/wage/currency', 'jobOrders.errors.unknownCurrency');
  if (!language) problem('/language', 'jobOrders.errors.chooseLanguage');
  if (destination && input.destinationSubdivision) {
    const subdivisions = await reference.listSubdivisions(input.destinationCountry);
    if (!subdivisions.some((item) => item.code === input.destinationSubdivision)) {
      problem('/destinationSubdivision', 'jobOrders.errors.unknownSubdivision');
    }
  }

  let occupationId: string | null = null;
  let iscoCode = '';
  if (UUID.test(input.occupation)) {
    const occupation = await reference.getOccupation(input.occupation.toLowerCase());
    if (occupation) {
      occupationId = occupation.id;
      iscoCode = occupation.iscoUnitGroup.code;
    }
  } else {
    const group = await reference.getIscoGroup(input.occupation);
    if (group && group.code.length === 4) iscoCode = group.code;
  }
  if (!iscoCode) problem('/occupation', 'jobOrders.errors.unknownOccupation');

  const skillIds = [...new Set(input.skills.map((skill) => skill.skillId.toLowerCase()))];
  const known = await repository.knownSkills(skillIds);
  if (skillIds.some((id) => !known.has(id))) problem('/skills', 'jobOrders.errors.unknownSkill');

  if (input.minEducation && !(await repository.iscedLevelExists(input.minEducation))) {
    problem('/minEducation', 'jobOrders.errors.unknownEducation');
  }
  const languageCodes = input.languages.map((item) => item.language);
  if (new Set(languageCodes).size !== languageCodes.length) {
    problem('/languages', 'jobOrders.errors.duplicateLanguage');
  }
  const unknownLanguages = await Promise.all(
    [...languageCodes, ...input.translations.map((item) => item.language)].map(
      async (code) => (await reference.getLanguage(code)) === null,
    ),
  );
  if (unknownLanguages.some(Boolean)) problem('/languages', 'jobOrders.errors.chooseLanguage');
  const translated = input.translations.map((item) => item.language);
  if (translated.includes(input.language) || new Set(translated).size !== translated.length) {
    problem('/translations', 'jobOrders.errors.duplicateTranslation');
  }

  const terms: VacancyTerms = {
    employerId: parties.employerId,
    agencyId: parties.agencyId,
    originCountry: parties.originCountry,
    destinationCountry: input.destinationCountry,
    destinationSubdivision: input.destinationSubdivision ?? null,
    occupationId,
    iscoCode,
    language: input.language,
    title: input.title,
    description: input.description,
    minEducation: input.minEducation ?? null,
    experienceMonths: input.experienceMonths,
    positions: input.positions,
    contractMonths: input.contractMonths,
    wage: input.wage,
    hoursPerWeek: input.hoursPerWeek,
    benefits: { ...input.benefits, note: input.benefits.note ?? null },
    applicationDeadline: input.applicationDeadline,
    skills: input.skills
      .filter((skill, index, all) => all.findIndex((s) => s.skillId === skill.skillId) === index)
      .map((skill) => ({ skillId: skill.skillId.toLowerCase(), essential: skill.essential })),
    languages: input.languages,
    translations: input.translations,
  };
  return { terms, problems };
}
