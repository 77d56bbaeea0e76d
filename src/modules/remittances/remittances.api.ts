import { z } from 'zod';
import { actorContext } from '../../platform/http/context.js';
import { requirePermission } from '../../platform/http/authentication.js';
import {
  NotFoundError,
  problemDetailsSchema,
  ValidationError,
} from '../../platform/http/problem.js';
import type { App } from '../../platform/http/types.js';
import {
  comparisonJson,
  importResultJson,
  presentComparison,
  presentImport,
} from './remittances.presenter.js';
import { comparisonApiQuery, corridorParams, importApiBody } from './remittances.schemas.js';
import type { RemittancesService } from './remittances.service.js';

const problem = problemDetailsSchema;
const tags = ['Remittances'];

/** The module's JSON routes, under /api/v1. */
export async function remittancesApi(
  app: App,
  options: { remittances: RemittancesService },
): Promise<void> {
  const { remittances } = options;

  app.get(
    '/remittances/:from/:to',
    {
      schema: {
        tags,
        summary:
          'Remittance prices of a corridor (public): the total cost of each offer for the equivalent of USD 200 and for `amount` in the send currency, cheapest first; the World Bank corridor average and the 3% SDG target',
        params: z.object({ from: z.string().max(8), to: z.string().max(8) }),
        querystring: z.object({
          amount: z.string().max(40).optional().describe('In the send currency: 500, 1500.50'),
          currency: z.string().max(8).optional().describe('ISO 4217 send currency'),
        }),
        response: { 200: comparisonJson, 400: problem, 404: problem },
      },
    },
    async (request) => {
      const params = corridorParams.safeParse(request.params);
      if (!params.success) throw new NotFoundError('remittances.errors.unknownCorridor');
      const query = comparisonApiQuery.safeParse(request.query);
      if (!query.success) {
        throw new ValidationError(
          query.error.issues.map((issue) => ({
            pointer: `/${issue.path.map(String).join('/')}`,
            detail: issue.message,
          })),
        );
      }
      try {
        return presentComparison(
          await remittances.compare({
            fromCountry: params.data.from,
            toCountry: params.data.to,
            amount: query.data.amount,
            currency: query.data.currency,
          }),
        );
      } catch (error) {
        if (error instanceof NotFoundError)
          throw new NotFoundError('remittances.errors.unknownCorridor');
        throw error;
      }
    },
  );

  app.post(
    '/remittances/imports',
    {
      onRequest: requirePermission('remittance.manage'),
      schema: {
        tags,
        summary:
          'Import remittance prices from CSV (the columns of /remittances/import/template.csv): mode "all" writes nothing when a row is refused, "valid" writes the valid rows; refused rows come back with their reason',
        body: importApiBody,
        response: { 200: importResultJson, 400: problem, 404: problem },
      },
    },
    async (request) =>
      presentImport(
        await remittances.importPrices(actorContext(request), {
          csv: request.body.csv,
          mode: request.body.mode,
        }),
      ),
  );
}
