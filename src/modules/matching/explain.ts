import type { Improvement, Reason } from './matching.types.js';
import { dateOfDay, iscoText, NONE, NOW, S, seekerLayout, V, type Interners } from './packed.js';
import { FIT, FIT_NAMES, type PairFacts, type Scorer } from './score.js';

const MAX_MISSING = 5;

/** The facts of one evaluated pair as reasons (matching.types.ts), for the presenter. */
export function reasonsOf(
  facts: PairFacts,
  s: Int32Array,
  sAt: number,
  v: Int32Array,
  vAt: number,
  names: Interners,
  scorer: Scorer,
): Reason[] {
  const escoInt = v[vAt + V.esco]!;
  const reasons: Reason[] = [
    {
      code: 'occupation',
      fit: FIT_NAMES[facts.fit]!,
      escoId: escoInt === NONE ? null : (names.occupations.values[escoInt] ?? null),
      iscoCode: iscoText(v[vAt + V.isco]!),
    },
  ];
  if (facts.essentialOf > 0) {
    reasons.push({
      code: 'essentialSkills',
      have: facts.essentialHave,
      of: facts.essentialOf,
      missing: missingEssentials(s, sAt, v, vAt, scorer)
        .slice(0, MAX_MISSING)
        .map((skill) => names.skills.values[skill]!),
    });
  }
  if (facts.optionalOf > 0) {
    reasons.push({ code: 'optionalSkills', have: facts.optionalHave, of: facts.optionalOf });
  }
  for (const language of languageFacts(s, sAt, v, vAt)) {
    reasons.push({
      code: 'language',
      language: names.languages.values[language.language]!,
      required: language.required,
      have: language.have || null,
    });
  }
  const needLevel = v[vAt + V.minIsced]!;
  if (needLevel !== NONE) {
    const level = s[sAt + S.isced]!;
    reasons.push({ code: 'education', required: needLevel, have: level === NONE ? null : level });
  }
  const needMonths = v[vAt + V.experience]!;
  if (needMonths > 0) {
    reasons.push({
      code: 'experience',
      requiredMonths: needMonths,
      months: facts.experienceMonths,
    });
  }
  reasons.push({
    code: 'destination',
    preferred: facts.destinationPreferred,
    country: names.countries.values[v[vAt + V.destination]!]!,
  });
  const available = s[sAt + S.available]!;
  reasons.push({
    code: 'availability',
    availableFrom: available === NOW ? null : dateOfDay(available),
    deadline: dateOfDay(v[vAt + V.deadline]!),
    inTime: facts.availableInTime,
  });
  return reasons;
}

/** The vacancy's essential skills the seeker lacks, transversal ones (learned at work) last. */
function missingEssentials(
  s: Int32Array,
  sAt: number,
  v: Int32Array,
  vAt: number,
  scorer: Scorer,
): number[] {
  const layout = seekerLayout(s, sAt);
  const held = new Set<number>();
  for (let k = 0, n = s[sAt + S.nSkill]!; k < n; k++) held.add(s[layout.skills + k]!);
  const missing: number[] = [];
  for (let i = 0, n = v[vAt + V.nEss]!; i < n; i++) {
    const skill = v[vAt + V.header + i]!;
    if (!held.has(skill)) missing.push(skill);
  }
  const transversal = (skill: number) =>
    skill < scorer.group.length && scorer.group[skill] !== NONE ? 1 : 0;
  return missing.sort((a, b) => transversal(a) - transversal(b));
}

function languageFacts(s: Int32Array, sAt: number, v: Int32Array, vAt: number) {
  const layout = seekerLayout(s, sAt);
  const at = vAt + V.header + v[vAt + V.nEss]! + v[vAt + V.nOpt]!;
  const out: { language: number; required: number; have: number }[] = [];
  for (let i = 0, n = v[vAt + V.nLang]!; i < n; i++) {
    const language = v[at + i * 2]!;
    let have = 0;
    for (let k = 0, m = s[sAt + S.nLang]!; k < m; k++) {
      if (s[layout.langs + k * 2] === language) have = s[layout.langs + k * 2 + 1]!;
    }
    out.push({ language, required: v[at + i * 2 + 1]!, have });
  }
  return out;
}

/**
 * What would raise this seeker's chances for this vacancy, most useful first: the occupation
 * when it does not fit, the languages short, the education short, up to three missing
 * essential skills (transversal ones last: they are learned at work), the experience short.
 * Only the seeker's own profile and the vacancy's requirements: nothing about others.
 */
export function improvementsOf(
  facts: PairFacts,
  s: Int32Array,
  sAt: number,
  v: Int32Array,
  vAt: number,
  names: Interners,
  scorer: Scorer,
): Improvement[] {
  const out: Improvement[] = [];
  if (facts.fit >= FIT.minor) {
    const esco = v[vAt + V.esco]!;
    out.push({
      code: 'occupation',
      escoId: esco === NONE ? null : (names.occupations.values[esco] ?? null),
      iscoCode: iscoText(v[vAt + V.isco]!),
    });
  }
  for (const language of languageFacts(s, sAt, v, vAt)) {
    if (language.have < language.required) {
      out.push({
        code: 'language',
        language: names.languages.values[language.language]!,
        level: language.required,
      });
    }
  }
  if (!facts.educationMet) out.push({ code: 'education', level: v[vAt + V.minIsced]! });
  const missing = missingEssentials(s, sAt, v, vAt, scorer);
  for (const skill of missing.slice(0, 3)) {
    out.push({ code: 'skill', skillId: names.skills.values[skill]! });
  }
  const needMonths = v[vAt + V.experience]!;
  if (needMonths > facts.experienceMonths) {
    out.push({ code: 'experience', months: needMonths - facts.experienceMonths });
  }
  return out;
}
