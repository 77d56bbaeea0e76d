import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '../../platform/http/types.js';
import {
  cefrLevelView,
  countryDetailView,
  countryView,
  currencyView,
  iscedFieldView,
  iscedLevelView,
  iscoGroupView,
  languageView,
  list,
  occupationMatchView,
  occupationSkillView,
  occupationView,
  presentCountry,
  presentCountryDetail,
  presentCurrency,
  presentIscoGroup,
  presentLanguage,
  presentOccupation,
  presentOccupationMatch,
  presentOccupationSkill,
  presentSkillMatch,
  problemView,
  skillMatchView,
  subdivisionView,
  presentSubdivision,
} from './reference.presenter.js';
import {
  countryParams,
  iscoParams,
  languageListQuery,
  languageQuery,
  occupationParams,
  searchQuery,
} from './reference.schemas.js';
import type { ReferenceService } from './reference.service.js';

const TAGS = ['Reference data'];

/** Reference data in the JSON API: public code lists and the lookups behind every form. */
export async function referenceApi(
  app: App,
  options: { reference: ReferenceService },
): Promise<void> {
  const { reference } = options;
  /** `?lang=` when given, else the language negotiated for the request. */
  const languageOf = (request: FastifyRequest, lang: string | undefined) =>
    lang ?? request.language;

  app.get(
    '/reference/occupations',
    {
      schema: {
        tags: TAGS,
        summary:
          'Search ESCO occupations and ISCO-08 unit groups in any ESCO language, typos allowed',
        querystring: searchQuery,
        response: { 200: list(occupationMatchView) },
      },
    },
    async (request) => {
      const { q, lang, limit } = request.query;
      const matches = await reference.searchOccupations(q, {
        language: languageOf(request, lang),
        limit,
      });
      return { items: matches.map(presentOccupationMatch) };
    },
  );

  app.get(
    '/reference/occupations/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'One ESCO occupation, with its labels in the requested language',
        params: occupationParams,
        querystring: languageQuery,
        response: { 200: occupationView, 404: problemView },
      },
    },
    async (request, reply) => {
      const occupation = await reference.getOccupation(
        request.params.id,
        languageOf(request, request.query.lang),
      );
      if (!occupation)
        return notFound(reply, `No ESCO occupation has the id ${request.params.id}.`);
      return presentOccupation(occupation);
    },
  );

  app.get(
    '/reference/occupations/:id/skills',
    {
      schema: {
        tags: TAGS,
        summary: 'The essential and optional ESCO skills of an occupation',
        params: occupationParams,
        querystring: languageQuery,
        response: { 200: list(occupationSkillView), 404: problemView },
      },
    },
    async (request, reply) => {
      const skills = await reference.skillsForOccupation(
        request.params.id,
        languageOf(request, request.query.lang),
      );
      if (!skills) return notFound(reply, `No ESCO occupation has the id ${request.params.id}.`);
      return { items: skills.map(presentOccupationSkill) };
    },
  );

  app.get(
    '/reference/skills',
    {
      schema: {
        tags: TAGS,
        summary: 'Search ESCO skills and knowledge (English labels), typos allowed',
        querystring: searchQuery,
        response: { 200: list(skillMatchView) },
      },
    },
    async (request) => {
      const { q, lang, limit } = request.query;
      const skills = await reference.searchSkills(q, {
        language: languageOf(request, lang),
        limit,
      });
      return { items: skills.map(presentSkillMatch) };
    },
  );

  app.get(
    '/reference/countries',
    {
      schema: {
        tags: TAGS,
        summary: 'ISO 3166-1 countries, named and sorted in the requested language',
        querystring: languageQuery,
        response: { 200: list(countryView) },
      },
    },
    async (request) => {
      const countries = await reference.listCountries(languageOf(request, request.query.lang));
      return { items: countries.map(presentCountry) };
    },
  );

  app.get(
    '/reference/countries/:code',
    {
      schema: {
        tags: TAGS,
        summary: 'One country, with its names in every shipped language',
        params: countryParams,
        querystring: languageQuery,
        response: { 200: countryDetailView, 404: problemView },
      },
    },
    async (request, reply) => {
      const country = await reference.getCountry(
        request.params.code,
        languageOf(request, request.query.lang),
      );
      if (!country) return notFound(reply, `No country has the code ${request.params.code}.`);
      return presentCountryDetail(country);
    },
  );

  app.get(
    '/reference/countries/:code/subdivisions',
    {
      schema: {
        tags: TAGS,
        summary:
          'The ISO 3166-2 subdivisions of a country, every level, by name: CLDR in the requested language, else English, else the ISO name (isoName)',
        params: countryParams,
        querystring: languageQuery,
        response: { 200: list(subdivisionView), 404: problemView },
      },
    },
    async (request, reply) => {
      if (!(await reference.getCountry(request.params.code))) {
        return notFound(reply, `No country has the code ${request.params.code}.`);
      }
      return {
        items: (
          await reference.listSubdivisions(
            request.params.code,
            languageOf(request, request.query.lang),
          )
        ).map(presentSubdivision),
      };
    },
  );

  app.get(
    '/reference/currencies',
    {
      schema: {
        tags: TAGS,
        summary: 'ISO 4217 currencies, named and sorted in the requested language',
        querystring: languageQuery,
        response: { 200: list(currencyView) },
      },
    },
    async (request) => {
      const currencies = await reference.listCurrencies(languageOf(request, request.query.lang));
      return { items: currencies.map(presentCurrency) };
    },
  );

  app.get(
    '/reference/languages',
    {
      schema: {
        tags: TAGS,
        summary:
          'ISO 639 languages (639-1 by default, or all of 639-3), named in the requested language',
        querystring: languageListQuery,
        response: { 200: list(languageView) },
      },
    },
    async (request) => {
      const languages = await reference.listLanguages(
        languageOf(request, request.query.lang),
        request.query.set,
      );
      return { items: languages.map(presentLanguage) };
    },
  );

  app.get(
    '/reference/isco',
    {
      schema: {
        tags: TAGS,
        summary: 'The ten ISCO-08 major groups',
        querystring: languageQuery,
        response: {
          200: list(z.object({ code: z.string(), level: z.number().int(), title: z.string() })),
        },
      },
    },
    async (request) => ({
      items: await reference.listIscoMajorGroups(languageOf(request, request.query.lang)),
    }),
  );

  app.get(
    '/reference/isco/:code',
    {
      schema: {
        tags: TAGS,
        summary:
          'One ISCO-08 group with its parent, sub-groups and (for a unit group) ESCO occupations',
        params: iscoParams,
        querystring: languageQuery,
        response: { 200: iscoGroupView, 404: problemView },
      },
    },
    async (request, reply) => {
      const group = await reference.getIscoGroup(
        request.params.code,
        languageOf(request, request.query.lang),
      );
      if (!group) return notFound(reply, `No ISCO-08 group has the code ${request.params.code}.`);
      return presentIscoGroup(group);
    },
  );

  app.get(
    '/reference/isced/levels',
    {
      schema: {
        tags: TAGS,
        summary: 'ISCED 2011 levels of education',
        response: { 200: list(iscedLevelView) },
      },
    },
    async () => ({ items: await reference.listIscedLevels() }),
  );

  app.get(
    '/reference/isced/fields',
    {
      schema: {
        tags: TAGS,
        summary: 'ISCED-F 2013 fields of education and training (broad, narrow, detailed)',
        response: { 200: list(iscedFieldView) },
      },
    },
    async () => ({ items: await reference.listIscedFields() }),
  );

  app.get(
    '/reference/cefr',
    {
      schema: {
        tags: TAGS,
        summary: 'CEFR language proficiency levels A1 to C2, described in the requested language',
        querystring: languageQuery,
        response: { 200: list(cefrLevelView) },
      },
    },
    async (request) => ({
      items: await reference.listCefrLevels(languageOf(request, request.query.lang)),
    }),
  );
}

/** RFC 9457 problem details; one place, to swap for the shared helper when it lands. */
function notFound(reply: FastifyReply, detail: string) {
  return reply
    .code(404)
    .type('application/problem+json; charset=utf-8')
    .send({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail,
      instance: reply.request.url.split('?')[0],
      requestId: reply.request.id,
    });
}
