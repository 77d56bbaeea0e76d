import type { Translate } from '../../platform/i18n/translator.js';
import type { Language } from '../../platform/i18n/languages.js';
import { CEFR_LEVELS, localised, type SchemeDefinition } from './scheme.definition.js';
import type { Answers, AssessmentResult, CriterionKey, Hint } from './scheme.scoring.js';

/**
 * What the self-assessment pages show, in the reader's language: criteria, answers, results and
 * hints as sentences. Pure (given a translator and the names of languages).
 */

export interface PageContext {
  t: Translate;
  language: Language;
  /** Names of languages in the reader's language, by code (the reference data's). */
  languageNames: ReadonlyMap<string, string>;
}

export const EDUCATION_LEVELS = [0, 1, 2, 3, 4, 5, 6, 7, 8] as const;
export const LEVEL_CHOICES = ['none', ...CEFR_LEVELS] as const;

const languageName = (ctx: PageContext, code: string) => ctx.languageNames.get(code) ?? code;

export function educationLabel(ctx: PageContext, level: number): string {
  return ctx.t(`eligibility.education.level${level}`);
}

export function cefrLabel(ctx: PageContext, level: string): string {
  return ctx.t(`eligibility.cefr.${level}`);
}

function conditionText(definition: SchemeDefinition, id: string, ctx: PageContext) {
  const condition = definition.criteria.conditions?.find((c) => c.id === id);
  return condition
    ? localised(condition.question, ctx.language)
    : { text: id, language: 'en', fallback: false };
}

/** The criterion's name: "Age", "English", or the condition's question. */
export function criterionLabel(
  definition: SchemeDefinition,
  key: CriterionKey,
  ctx: PageContext,
): { text: string; lang: string | null } {
  if (key.startsWith('language:'))
    return {
      text: ctx.t('eligibility.criteria.language', { language: languageName(ctx, key.slice(9)) }),
      lang: null,
    };
  if (key.startsWith('condition:')) {
    const text = conditionText(definition, key.slice(10), ctx);
    return { text: text.text, lang: text.language };
  }
  return { text: ctx.t(`eligibility.criteria.${key}`), lang: null };
}

/** One hint as a sentence. */
export function hintText(definition: SchemeDefinition, hint: Hint, ctx: PageContext): string {
  const { t } = ctx;
  const required = hint.kind === 'required';
  const gain = hint.gain;
  if (hint.key.startsWith('language:')) {
    const values = {
      language: languageName(ctx, hint.key.slice(9)),
      level: String(hint.target),
      gain,
    };
    return t(
      required ? 'eligibility.hints.languageRequired' : 'eligibility.hints.languagePoints',
      values,
    );
  }
  if (hint.key.startsWith('condition:')) {
    const question = conditionText(definition, hint.key.slice(10), ctx).text;
    return t(
      required ? 'eligibility.hints.conditionRequired' : 'eligibility.hints.conditionPoints',
      {
        question,
        gain,
      },
    );
  }
  switch (hint.key) {
    case 'education': {
      const level = educationLabel(ctx, Number(hint.target));
      return t(
        required ? 'eligibility.hints.educationRequired' : 'eligibility.hints.educationPoints',
        {
          level,
          gain,
        },
      );
    }
    case 'experience':
      return t(
        required ? 'eligibility.hints.experienceRequired' : 'eligibility.hints.experiencePoints',
        {
          years: Number(hint.target),
          gain,
        },
      );
    case 'jobOffer':
      return t(
        required ? 'eligibility.hints.jobOfferRequired' : 'eligibility.hints.jobOfferPoints',
        { gain },
      );
    default:
      return '';
  }
}

/** The result as the page shows it: rows per criterion, the verdict and the hints. */
export function resultView(
  definition: SchemeDefinition,
  result: AssessmentResult,
  ctx: PageContext,
) {
  return {
    eligible: result.eligible,
    requiredMet: result.requiredMet,
    total: result.total,
    threshold: result.threshold,
    maxTotal: result.maxTotal,
    usesPoints: result.maxTotal > 0,
    rows: result.criteria.map((criterion) => ({
      label: criterionLabel(definition, criterion.key, ctx),
      required: criterion.mode === 'required',
      met: criterion.met,
      points: criterion.points,
      maxPoints: criterion.maxPoints,
    })),
    hints: result.hints.map((hint) => hintText(definition, hint, ctx)).filter(Boolean),
  };
}

/** What the person answered, as label and value lines. */
export function answersView(
  definition: SchemeDefinition,
  answers: Answers,
  ctx: PageContext,
  occupationTitle: string | null,
) {
  const { t } = ctx;
  const c = definition.criteria;
  const yesNo = (value: boolean) => t(value ? 'eligibility.answers.yes' : 'eligibility.answers.no');
  const lines: { label: string; value: string; lang?: string | null }[] = [
    {
      label: t('eligibility.fields.age'),
      value: t('eligibility.answers.years', { years: answers.age }),
    },
    {
      label: t('eligibility.fields.educationLevel'),
      value: educationLabel(ctx, answers.educationLevel),
    },
    {
      label: t('eligibility.fields.experienceYears'),
      value: t('eligibility.answers.years', { years: answers.experienceYears }),
    },
  ];
  for (const language of c.languages ?? []) {
    lines.push({
      label: t('eligibility.criteria.language', { language: languageName(ctx, language.language) }),
      value: cefrLabel(ctx, answers.languageLevels[language.language] ?? 'none'),
    });
  }
  if (c.jobOffer)
    lines.push({ label: t('eligibility.fields.jobOffer'), value: yesNo(answers.jobOffer) });
  for (const condition of c.conditions ?? []) {
    const question = localised(condition.question, ctx.language);
    lines.push({
      label: question.text,
      value: yesNo(answers.conditions[condition.id] === true),
      lang: question.language,
    });
  }
  if (c.occupation) {
    const value = answers.occupation
      ? [answers.occupation.title, occupationTitle].filter(Boolean).join(' – ')
      : t('eligibility.answers.noOccupation');
    lines.push({ label: t('eligibility.fields.occupation'), value });
  }
  return lines;
}
