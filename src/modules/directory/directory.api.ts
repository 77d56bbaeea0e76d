import { z } from 'zod';
import { requirePermission } from '../../platform/http/authentication.js';
import { actorContext } from '../../platform/http/context.js';
import { problemDetailsSchema } from '../../platform/http/problem.js';
import type { App } from '../../platform/http/types.js';
import { directoryEntryJson, presentEntry } from './directory.presenter.js';
import { directoryQuery, entrySchema } from './directory.schemas.js';
import type { DirectoryService } from './directory.service.js';

const problem = problemDetailsSchema;
const tags = ['Directory'];
const NO_ID = '00000000-0000-0000-0000-000000000000';
const idParams = z.object({ id: z.string().max(100) });
const uuidOrNone = (value: string) => {
  const parsed = z.uuid().safeParse(value);
  return parsed.success ? parsed.data : NO_ID;
};

/**
 * The directory of services as JSON: read by anyone; written by the keys (and officers) that
 * hold directory.manage, within its scope.
 */
export async function directoryApi(
  app: App,
  options: { directory: DirectoryService },
): Promise<void> {
  const { directory } = options;

  app.get(
    '/directory',
    {
      schema: {
        tags,
        summary:
          'Services for migrants (public): offices, embassies, resource centres, hotlines, shelters, legal aid, health; by country, kind and language spoken',
        querystring: directoryQuery,
        response: { 200: z.object({ items: z.array(directoryEntryJson) }) },
      },
    },
    async (request) => {
      const { country, kind, language, page } = request.query;
      const items = await directory.list(
        {
          ...(country ? { countryCode: country } : {}),
          ...(kind ? { kind } : {}),
          ...(language ? { language } : {}),
        },
        page,
      );
      return { items: items.map(presentEntry) };
    },
  );

  app.get(
    '/directory/:id',
    {
      schema: {
        tags,
        summary: 'One entry of the directory (public)',
        params: idParams,
        response: { 200: directoryEntryJson, 404: problem },
      },
    },
    async (request) => presentEntry(await directory.get(uuidOrNone(request.params.id))),
  );

  app.post(
    '/directory',
    {
      onRequest: requirePermission('directory.manage'),
      schema: {
        tags,
        summary:
          'Add an entry (maintained by the caller’s organisation; an authority in its own country, an embassy in its host country or the state it represents)',
        body: entrySchema,
        response: { 201: directoryEntryJson, 400: problem },
      },
    },
    async (request, reply) => {
      const entry = await directory.create(actorContext(request), request.body);
      return reply.code(201).send(presentEntry(entry));
    },
  );

  app.put(
    '/directory/:id',
    {
      onRequest: requirePermission('directory.manage'),
      schema: {
        tags,
        summary: 'Replace an entry the caller maintains (or one in its jurisdiction)',
        params: idParams,
        body: entrySchema,
        response: { 200: directoryEntryJson, 400: problem, 404: problem },
      },
    },
    async (request) =>
      presentEntry(
        await directory.update(actorContext(request), uuidOrNone(request.params.id), request.body),
      ),
  );

  app.delete(
    '/directory/:id',
    {
      onRequest: requirePermission('directory.manage'),
      schema: {
        tags,
        summary: 'Remove an entry the caller maintains (or one in its jurisdiction)',
        params: idParams,
        response: { 204: z.null(), 404: problem },
      },
    },
    async (request, reply) => {
      await directory.remove(actorContext(request), uuidOrNone(request.params.id));
      return reply.code(204).send(null);
    },
  );
}
