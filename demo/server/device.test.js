// @ts-check
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { DEVICE_CODE_BITS } from './device.js';
import { API, assertProblem, startServer } from './harness.js';

/** @typedef {Awaited<ReturnType<typeof startServer>>} Server */
/** @typedef {import('./harness.js').Client} Client */

const MINUTE = 60_000;
const CHROME_ON_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const CODE_SHAPE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/** @type {Server} */
let server;
afterEach(() => server.close());

/** A server on a clock the test moves by hand. */
async function start(options = {}) {
  const clock = { time: Date.UTC(2026, 0, 1) };
  server = await startServer({ now: () => clock.time, ...options });
  return clock;
}

/**
 * A browser signed in to a new account (with an email address for notices).
 * @param {string} identifier
 */
async function signedIn(identifier) {
  const client = server.client();
  const reply = await client.post('/account', { identifier, email: `${identifier}@example.com` });
  assert.equal(reply.status, 201, reply.text);
  return client;
}

/**
 * The new browser's side: asks, and answers its id and code.
 * @param {Client} browser
 * @param {Record<string, unknown>} [body]
 */
async function ask(browser, body = {}) {
  const reply = await browser.post('/device/request', body, { 'user-agent': CHROME_ON_WINDOWS });
  assert.equal(reply.status, 201, reply.text);
  return /** @type {{ id: string, code: string, expiresIn: number, pollAfter: number }} */ (reply.json);
}

/**
 * @param {Client} browser
 * @param {string} id
 */
const poll = (browser, id) => browser.request('GET', `${API}/device/request/${encodeURIComponent(id)}`);

/** @param {string} code a different code of the same shape */
const wrong = (code) => (code.startsWith('0') ? `1${code.slice(1)}` : `0${code.slice(1)}`);

describe('approving a sign-in from another device', () => {
  test('the request: a 40-bit binding code, valid 10 minutes, polled every 2 s, on a pre-auth session', async () => {
    await start();
    assert.ok(DEVICE_CODE_BITS >= 40);
    const browser = server.client();
    const codes = new Set();
    for (let i = 0; i < 5; i++) {
      const reply = await browser.post('/device/request', { identifier: 'ada' });
      assert.equal(reply.status, 201);
      assert.deepEqual(Object.keys(reply.json), ['id', 'code', 'expiresIn', 'pollAfter']);
      assert.match(reply.json.id, /^[A-Za-z0-9_-]{22}$/);
      assert.match(reply.json.code, CODE_SHAPE);
      assert.equal(reply.json.expiresIn, 600);
      assert.equal(reply.json.pollAfter, 2);
      codes.add(reply.json.code);
    }
    assert.equal(codes.size, 5);
    assert.ok(browser.cookies.has('pl_session'));
    assert.deepEqual((await browser.session()).json, { user: null });
  });

  test('approve: the device sees what asks, the account is told, the browser is signed in on its next poll, once', async () => {
    const clock = await start();
    const phone = await signedIn('ada');
    const laptop = server.client();
    const { id, code } = await ask(laptop, { identifier: 'Ada' });
    assert.deepEqual((await poll(laptop, id)).json, { status: 'pending', pollAfter: 2 });

    clock.time += MINUTE;
    const lookup = await phone.post('/device/approval/lookup', { code });
    assert.equal(lookup.status, 200);
    assert.deepEqual(lookup.json, {
      account: { name: 'ada' },
      browser: 'Chrome',
      os: 'Windows',
      requestedAt: '2026-01-01T00:00:00.000Z',
      place: null,
      expiresIn: 540,
    });
    const approved = await phone.post('/device/approval/decide', { code, decision: 'approve' });
    assert.deepEqual([approved.status, approved.json], [200, { status: 'approved' }]);

    const [notice] = server.app.outbox?.list() ?? [];
    assert.equal(notice.to, 'ada@example.com');
    assert.equal(notice.subject, 'A new device signed in to your account');
    assert.match(notice.text, /Chrome on Windows/);
    assert.ok(!notice.text.includes(code) && !notice.text.includes(code.replace('-', '')), 'never the binding code');

    const preAuth = laptop.cookies.get('pl_session');
    const signIn = await poll(laptop, id);
    assert.equal(signIn.status, 200);
    const user = (await phone.session()).json.user;
    assert.deepEqual(signIn.json, { status: 'approved', user });
    assert.notEqual(laptop.cookies.get('pl_session'), preAuth, 'session regenerated');
    assert.deepEqual((await laptop.session()).json, { user });
    assert.deepEqual((await poll(laptop, id)).json, { status: 'used' });
    assert.equal(server.app.outbox?.list().length, 1, 'one notice');
  });

  test('deny: the browser is told, and the code is spent', async () => {
    await start();
    const phone = await signedIn('ada');
    const laptop = server.client();
    const { id, code } = await ask(laptop, { identifier: 'ada' });
    const denied = await phone.post('/device/approval/decide', { code, decision: 'deny' });
    assert.deepEqual(denied.json, { status: 'denied' });
    assert.deepEqual((await poll(laptop, id)).json, { status: 'denied' });
    assertProblem(await phone.post('/device/approval/lookup', { code }), 409, 'device-request-used');
    assertProblem(await phone.post('/device/approval/decide', { code, decision: 'approve' }), 409, 'device-request-used');
    assert.deepEqual((await laptop.session()).json, { user: null });
    assert.equal(server.app.outbox?.list().length, 0, 'no notice for a denial');
  });

  test('a code is single use', async () => {
    await start();
    const phone = await signedIn('ada');
    const { code } = await ask(server.client(), { identifier: 'ada' });
    assert.equal((await phone.post('/device/approval/decide', { code, decision: 'approve' })).status, 200);
    assertProblem(await phone.post('/device/approval/decide', { code, decision: 'approve' }), 409, 'device-request-used');
    assertProblem(await phone.post('/device/approval/decide', { code, decision: 'deny' }), 409, 'device-request-used');
  });

  test('only the browser that asked can poll its request', async () => {
    await start();
    const phone = await signedIn('ada');
    const laptop = server.client();
    const { id, code } = await ask(laptop, { identifier: 'ada' });
    await phone.post('/device/approval/decide', { code, decision: 'approve' });
    const thief = server.client();
    await thief.post('/passkey/authentication/options');
    assertProblem(await poll(thief, id), 404, 'device-request-unknown');
    assertProblem(await poll(server.client(), id), 404, 'device-request-unknown');
    assertProblem(await poll(phone, id), 404, 'device-request-unknown');
    assertProblem(await poll(laptop, 'A'.repeat(22)), 404, 'device-request-unknown');
    assertProblem(await poll(laptop, '../session'), 404, 'device-request-unknown');
    assert.deepEqual((await thief.session()).json, { user: null });
    assert.equal((await poll(laptop, id)).json.status, 'approved', 'still waiting for its own browser');
  });

  test('asking again replaces the browser’s earlier request', async () => {
    await start();
    const phone = await signedIn('ada');
    const laptop = server.client();
    const first = await ask(laptop, { identifier: 'ada' });
    const second = await ask(laptop, { identifier: 'ada' });
    assertProblem(await poll(laptop, first.id), 404, 'device-request-unknown');
    assertProblem(await phone.post('/device/approval/lookup', { code: first.code }), 400, 'device-code-invalid');
    assert.equal((await phone.post('/device/approval/lookup', { code: second.code })).status, 200);
  });

  test('expires after 10 minutes, for the approving device and the polling browser', async () => {
    const clock = await start();
    const phone = await signedIn('ada');
    const laptop = server.client();
    const { id, code } = await ask(laptop, { identifier: 'ada' });
    clock.time += 10 * MINUTE - 1;
    assert.equal((await phone.post('/device/approval/lookup', { code })).json.expiresIn, 1);
    clock.time += 1;
    assertProblem(await phone.post('/device/approval/lookup', { code }), 400, 'device-request-expired');
    assertProblem(await phone.post('/device/approval/decide', { code, decision: 'approve' }), 400, 'device-request-expired');
    assert.deepEqual((await poll(laptop, id)).json, { status: 'expired' });
    // The browser's pre-auth session ends at 15 minutes, and what hung on it with it.
    clock.time += 5 * MINUTE;
    assertProblem(await poll(laptop, id), 404, 'device-request-unknown');
  });

  test('an approval not collected within 2 minutes lapses', async () => {
    const clock = await start();
    const phone = await signedIn('ada');
    const laptop = server.client();
    const { id, code } = await ask(laptop, { identifier: 'ada' });
    await phone.post('/device/approval/decide', { code, decision: 'approve' });
    clock.time += 2 * MINUTE;
    assert.deepEqual((await poll(laptop, id)).json, { status: 'expired' });
    assert.deepEqual((await laptop.session()).json, { user: null });
  });

  test('a request for an identifier is only for that account: another one gets the wrong-code answer', async () => {
    await start();
    const bob = await signedIn('bob');
    const ada = await signedIn('ada');
    const { code } = await ask(server.client(), { identifier: 'ada' });
    assertProblem(await bob.post('/device/approval/lookup', { code }), 400, 'device-code-invalid');
    assertProblem(await bob.post('/device/approval/decide', { code, decision: 'approve' }), 400, 'device-code-invalid');
    assert.equal((await ada.post('/device/approval/lookup', { code })).status, 200);
  });

  test('a request without an identifier binds to the account that approves it', async () => {
    await start();
    const bob = await signedIn('bob');
    const laptop = server.client();
    const { id, code } = await ask(laptop);
    const lookup = await bob.post('/device/approval/lookup', { code });
    assert.deepEqual(lookup.json.account, { name: 'bob' });
    await bob.post('/device/approval/decide', { code, decision: 'approve' });
    assert.equal((await poll(laptop, id)).json.user.name, 'bob');
  });

  test('the code is read the forgiving way: any case, spaces, no dash', async () => {
    await start();
    const phone = await signedIn('ada');
    const { code } = await ask(server.client(), { identifier: 'ada' });
    const typed = ` ${code.toLowerCase().replace('-', ' ')} `;
    assert.equal((await phone.post('/device/approval/lookup', { code: typed })).status, 200);
  });

  test('approving needs a signed-in device', async () => {
    await start();
    const { code } = await ask(server.client(), { identifier: 'ada' });
    assertProblem(await server.client().post('/device/approval/lookup', { code }), 401, 'unauthenticated');
    assertProblem(await server.client().post('/device/approval/decide', { code, decision: 'approve' }), 401, 'unauthenticated');
  });

  test('bodies that are not a code and a decision are bad requests, and do not count as guesses', async () => {
    await start();
    const phone = await signedIn('ada');
    const { code } = await ask(server.client(), { identifier: 'ada' });
    for (let i = 0; i < 12; i++) {
      assertProblem(await phone.post('/device/approval/decide', { code, decision: 'maybe' }), 400, 'bad-request');
    }
    assertProblem(await phone.post('/device/approval/lookup', { code: 42 }), 400, 'bad-request');
    assert.equal((await phone.post('/device/approval/decide', { code, decision: 'approve' })).status, 200);
  });

  test('the CSRF checks apply', async () => {
    await start();
    const phone = await signedIn('ada');
    const { code } = await ask(server.client(), { identifier: 'ada' });
    assertProblem(await server.client().post('/device/request', {}, { 'x-requested-with': undefined }), 403, 'csrf');
    assertProblem(await phone.post('/device/approval/decide', { code, decision: 'approve' }, { origin: 'https://evil.example' }), 403, 'csrf');
    assertProblem(await phone.post('/device/approval/lookup', { code }, { 'sec-fetch-site': 'cross-site' }), 403, 'csrf');
    assert.equal((await phone.post('/device/approval/lookup', { code })).status, 200, 'not used up');
  });

  test('the place comes from a proxy header only when the server is told to trust it', async () => {
    await start({ countryHeader: 'CF-IPCountry' });
    const phone = await signedIn('ada');
    const { code } = (await server.client().post('/device/request', { identifier: 'ada' }, { 'cf-ipcountry': 'DE' })).json;
    assert.equal((await phone.post('/device/approval/lookup', { code })).json.place, 'DE');
    const unknown = (await server.client().post('/device/request', { identifier: 'ada' }, { 'cf-ipcountry': 'XX' })).json;
    assert.equal((await phone.post('/device/approval/lookup', { code: unknown.code })).json.place, null);
    await server.close();

    await start();
    const other = await signedIn('ada');
    const spoofed = (await server.client().post('/device/request', { identifier: 'ada' }, { 'cf-ipcountry': 'DE' })).json;
    assert.equal((await other.post('/device/approval/lookup', { code: spoofed.code })).json.place, null);
  });

  test('an unknown identifier gets the same answer as a known one', async () => {
    await start();
    await signedIn('ada');
    const known = await server.client().post('/device/request', { identifier: 'ada' });
    const unknown = await server.client().post('/device/request', { identifier: 'nobody' });
    assert.equal(known.status, unknown.status);
    assert.deepEqual(Object.keys(known.json), Object.keys(unknown.json));
    assertProblem(await server.client().post('/device/request', { identifier: '' }), 400, 'invalid-identifier');
  });
});

describe('device approval limits', () => {
  test('at most 5 requests per identifier per 15 minutes, from any browser, whether or not it has an account', async () => {
    const clock = await start();
    for (const identifier of ['ada', 'nobody']) {
      for (let i = 0; i < 5; i++) assert.equal((await server.client().post('/device/request', { identifier })).status, 201);
      const refused = await server.client().post('/device/request', { identifier: identifier.toUpperCase() });
      assertProblem(refused, 429, 'rate-limited');
      assert.equal(refused.headers.get('retry-after'), '900');
    }
    assert.equal((await server.client().post('/device/request', { identifier: 'bob' })).status, 201, 'others go on');
    clock.time += 15 * MINUTE;
    assert.equal((await server.client().post('/device/request', { identifier: 'ada' })).status, 201);
  });

  test('at most 20 requests per client address per 15 minutes', async () => {
    await start();
    for (let i = 0; i < 20; i++) {
      assert.equal((await server.client().post('/device/request', i % 2 ? {} : { identifier: `someone-${i}` })).status, 201);
    }
    assertProblem(await server.client().post('/device/request', {}), 429, 'rate-limited');
  });

  test('ten wrong codes from one account pause its approvals, 15 minutes then twice as long', async () => {
    const clock = await start();
    const phone = await signedIn('ada');
    const { code } = await ask(server.client(), { identifier: 'ada' });
    for (let i = 0; i < 10; i++) {
      assertProblem(await phone.post('/device/approval/lookup', { code: wrong(code) }), 400, 'device-code-invalid');
    }
    const locked = await phone.post('/device/approval/lookup', { code });
    assertProblem(locked, 429, 'rate-limited');
    assert.equal(locked.headers.get('retry-after'), '900');
    assertProblem(await phone.post('/device/approval/decide', { code, decision: 'approve' }), 429, 'rate-limited');
    // Another account on the same address is not held up by this one.
    const bob = await signedIn('bob');
    assertProblem(await bob.post('/device/approval/lookup', { code }), 400, 'device-code-invalid');

    clock.time += 15 * MINUTE;
    const next = await ask(server.client(), { identifier: 'ada' });
    for (let i = 0; i < 10; i++) await phone.post('/device/approval/lookup', { code: wrong(next.code) });
    assert.equal((await phone.post('/device/approval/lookup', { code: next.code })).headers.get('retry-after'), String(30 * 60));
  });

  test('fifty wrong codes from one client address pause approvals from it', async () => {
    await start();
    const phones = [];
    for (let i = 0; i < 6; i++) phones.push(await signedIn(`user-${i}`));
    const { code } = await ask(server.client());
    for (let i = 0; i < 50; i++) {
      assertProblem(await phones[i % 6].post('/device/approval/lookup', { code: wrong(code) }), 400, 'device-code-invalid');
    }
    assertProblem(await phones[0].post('/device/approval/lookup', { code }), 429, 'rate-limited');
  });
});
