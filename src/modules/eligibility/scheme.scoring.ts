import {
  CEFR_LEVELS,
  type CefrLevel,
  type Mode,
  type SchemeDefinition,
} from './scheme.definition.js';

/**
 * Scores a person's answers against a scheme: pure, so that every rule (edge ages, thresholds,
 * required criteria) is tested without a database. The result names each criterion, whether it
 * is met, its points and the most it could give, and what single change would gain points or
 * meet a required criterion ("what would change the result").
 */

export interface Answers {
  age: number;
  /** ISCED 2011 level, 0 to 8. */
  educationLevel: number;
  experienceYears: number;
  /** By language code; a language not answered counts as none. */
  languageLevels: Record<string, CefrLevel | 'none'>;
  jobOffer: boolean;
  /** The occupation as coded from the person's words: an ESCO code and its ISCO unit group. */
  occupation: { escoCode: string | null; iscoCode: string; title: string } | null;
  /** Conditions answered yes, by id. */
  conditions: Record<string, boolean>;
}

export type CriterionKey =
  | 'age'
  | 'education'
  | 'experience'
  | 'jobOffer'
  | 'occupation'
  | `language:${string}`
  | `condition:${string}`;

export interface CriterionResult {
  key: CriterionKey;
  mode: Mode;
  met: boolean;
  points: number;
  maxPoints: number;
}

/** One change that would help: reach `target` (a level, a number of years) for `gain` points. */
export interface Hint {
  key: CriterionKey;
  /** 'points': more points; 'required': a required criterion would be met. */
  kind: 'points' | 'required';
  target: string | number | null;
  gain: number;
}

export interface AssessmentResult {
  criteria: CriterionResult[];
  total: number;
  maxTotal: number;
  threshold: number;
  requiredMet: boolean;
  eligible: boolean;
  hints: Hint[];
}

/** The step reached: the last one whose minimum the value meets (steps ascend). */
function stepReached<T>(steps: readonly T[], reaches: (step: T) => boolean): T | null {
  let reached: T | null = null;
  for (const step of steps) if (reaches(step)) reached = step;
  return reached;
}

const maxOf = (values: number[]) => values.reduce((a, b) => Math.max(a, b), 0);

function stepped<T extends { points: number }>(input: {
  key: CriterionKey;
  mode: Mode;
  steps: readonly T[];
  reaches: (step: T) => boolean;
  target: (step: T) => string | number;
}): { result: CriterionResult; hint: Hint | null } {
  const reached = stepReached(input.steps, input.reaches);
  const points = reached?.points ?? 0;
  const result = {
    key: input.key,
    mode: input.mode,
    met: reached !== null,
    points,
    maxPoints: maxOf(input.steps.map((s) => s.points)),
  };
  // The next step up that gives more points (or, when none is reached, the first step).
  const next = input.steps.find(
    (step) => !input.reaches(step) && (reached === null || step.points > points),
  );
  if (!next) return { result, hint: null };
  if (reached === null && input.mode === 'required')
    return {
      result,
      hint: { key: input.key, kind: 'required', target: input.target(next), gain: next.points },
    };
  if (next.points <= points) return { result, hint: null };
  return {
    result,
    hint: {
      key: input.key,
      kind: 'points',
      target: input.target(next),
      gain: next.points - points,
    },
  };
}

function yesNo(key: CriterionKey, mode: Mode, yes: boolean, points: number) {
  const result: CriterionResult = {
    key,
    mode,
    met: yes,
    points: yes ? points : 0,
    maxPoints: points,
  };
  const hint: Hint | null = yes
    ? null
    : mode === 'required'
      ? { key, kind: 'required', target: null, gain: points }
      : points > 0
        ? { key, kind: 'points', target: null, gain: points }
        : null;
  return { result, hint };
}

/** Whether an occupation is on the scheme's list (an ISCO code covers the groups under it). */
export function occupationListed(
  list: { iscoCodes: readonly string[]; escoCodes: readonly string[] },
  occupation: Answers['occupation'],
): boolean {
  if (!occupation) return false;
  if (occupation.escoCode && list.escoCodes.includes(occupation.escoCode)) return true;
  return list.iscoCodes.some((code) => occupation.iscoCode.startsWith(code));
}

export function assess(definition: SchemeDefinition, answers: Answers): AssessmentResult {
  const { criteria } = definition;
  const scored: { result: CriterionResult; hint: Hint | null }[] = [];

  if (criteria.age) {
    const bands = criteria.age.bands;
    const band = bands.find((b) => answers.age >= b.min && answers.age <= b.max) ?? null;
    const points = band?.points ?? 0;
    // Age cannot be changed: no hint.
    scored.push({
      result: {
        key: 'age',
        mode: criteria.age.mode,
        met: band !== null,
        points,
        maxPoints: maxOf(bands.map((b) => b.points)),
      },
      hint: null,
    });
  }
  if (criteria.education) {
    scored.push(
      stepped({
        key: 'education',
        mode: criteria.education.mode,
        steps: criteria.education.steps,
        reaches: (step) => answers.educationLevel >= step.minLevel,
        target: (step) => step.minLevel,
      }),
    );
  }
  for (const language of criteria.languages ?? []) {
    const level = answers.languageLevels[language.language] ?? 'none';
    const rank = level === 'none' ? -1 : CEFR_LEVELS.indexOf(level);
    scored.push(
      stepped({
        key: `language:${language.language}`,
        mode: language.mode,
        steps: language.steps,
        reaches: (step) => rank >= CEFR_LEVELS.indexOf(step.minLevel),
        target: (step) => step.minLevel,
      }),
    );
  }
  if (criteria.experience) {
    scored.push(
      stepped({
        key: 'experience',
        mode: criteria.experience.mode,
        steps: criteria.experience.steps,
        reaches: (step) => answers.experienceYears >= step.minYears,
        target: (step) => step.minYears,
      }),
    );
  }
  if (criteria.jobOffer) {
    const { mode, points } = criteria.jobOffer;
    scored.push(yesNo('jobOffer', mode, answers.jobOffer, points));
  }
  if (criteria.occupation) {
    const { mode, points } = criteria.occupation;
    const listed = occupationListed(criteria.occupation, answers.occupation);
    const { result } = yesNo('occupation', mode, listed, points);
    // Another occupation is not a change a reader makes to pass: no hint.
    scored.push({ result, hint: null });
  }
  for (const condition of criteria.conditions ?? []) {
    const yes = answers.conditions[condition.id] === true;
    scored.push(yesNo(`condition:${condition.id}`, condition.mode, yes, condition.points));
  }

  const results = scored.map((s) => s.result);
  const total = results.reduce((sum, r) => sum + r.points, 0);
  const requiredMet = results.every((r) => r.mode !== 'required' || r.met);
  const eligible = requiredMet && total >= definition.threshold;
  const hints = scored
    .flatMap((s) => (s.hint ? [s.hint] : []))
    // Required first; then the biggest gains.
    .sort((a, b) => (a.kind === b.kind ? b.gain - a.gain : a.kind === 'required' ? -1 : 1));
  return {
    criteria: results,
    total,
    maxTotal: results.reduce((sum, r) => sum + r.maxPoints, 0),
    threshold: definition.threshold,
    requiredMet,
    eligible,
    hints,
  };
}
