import { z } from 'zod';
import type { SchemeRecord } from './eligibility.repository.js';
import type { PublishedScheme } from './eligibility.service.js';
import { schemeDefinitionSchema, SCHEME_DEFINITION_JSON } from './scheme.definition.js';
import { SCHEME_STATES } from './scheme.lifecycle.js';
import type { AssessmentResult } from './scheme.scoring.js';

/** What the JSON API shows: the only way data leaves the server as JSON. */

export const publishedSchemeView = z.object({
  id: z.string(),
  slug: z.string(),
  destinationCountry: z.string(),
  version: z.number().int(),
  definition: SCHEME_DEFINITION_JSON,
});

export function presentPublished(p: PublishedScheme): z.infer<typeof publishedSchemeView> {
  return {
    id: p.scheme.id,
    slug: p.scheme.slug,
    destinationCountry: p.scheme.destinationCountry,
    version: p.version,
    definition: p.definition,
  };
}

export const schemeView = z.object({
  id: z.string(),
  slug: z.string(),
  destinationCountry: z.string(),
  state: z.enum(SCHEME_STATES),
  latestVersion: z.number().int(),
  publishedVersion: z.number().int().nullable(),
  updatedAt: z.string(),
});

export function presentScheme(s: SchemeRecord): z.infer<typeof schemeView> {
  return {
    id: s.id,
    slug: s.slug,
    destinationCountry: s.destinationCountry,
    state: s.state,
    latestVersion: s.latestVersion,
    publishedVersion: s.publishedVersion,
    updatedAt: s.updatedAt.toISOString(),
  };
}

export const assessmentView = z.object({
  scheme: z.object({ id: z.string(), slug: z.string(), version: z.number().int() }),
  eligible: z.boolean(),
  requiredMet: z.boolean(),
  total: z.number().int(),
  maxTotal: z.number().int(),
  threshold: z.number().int(),
  criteria: z.array(
    z.object({
      key: z.string(),
      mode: z.enum(['required', 'points']),
      met: z.boolean(),
      points: z.number().int(),
      maxPoints: z.number().int(),
    }),
  ),
  hints: z.array(
    z.object({
      key: z.string(),
      kind: z.enum(['points', 'required']),
      target: z.union([z.string(), z.number(), z.null()]),
      gain: z.number().int(),
    }),
  ),
});

export function presentAssessment(
  p: PublishedScheme,
  result: AssessmentResult,
): z.infer<typeof assessmentView> {
  return { scheme: { id: p.scheme.id, slug: p.scheme.slug, version: p.version }, ...result };
}

export { schemeDefinitionSchema };
