import type { FastifyReply, FastifyRequest } from 'fastify';
import { actorContext } from '../../platform/http/context.js';
import { fieldErrorsFrom, parseForm, type FieldError } from '../../platform/http/forms.js';
import type { App } from '../../platform/http/types.js';
import { bioSchema, destinationsSchema, LIMITS, visibilitySchema } from './job-seekers.schemas.js';
import { INTENDED_STAYS, PROFILE_STEPS } from './job-seekers.tables.js';
import {
  countryItems,
  homeRegionItems,
  nextPath,
  renderStep,
  STEP_PATH,
  type ProfileRoutesOptions,
  ownProfileGuard,
} from './profile.page.js';
import { displayProfile } from './profile.display.js';

/**
 * The person's own profile: the overview with the completeness indicator, and the steps that
 * hold one value each (bio data, travel documents, destinations and availability, visibility).
 * Each step saves on its own, POST-redirect-GET to the next step.
 */
export async function profileRoutes(app: App, options: ProfileRoutesOptions): Promise<void> {
  const { jobSeekers, reference } = options;
  const guard = ownProfileGuard(jobSeekers);

  app.get('/profile', guard, async (request, reply) => {
    const own = await jobSeekers.own(actorContext(request));
    const display = await displayProfile(options, own.profile, request.language, request.t);
    reply.header('cache-control', 'no-store');
    return reply.view('job-seekers/views/overview.njk', {
      profile: own.profile,
      completeness: own.completeness,
      display,
      steps: PROFILE_STEPS.map((step) => ({
        step,
        href: STEP_PATH[step],
        done: own.completeness.done.includes(step),
      })),
      saved: (request.query as Record<string, unknown>).saved === '1',
    });
  });

  // Bio data.
  const bio = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, unknown> | null,
    errors: FieldError[] = [],
  ) => {
    const own = await jobSeekers.own(actorContext(request));
    const p = own.profile;
    const shown = values ?? {
      givenNames: p.givenNames,
      familyName: p.familyName,
      givenNamesLatin: p.givenNamesLatin,
      familyNameLatin: p.familyNameLatin,
      birthDate: p.birthDate ?? '',
      sex: p.sex ?? '',
      nationality: p.nationality ?? '',
      homeSubdivision: p.homeSubdivision ?? '',
      birthPlace: p.birthPlace,
      birthCountry: p.birthCountry ?? '',
      phone: p.phone ?? '',
      email: p.email ?? '',
    };
    // The home region lists the subdivisions of the nationality shown: the saved one, or the
    // one just submitted when the page comes back with errors (so the person can choose again).
    const typed = shown.nationality;
    const regionCountry =
      typeof typed === 'string' && /^[A-Z]{2}$/.test(typed) ? typed : p.nationality;
    return renderStep(options, request, reply, 'bio', {
      values: shown,
      errors,
      limits: LIMITS,
      nationalityItems: await countryItems(reference, request, shown.nationality),
      birthCountryItems: await countryItems(reference, request, shown.birthCountry),
      homeRegionItems: await homeRegionItems(
        reference,
        request,
        regionCountry,
        shown.homeSubdivision,
      ),
      nationalitySaved: p.nationality !== null,
    });
  };

  /**
   * A home region that is not in the nationality submitted with it (the nationality was changed
   * in the same submit): a named error, in the reader's language, and the rest kept.
   */
  const regionMismatch = async (
    request: FastifyRequest,
    data: { nationality: string; homeSubdivision?: string | null },
  ): Promise<FieldError | null> => {
    const code = data.homeSubdivision;
    if (!code || !/^[A-Z]{2}-[A-Z0-9]{1,3}$/.test(code)) return null;
    if (code.slice(0, 2) === data.nationality) return null;
    const [regions, countries] = await Promise.all([
      reference.listSubdivisions(code.slice(0, 2), request.language),
      reference.listCountries(request.language),
    ]);
    const region = regions.find((r) => r.code === code);
    const country = countries.find((c) => c.code === data.nationality);
    // Not a region of any country, or no such nationality: the form's own errors say so.
    if (!region || !country) return null;
    return {
      field: 'homeSubdivision',
      text: request.t('jobSeekers.errors.homeSubdivisionMoved', {
        region: region.name,
        country: country.name,
      }),
    };
  };
  app.get('/profile/bio', guard, (request, reply) => bio(request, reply, null));
  app.post('/profile/bio', guard, async (request, reply) => {
    const form = parseForm(bioSchema, request.body, request.t);
    const body = (request.body ?? {}) as Record<string, unknown>;
    // A region left from another nationality is named with the other errors, not after them.
    const typed = {
      nationality: typeof body.nationality === 'string' ? body.nationality : '',
      homeSubdivision: typeof body.homeSubdivision === 'string' ? body.homeSubdivision : null,
    };
    const mismatch = /^[A-Z]{2}$/.test(typed.nationality)
      ? await regionMismatch(request, typed)
      : null;
    const errors = form.ok ? [] : form.errors;
    if (mismatch && !errors.some((error) => error.field === 'homeSubdivision')) {
      const after = ['birthPlace', 'birthCountry', 'phone', 'email'];
      const at = errors.findIndex((error) => after.includes(error.field));
      errors.splice(at === -1 ? errors.length : at, 0, mismatch);
    }
    if (errors.length > 0) {
      const values: Record<string, unknown> = { ...(form.ok ? body : form.values) };
      delete values._csrf;
      if (mismatch) values.homeSubdivision = '';
      return bio(request, reply, values, errors);
    }
    if (!form.ok) return bio(request, reply, form.values, form.errors);
    try {
      await jobSeekers.saveBio(actorContext(request), form.data);
    } catch (error) {
      return bio(
        request,
        reply,
        request.body as Record<string, unknown>,
        fieldErrorsFrom(error, request.t),
      );
    }
    return reply.redirect(nextPath('bio'), 303);
  });

  // Travel documents: kept by the identity-documents module; this step lists and links them.
  app.get('/profile/travel-documents', guard, (request, reply) =>
    renderStep(options, request, reply, 'documents'),
  );
  app.post('/profile/travel-documents', guard, async (request, reply) => {
    await jobSeekers.markSaved(actorContext(request), 'documents');
    return reply.redirect(nextPath('documents'), 303);
  });

  // Preferred destinations and availability.
  const destinations = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, unknown> | null,
    errors: FieldError[] = [],
  ) => {
    const own = await jobSeekers.own(actorContext(request));
    const chosen = values ? [values.countries ?? []].flat().map(String) : own.profile.destinations;
    const countries = await reference.listCountries(request.language);
    return renderStep(options, request, reply, 'destinations', {
      values: values ?? {
        availabilityDate: own.profile.availabilityDate ?? '',
        intendedStay: own.profile.intendedStay ?? 'unknown',
      },
      intendedStays: INTENDED_STAYS,
      errors,
      countryChoices: countries.map((c) => ({
        value: c.code,
        text: c.name,
        checked: chosen.includes(c.code),
      })),
      chosenCount: chosen.length,
    });
  };
  app.get('/profile/destinations', guard, (request, reply) => destinations(request, reply, null));
  app.post('/profile/destinations', guard, async (request, reply) => {
    const form = parseForm(destinationsSchema, request.body, request.t);
    if (!form.ok) return destinations(request, reply, form.values, form.errors);
    try {
      await jobSeekers.saveDestinations(actorContext(request), form.data);
    } catch (error) {
      return destinations(
        request,
        reply,
        request.body as Record<string, unknown>,
        fieldErrorsFrom(error, request.t),
      );
    }
    return reply.redirect(nextPath('destinations'), 303);
  });

  // Visibility.
  app.get('/profile/visibility', guard, (request, reply) =>
    renderStep(options, request, reply, 'visibility'),
  );
  app.post('/profile/visibility', guard, async (request, reply) => {
    const form = parseForm(visibilitySchema, request.body, request.t);
    if (!form.ok) {
      return renderStep(options, request, reply, 'visibility', {
        values: form.values,
        errors: form.errors,
      });
    }
    try {
      await jobSeekers.saveVisibility(actorContext(request), form.data);
    } catch (error) {
      return renderStep(options, request, reply, 'visibility', {
        values: form.data,
        errors: fieldErrorsFrom(error, request.t),
      });
    }
    return reply.redirect('/profile/visibility?saved=1', 303);
  });
}
