import { describe, expect, it } from 'vitest';
import { ANONYMOUS, type Principal, type RoleGrant } from '../../platform/authz/principal.js';
import type { OrganisationKind } from '../../platform/authz/catalogue.js';
import { Translator } from '../../platform/i18n/translator.js';
import { fitToWidth, queryErrorOf, restrictedViewer, sdmxNames } from './statistics.routes.js';

const grant = (role: RoleGrant['role'], countryCode: string | null): RoleGrant => ({
  role,
  organisationId: 'org-1',
  countryCode,
  administrator: false,
});
const person = (...grants: RoleGrant[]): Principal => ({
  ...ANONYMOUS,
  userId: 'user-1',
  sessionId: 'session-1',
  grants,
  twoFactorVerified: true,
});

/** Organisation 'org-1' is of this kind (origin authority unless said otherwise). */
const kinds =
  (kind: OrganisationKind = 'origin_authority') =>
  async (id: string) =>
    id === 'org-1' ? kind : null;

/** The filters a principal's reads are limited to, or null when it may not read. */
async function scopeOf(principal: Principal, kind?: OrganisationKind) {
  const viewer = await restrictedViewer(principal, kinds(kind));
  return viewer?.audience === 'restricted' ? viewer.scope : null;
}

describe('the restricted reader', () => {
  it('reads their own country, as the origin or the destination their authority is', async () => {
    expect(await restrictedViewer(person(grant('analyst', 'KE')), kinds())).toMatchObject({
      audience: 'restricted',
      userId: 'user-1',
      scope: { origin: 'KE' },
      role: 'analyst',
      organisationId: 'org-1',
      apiKeyId: null,
    });
    expect(await scopeOf(person(grant('analyst', 'AE')), 'destination_authority')).toEqual({
      destination: 'AE',
    });
    expect(await scopeOf(person(grant('origin_officer', 'KE')))).toEqual({ origin: 'KE' });
    expect(await scopeOf(person(grant('destination_officer', 'AE')))).toEqual({
      destination: 'AE',
    });
    // Two grants of one authority give the same country, never every country.
    expect(await scopeOf(person(grant('origin_officer', 'KE'), grant('analyst', 'KE')))).toEqual({
      origin: 'KE',
    });
  });

  it('is nobody without the permission, a country, or a side of the corridor', async () => {
    expect(await restrictedViewer(ANONYMOUS, kinds())).toBeNull();
    expect(await scopeOf(person(grant('job_seeker', null)))).toBeNull();
    expect(await scopeOf(person(grant('origin_officer', null)))).toBeNull();
    // An analyst of an organisation that is not an authority (none is today) reads nothing.
    expect(await scopeOf(person(grant('analyst', 'KE')), 'ngo')).toBeNull();
  });

  it('may be an API key, named as such for the audit row, within its country', async () => {
    // A key of an origin authority carries every role of the kind, the analyst's too.
    const key: Principal = {
      ...ANONYMOUS,
      apiKeyId: 'key-1',
      grants: [grant('origin_officer', 'KE'), grant('analyst', 'KE'), grant('auditor', 'KE')],
      permissionLimit: new Set(['statistics.read']),
    };
    expect(await restrictedViewer(key, kinds())).toMatchObject({
      userId: null,
      apiKeyId: 'key-1',
      scope: { origin: 'KE' },
    });
    expect(
      await restrictedViewer({ ...key, permissionLimit: new Set(['organisation.read']) }, kinds()),
    ).toBeNull();
  });
});

describe('a question the service cannot answer', () => {
  it('becomes a problem on its field, with the code’s message', () => {
    const error = Object.assign(new Error('no'), {
      name: 'StatisticsQueryError',
      code: 'combination_not_available',
      field: 'occupation',
    });
    expect(queryErrorOf(error)).toEqual({
      field: 'occupation',
      key: 'statistics.errors.query.combination_not_available',
    });
    // A field or code it does not know stays on the breakdown, with the general message.
    const odd = Object.assign(new Error('no'), {
      name: 'StatisticsQueryError',
      code: '<b>',
      field: 'x',
    });
    expect(queryErrorOf(odd)).toEqual({
      field: 'by',
      key: 'statistics.errors.query.combination_not_available',
    });
    expect(queryErrorOf(new Error('boom'))).toBeNull();
    expect(queryErrorOf('StatisticsQueryError')).toBeNull();
  });
});

describe('SDMX names', () => {
  it('name the table, its breakdowns, columns, units and small codelists in the reader’s language', () => {
    const t = new Translator().forLanguage('fr');
    const names = sdmxNames(t, 'fr', {
      id: 'demand',
      dimensions: ['destination', 'contract', 'wage'],
      filters: [],
      filterDimensions: {},
      columns: [{ id: 'positions_approved', unit: 'positions', kind: 'count' }],
      defaultBy: 'destination',
    });
    expect(names.language).toBe('fr');
    expect(names.table).toBe('Demande\u00a0: offres d’emploi et postes');
    expect(names.dimensions?.destination).toBe('Pays de destination');
    expect(names.columns).toEqual({ positions_approved: 'Postes approuvés' });
    expect(names.units).toEqual({ positions: 'postes' });
    expect(names.codes?.contract?.['0-6']).toBe('Jusqu’à 6 mois');
    expect(names.codes?.wage?.lt300).toBe('Moins de 300 dollars US');
    expect(names.codes?.destination).toBeUndefined();
  });
});

describe('a chart on a page', () => {
  it('loses its fixed size and inline style, keeping its viewBox and the rest', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 394" width="640" height="394" style="max-width:100%" role="img"><rect width="10" height="5"/></svg>';
    expect(fitToWidth(svg)).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 394" role="img"><rect width="10" height="5"/></svg>',
    );
  });
});
