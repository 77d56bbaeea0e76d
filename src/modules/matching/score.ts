import type { MatchWeights } from './matching.weights.js';
import { KIND_BIT, minorOf, NONE, NOW, S, seekerLayout, V } from './packed.js';

/** How the occupations relate, best first (the index of OccupationFit in matching.types.ts). */
export const FIT = { same: 0, unit: 1, related: 2, minor: 3, none: 4 } as const;
export const FIT_NAMES = ['same', 'unit', 'related', 'minor', 'none'] as const;

/** What one evaluation found: numbers only, reused between pairs (no allocation per pair). */
export class PairFacts {
  fit = 4;
  essentialOf = 0;
  /** Essential skills held (whole). */
  essentialHave = 0;
  /** Essential credit, with partial credit for transversal siblings. */
  essentialCredit = 0;
  optionalOf = 0;
  optionalHave = 0;
  languagesOf = 0;
  languageCredit = 0;
  languagesMet = true;
  educationApplies = false;
  educationMet = true;
  experienceMonths = 0;
  destinationPreferred = true;
  availableInTime = true;
  score = 0;
  hardGap = false;
}

/**
 * Scores one seeker against one vacancy, both packed (packed.ts), by the weights of
 * matching.weights.ts. Related occupations are marked beforehand on the side that stays fixed
 * for a query (`markRelated`), so that a pair costs a few array reads.
 */
export class Scorer {
  /** Occupation int → related occupation ints. */
  related: Int32Array<ArrayBufferLike>[] = [];
  /** Skill int → transversal group int, or NONE. */
  group: Int32Array<ArrayBufferLike> = new Int32Array(0);
  private relatedMark = new Uint32Array(1024);
  private stamp = 0;
  private markedSide: 'seeker' | 'vacancy' = 'vacancy';

  constructor(readonly weights: MatchWeights) {}

  /** Marks the occupations related to `occupations` (the fixed side of a query). */
  markRelated(occupations: Iterable<number>, side: 'seeker' | 'vacancy'): void {
    this.stamp = (this.stamp + 1) >>> 0 || 1;
    this.markedSide = side;
    for (const occupation of occupations) {
      const list = occupation >= 0 ? this.related[occupation] : undefined;
      if (!list) continue;
      for (const other of list) {
        if (other >= this.relatedMark.length) this.growMarks(other);
        this.relatedMark[other] = this.stamp;
      }
    }
  }

  private growMarks(index: number): void {
    let size = this.relatedMark.length;
    while (size <= index) size *= 2;
    const grown = new Uint32Array(size);
    grown.set(this.relatedMark);
    this.relatedMark = grown;
  }

  /** The fit of one seeker occupation (esco, isco) to the vacancy's. */
  fitOf(se: number, si: number, ve: number, vi: number): number {
    if (se >= 0 && se === ve) return FIT.same;
    if (si >= 1000 && si === vi) return FIT.unit;
    if (se >= 0 && ve >= 0) {
      const probe = this.markedSide === 'vacancy' ? se : ve;
      if (probe < this.relatedMark.length && this.relatedMark[probe] === this.stamp) {
        return FIT.related;
      }
    }
    const minor = minorOf(si);
    if (minor !== NONE && minor === minorOf(vi)) return FIT.minor;
    return FIT.none;
  }

  private groupOf(skill: number): number {
    return skill < this.group.length ? this.group[skill]! : NONE;
  }

  /** Fills `out` and returns the score (0–100). */
  evaluate(
    s: Int32Array,
    sAt: number,
    v: Int32Array,
    vAt: number,
    today: number,
    out: PairFacts,
  ): number {
    const w = this.weights;
    const layout = seekerLayout(s, sAt);
    const ve = v[vAt + V.esco]!;
    const vi = v[vAt + V.isco]!;

    // Occupation: the best of the occupations wanted and the experience.
    let fit: number = FIT.none;
    for (let i = 0, n = s[sAt + S.nOcc]!; i < n; i++) {
      const f = this.fitOf(s[layout.occ + i * 2]!, s[layout.occ + i * 2 + 1]!, ve, vi);
      if (f < fit) fit = f;
    }
    let months = 0;
    for (let i = 0, n = s[sAt + S.nExp]!; i < n; i++) {
      const at = layout.exp + i * 3;
      const f = this.fitOf(s[at]!, s[at + 1]!, ve, vi);
      if (f < fit) fit = f;
      if (f <= FIT.related) months += s[at + 2]!;
      else if (f === FIT.minor) months += s[at + 2]! / 2;
    }
    out.fit = fit;
    const fitScore =
      fit === FIT.same
        ? 1
        : fit === FIT.unit
          ? w.fit.unit
          : fit === FIT.related
            ? w.fit.related
            : fit === FIT.minor
              ? w.fit.minor
              : 0;
    let total = w.occupation * fitScore;
    let weight = w.occupation;

    // Skills: essential (with partial credit for a transversal sibling), then optional.
    const nSkill = s[sAt + S.nSkill]!;
    const essStart = vAt + V.header;
    const nEss = v[vAt + V.nEss]!;
    let have = 0;
    let credit = 0;
    let j = 0;
    for (let i = 0; i < nEss; i++) {
      const skill = v[essStart + i]!;
      while (j < nSkill && s[layout.skills + j]! < skill) j++;
      if (j < nSkill && s[layout.skills + j] === skill) {
        have++;
        credit++;
        continue;
      }
      const group = this.groupOf(skill);
      if (group === NONE) continue;
      for (let k = 0; k < nSkill; k++) {
        if (this.groupOf(s[layout.skills + k]!) === group) {
          credit += w.transversalSibling;
          break;
        }
      }
    }
    out.essentialOf = nEss;
    out.essentialHave = have;
    out.essentialCredit = credit;
    if (nEss > 0) {
      total += w.essentialSkills * (credit / nEss);
      weight += w.essentialSkills;
    }
    const nOpt = v[vAt + V.nOpt]!;
    let optional = 0;
    j = 0;
    for (let i = 0; i < nOpt; i++) {
      const skill = v[essStart + nEss + i]!;
      while (j < nSkill && s[layout.skills + j]! < skill) j++;
      if (j < nSkill && s[layout.skills + j] === skill) optional++;
    }
    out.optionalOf = nOpt;
    out.optionalHave = optional;
    if (nOpt > 0) {
      total += w.optionalSkills * (optional / nOpt);
      weight += w.optionalSkills;
    }

    // Languages: each requirement met, one or two CEFR levels short, or missing.
    const nLang = v[vAt + V.nLang]!;
    const langAt = essStart + nEss + nOpt;
    const nHave = s[sAt + S.nLang]!;
    let languageCredit = 0;
    let languagesMet = true;
    for (let i = 0; i < nLang; i++) {
      const language = v[langAt + i * 2]!;
      const need = v[langAt + i * 2 + 1]!;
      let level = 0;
      for (let k = 0; k < nHave; k++) {
        if (s[layout.langs + k * 2] === language) level = s[layout.langs + k * 2 + 1]!;
      }
      const short = need - level;
      if (short <= 0) languageCredit += 1;
      else {
        languagesMet = false;
        if (level > 0 && short === 1) languageCredit += w.languageShort[0];
        else if (level > 0 && short === 2) languageCredit += w.languageShort[1];
      }
    }
    out.languagesOf = nLang;
    out.languageCredit = languageCredit;
    out.languagesMet = languagesMet;
    if (nLang > 0) {
      total += w.languages * (languageCredit / nLang);
      weight += w.languages;
    }

    // Education: the ISCED level required.
    const needLevel = v[vAt + V.minIsced]!;
    const level = s[sAt + S.isced]!;
    out.educationApplies = needLevel !== NONE;
    out.educationMet = needLevel === NONE || level >= needLevel;
    if (needLevel !== NONE) {
      const educationScore =
        level >= needLevel ? 1 : level !== NONE && level === needLevel - 1 ? w.educationShort : 0;
      total += w.education * educationScore;
      weight += w.education;
    }

    // Experience in the occupation (or a related one).
    const needMonths = v[vAt + V.experience]!;
    out.experienceMonths = Math.round(months);
    if (needMonths > 0) {
      total += w.experience * Math.min(1, months / needMonths);
      weight += w.experience;
    }

    // Destination wanted (no preference given counts as wanted), availability by the deadline.
    const destination = v[vAt + V.destination]!;
    const nDest = s[sAt + S.nDest]!;
    let preferred = nDest === 0;
    for (let k = 0; k < nDest && !preferred; k++) {
      if (s[layout.dest + k] === destination) preferred = true;
    }
    out.destinationPreferred = preferred;
    total += w.destination * (preferred ? 1 : 0);
    weight += w.destination;

    const available = s[sAt + S.available]!;
    const deadline = v[vAt + V.deadline]!;
    const late = available === NOW ? 0 : Math.max(0, available - Math.max(deadline, today));
    out.availableInTime = late === 0;
    total += w.availability * Math.max(0, 1 - late / w.availabilityGraceDays);
    weight += w.availability;

    const score = weight > 0 ? (100 * total) / weight : 0;
    out.score = score;
    out.hardGap =
      fit === FIT.none ||
      !languagesMet ||
      !out.educationMet ||
      (nEss > 0 && credit / nEss < w.essentialFloor) ||
      months < needMonths / 2;
    return score;
  }

  likelihood(facts: PairFacts): 'likely' | 'possible' | 'unlikely' {
    if (facts.score >= this.weights.likely && !facts.hardGap) return 'likely';
    if (facts.score >= this.weights.possible) return 'possible';
    return 'unlikely';
  }
}

/** Whether a packed seeker lets an organisation of `kindBit` in `destination` see them. */
export function visibleTo(s: Int32Array, sAt: number, destination: number, kindBit: number) {
  if ((s[sAt + S.visibleTo]! & kindBit) === 0) return false;
  const layout = seekerLayout(s, sAt);
  for (let k = 0, n = s[sAt + S.nVis]!; k < n; k++) {
    if (s[layout.vis + k] === destination) return true;
  }
  return false;
}

export { KIND_BIT };
