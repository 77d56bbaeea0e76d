import { z } from 'zod';
import type { ProfileView } from './job-seekers.service.js';
import { INTENDED_STAYS } from './job-seekers.tables.js';

/**
 * What the JSON API shows of a profile to someone else: never document numbers (the profile
 * holds none); contacts only to the person's own country's officers and to organisations the
 * person applied to.
 */
export const jobSeekerJson = z.object({
  userId: z.string(),
  givenNames: z.string(),
  familyName: z.string(),
  givenNamesLatin: z.string(),
  familyNameLatin: z.string(),
  birthDate: z.string().nullable(),
  sex: z.enum(['F', 'M', 'X']).nullable(),
  nationality: z.string().nullable(),
  /** ISO 3166-2: a subdivision of the nationality, or null. */
  homeSubdivision: z.string().nullable(),
  contact: z.object({ phone: z.string().nullable(), email: z.string().nullable() }).nullable(),
  availabilityDate: z.string().nullable(),
  /** How long the person wants to work abroad, in months ('0-6' … '37+'), or null: not known. */
  intendedStay: z.enum(INTENDED_STAYS).nullable(),
  completeness: z.number(),
  education: z.array(
    z.object({
      iscedLevel: z.string(),
      iscedField: z.string().nullable(),
      institution: z.string(),
      country: z.string().nullable(),
      year: z.number().nullable(),
    }),
  ),
  experience: z.array(
    z.object({
      title: z.string(),
      escoOccupationId: z.string().nullable(),
      iscoCode: z.string().nullable(),
      employer: z.string(),
      country: z.string().nullable(),
      dateFrom: z.string().nullable(),
      dateTo: z.string().nullable(),
    }),
  ),
  occupations: z.array(
    z.object({
      title: z.string(),
      escoOccupationId: z.string().nullable(),
      iscoCode: z.string().nullable(),
    }),
  ),
  skills: z.array(z.string()),
  languages: z.array(z.object({ languageCode: z.string(), cefrLevel: z.string() })),
  destinations: z.array(z.string()),
  /** Private, or visible in the destinations to these kinds of organisation. */
  visibility: z.enum(['private', 'destinations']),
  visibleTo: z.array(z.enum(['employer', 'recruitment_agency'])),
});

/** Contacts travel only where the person has a relation: their own officers, their applications. */
export function showsContact(view: ProfileView): boolean {
  return view.basis !== 'consent';
}

export function presentJobSeeker(view: ProfileView): z.infer<typeof jobSeekerJson> {
  const p = view.profile;
  return {
    userId: p.userId,
    givenNames: p.givenNames,
    familyName: p.familyName,
    givenNamesLatin: p.givenNamesLatin,
    familyNameLatin: p.familyNameLatin,
    birthDate: p.birthDate,
    sex: p.sex,
    nationality: p.nationality,
    homeSubdivision: p.homeSubdivision,
    contact: showsContact(view) ? { phone: p.phone, email: p.email } : null,
    availabilityDate: p.availabilityDate,
    intendedStay: p.intendedStay,
    completeness: view.completeness.percent,
    education: p.education.map(({ id: _id, ...rest }) => rest),
    experience: p.experience.map(({ id: _id, ...rest }) => rest),
    occupations: p.occupations.map(({ id: _id, ...rest }) => rest),
    skills: p.skills,
    languages: p.languages,
    destinations: p.destinations,
    visibility: p.visibility,
    visibleTo: p.visibleTo,
  };
}
