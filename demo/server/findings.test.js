// @ts-check
// The first attack review's findings, one test (or a few) each, on whichever database the suite
// runs on. Concurrency findings are tested with real concurrent requests.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, describe, test } from 'node:test';
import { API, POSTGRES_URL, assertProblem, freshDatabase, startServer } from './harness.js';

/** @typedef {Awaited<ReturnType<typeof startServer>>} Server */
/** @typedef {import('./harness.js').Client} Client */

const MINUTE = 60_000;
const SUPPORT = { identifier: 'support', password: 'support password' };
const dir = mkdtempSync(join(tmpdir(), 'passkey-login-findings-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** @type {Server[]} */
let servers = [];
afterEach(async () => {
  for (const server of servers) await server.close();
  servers = [];
});

/** @param {Partial<import('./app.js').AppOptions>} [options] */
async function start(options = {}) {
  const server = await startServer(options);
  servers.push(server);
  return server;
}

/** A database that outlives one server: a file, or a PostgreSQL schema. */
let files = 0;
const lasting = async () => (POSTGRES_URL ? freshDatabase() : join(dir, `lasting-${++files}.db`));

/** @param {Server} server */
function lastCode(server) {
  const [message] = server.app.outbox?.list() ?? [];
  return /\b(\d{6})\b/.exec(message?.text ?? '')?.[1] ?? '';
}

describe('1. the password lockout holds under concurrency', () => {
  test('60 wrong passwords at once: at most 10 are checked, and the right one is refused', async () => {
    const server = await start();
    await server.client().post('/account', { identifier: 'ada', password: 'correct horse' });
    const attacker = server.client();
    const guesses = Array.from({ length: 60 }, (_, i) => attacker.post('/password/sign-in', { identifier: 'ada', password: `guess number ${i}` }));
    const right = attacker.post('/password/sign-in', { identifier: 'ada', password: 'correct horse' });
    const replies = await Promise.all([...guesses, right]);
    const checked = replies.filter((reply) => reply.status !== 429);
    assert.ok(checked.length <= 10, `${checked.length} checked`);
    assertProblem(await server.client().post('/password/sign-in', { identifier: 'ada', password: 'correct horse' }), 429, 'rate-limited');
    assert.ok(!replies.slice(0, 60).some((reply) => reply.status === 200));
  });

  test('110 at once trip one lock of 15 minutes, not eleven in a row', async () => {
    const server = await start({ limits: { passwordFailuresPerClient: { max: 1000, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE } } });
    await server.client().post('/account', { identifier: 'ada', password: 'correct horse' });
    const attacker = server.client();
    const replies = await Promise.all(Array.from({ length: 110 }, (_, i) => attacker.post('/password/sign-in', { identifier: 'ada', password: `guess ${i}xx` })));
    assert.equal(replies.filter((reply) => reply.status === 400).length, 10);
    const locked = await server.client().post('/password/sign-in', { identifier: 'ada', password: 'correct horse' });
    assertProblem(locked, 429, 'rate-limited');
    assert.ok(Number(locked.headers.get('retry-after')) <= 900, String(locked.headers.get('retry-after')));
  });

  test('recovery codes and binding codes are counted before they are checked too', async () => {
    const server = await start({ supportAccounts: [SUPPORT] });
    await server.client().post('/account', { identifier: 'ada', password: 'correct horse' });
    const replies = await Promise.all(Array.from({ length: 40 }, () => server.client().post('/recovery/redeem', { identifier: 'ada', code: 'ABCD-EFGH-JKMN' })));
    assert.equal(replies.filter((reply) => reply.status === 400).length, 10);
    const phone = server.client();
    await phone.post('/account', { identifier: 'bob', email: 'bob@example.com' });
    const lookups = await Promise.all(Array.from({ length: 40 }, () => phone.post('/device/approval/lookup', { code: 'ZZZZ-ZZZZ' })));
    assert.equal(lookups.filter((reply) => reply.status === 400).length, 10);
  });
});

describe('2. support accounts cannot approve a sign-in from another device', () => {
  test('lookup and decision are refused, audited, and the requester gets nothing', async () => {
    const server = await start({ supportAccounts: [SUPPORT] });
    const agent = server.client();
    assert.equal((await agent.post('/password/sign-in', SUPPORT)).status, 200);
    const laptop = server.client();
    const { id, code } = (await laptop.post('/device/request', {})).json;
    assertProblem(await agent.post('/device/approval/lookup', { code }), 403, 'forbidden');
    assertProblem(await agent.post('/device/approval/decide', { code, decision: 'approve' }), 403, 'forbidden');
    assert.deepEqual((await laptop.request('GET', `${API}/device/request/${id}`)).json, { status: 'pending', pollAfter: 2 });
    const actions = (await server.app.store.latestAudit(10)).map((entry) => entry.action);
    assert.deepEqual(actions.slice(0, 2), ['device-approval-refused', 'device-approval-refused']);
  });

  test('every approval and denial is audited', async () => {
    const server = await start();
    const phone = server.client();
    await phone.post('/account', { identifier: 'ada', email: 'ada@example.com' });
    const first = (await server.client().post('/device/request', { identifier: 'ada' })).json;
    const second = (await server.client().post('/device/request', { identifier: 'ada' })).json;
    await phone.post('/device/approval/decide', { code: first.code, decision: 'approve' });
    await phone.post('/device/approval/decide', { code: second.code, decision: 'deny' });
    const entries = await server.app.store.latestAudit(2);
    assert.deepEqual(entries.map((entry) => [entry.action, entry.actor?.name, entry.target?.name]), [
      ['device-denied', 'ada', 'ada'],
      ['device-approved', 'ada', 'ada'],
    ]);
  });
});

describe('3. account pre-hijacking', () => {
  test("the owner's first code sign-in drops the password, passkeys and sessions whoever signed up set up", async () => {
    const clock = { time: Date.UTC(2026, 0, 1) };
    const server = await start({ now: () => clock.time });
    const attacker = server.client();
    await attacker.post('/account', { identifier: 'victim', email: 'victim@example.com', password: 'attacker password' });
    const options = await attacker.post('/passkey/registration/options', {});
    await attacker.post('/passkey/registration/verify', server.authenticator().create(options.json));
    const owner = server.client();
    await owner.sendCode('victim');
    assert.equal((await owner.verifyCode(lastCode(server))).status, 200);
    assert.deepEqual((await attacker.session()).json, { user: null }, "the attacker's session ended");
    assertProblem(await server.client().post('/password/sign-in', { identifier: 'victim', password: 'attacker password' }), 400, 'invalid-credentials');
    assert.deepEqual(await server.app.store.listCredentials((await server.app.store.findUserByName('victim'))?.id ?? 0), []);
    // A password the owner sets after the proof stays.
    await owner.post('/sign-out');
    clock.time += MINUTE;
    await owner.sendCode('victim', 'email', 'recovery');
    await owner.verifyCode(lastCode(server));
    assert.equal((await owner.post('/password/set', { password: 'the owner now' })).status, 204);
    clock.time += MINUTE;
    await owner.sendCode('victim');
    await owner.verifyCode(lastCode(server));
    assert.equal((await server.client().post('/password/sign-in', { identifier: 'victim', password: 'the owner now' })).status, 200);
  });
});

describe('4. one identifier normalisation, and stand-ins like real answers', () => {
  test('case and compatibility forms of one name are one account everywhere', async () => {
    const server = await start();
    await server.client().post('/account', { identifier: 'Élodie', email: 'e@example.com' });
    assertProblem(await server.client().post('/account', { identifier: 'élodie' }), 409, 'identifier-taken');
    assertProblem(await server.client().post('/account', { identifier: 'ÉLODIE' }), 409, 'identifier-taken');
    const upper = await server.client().post('/methods', { identifier: 'Élodie' });
    const lower = await server.client().post('/methods', { identifier: 'élodie' });
    assert.deepEqual(upper.json, lower.json);
    assert.deepEqual(upper.json, { methods: ['email-code'] });
    await server.client().post('/account', { identifier: 'Straße' });
    assertProblem(await server.client().post('/account', { identifier: 'STRASSE' }), 409, 'identifier-taken');
  });

  test("a stand-in phone has the country code real accounts here have", async () => {
    const server = await start();
    for (let i = 0; i < 4; i++) await server.client().post('/account', { identifier: `real-${i}`, phone: `+4917012345${60 + i}` });
    for (let i = 0; i < 10; i++) {
      const reply = await server.client().sendCode(`ghost-${i}`, 'sms');
      assert.match(reply.json.destination, /^\+49 ••• \d\d$/);
    }
  });
});

describe('5. identifiers with invisible characters', () => {
  test('zero-width space, soft hyphen, word joiner and other default-ignorables are refused', async () => {
    const server = await start();
    for (const identifier of ['alice\u200B', 'al\u00ADice', 'ali\u2060ce', 'ali\uFEFFce', 'alice\u200D', 'ali\u034Fce']) {
      assertProblem(await server.client().post('/account', { identifier }), 400, 'invalid-identifier');
      assertProblem(await server.client().post('/passkey/registration/options', { identifier }), 400, 'invalid-identifier');
    }
  });

  test('support sees look-alike characters spelled out', async () => {
    const server = await start({ supportAccounts: [SUPPORT] });
    await server.client().post('/account', { identifier: '\u0430lice' });
    const agent = server.client();
    await agent.post('/password/sign-in', SUPPORT);
    const reply = await agent.post('/support/lookup', { identifier: '\u0430lice' });
    assert.equal(reply.json.nameRevealed, '<U+0430>lice');
    assert.equal((await agent.post('/support/lookup', { identifier: 'support' })).json.nameRevealed, undefined);
  });
});

describe('6. the audit gaps', () => {
  test('refused support calls of every kind, redemptions while locked and reads of the log are written', async () => {
    const server = await start({ supportAccounts: [SUPPORT] });
    const agent = server.client();
    await agent.post('/password/sign-in', SUPPORT);
    await agent.post('/support/lookup', { identifier: 'nobody' });
    await agent.post('/support/lookup', { identifier: '' });
    await agent.post('/support/recovery-code', { identifier: 'support' });
    await agent.post('/support/passkey/remove', { identifier: 'support', credentialId: 'x' });
    for (let i = 0; i < 11; i++) await server.client().post('/recovery/redeem', { identifier: 'ghost', code: 'ABCD-EFGH-JKMN' });
    await agent.request('GET', `${API}/support/audit`);
    const entries = await server.app.store.latestAudit(20);
    const seen = entries.map((entry) => `${entry.action}${entry.detail ? ` ${entry.detail}` : ''}`);
    assert.match(seen[0], /^audit-log-read \d+ entries$/);
    assert.equal(seen[1], 'recovery-code-refused locked');
    for (const detail of ['supportLookup: unknown-account', 'supportLookup: invalid-identifier', 'supportRecoveryCode: forbidden', 'supportRemovePasskey: forbidden']) {
      assert.ok(seen.includes(`support-refused ${detail}`), detail);
    }
    assert.ok(entries.filter((entry) => entry.action === 'support-refused').every((entry) => entry.actor?.name === 'support'));
  });
});

describe('7. rotating the support password', () => {
  test("ends the support account's sessions; starting again with the same password does not", async () => {
    const database = await lasting();
    let server = await start({ database, supportAccounts: [SUPPORT] });
    const agent = server.client();
    await agent.post('/password/sign-in', SUPPORT);
    const keep = () => agent.post('/support/lookup', { identifier: 'support' });
    assert.equal((await keep()).status, 200);
    await server.close();

    server = await start({ database, supportAccounts: [SUPPORT] });
    agent.base = server.base;
    agent.origin = server.origin;
    assert.equal((await keep()).status, 200, 'same password: still signed in');
    await server.close();

    server = await start({ database, supportAccounts: [{ ...SUPPORT, password: 'a rotated password' }] });
    agent.base = server.base;
    agent.origin = server.origin;
    assertProblem(await keep(), 401, 'unauthenticated');
    assertProblem(await server.client().post('/password/sign-in', SUPPORT), 400, 'invalid-credentials');
  });
});

describe('8. common passwords', () => {
  test('are refused at sign-up, when set, and for support accounts', async () => {
    const server = await start();
    for (const password of ['12345678', 'password', 'aaaaaaaa', 'PASSWORD1', 'qwertyuiop', 'abcdefgh', 'iloveyou']) {
      assertProblem(await server.client().post('/account', { identifier: 'p', password }), 400, 'invalid-password');
    }
    const { createApp } = await import('./app.js');
    assert.throws(() => createApp({ database: ':memory:', rpID: 'localhost', origins: [], supportAccounts: [{ identifier: 's', password: 'password1' }] }), /supportAccounts/);
  });
});

describe('9. the dev outbox and DNS rebinding', () => {
  /**
   * @param {Server} server
   * @param {string} host
   * @returns {Promise<number | undefined>}
   */
  const outboxWithHost = (server, host) =>
    new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: `${API}/dev/outbox`, headers: { host } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      });
      req.on('error', reject);
      req.end();
    });

  test('answers only a Host of the configured origins or a loopback address', async () => {
    const server = await start({ devOutbox: true });
    assert.equal(await outboxWithHost(server, new URL(server.origin).host), 200);
    assert.equal(await outboxWithHost(server, `127.0.0.1:${server.port}`), 200);
    assert.equal(await outboxWithHost(server, `evil.example:${server.port}`), 404);
    assert.equal(await outboxWithHost(server, 'localhost.evil.example'), 404);
  });
});

describe('10. headers, slow bodies, per-client limits', () => {
  test('COOP, CORP and Permissions-Policy on every answer', async () => {
    const server = await start();
    for (const reply of [await server.client().session(), await server.client().post('/nope'), await server.client().request('GET', '/')]) {
      assert.equal(reply.headers.get('cross-origin-opener-policy'), 'same-origin');
      assert.equal(reply.headers.get('cross-origin-resource-policy'), 'same-origin');
      assert.match(String(reply.headers.get('permissions-policy')), /publickey-credentials-get=\(self\).*camera=\(\)/);
    }
  });

  test('a body that trickles in is cut off with 408 and the connection closed', async () => {
    const server = await start({ bodyTimeoutMs: 300 });
    const started = Date.now();
    const outcome = await new Promise((resolve) => {
      const req = request(
        { host: '127.0.0.1', port: server.port, path: `${API}/methods`, method: 'POST', headers: { 'content-type': 'application/json', 'x-requested-with': 'passkey-login', 'content-length': '100' } },
        (res) => {
          let text = '';
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode, code: JSON.parse(text).code, connection: res.headers.connection }));
        },
      );
      req.on('error', () => resolve({ status: 'reset' }));
      req.write('{"identifier":');
      const drip = setInterval(() => req.destroyed || req.write(' '), 50);
      req.on('close', () => clearInterval(drip));
      req.on('response', () => clearInterval(drip));
    });
    assert.deepEqual(outcome, { status: 408, code: 'request-timeout', connection: 'close' });
    assert.ok(Date.now() - started < 5000);
  });

  test('per-client limits count an IPv6 /64 as one client, and believe X-Forwarded-For only from a trusted proxy', async () => {
    const server = await start({ rateLimit: { max: 2, windowMs: 60_000 }, trustProxy: '127.0.0.1' });
    /** @param {string} address */
    const from = (address) => server.client().post('/passkey/authentication/options', {}, { 'x-forwarded-for': address });
    assert.equal((await from('2001:db8:1:2::1')).status, 200);
    assert.equal((await from('2001:db8:1:2:ffff::9')).status, 200);
    assertProblem(await from('2001:db8:1:2:abcd::1'), 429, 'rate-limited');
    assert.equal((await from('2001:db8:1:3::1')).status, 200, 'another /64');
    assert.equal((await from('192.0.2.1')).status, 200);

    const direct = await start({ rateLimit: { max: 2, windowMs: 60_000 } });
    /** @param {string} address */
    const spoofed = (address) => direct.client().post('/passkey/authentication/options', {}, { 'x-forwarded-for': address });
    await spoofed('192.0.2.1');
    await spoofed('192.0.2.2');
    assertProblem(await spoofed('192.0.2.3'), 429, 'rate-limited');
  });
});

describe('11. a pending code after a restart', () => {
  test('is reported expired, not wrong', async () => {
    const database = await lasting();
    let server = await start({ database });
    const client = server.client();
    await client.post('/account', { identifier: 'ada', email: 'ada@example.com' });
    await client.post('/sign-out');
    await client.sendCode('ada');
    const code = lastCode(server);
    await server.close();
    server = await start({ database });
    client.base = server.base;
    client.origin = server.origin;
    assertProblem(await client.verifyCode(code), 400, 'code-expired');
  });

  test('with the same secret it still works after a restart', async () => {
    const database = await lasting();
    let server = await start({ database, secret: 'shared secret' });
    const client = server.client();
    await client.post('/account', { identifier: 'ada', email: 'ada@example.com' });
    await client.post('/sign-out');
    await client.sendCode('ada');
    const code = lastCode(server);
    await server.close();
    server = await start({ database, secret: 'shared secret' });
    client.base = server.base;
    client.origin = server.origin;
    assert.equal((await client.verifyCode(code)).status, 200);
  });
});
