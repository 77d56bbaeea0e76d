import type { FastifyReply, FastifyRequest } from 'fastify';
import { requirePermission } from '../../platform/http/authentication.js';
import { actorContext } from '../../platform/http/context.js';
import {
  fieldErrorsFrom,
  formErrorContext,
  parseForm,
  type FieldError,
} from '../../platform/http/forms.js';
import { NotFoundError } from '../../platform/http/problem.js';
import type { App } from '../../platform/http/types.js';
import { audienceItems, entryView, kindItems, namesFor } from './directory.page.js';
import type { DirectoryEntry } from './directory.repository.js';
import type { DirectoryRouteOptions } from './directory.routes.js';
import { idParamSchema, entrySchema } from './directory.schemas.js';

const DONE = new Set(['created', 'updated', 'removed']);

function idParam(request: FastifyRequest): string {
  const parsed = idParamSchema.safeParse(request.params);
  if (!parsed.success) throw new NotFoundError('directory.errors.unknownEntry');
  return parsed.data.id;
}

/** A form's errors name the field (its first path segment: "phones", not "phones.1"). */
function byField(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors
    .map((error) => ({ ...error, field: error.field.split('.')[0] ?? error.field }))
    .filter((error) => (seen.has(error.field) ? false : (seen.add(error.field), true)));
}

/** What the form shows of an entry: lists as text, one item per line or comma-separated. */
function formValues(entry: DirectoryEntry): Record<string, unknown> {
  return {
    ...entry,
    phones: entry.phones.join('\n'),
    languages: entry.languages.join(', '),
    latitude: entry.latitude ?? '',
    longitude: entry.longitude ?? '',
  };
}

/** Officers keep the directory: their organisation's entries, or their country's. */
export async function directoryManageRoutes(
  app: App,
  options: DirectoryRouteOptions,
): Promise<void> {
  const { directory, reference, organisations } = options;
  const guard = { preHandler: requirePermission('directory.manage') };

  const form = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: {
      entry?: DirectoryEntry;
      errors?: FieldError[];
      values?: Record<string, unknown>;
      status?: number;
    },
  ) => {
    const names = await namesFor(reference, request.language, []);
    const values =
      extra.values ?? (extra.entry ? formValues(extra.entry) : { serves: ['everyone'] });
    const serves = Array.isArray(values.serves)
      ? values.serves.map(String)
      : typeof values.serves === 'string'
        ? [values.serves]
        : [];
    return reply.code(extra.status ?? 200).view('directory/views/form.njk', {
      entry: extra.entry ?? null,
      values,
      kindItems: kindItems(request.t, typeof values.kind === 'string' ? values.kind : null).map(
        (item, index) =>
          index === 0 ? { ...item, text: request.t('directory.form.chooseKind') } : item,
      ),
      countryItems: [
        { value: '', text: request.t('directory.filters.chooseCountry') },
        ...names.countries.map((country) => ({
          value: country.code,
          text: country.name,
          selected: country.code === values.countryCode,
        })),
      ],
      audienceItems: audienceItems(request.t, serves),
      ...formErrorContext(byField(extra.errors ?? [])),
    });
  };

  app.get('/directory/manage', guard, async (request, reply) => {
    const entries = await directory.manageable(actorContext(request));
    const countries = [...new Set(entries.map((entry) => entry.countryCode))];
    const names = await namesFor(reference, request.language, countries);
    const ids = [...new Set(entries.flatMap((entry) => entry.maintainedBy ?? []))];
    const maintainers = ids.length ? await organisations.names(ids) : new Map<string, string>();
    const { done } = request.query as Record<string, unknown>;
    return reply.view('directory/views/manage.njk', {
      entries: entries.map((entry, index) =>
        entryView(entry, index, {
          locale: { language: request.language, t: request.t, fmt: request.fmt },
          names,
          maintainers,
        }),
      ),
      done: typeof done === 'string' && DONE.has(done) ? done : null,
    });
  });

  app.get('/directory/manage/new', guard, async (request, reply) => form(request, reply, {}));

  app.post('/directory/manage/new', guard, async (request, reply) => {
    const parsed = parseForm(entrySchema, request.body, request.t);
    if (!parsed.ok) return form(request, reply, { ...parsed, status: 400 });
    try {
      await directory.create(actorContext(request), parsed.data);
      return reply.redirect('/directory/manage?done=created', 303);
    } catch (error) {
      const errors = fieldErrorsFrom(error, request.t);
      return form(request, reply, {
        errors,
        values: request.body as Record<string, unknown>,
        status: 400,
      });
    }
  });

  app.get('/directory/manage/:id', guard, async (request, reply) => {
    const entry = await directory.editable(actorContext(request), idParam(request));
    return form(request, reply, { entry });
  });

  app.post('/directory/manage/:id', guard, async (request, reply) => {
    const ctx = actorContext(request);
    const entry = await directory.editable(ctx, idParam(request));
    const parsed = parseForm(entrySchema, request.body, request.t);
    if (!parsed.ok) return form(request, reply, { entry, ...parsed, status: 400 });
    try {
      await directory.update(ctx, entry.id, parsed.data);
      return reply.redirect('/directory/manage?done=updated', 303);
    } catch (error) {
      const errors = fieldErrorsFrom(error, request.t);
      const values = request.body as Record<string, unknown>;
      return form(request, reply, { entry, errors, values, status: 400 });
    }
  });

  app.post('/directory/manage/:id/remove', guard, async (request, reply) => {
    await directory.remove(actorContext(request), idParam(request));
    return reply.redirect('/directory/manage?done=removed', 303);
  });
}
