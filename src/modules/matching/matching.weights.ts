import { z } from 'zod';

/**
 * The weights of a match and the thresholds of "how you compare" (docs/matching.md gives the
 * reasons). Each component scores 0–1; the score is the weighted mean of the components that
 * apply to the vacancy (a vacancy that asks for no language is not scored on languages), × 100.
 * Configuration: `MATCHING_WEIGHTS` (JSON, any subset) overrides these defaults.
 */
export const matchWeightsSchema = z
  .object({
    occupation: z.number().min(0).max(100),
    essentialSkills: z.number().min(0).max(100),
    optionalSkills: z.number().min(0).max(100),
    languages: z.number().min(0).max(100),
    education: z.number().min(0).max(100),
    experience: z.number().min(0).max(100),
    destination: z.number().min(0).max(100),
    availability: z.number().min(0).max(100),
    /** The occupation component for each fit (same ESCO occupation = 1). */
    fit: z.object({
      unit: z.number().min(0).max(1),
      related: z.number().min(0).max(1),
      minor: z.number().min(0).max(1),
    }),
    /** A missing transversal skill when the person has another of its group. */
    transversalSibling: z.number().min(0).max(1),
    /** A language one CEFR level short, two levels short. */
    languageShort: z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)]),
    /** Education one ISCED level short. */
    educationShort: z.number().min(0).max(1),
    /** Days after the deadline at which availability scores 0. */
    availabilityGraceDays: z.number().int().min(1).max(3650),
    /** "Likely" from this score, with no hard gap; "possible" from `possible`. */
    likely: z.number().min(0).max(100),
    possible: z.number().min(0).max(100),
    /** Share of essential skills below which a gap is hard. */
    essentialFloor: z.number().min(0).max(1),
  })
  .strict();

export type MatchWeights = z.infer<typeof matchWeightsSchema>;

export const DEFAULT_WEIGHTS: MatchWeights = {
  occupation: 35,
  essentialSkills: 25,
  optionalSkills: 5,
  languages: 15,
  education: 8,
  experience: 7,
  destination: 3,
  availability: 2,
  fit: { unit: 0.8, related: 0.6, minor: 0.35 },
  transversalSibling: 0.5,
  languageShort: [0.5, 0.15],
  educationShort: 0.5,
  availabilityGraceDays: 180,
  likely: 70,
  possible: 45,
  essentialFloor: 0.5,
};

/** The defaults with a JSON override (from configuration), checked; throws on a bad one. */
export function weightsFrom(json: string | undefined): MatchWeights {
  if (!json || json.trim() === '') return DEFAULT_WEIGHTS;
  const override = JSON.parse(json) as Record<string, unknown>;
  const fit = { ...DEFAULT_WEIGHTS.fit, ...((override.fit as object | undefined) ?? {}) };
  return matchWeightsSchema.parse({ ...DEFAULT_WEIGHTS, ...override, fit });
}
