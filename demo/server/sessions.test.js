// @ts-check
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { afterEach, test } from 'node:test';
import { createApp } from './app.js';
import { API, startServer } from './harness.js';

/** @param {{ status: number, json: any }} reply */
const assertSignedOut = (reply) => {
  assert.equal(reply.status, 200);
  assert.deepEqual(reply.json, { user: null });
};

/** @typedef {Awaited<ReturnType<typeof startServer>>} Server */

/** @type {Server} */
let server;
afterEach(() => server.close());

test('session answers {user: null} until sign-in, the user after, and {user: null} again after sign-out', async () => {
  server = await startServer();
  const client = server.client();
  const authenticator = server.authenticator();
  assertSignedOut(await client.session());

  await client.post('/passkey/authentication/options');
  assertSignedOut(await client.session());

  const { verify } = await client.register(authenticator, 'Margaret');
  const session = await client.session();
  assert.equal(session.status, 200);
  assert.deepEqual(session.json, verify.json);
  assert.equal(session.headers.get('cache-control'), 'no-store');

  const token = String(client.cookies.get('pl_session'));
  const idHash = createHash('sha256').update(token).digest('hex');
  assert.ok(await server.app.store.findSession(idHash), 'only the hash is stored, and it is found');

  const signOut = await client.post('/sign-out');
  assert.equal(signOut.status, 204);
  assert.equal(signOut.text, '');
  assert.deepEqual(signOut.setCookies, ['pl_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax']);
  assert.equal((await server.app.store.findSession(idHash)), null, 'the row is deleted');
  assertSignedOut(await client.session());

  client.cookies.set('pl_session', token);
  assertSignedOut(await client.session());
});

test('sign-out without a session still answers 204 and clears the cookie', async () => {
  server = await startServer();
  const reply = await server.client().post('/sign-out');
  assert.equal(reply.status, 204);
  assert.match(reply.setCookies[0], /Max-Age=0/);
});

test('the cookie holds 32 random bytes and, once signed in, outlives the browser session', async () => {
  server = await startServer();
  const client = server.client();
  const options = await client.post('/passkey/authentication/options');
  assert.match(options.setCookies[0], /^pl_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
  const { verify } = await client.register(server.authenticator(), 'ida');
  assert.match(
    verify.setCookies[0],
    /^pl_session=[A-Za-z0-9_-]{43}; Max-Age=43200; Path=\/; HttpOnly; SameSite=Lax$/,
  );
});

test('a signed-in session ends after 12 hours', async () => {
  let time = 1_700_000_000_000;
  server = await startServer({ now: () => time });
  const client = server.client();
  await client.register(server.authenticator(), 'hedy');
  time += 12 * 60 * 60_000 - 1;
  assert.equal((await client.session()).status, 200);
  time += 1;
  assertSignedOut(await client.session());
});

test('a pre-auth session ends after 15 minutes of no ceremony', async () => {
  let time = 1_700_000_000_000;
  server = await startServer({ now: () => time });
  const client = server.client();
  await client.post('/passkey/authentication/options');
  const [token] = client.cookies.values();
  const idHash = createHash('sha256').update(token).digest('hex');
  time += 10 * 60_000;
  await client.post('/passkey/authentication/options');
  time += 10 * 60_000;
  assert.ok(await server.app.store.findSession(idHash), 'asking for options kept it alive');
  time += 5 * 60_000;
  await client.post('/sign-out');
  assert.equal((await server.app.store.findSession(idHash)), null);
});

test('https origins get a Secure __Host- cookie', async () => {
  server = await startServer({ origins: ['https://app.example'], rpID: 'app.example' });
  const client = server.client();
  client.origin = 'https://app.example';
  const options = await client.post('/passkey/authentication/options');
  assert.match(
    options.setCookies[0],
    /^__Host-pl_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
  );
  assert.equal(client.cookies.has('__Host-pl_session'), true);
  // A plain pl_session cookie (say, planted over http) is not the session.
  client.cookies.set('pl_session', String(client.cookies.get('__Host-pl_session')));
  client.cookies.delete('__Host-pl_session');
  const reply = await client.request('POST', `${API}/sign-out`, {
    body: '{}',
    headers: {
      'content-type': 'application/json',
      'x-requested-with': 'passkey-login',
      origin: 'https://app.example',
    },
  });
  assert.deepEqual(reply.setCookies, [
    '__Host-pl_session=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Lax',
  ]);
});

test('configuration mistakes are refused at start: inexact origins, off-site redirects', () => {
  for (const origins of [['http://localhost:8787/'], ['localhost'], ['https://a.example/path']]) {
    assert.throws(
      () => createApp({ database: ':memory:', rpID: 'localhost', origins }),
      /not an exact origin/,
    );
  }
  const offSite = ['//evil.example/', '/\\evil.example', 'https://evil.example/', 'account'];
  for (const redirectAfterSignIn of offSite) {
    assert.throws(
      () => createApp({ database: ':memory:', rpID: 'localhost', origins: [], redirectAfterSignIn }),
      /same-origin path/,
    );
  }
});
