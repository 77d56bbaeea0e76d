import { PROFILE_STEPS, type ProfileStep } from './job-seekers.tables.js';

/** What the completeness indicator reads of a profile. */
export interface CompletenessInput {
  stepsSaved: readonly ProfileStep[];
  hasName: boolean;
  hasBirthDate: boolean;
  hasNationality: boolean;
  documentCount: number;
  educationCount: number;
  experienceCount: number;
  occupationCount: number;
  skillCount: number;
  languageCount: number;
  destinationCount: number;
}

export interface Completeness {
  /** 0 to 100, rounded down: 100 only when every step is done. */
  percent: number;
  done: ProfileStep[];
  missing: ProfileStep[];
}

/**
 * A step is done when the person has what it asks for. Education and work experience may
 * honestly be empty (a first job, no schooling): saving the step with no entry counts. The
 * visibility step counts once it was saved, whatever was chosen (private is a choice).
 */
export function stepDone(step: ProfileStep, p: CompletenessInput): boolean {
  const saved = p.stepsSaved.includes(step);
  switch (step) {
    case 'bio':
      return p.hasName && p.hasBirthDate && p.hasNationality;
    case 'documents':
      return p.documentCount > 0;
    case 'education':
      return p.educationCount > 0 || saved;
    case 'experience':
      return p.experienceCount > 0 || saved;
    case 'occupations':
      return p.occupationCount > 0;
    case 'skills':
      return p.skillCount > 0;
    case 'languages':
      return p.languageCount > 0;
    case 'destinations':
      return p.destinationCount > 0;
    case 'visibility':
      return saved;
  }
}

export function completeness(p: CompletenessInput): Completeness {
  const done = PROFILE_STEPS.filter((step) => stepDone(step, p));
  const missing = PROFILE_STEPS.filter((step) => !done.includes(step));
  return { percent: Math.floor((done.length * 100) / PROFILE_STEPS.length), done, missing };
}
