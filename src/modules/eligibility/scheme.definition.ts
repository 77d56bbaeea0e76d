import { z } from 'zod';
import type { Language } from '../../platform/i18n/languages.js';

/**
 * A scheme's rules as data, written by a destination authority: who may apply, what each answer
 * is worth, and the pass mark. Stored as one validated JSON document per version (a change is a
 * new version; an assessment names the version it used). Every criterion is either `required`
 * (not met: not eligible, whatever the points) or `points` (adds to the total only).
 */

export const CEFR_LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;
export type CefrLevel = (typeof CEFR_LEVELS)[number];
/** ISCED 2011 levels, 0 (early childhood) to 8 (doctoral). */
export const ISCED_MAX = 8;
export const MODES = ['required', 'points'] as const;
export type Mode = (typeof MODES)[number];

const E = 'eligibility.definition.';
const points = z.number().int(`${E}points`).min(0, `${E}points`).max(1000, `${E}points`);
const mode = z.enum(MODES, `${E}mode`);
const text = (max: number) => z.string(`${E}text`).trim().min(1, `${E}text`).max(max, `${E}text`);

/** Text in several languages; English is required, as the fallback of every other. */
export const localisedText = (max: number) =>
  z
    .object({
      en: text(max),
      fr: text(max).optional(),
      es: text(max).optional(),
      ar: text(max).optional(),
      sw: text(max).optional(),
      fil: text(max).optional(),
      ne: text(max).optional(),
      bn: text(max).optional(),
      ur: text(max).optional(),
    } satisfies Record<Language, z.ZodType>)
    .strict();
export type LocalisedText = { en: string } & Partial<Record<Language, string>>;

const ageBand = z
  .object({
    min: z.number().int(`${E}age`).min(0, `${E}age`).max(120, `${E}age`),
    max: z.number().int(`${E}age`).min(0, `${E}age`).max(120, `${E}age`),
    points,
  })
  .strict()
  .refine((band) => band.min <= band.max, { message: `${E}ageBandOrder`, path: ['max'] });

const educationStep = z
  .object({
    minLevel: z.number().int(`${E}isced`).min(0, `${E}isced`).max(ISCED_MAX, `${E}isced`),
    points,
  })
  .strict();

const languageStep = z.object({ minLevel: z.enum(CEFR_LEVELS, `${E}cefr`), points }).strict();

const experienceStep = z
  .object({
    minYears: z.number().int(`${E}years`).min(0, `${E}years`).max(60, `${E}years`),
    points,
  })
  .strict();

/** ISCO-08 group codes (1 to 4 digits: a code covers every group under it) or ESCO codes. */
const iscoCode = z.string().regex(/^[0-9]{1,4}$/, `${E}iscoCode`);
const escoCode = z.string().regex(/^[0-9]{4}(\.[0-9]{1,3})+$/, `${E}escoCode`);

const ascending = <T>(items: T[], key: (item: T) => number) =>
  items.every((item, i) => i === 0 || key(item) > key(items[i - 1] as T));

export const schemeDefinitionSchema = z
  .object({
    name: localisedText(120),
    description: localisedText(2000),
    /** The total of points needed (0: only the required criteria count). */
    threshold: z.number().int(`${E}threshold`).min(0, `${E}threshold`).max(10000, `${E}threshold`),
    criteria: z
      .object({
        age: z
          .object({ mode, bands: z.array(ageBand).min(1, `${E}bands`).max(12, `${E}bands`) })
          .strict()
          .optional(),
        education: z
          .object({
            mode,
            steps: z
              .array(educationStep)
              .min(1, `${E}bands`)
              .max(9, `${E}bands`)
              .refine((s) => ascending(s, (x) => x.minLevel), `${E}ascending`),
          })
          .strict()
          .optional(),
        languages: z
          .array(
            z
              .object({
                /** The language asked about, an interface language or any ISO 639-1 code. */
                language: z.string().regex(/^[a-z]{2,3}$/, `${E}language`),
                mode,
                steps: z
                  .array(languageStep)
                  .min(1, `${E}bands`)
                  .max(6, `${E}bands`)
                  .refine(
                    (s) => ascending(s, (x) => CEFR_LEVELS.indexOf(x.minLevel)),
                    `${E}ascending`,
                  ),
              })
              .strict(),
          )
          .max(4, `${E}bands`)
          .optional(),
        experience: z
          .object({
            mode,
            steps: z
              .array(experienceStep)
              .min(1, `${E}bands`)
              .max(12, `${E}bands`)
              .refine((s) => ascending(s, (x) => x.minYears), `${E}ascending`),
          })
          .strict()
          .optional(),
        jobOffer: z.object({ mode, points }).strict().optional(),
        occupation: z
          .object({
            mode,
            points,
            iscoCodes: z.array(iscoCode).max(200, `${E}bands`).default([]),
            escoCodes: z.array(escoCode).max(200, `${E}bands`).default([]),
          })
          .strict()
          .refine((o) => o.iscoCodes.length + o.escoCodes.length > 0, {
            message: `${E}occupationList`,
            path: ['iscoCodes'],
          })
          .optional(),
        conditions: z
          .array(
            z
              .object({
                id: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, `${E}conditionId`),
                mode,
                points,
                question: localisedText(300),
              })
              .strict(),
          )
          .max(10, `${E}bands`)
          .refine((c) => new Set(c.map((x) => x.id)).size === c.length, `${E}conditionId`)
          .optional(),
      })
      .strict(),
  })
  .strict();

export type SchemeDefinition = z.output<typeof schemeDefinitionSchema>;
export type SchemeCriteria = SchemeDefinition['criteria'];

/** The text in the reader's language, else English; `fallback` says which was shown. */
export function localised(
  value: LocalisedText,
  language: Language,
): { text: string; language: Language; fallback: boolean } {
  const own = value[language];
  if (own) return { text: own, language, fallback: false };
  return { text: value.en, language: 'en', fallback: language !== 'en' };
}

/** The definition as the API's responses describe it (a plain JSON object; see the schema). */
export const SCHEME_DEFINITION_JSON = z
  .record(z.string(), z.unknown())
  .describe(
    'The scheme definition: name, description, threshold and criteria (see src/modules/eligibility/scheme.definition.ts)',
  );
