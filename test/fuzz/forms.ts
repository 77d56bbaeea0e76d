import type { Random } from './random.js';
import type { FuzzRequest } from './runner.js';
import { HOSTILE_URL_VALUES, encodeText } from './values.js';

export interface Form {
  method: 'GET' | 'POST';
  /** The path the form goes to (query string kept). */
  action: string;
  /** The page it was found on. */
  page: string;
  /** Its fields and their values as the page fills them (first option, checked box…). */
  fields: Map<string, string>;
}

function unescapeHtml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function attribute(tag: string, name: string): string | null {
  const match = new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag);
  return match ? unescapeHtml(match[1]!) : null;
}

/** Same-site links of a page, as paths. */
export function linksOf(html: string): string[] {
  return [...html.matchAll(/<a\b[^>]*\shref="([^"]*)"/g)]
    .map((match) => unescapeHtml(match[1]!))
    .filter((href) => href.startsWith('/') && !href.startsWith('//'))
    .map((href) => href.split('#')[0]!)
    .filter((href) => href && !/^\/(static|assets)\//.test(href));
}

/** The forms of a page with their fields. */
export function formsOf(html: string, page: string): Form[] {
  const forms: Form[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const tag = match[1]!;
    const inner = match[2]!;
    const method = (attribute(tag, 'method') ?? 'get').toUpperCase() === 'POST' ? 'POST' : 'GET';
    const action = attribute(tag, 'action') || page;
    if (!action.startsWith('/')) continue;
    const fields = new Map<string, string>();
    for (const input of inner.matchAll(/<input\b[^>]*>/g)) {
      const name = attribute(input[0], 'name');
      if (!name || name === '_csrf') continue;
      const type = (attribute(input[0], 'type') ?? 'text').toLowerCase();
      const value = attribute(input[0], 'value') ?? '';
      if (type === 'checkbox' || type === 'radio') {
        const checked = /\schecked\b/.test(input[0]);
        if (checked || (type === 'radio' && !fields.has(name))) fields.set(name, value);
      } else if (!fields.has(name)) {
        fields.set(name, value);
      }
    }
    for (const select of inner.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
      const name = attribute(select[1]!, 'name');
      if (!name) continue;
      const options = [...select[2]!.matchAll(/<option\b([^>]*)>/g)];
      const chosen =
        options.find((option) => /\sselected\b/.test(option[1]!)) ?? options[1] ?? options[0];
      fields.set(name, chosen ? (attribute(chosen[0], 'value') ?? '') : '');
    }
    for (const area of inner.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
      const name = attribute(area[1]!, 'name');
      if (name) fields.set(name, unescapeHtml(area[2]!.trim()));
    }
    forms.push({ method, action, page, fields });
  }
  return forms;
}

/** A path with its identifiers and numbers blanked, so that a crawl takes few of each kind. */
export function shapeOf(path: string): string {
  return path
    .split('?')[0]!
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, ':id')
    .replace(/\d+/g, ':n');
}

/** Forms that end the session or destroy the account: tried last. */
export const DESTRUCTIVE = /sign-out|erase|revoke|remove|delete|disable|two-factor\/reset|password/;

function encodeForm(
  fields: Map<string, string>,
  csrf: string | null,
  override?: [string, string | null],
): string {
  const pairs: string[] = csrf ? [`_csrf=${encodeURIComponent(csrf)}`] : [];
  for (const [name, value] of fields) {
    if (override && override[0] === name) {
      if (override[1] !== null) pairs.push(`${encodeText(name)}=${override[1]}`);
    } else {
      pairs.push(`${encodeText(name)}=${encodeText(value)}`);
    }
  }
  return pairs.join('&');
}

/** The requests for one form: each field with hostile values, repeated, and left out. */
export function formRequests(
  form: Form,
  csrf: string | null,
  options: { random: Random; valuesPerField: number },
): FuzzRequest[] {
  const name = `${form.method} ${shapeOf(form.action)}`;
  const send = (body: string, label: string): FuzzRequest =>
    form.method === 'POST'
      ? {
          method: 'POST',
          url: form.action,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: body,
          label: `${name} ${label}`,
        }
      : {
          method: 'GET',
          url: `${form.action.split('?')[0]}?${body}`,
          label: `${name} ${label}`,
        };
  const token = form.method === 'POST' ? csrf : null;
  const requests: FuzzRequest[] = [send(encodeForm(form.fields, token), 'baseline')];
  for (const field of form.fields.keys()) {
    for (const { label, value } of options.random.sample(
      HOSTILE_URL_VALUES,
      options.valuesPerField,
    )) {
      requests.push(
        send(encodeForm(form.fields, token, [field, value]), `field ${field}: ${label}`),
      );
    }
    requests.push(
      send(`${encodeForm(form.fields, token)}&${encodeText(field)}=x`, `field ${field}: repeated`),
      send(encodeForm(form.fields, token, [field, null]), `field ${field}: missing`),
    );
  }
  requests.push(send(`${encodeForm(form.fields, token)}&%E0%A4%A=1`, 'broken field name'));
  return requests;
}
