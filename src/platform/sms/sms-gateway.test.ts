import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpSmsGateway, SmsGatewayError } from './sms-gateway.js';

/** A local HTTP server standing in for the gateway. */
let server: http.Server;
let url: string;
const received: Array<{ auth: string | undefined; body: unknown; path: string }> = [];

beforeAll(async () => {
  server = http.createServer((request, response) => {
    let data = '';
    request.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
    request.on('end', () => {
      if (request.url === '/silent') return; // never answers
      received.push({
        auth: request.headers.authorization,
        body: JSON.parse(data),
        path: request.url ?? '',
      });
      response.statusCode = request.url === '/refuse' ? 503 : 202;
      response.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('the HTTP SMS gateway', () => {
  it('posts {to, text} as JSON with the bearer token', async () => {
    const gateway = httpSmsGateway({ url: `${url}/send`, token: 'secret-token' });
    await gateway.send({ to: '+254712345678', text: 'Corridor: your code is 123456. أهلًا' });
    expect(received.at(-1)).toEqual({
      auth: 'Bearer secret-token',
      path: '/send',
      body: { to: '+254712345678', text: 'Corridor: your code is 123456. أهلًا' },
    });
  });

  it('throws when the gateway refuses, naming the status, never the text', async () => {
    const gateway = httpSmsGateway({ url: `${url}/refuse` });
    const error = await gateway
      .send({ to: '+254712345678', text: 'code 654321' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmsGatewayError);
    expect((error as SmsGatewayError).status).toBe(503);
    expect((error as Error).message).not.toContain('654321');
  });

  it('gives up on a silent gateway after its timeout', async () => {
    const gateway = httpSmsGateway({ url: `${url}/silent`, timeoutMs: 200 });
    await expect(gateway.send({ to: '+254712345678', text: 'x' })).rejects.toThrow(/no answer/);
  });

  it('refuses a number that is not E.164 without calling the gateway', async () => {
    const count = received.length;
    const gateway = httpSmsGateway({ url: `${url}/send` });
    await expect(gateway.send({ to: '0712345678', text: 'x' })).rejects.toThrow(SmsGatewayError);
    expect(received.length).toBe(count);
  });
});
