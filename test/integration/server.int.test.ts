import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve } from '../../src/main.js';
import type { App } from '../../src/platform/http/types.js';
import { createTestApp, LogCapture, testConfig } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

let database: TestDatabase;
let app: App;
const logs = new LogCapture();

beforeAll(async () => {
  database = await createTestDatabase();
  app = await createTestApp(database, { logs });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('server', () => {
  it('sets security headers with a fresh CSP nonce on every request', async () => {
    const first = await app.inject({ url: '/' });
    const second = await app.inject({ url: '/' });
    const csp = first.headers['content-security-policy'] as string;
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(first.body).toContain(`nonce="${nonce}"`);
    expect(second.headers['content-security-policy']).not.toContain(nonce);
    expect(first.headers['x-content-type-options']).toBe('nosniff');
    expect(first.headers['referrer-policy']).toBe('no-referrer');
  });

  it('gives every response a request id, keeping a sane incoming one', async () => {
    const fresh = await app.inject({ url: '/healthz' });
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await app.inject({
      url: '/healthz',
      headers: { 'x-request-id': 'proxy-abc-12345' },
    });
    expect(kept.headers['x-request-id']).toBe('proxy-abc-12345');
    const hostile = await app.inject({
      url: '/healthz',
      headers: { 'x-request-id': 'a\nb<script>' },
    });
    expect(hostile.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves fingerprinted assets with long cache lifetimes, compressed', async () => {
    const page = await app.inject({ url: '/' });
    const href = /href="(\/static\/corridor\.[0-9a-f]{12}\.css)"/.exec(page.body)?.[1];
    expect(href).toBeTruthy();
    const css = await app.inject({ url: href!, headers: { 'accept-encoding': 'gzip' } });
    expect(css.statusCode).toBe(200);
    expect(css.headers['cache-control']).toMatch(
      /max-age=31536000.*immutable|immutable.*max-age=31536000/,
    );
    expect(css.headers['content-encoding']).toBe('gzip');
    const missing = await app.inject({ url: '/static/nope.123.css' });
    expect(missing.statusCode).toBe(404);
  });

  it('reports health and readiness', async () => {
    const health = await app.inject({ url: '/healthz' });
    expect(health.json()).toEqual({ status: 'ok' });
    const ready = await app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', database: 'ok' });
  });

  it('never logs passwords, tokens, cookies, authorisation or document numbers', async () => {
    await app.inject({
      method: 'POST',
      url: '/api/v1/nothing?token=tok-SECRET-123&documentNumber=P1234567',
      headers: { cookie: 'session=cookie-SECRET-456', authorization: 'Bearer auth-SECRET-789' },
      payload: { password: 'pw-SECRET-000', documentNumber: 'X9876543' },
    });
    await app.inject({ url: '/boom?password=pw-SECRET-111' });
    await app.inject({ url: '/password-reset/SECRETtokenSECRETtokenSECRETtokenSECRET123' });
    expect(logs.lines.length).toBeGreaterThan(0);
    expect(logs.text).not.toMatch(/SECRET|P1234567|X9876543/);
    const entry = JSON.parse(
      logs.lines.find((line) => line.includes('/api/v1/nothing'))!,
    ) as Record<string, unknown>;
    expect(entry.requestId).toBeTruthy();
  });
});

describe('readiness and shutdown', () => {
  it('finishes requests in flight, then closes the database; readiness fails meanwhile', async () => {
    const own = await createTestDatabase();
    const server = await serve(testConfig({ PORT: '0', LOG_LEVEL: 'silent' }), own);
    // A request in flight: its body arrives in two parts, with the shutdown in between.
    const url = new URL(`${server.url}/api/v1/slow-upload`);
    const body = JSON.stringify({ first: 'half', second: 'half' });
    let connected!: () => void;
    const connection = new Promise<void>((resolve) => (connected = resolve));
    const responded = new Promise<number>((resolve, reject) => {
      const request = http.request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        },
      );
      request.on('error', reject);
      request.on('socket', (socket) =>
        socket.once('connect', () => {
          connected();
          setTimeout(() => request.end(body.slice(10)), 300);
        }),
      );
      request.write(body.slice(0, 10));
    });
    // Close once the request is connected (a busy machine can take longer than any fixed wait).
    await connection;
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closing = server.close();
    expect(await responded).toBe(404);
    await closing;
    await expect(own.ping()).rejects.toThrow();
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });
});
