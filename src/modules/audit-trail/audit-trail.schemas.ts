import { z } from 'zod';

/**
 * An optional query parameter: absent and blank (an empty box in the filter form) both mean
 * "no filter"; anything else must pass `inner`, whose messages are locale keys.
 */
function optionalParam<T extends z.ZodType<unknown, string>>(inner: T, message: string) {
  return z
    .string(message)
    .trim()
    .optional()
    .transform((value) => (value === '' ? undefined : value))
    .pipe(inner.optional());
}

const DAY_MESSAGE = 'auditTrail.errors.date';

/**
 * A day the database can take: zod accepts year 0000 and 9999-12-31, whose next day (the end
 * of a "to" filter) PostgreSQL refuses, which answered 500 (found by `npm run fuzz`).
 */
const day = z.iso
  .date(DAY_MESSAGE)
  .refine((value) => value >= '1900-01-01' && value <= '9999-12-30', DAY_MESSAGE);

/** A positive whole number written in decimal (ids and sizes in the query string). */
function positiveInteger(message: string, max: number) {
  return z
    .string()
    .regex(/^[0-9]{1,16}$/, message)
    .transform(Number)
    .pipe(z.number().int().min(1, message).max(max, message));
}

const filterFields = {
  action: optionalParam(
    z
      .string()
      .max(100, 'auditTrail.errors.action')
      .regex(/^[a-z_]+\.[a-z_]+$/, 'auditTrail.errors.action'),
    'auditTrail.errors.action',
  ).meta({ description: 'An action, e.g. person.viewed' }),
  actorUserId: optionalParam(
    z.uuid('auditTrail.errors.actorUserId'),
    'auditTrail.errors.actorUserId',
  ).meta({
    description: 'The id of the user who acted',
  }),
  subjectType: optionalParam(
    z
      .string()
      .max(50, 'auditTrail.errors.subjectType')
      .regex(/^[a-z_]+$/, 'auditTrail.errors.subjectType'),
    'auditTrail.errors.subjectType',
  ).meta({ description: 'The kind of record acted on, e.g. vacancy' }),
  subjectId: optionalParam(
    z.string().max(200, 'auditTrail.errors.subjectId'),
    'auditTrail.errors.subjectId',
  ).meta({
    description: 'The id of a record acted on',
  }),
  from: optionalParam(day, DAY_MESSAGE).meta({
    description: 'First day, YYYY-MM-DD (UTC)',
  }),
  to: optionalParam(day, DAY_MESSAGE).meta({
    description: 'Last day, YYYY-MM-DD (UTC), inclusive',
  }),
  beforeId: optionalParam(
    positiveInteger('auditTrail.errors.beforeId', Number.MAX_SAFE_INTEGER),
    'auditTrail.errors.beforeId',
  ).meta({ description: 'Events older than this id: the nextBeforeId of the previous page' }),
};

const dayOrder = {
  check: (filter: { from?: string | undefined; to?: string | undefined }) =>
    !filter.from || !filter.to || filter.from <= filter.to,
  params: { path: ['to'], message: 'auditTrail.errors.toBeforeFrom' },
};

/** The auditor's filter, for the page. Dates are whole days, UTC, inclusive. */
export const auditFilterSchema = z.object(filterFields).refine(dayOrder.check, dayOrder.params);

export type AuditFilterInput = z.output<typeof auditFilterSchema>;

/** The same filter in the API, with the page size. */
export const auditApiQuerySchema = z
  .object({
    ...filterFields,
    limit: optionalParam(
      positiveInteger('auditTrail.errors.limit', 200),
      'auditTrail.errors.limit',
    ).meta({ description: 'Events per page, 1 to 200 (default 50)' }),
  })
  .refine(dayOrder.check, dayOrder.params);

const actorView = z.object({
  userId: z.uuid().nullable(),
  role: z.string().nullable(),
  organisationId: z.uuid().nullable(),
  organisationName: z.string().nullable(),
  apiKeyId: z.uuid().nullable(),
});

/** An audit event as the API shows it to an auditor: the whole row. */
export const auditEventView = z.object({
  id: z.number().int(),
  occurredAt: z.iso.datetime(),
  action: z.string(),
  actor: actorView,
  subjectType: z.string(),
  subjectIds: z.array(z.string()),
  dataSubjectUserId: z.uuid().nullable(),
  purpose: z.string().nullable(),
  requestId: z.string().nullable(),
  ipAddress: z.string().nullable(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  hash: z.string(),
});

export type AuditEventView = z.infer<typeof auditEventView>;
