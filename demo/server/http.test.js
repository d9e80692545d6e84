// @ts-check
import assert from 'node:assert/strict';
import { createServer, request } from 'node:http';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { createApp } from './app.js';
import { API, Client, assertProblem, startServer } from './harness.js';

/** @typedef {Awaited<ReturnType<typeof startServer>>} Server */

/** @type {Server} */
let server;

describe('CSRF defence on every non-GET API request', () => {
  afterEach(() => server.close());
  beforeEach(async () => {
    server = await startServer();
  });

  const refused = [
    ['no X-Requested-With', { 'x-requested-with': undefined }],
    ['a different X-Requested-With', { 'x-requested-with': 'XMLHttpRequest' }],
    ['a text/plain body', { 'content-type': 'text/plain' }],
    ['a form body', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['no Content-Type', { 'content-type': undefined }],
    ['a foreign Origin', { origin: 'https://evil.example' }],
    ['Origin: null', { origin: 'null' }],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
    [
      'Sec-Fetch-Site: same-site without an Origin to vouch for it',
      { origin: undefined, 'sec-fetch-site': 'same-site' },
    ],
  ];
  for (const [label, headers] of refused) {
    test(`refuses ${label} with 403 csrf`, async () => {
      const client = server.client();
      for (const operation of [
        '/passkey/authentication/options',
        '/sign-out',
        '/account',
        '/methods',
        '/code/send',
        '/code/verify',
        '/password/sign-in',
        '/password/set',
      ]) {
        assertProblem(
          await client.post(operation, {}, /** @type {Record<string, string | undefined>} */ (headers)),
          403,
          'csrf',
        );
      }
    });
  }

  test('accepts the widget’s own requests, with or without the optional browser headers', async () => {
    const client = server.client();
    for (const headers of [
      {},
      { 'content-type': 'application/json; charset=utf-8' },
      { origin: undefined, 'sec-fetch-site': undefined },
      { 'sec-fetch-site': 'same-site' },
      { 'sec-fetch-site': 'none', origin: undefined },
    ]) {
      const reply = await client.post('/passkey/authentication/options', {}, headers);
      assert.equal(reply.status, 200, JSON.stringify(headers));
    }
  });

  test('a refused request does not touch the pending challenge', async () => {
    const client = server.client();
    const authenticator = server.authenticator();
    await client.register(authenticator, 'carol');
    const options = await client.post('/passkey/authentication/options');
    const response = authenticator.get(options.json);
    assertProblem(
      await client.post('/passkey/authentication/verify', response, { origin: 'https://evil.example' }),
      403,
      'csrf',
    );
    assert.equal((await client.post('/passkey/authentication/verify', response)).status, 200);
  });
});

describe('request bodies', () => {
  afterEach(() => server.close());
  beforeEach(async () => {
    server = await startServer();
  });

  test('malformed JSON is a bad request', async () => {
    const client = server.client();
    for (const body of ['{"identifier":', 'not json', '', '[]', 'null', '"text"']) {
      assertProblem(await client.post('/passkey/registration/options', body), 400, 'bad-request');
    }
  });

  test('a body over 64 KB is refused with 413, declared or streamed', async () => {
    const big = JSON.stringify({ identifier: 'x', pad: 'y'.repeat(70_000) });
    assertProblem(await server.client().post('/passkey/registration/options', big), 413, 'payload-too-large');

    const streamed = await new Promise((resolve, reject) => {
      const req = request(
        `${server.base}${API}/passkey/registration/options`,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-requested-with': 'passkey-login',
            'transfer-encoding': 'chunked',
          },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode, type: res.headers['content-type'], text }));
        },
      );
      req.on('error', reject);
      req.write(big.slice(0, 40_000));
      setTimeout(() => req.end(big.slice(40_000)), 10);
    });
    assert.deepEqual(
      { ...streamed, text: JSON.parse(streamed.text).code },
      { status: 413, type: 'application/problem+json', text: 'payload-too-large' },
    );
  });
});

describe('routing', () => {
  afterEach(() => server.close());
  beforeEach(async () => {
    server = await startServer();
  });

  test('unknown API paths are 404 problems, other paths a plain 404', async () => {
    const client = server.client();
    assertProblem(await client.post('/nope'), 404, 'not-found');
    assertProblem(await client.request('GET', API), 404, 'not-found');
    const plain = await client.request('GET', '/');
    assert.equal(plain.status, 404);
    assert.match(String(plain.headers.get('content-type')), /^text\/plain/);
  });

  test('a known path with the wrong method is 405 with Allow', async () => {
    const client = server.client();
    const reply = await client.request('GET', `${API}/sign-out`);
    assertProblem(reply, 405, 'method-not-allowed');
    assert.equal(reply.headers.get('allow'), 'POST');
  });

  test('API responses are never cached or sniffed', async () => {
    const reply = await server.client().post('/passkey/authentication/options');
    assert.equal(reply.headers.get('cache-control'), 'no-store');
    assert.equal(reply.headers.get('x-content-type-options'), 'nosniff');
    assert.match(String(reply.headers.get('content-type')), /^application\/json/);
  });

  test('a custom apiBase moves every operation', async () => {
    await server.close();
    server = await startServer({ apiBase: '/auth/' });
    const client = server.client();
    const reply = await client.request('POST', '/auth/passkey/authentication/options', {
      body: '{}',
      headers: { 'content-type': 'application/json', 'x-requested-with': 'passkey-login' },
    });
    assert.equal(reply.status, 200);
    assert.equal((await client.post('/passkey/authentication/options')).status, 404);
  });

  test('one log line per request with method, path, status and time, nothing secret', async () => {
    const client = server.client();
    const authenticator = server.authenticator();
    await client.register(authenticator, 'logan');
    const { options } = await client.signIn(authenticator);
    assert.equal(server.logs.length, 4);
    assert.match(server.logs[0], /^POST \/api\/auth\/passkey\/registration\/options 200 \d+ms$/);
    const everything = server.logs.join('\n');
    assert.ok(!everything.includes(options.json.challenge));
    for (const value of client.cookies.values()) assert.ok(!everything.includes(value));
  });

  test("the widget's correlation id is logged, so support can find a person's requests; anything odd in it is not", async () => {
    const client = server.client();
    const headers = { 'content-type': 'application/json', 'x-requested-with': 'passkey-login' };
    await client.request('POST', '/api/auth/passkey/authentication/options', { body: '{}', headers: { ...headers, 'x-correlation-id': '1A2B3C4D' } });
    await client.request('POST', '/api/auth/passkey/authentication/options', { body: '{}', headers: { ...headers, 'x-correlation-id': 'ref=forged; DROP' } });
    assert.match(server.logs[0], /^POST \/api\/auth\/passkey\/authentication\/options 200 \d+ms ref=1A2B3C4D$/);
    assert.match(server.logs[1], /^POST \/api\/auth\/passkey\/authentication\/options 200 \d+ms$/);
  });
});

describe('rate limiting', () => {
  afterEach(() => server.close());
  test('answers 429 with Retry-After once a client uses up its window, per operation', async () => {
    let time = 1_000_000;
    server = await startServer({ rateLimit: { max: 2, windowMs: 10_000 }, now: () => time });
    const client = server.client();
    await client.post('/passkey/authentication/options');
    await client.post('/passkey/authentication/options');
    const limited = await client.post('/passkey/authentication/options');
    assertProblem(limited, 429, 'rate-limited');
    assert.equal(limited.headers.get('retry-after'), '10');
    assert.equal((await client.session()).status, 200, 'other operations have their own budget');
    // A browser without a session, refused: no session is left behind, and no cookie set.
    const stranger = await server.client().post('/passkey/authentication/options');
    assertProblem(stranger, 429, 'rate-limited');
    assert.ok(!/pl_session=[\w-]{43}/.test(stranger.headers.get('set-cookie') ?? ''), 'no session cookie');
    // The session check is read-only and keyed by a 256-bit secret: it counts against nothing.
    for (let i = 0; i < 5; i++) assert.equal((await client.session()).status, 200);
    time += 10_000;
    assert.equal((await client.post('/passkey/authentication/options')).status, 200);
  });
});

describe('embedding', () => {
  test('works as a Koa-style handler called later, with the body still unread', async () => {
    let origin = '';
    const app = createApp({ database: ':memory:', rpID: 'localhost', origins: () => [origin] });
    const http = createServer(async (req, res) => {
      // Stands in for middleware that awaits before handing over (ctx.respond = false).
      await new Promise((resolve) => setTimeout(resolve, 5));
      await app.handle(req, res);
    });
    await new Promise((resolve) => http.listen(0, '127.0.0.1', () => resolve(undefined)));
    const address = http.address();
    assert.ok(address && typeof address === 'object');
    origin = `http://localhost:${address.port}`;
    try {
      const client = new Client(`http://127.0.0.1:${address.port}`, origin);
      const reply = await client.post('/passkey/registration/options', { identifier: 'koa' });
      assert.equal(reply.status, 200);
      assert.equal(reply.json.user.name, 'koa');
    } finally {
      http.closeAllConnections();
      await new Promise((resolve) => http.close(() => resolve(undefined)));
      app.close();
    }
  });
});
