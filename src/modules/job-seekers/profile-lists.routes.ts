import type { FastifyReply, FastifyRequest } from 'fastify';
import { actorContext } from '../../platform/http/context.js';
import { fieldErrorsFrom, parseForm, type FieldError } from '../../platform/http/forms.js';
import { NotFoundError } from '../../platform/http/problem.js';
import type { App } from '../../platform/http/types.js';
import type { ListName } from './job-seekers.repository.js';
import {
  codesOf,
  educationSchema,
  entryIdSchema,
  experienceSchema,
  languageParamSchema,
  languageSchema,
  LIMITS,
  occupationSchema,
  skillParamSchema,
  skillSchema,
  skillSearchSchema,
} from './job-seekers.schemas.js';
import {
  countryItems,
  nextPath,
  ownProfileGuard,
  renderStep,
  type ProfileRoutesOptions,
} from './profile.page.js';

const SUGGESTIONS = 6;

/**
 * The steps that are lists (education, work experience, occupations wanted, skills,
 * languages): add one entry at a time, remove any, then "continue" marks the step saved.
 */
export async function profileListRoutes(app: App, options: ProfileRoutesOptions): Promise<void> {
  const { jobSeekers, reference } = options;
  const guard = ownProfileGuard(jobSeekers);
  const body = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;

  /** The "continue" button of a list step: marks it saved (an empty list is an answer). */
  const done = (step: ListName | 'skills' | 'languages') =>
    app.post(`/profile/${step}/done`, guard, async (request, reply) => {
      await jobSeekers.markSaved(actorContext(request), step);
      return reply.redirect(nextPath(step), 303);
    });
  const remove = (list: ListName) =>
    app.post(`/profile/${list}/:id/remove`, guard, async (request, reply) => {
      const params = entryIdSchema.safeParse(request.params);
      if (!params.success) throw new NotFoundError();
      await jobSeekers.removeEntry(actorContext(request), list, params.data.id);
      return reply.redirect(`/profile/${list}?saved=1`, 303);
    });

  // Education.
  const education = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, unknown> = {},
    errors: FieldError[] = [],
  ) => {
    const fields = (await reference.listIscedFields()).filter((f) => f.level === 'broad');
    return renderStep(options, request, reply, 'education', {
      values,
      errors,
      limits: LIMITS,
      levelItems: [
        { value: '', text: request.t('jobSeekers.form.choose') },
        ...['1', '2', '3', '4', '5', '6', '7', '8'].map((code) => ({
          value: code,
          text: request.t(`jobSeekers.isced.${code}`),
          selected: values.iscedLevel === code,
        })),
      ],
      fieldItems: [
        { value: '', text: request.t('jobSeekers.form.optionalChoice') },
        ...fields.map((f) => ({
          value: f.code,
          text: f.nameEn,
          selected: values.iscedField === f.code,
          attributes: { lang: 'en' },
        })),
      ],
      countryChoices: await countryItems(reference, request, values.country),
    });
  };
  app.get('/profile/education', guard, (request, reply) => education(request, reply));
  app.post('/profile/education', guard, async (request, reply) => {
    const form = parseForm(educationSchema, request.body, request.t);
    if (!form.ok) return education(request, reply, form.values, form.errors);
    try {
      await jobSeekers.addEducation(actorContext(request), form.data);
    } catch (error) {
      return education(request, reply, body(request), fieldErrorsFrom(error, request.t));
    }
    return reply.redirect('/profile/education?saved=1', 303);
  });
  remove('education');
  done('education');

  /** The coder's suggestions for the typed title, as radios, with "keep my words only". */
  const suggestions = async (request: FastifyRequest, title: string, picked: unknown) => {
    if (title.trim().length < 2) return [];
    const matches = await reference.searchOccupations(title, {
      language: request.language,
      limit: SUGGESTIONS,
    });
    const items: Record<string, unknown>[] = matches.map((m, index) => {
      const value = m.kind === 'esco_occupation' ? `esco:${m.id}` : `isco:${m.id}`;
      return {
        value,
        html: `<span lang="${m.titleLanguage}">${escapeHtml(m.title)}</span>`,
        hint: {
          html: `${index === 0 ? `${escapeHtml(request.t('jobSeekers.coder.suggested'))} · ` : ''}<span lang="${m.iscoUnitGroup.titleLanguage ?? 'en'}">${escapeHtml(m.iscoUnitGroup.title)}</span> <bdi dir="ltr">(ISCO ${escapeHtml(m.iscoUnitGroup.code)})</bdi>`,
        },
        checked: picked ? picked === value : index === 0,
      };
    });
    if (items.length) items.push({ divider: request.t('jobSeekers.coder.or') });
    items.push({
      value: 'none',
      text: request.t('jobSeekers.coder.none'),
      checked: picked === 'none' || matches.length === 0,
    });
    return items;
  };

  // Work experience and occupations wanted: typed freely, then coded.
  for (const list of ['experience', 'occupations'] as const) {
    const schema = list === 'experience' ? experienceSchema : occupationSchema;
    const page = async (
      request: FastifyRequest,
      reply: FastifyReply,
      values: Record<string, unknown> = {},
      errors: FieldError[] = [],
      coding = false,
    ) => {
      const title = typeof values.title === 'string' ? values.title : '';
      return renderStep(options, request, reply, list, {
        values,
        errors,
        limits: LIMITS,
        coding,
        occupationItems: coding ? await suggestions(request, title, values.occupation) : [],
        countryChoices: await countryItems(reference, request, values.country),
      });
    };
    app.get(`/profile/${list}`, guard, (request, reply) => page(request, reply));
    app.post(`/profile/${list}`, guard, async (request, reply) => {
      const form = parseForm(schema, request.body, request.t);
      if (!form.ok) return page(request, reply, form.values, form.errors);
      // No pick yet: show the coder's suggestions for the words typed (nothing saved).
      if (form.data.occupation === '') return page(request, reply, body(request), [], true);
      try {
        const codes = codesOf(form.data.occupation);
        if (list === 'experience') {
          const data = form.data as ReturnType<typeof experienceSchema.parse>;
          await jobSeekers.addExperience(actorContext(request), { ...data, ...codes });
        } else {
          await jobSeekers.addOccupation(actorContext(request), {
            title: form.data.title,
            ...codes,
          });
        }
      } catch (error) {
        return page(request, reply, body(request), fieldErrorsFrom(error, request.t), true);
      }
      return reply.redirect(`/profile/${list}?saved=1`, 303);
    });
    remove(list);
    done(list);
  }

  // Skills: ESCO, searched in the reader's language.
  const skills = async (
    request: FastifyRequest,
    reply: FastifyReply,
    q: string,
    errors: FieldError[] = [],
  ) => {
    const found =
      q.length >= 2
        ? await reference.searchSkills(q, { language: request.language, limit: 10 })
        : [];
    return renderStep(options, request, reply, 'skills', {
      q,
      searched: q.length >= 2,
      errors,
      found: found.map((s) => ({ id: s.id, title: s.title, lang: s.titleLanguage })),
      limits: LIMITS,
    });
  };
  app.get('/profile/skills', guard, (request, reply) => {
    const query = skillSearchSchema.safeParse(request.query);
    return skills(request, reply, query.success ? query.data.q : '');
  });
  app.post('/profile/skills', guard, async (request, reply) => {
    const form = parseForm(skillSchema, request.body, request.t);
    const q =
      typeof body(request).q === 'string' ? String(body(request).q).slice(0, LIMITS.search) : '';
    if (!form.ok) return skills(request, reply, q, form.errors);
    try {
      await jobSeekers.addSkill(actorContext(request), form.data.skill);
    } catch (error) {
      return skills(request, reply, q, fieldErrorsFrom(error, request.t));
    }
    return reply.redirect('/profile/skills?saved=1', 303);
  });
  app.post('/profile/skills/:id/remove', guard, async (request, reply) => {
    const params = skillParamSchema.safeParse(request.params);
    if (!params.success) throw new NotFoundError();
    await jobSeekers.removeSkill(actorContext(request), params.data.id);
    return reply.redirect('/profile/skills?saved=1', 303);
  });
  done('skills');

  // Languages with their CEFR level.
  const languages = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, unknown> = {},
    errors: FieldError[] = [],
  ) => {
    const [all, levels] = await Promise.all([
      reference.listLanguages(request.language),
      reference.listCefrLevels(request.language),
    ]);
    return renderStep(options, request, reply, 'languages', {
      values,
      errors,
      languageItems: [
        { value: '', text: request.t('jobSeekers.form.choose') },
        ...all.map((l) => ({
          value: l.code,
          text: l.name,
          selected: values.languageCode === l.code,
        })),
      ],
      levelItems: levels.map((l) => ({
        value: l.code,
        text: `${l.code} – ${l.name}`,
        hint: { text: l.description },
        checked: values.cefrLevel === l.code,
      })),
    });
  };
  app.get('/profile/languages', guard, (request, reply) => languages(request, reply));
  app.post('/profile/languages', guard, async (request, reply) => {
    const form = parseForm(languageSchema, request.body, request.t);
    if (!form.ok) return languages(request, reply, form.values, form.errors);
    try {
      await jobSeekers.setLanguage(actorContext(request), form.data);
    } catch (error) {
      return languages(request, reply, body(request), fieldErrorsFrom(error, request.t));
    }
    return reply.redirect('/profile/languages?saved=1', 303);
  });
  app.post('/profile/languages/:code/remove', guard, async (request, reply) => {
    const params = languageParamSchema.safeParse(request.params);
    if (!params.success) throw new NotFoundError();
    await jobSeekers.removeLanguage(actorContext(request), params.data.code);
    return reply.redirect('/profile/languages?saved=1', 303);
  });
  done('languages');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
