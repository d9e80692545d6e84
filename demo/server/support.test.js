// @ts-check
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { createApp } from './app.js';
import { assertProblem, startServer } from './harness.js';
import { RECOVERY_CODE_BITS } from './support.js';

/** @typedef {Awaited<ReturnType<typeof startServer>>} Server */
/** @typedef {import('./harness.js').Client} Client */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const SUPPORT = { identifier: 'support', password: 'support password' };
const GOOGLE = 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4';
const CODE_SHAPE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

const dir = mkdtempSync(join(tmpdir(), 'passkey-login-support-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** @type {Server} */
let server;
afterEach(() => server.close());

/** A server with one support account, on a clock the test moves by hand. */
async function start(options = {}) {
  const clock = { time: Date.UTC(2026, 0, 1) };
  server = await startServer({ now: () => clock.time, supportAccounts: [SUPPORT], ...options });
  return clock;
}

/** A browser signed in as the support user. */
async function agent() {
  const client = server.client();
  const reply = await client.post('/password/sign-in', SUPPORT);
  assert.equal(reply.status, 200, reply.text);
  return client;
}

/**
 * An account with a password and an email address, signed out again.
 * @param {string} identifier
 */
async function account(identifier) {
  const client = server.client();
  const reply = await client.post('/account', {
    identifier,
    password: 'correct horse',
    email: `${identifier}@example.com`,
  });
  assert.equal(reply.status, 201, reply.text);
  await client.post('/sign-out');
  return reply.json.user;
}

/**
 * @param {Client} support
 * @param {string} identifier
 */
async function issue(support, identifier) {
  const reply = await support.post('/support/recovery-code', { identifier });
  assert.equal(reply.status, 201, reply.text);
  return /** @type {string} */ (reply.json.code);
}

/** @param {string} code a different code of the same shape */
const wrong = (code) => (code.startsWith('0') ? `1${code.slice(1)}` : `0${code.slice(1)}`);

const auditActions = async () => (await server.app.store.latestAudit(500)).map((entry) => entry.action);

describe('support accounts', () => {
  test('come from the app options: created with the support role, signed in with their password', async () => {
    await start();
    const user = await server.app.store.findUserByName('support');
    assert.equal(user?.role, 'support');
    assert.match(user?.passwordHash ?? '', /^scrypt\$/);
    await agent();
    assert.equal((await server.app.store.findUserByName('nobody')), null);
  });

  test('an existing account is promoted and its password replaced; one left out of the list is demoted', async () => {
    const database = join(dir, 'roles.db');
    await start({ database, supportAccounts: [] });
    await account('carol');
    await server.close();

    await start({ database, supportAccounts: [{ identifier: 'Carol', password: 'new support password' }] });
    assert.equal((await server.app.store.findUserByName('carol'))?.role, 'support');
    const signIn = await server.client().post('/password/sign-in', { identifier: 'carol', password: 'new support password' });
    assert.equal(signIn.status, 200);
    await server.close();

    await start({ database, supportAccounts: [SUPPORT] });
    assert.equal((await server.app.store.findUserByName('carol'))?.role, 'user');
    assert.equal((await server.app.store.findUserByName('support'))?.role, 'support');
    await server.close();

    // Without the option, roles stay as they are.
    await start({ database, supportAccounts: undefined });
    assert.equal((await server.app.store.findUserByName('support'))?.role, 'support');
  });

  test('a configuration that is not a valid account is refused at start, without echoing the password', () => {
    for (const supportAccounts of [[{ identifier: '', password: 'long enough' }], [{ identifier: 'x', password: 'short' }]]) {
      assert.throws(
        () => createApp({ database: ':memory:', rpID: 'localhost', origins: [], supportAccounts }),
        (/** @type {Error} */ error) => /supportAccounts/.test(error.message) && !error.message.includes(supportAccounts[0].password),
      );
    }
  });
});

describe('support operations are for support users only', () => {
  const operations = /** @type {const} */ ([
    ['POST', '/support/lookup', { identifier: 'ada' }, 'supportLookup'],
    ['POST', '/support/passkey/remove', { identifier: 'ada', credentialId: 'x' }, 'supportRemovePasskey'],
    ['POST', '/support/recovery-code', { identifier: 'ada' }, 'supportRecoveryCode'],
    ['GET', '/support/audit', {}, 'supportAudit'],
  ]);

  /**
   * @param {Client} client
   * @param {(typeof operations)[number]} operation
   */
  const call = (client, [method, path, body]) =>
    method === 'GET' ? client.request('GET', `/api/auth${path}`) : client.post(path, body);

  test('signed out: 401, and each refusal is in the audit log', async () => {
    await start();
    await account('ada');
    for (const operation of operations) {
      assertProblem(await call(server.client(), operation), 401, 'unauthenticated');
    }
    const refused = (await server.app.store.latestAudit(10)).filter((entry) => entry.action === 'support-refused');
    // Newest first.
    assert.deepEqual(
      refused.map((entry) => [entry.actor, entry.target, entry.detail]),
      operations.map((_, i) => [null, null, `${operations[operations.length - 1 - i][3]}: not signed in`]),
    );
    assert.equal(refused[0].address, '127.0.0.1');
  });

  test('a plain user: 403, with who it was in the audit log; nothing is done', async () => {
    await start();
    await account('ada');
    const mallory = server.client();
    const created = await mallory.post('/account', { identifier: 'mallory', password: 'long enough' });
    for (const operation of operations) {
      assertProblem(await call(mallory, operation), 403, 'forbidden');
    }
    const refused = (await server.app.store.latestAudit(10)).filter((entry) => entry.action === 'support-refused');
    assert.equal(refused.length, operations.length);
    for (const entry of refused) {
      assert.deepEqual(entry.actor, { id: created.json.user.id, name: 'mallory' });
      assert.match(entry.detail ?? '', /: not support$/);
    }
    const ada = await server.app.store.findUserByName('ada');
    assert.equal((await server.app.store.findRecoveryCode(ada?.id ?? 0)), null, 'no code was issued');
  });

  test('a refusal comes before the body is even read for meaning', async () => {
    await start();
    assertProblem(await server.client().post('/support/lookup', { identifier: 42 }), 401, 'unauthenticated');
  });

  test('the CSRF checks apply to support operations too', async () => {
    await start();
    await account('ada');
    const support = await agent();
    assertProblem(await support.post('/support/recovery-code', { identifier: 'ada' }, { 'x-requested-with': undefined }), 403, 'csrf');
    assertProblem(await support.post('/support/recovery-code', { identifier: 'ada' }, { origin: 'https://evil.example' }), 403, 'csrf');
    assertProblem(await support.post('/support/passkey/remove', { identifier: 'ada', credentialId: 'x' }, { 'sec-fetch-site': 'cross-site' }), 403, 'csrf');
    assertProblem(await support.post('/support/lookup', 'identifier=ada', { 'content-type': 'application/x-www-form-urlencoded' }), 403, 'csrf');
    assert.ok(!(await auditActions()).includes('recovery-code-issued'));
  });
});

describe('looking an account up', () => {
  test('shows its methods and passkeys: provider, device type, backup state, created and last used', async () => {
    const clock = await start();
    const client = server.client();
    const created = await client.post('/account', { identifier: 'ada', email: 'ada@example.com', password: 'correct horse' });
    const synced = server.authenticator({ aaguid: GOOGLE });
    const options = await client.post('/passkey/registration/options', {});
    await client.post('/passkey/registration/verify', synced.create(options.json));
    clock.time += MINUTE;
    const bound = server.authenticator({ flags: { be: false, bs: false } });
    const second = await client.post('/passkey/registration/options', {});
    await client.post('/passkey/registration/verify', bound.create(second.json));
    clock.time += MINUTE;
    await client.post('/sign-out');
    assert.equal((await client.signIn(synced)).verify.status, 200);

    const support = await agent();
    const reply = await support.post('/support/lookup', { identifier: 'ADA' });
    assert.equal(reply.status, 200);
    const [syncedId, boundId] = [...synced.credentials.keys(), ...bound.credentials.keys()];
    assert.deepEqual(reply.json, {
      id: created.json.user.id,
      name: 'ada',
      role: 'user',
      createdAt: '2026-01-01T00:00:00.000Z',
      methods: ['passkey', 'email-code', 'password'],
      passkeys: [
        {
          id: syncedId,
          createdAt: '2026-01-01T00:00:00.000Z',
          lastUsedAt: '2026-01-01T00:02:00.000Z',
          deviceType: 'multiDevice',
          backedUp: true,
          provider: 'Google Password Manager',
        },
        {
          id: boundId,
          createdAt: '2026-01-01T00:01:00.000Z',
          lastUsedAt: null,
          deviceType: 'singleDevice',
          backedUp: false,
        },
      ],
      recoveryCode: null,
    });
    const [entry] = await server.app.store.latestAudit(1);
    assert.equal(entry.action, 'account-looked-up');
    assert.deepEqual(entry.actor, { id: (await server.app.store.findUserByName('support'))?.handle, name: 'support' });
    assert.deepEqual(entry.target, { id: created.json.user.id, name: 'ada' });
  });

  test('an unknown identifier is 404 to support (who may know), and a malformed one 400', async () => {
    await start();
    const support = await agent();
    assertProblem(await support.post('/support/lookup', { identifier: 'nobody' }), 404, 'unknown-account');
    assertProblem(await support.post('/support/lookup', { identifier: '' }), 400, 'invalid-identifier');
  });
});

describe('removing a passkey', () => {
  test('removes that one passkey, ends the account’s sessions, and is audited', async () => {
    await start();
    const owner = server.client();
    await owner.post('/account', { identifier: 'ada', password: 'correct horse' });
    const lost = server.authenticator();
    const kept = server.authenticator();
    for (const authenticator of [lost, kept]) {
      const options = await owner.post('/passkey/registration/options', {});
      await owner.post('/passkey/registration/verify', authenticator.create(options.json));
    }
    const [lostId] = lost.credentials.keys();

    const support = await agent();
    const reply = await support.post('/support/passkey/remove', { identifier: 'ada', credentialId: lostId });
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.json.passkeys.map((/** @type {any} */ passkey) => passkey.id), [...kept.credentials.keys()]);
    assert.deepEqual((await owner.session()).json, { user: null }, 'signed out everywhere');
    assert.equal((await owner.signIn(lost)).verify.status, 404, 'the removed passkey is unknown now');
    assert.equal((await owner.signIn(kept)).verify.status, 200);
    const [entry] = await server.app.store.latestAudit(1);
    assert.equal(entry.action, 'passkey-removed');
    assert.equal(entry.detail, `passkey ${lostId}`);
    assert.equal(entry.target?.name, 'ada');
  });

  test('a passkey of another account, or none at all, is 404 and nothing is removed', async () => {
    await start();
    const authenticator = server.authenticator();
    await server.client().register(authenticator, 'bob');
    await account('ada');
    const [bobsId] = authenticator.credentials.keys();
    const support = await agent();
    assertProblem(await support.post('/support/passkey/remove', { identifier: 'ada', credentialId: bobsId }), 404, 'unknown-credential');
    assertProblem(await support.post('/support/passkey/remove', { identifier: 'nobody', credentialId: bobsId }), 404, 'unknown-account');
    assertProblem(await support.post('/support/passkey/remove', { identifier: 'ada' }), 400, 'bad-request');
    assert.equal((await server.app.store.findCredential(bobsId))?.id, bobsId);
  });
});

describe('recovery codes', () => {
  test('are 12 characters of an unambiguous alphabet (60 bits), new every time, shown once', async () => {
    await start();
    await account('ada');
    const support = await agent();
    assert.ok(RECOVERY_CODE_BITS >= 40);
    const reply = await support.post('/support/recovery-code', { identifier: 'ada' });
    assert.equal(reply.status, 201);
    assert.deepEqual(reply.json, {
      code: reply.json.code,
      expiresAt: '2026-01-02T00:00:00.000Z',
      expiresIn: 24 * 60 * 60,
    });
    const codes = [reply.json.code];
    for (let i = 0; i < 20; i++) codes.push(await issue(support, 'ada'));
    for (const code of codes) assert.match(code, CODE_SHAPE);
    assert.equal(new Set(codes).size, codes.length);
    const lookup = await support.post('/support/lookup', { identifier: 'ada' });
    assert.deepEqual(lookup.json.recoveryCode, { expiresAt: '2026-01-02T00:00:00.000Z' }, 'that one is pending, not what it is');
  });

  test('are stored only as an HMAC, and reach neither the request log, the audit log nor any message', async () => {
    const database = join(dir, 'recovery.db');
    await start({ database });
    await account('ada');
    const support = await agent();
    const code = await issue(support, 'ada');
    const raw = new Database(database, { readonly: true });
    try {
      const [row] = /** @type {any[]} */ (raw.prepare('SELECT * FROM recovery_codes').all());
      assert.match(row.code_hash, /^[0-9a-f]{64}$/);
      const tables = /** @type {{ name: string }[]} */ (raw.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all());
      for (const { name } of tables) {
        const dump = JSON.stringify(raw.prepare(`SELECT * FROM "${name}"`).all());
        assert.ok(!dump.includes(code) && !dump.includes(code.replace(/-/g, '')), `the code appears in table ${name}`);
      }
    } finally {
      raw.close();
    }
    await server.client().post('/recovery/redeem', { identifier: 'ada', code });
    assert.ok(!server.logs.join('\n').includes(code));
    assert.ok(!JSON.stringify(server.app.outbox?.list()).includes(code));
  });

  test('sign the owner in for recovery on a new session: add a passkey or set a password, once', async () => {
    await start();
    const user = await account('ada');
    const support = await agent();
    const code = await issue(support, 'ada');

    const owner = server.client();
    await owner.post('/passkey/authentication/options');
    const preAuth = owner.cookies.get('pl_session');
    const redeemed = await owner.post('/recovery/redeem', { identifier: 'Ada', code });
    assert.equal(redeemed.status, 200);
    assert.deepEqual(redeemed.json, { user, recovery: true });
    assert.notEqual(owner.cookies.get('pl_session'), preAuth, 'session regenerated');

    const options = await owner.post('/passkey/registration/options', {});
    assert.equal(options.json.user.id, user.id);
    const added = await owner.post('/passkey/registration/verify', server.authenticator().create(options.json));
    assert.equal(added.status, 200);
    assert.equal((await owner.post('/password/set', { password: 'a brand new password' })).status, 204);

    assertProblem(await server.client().post('/recovery/redeem', { identifier: 'ada', code }), 400, 'recovery-code-invalid');
    assert.deepEqual((await auditActions()).slice(0, 2), ['recovery-code-refused', 'recovery-code-redeemed']);
    const [notice] = server.app.outbox?.list() ?? [];
    assert.equal(notice.to, 'ada@example.com');
    assert.match(notice.subject ?? '', /recovered/);
  });

  test('are read the forgiving way: any case, spaces, no dashes, O for 0 and I or L for 1', async () => {
    await start();
    await account('ada');
    const support = await agent();
    let code = await issue(support, 'ada');
    while (!/[01]/.test(code)) code = await issue(support, 'ada');
    const typed = code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
    assert.equal((await server.client().post('/recovery/redeem', { identifier: 'ada', code: ` ${typed} ` })).status, 200);
  });

  test('expire after 24 hours', async () => {
    const clock = await start();
    await account('ada');
    const support = await agent();
    const first = await issue(support, 'ada');
    clock.time += 24 * HOUR;
    assertProblem(await server.client().post('/recovery/redeem', { identifier: 'ada', code: first }), 400, 'recovery-code-invalid');
    // A support session lasts 12 hours like any other.
    const second = await issue(await agent(), 'ada');
    clock.time += 24 * HOUR - 1;
    assert.equal((await server.client().post('/recovery/redeem', { identifier: 'ada', code: second })).status, 200);
  });

  test('a new one replaces the old', async () => {
    await start();
    await account('ada');
    const support = await agent();
    const first = await issue(support, 'ada');
    const second = await issue(support, 'ada');
    assertProblem(await server.client().post('/recovery/redeem', { identifier: 'ada', code: first }), 400, 'recovery-code-invalid');
    assert.equal((await server.client().post('/recovery/redeem', { identifier: 'ada', code: second })).status, 200);
  });

  test('belong to their account only', async () => {
    await start();
    await account('ada');
    await account('bob');
    const support = await agent();
    const code = await issue(support, 'ada');
    assertProblem(await server.client().post('/recovery/redeem', { identifier: 'bob', code }), 400, 'recovery-code-invalid');
    assert.equal((await server.client().post('/recovery/redeem', { identifier: 'ada', code })).status, 200);
  });

  test('an unknown identifier, no code, a wrong code, a used or an expired one answer exactly alike', async () => {
    const clock = await start();
    await account('ada');
    await account('bob');
    await account('eve');
    const support = await agent();
    const used = await issue(support, 'eve');
    await server.client().post('/recovery/redeem', { identifier: 'eve', code: used });
    const bobs = await issue(support, 'bob');
    const expiring = await issue(support, 'ada');
    clock.time += 24 * HOUR;
    const live = await issue(await agent(), 'bob');
    assert.notEqual(live, bobs);
    const replies = [
      await server.client().post('/recovery/redeem', { identifier: 'nobody', code: live }),
      await server.client().post('/recovery/redeem', { identifier: 'carol', code: 'ABCD-EFGH-JKMN' }),
      await server.client().post('/recovery/redeem', { identifier: 'bob', code: wrong(live) }),
      await server.client().post('/recovery/redeem', { identifier: 'eve', code: used }),
      await server.client().post('/recovery/redeem', { identifier: 'ada', code: expiring }),
      await server.client().post('/recovery/redeem', { identifier: 'ada', code: 'not a code' }),
    ];
    for (const reply of replies) {
      assert.equal(reply.status, 400);
      assert.equal(reply.headers.get('content-type'), 'application/problem+json');
      assert.equal(reply.text, replies[0].text);
    }
    assertProblem(replies[0], 400, 'recovery-code-invalid');
  });

  test('ten wrong codes for an identifier pause redemption for it, 15 minutes then twice as long', async () => {
    const clock = await start();
    await account('ada');
    const support = await agent();
    const code = await issue(support, 'ada');
    for (let i = 0; i < 10; i++) {
      assertProblem(await server.client().post('/recovery/redeem', { identifier: 'ada', code: wrong(code) }), 400, 'recovery-code-invalid');
    }
    const locked = await server.client().post('/recovery/redeem', { identifier: 'ADA', code });
    assertProblem(locked, 429, 'rate-limited');
    assert.equal(locked.headers.get('retry-after'), '900');
    // The same for an identifier with no account: the lock does not tell either.
    for (let i = 0; i < 10; i++) await server.client().post('/recovery/redeem', { identifier: 'ghost', code });
    assertProblem(await server.client().post('/recovery/redeem', { identifier: 'ghost', code }), 429, 'rate-limited');

    clock.time += 15 * MINUTE;
    for (let i = 0; i < 10; i++) await server.client().post('/recovery/redeem', { identifier: 'ada', code: wrong(code) });
    const again = await server.client().post('/recovery/redeem', { identifier: 'ada', code });
    assert.equal(again.headers.get('retry-after'), String(30 * 60));
    clock.time += 30 * MINUTE;
    assert.equal((await server.client().post('/recovery/redeem', { identifier: 'ada', code })).status, 200, 'the code survived');
  });

  test('fifty wrong codes from one client pause redemption from it for any identifier', async () => {
    await start();
    await account('ada');
    const support = await agent();
    const code = await issue(support, 'ada');
    const client = server.client();
    for (let i = 0; i < 50; i++) {
      assert.equal((await client.post('/recovery/redeem', { identifier: `someone-${i}`, code })).status, 400);
    }
    const refused = await client.post('/recovery/redeem', { identifier: 'ada', code });
    assertProblem(refused, 429, 'rate-limited');
    assert.equal(refused.headers.get('retry-after'), '900');
  });

  test('support accounts are not recovered through support, nor acted on by it', async () => {
    await start({ supportAccounts: [SUPPORT, { identifier: 'second', password: 'second password' }] });
    const support = await agent();
    assertProblem(await support.post('/support/recovery-code', { identifier: 'second' }), 403, 'forbidden');
    assertProblem(await support.post('/support/recovery-code', { identifier: 'support' }), 403, 'forbidden');
    assertProblem(await support.post('/support/passkey/remove', { identifier: 'second', credentialId: 'x' }), 403, 'forbidden');
    assertProblem(await support.post('/support/recovery-code', { identifier: 'nobody' }), 404, 'unknown-account');
  });
});

describe('the audit log', () => {
  test('records who, what, whom, when and from where, newest first', async () => {
    const clock = await start();
    const ada = await account('ada');
    const support = await agent();
    clock.time += MINUTE;
    const code = await issue(support, 'ada');
    clock.time += MINUTE;
    await server.client().post('/recovery/redeem', { identifier: 'ada', code: wrong(code) }, { 'user-agent': 'Phone/1.0' });
    await server.client().post('/recovery/redeem', { identifier: 'ada', code }, { 'user-agent': 'Phone/1.0' });

    const reply = await support.request('GET', '/api/auth/support/audit?limit=3');
    assert.equal(reply.status, 200);
    const supportUser = { id: (await server.app.store.findUserByName('support'))?.handle, name: 'support' };
    const target = { id: ada.id, name: 'ada' };
    const [redeemed, refused, issued] = reply.json.entries;
    assert.equal(reply.json.entries.length, 3);
    assert.deepEqual(issued, {
      id: issued.id,
      at: '2026-01-01T00:01:00.000Z',
      action: 'recovery-code-issued',
      actor: supportUser,
      target,
      detail: 'valid until 2026-01-02T00:01:00.000Z',
      address: '127.0.0.1',
      userAgent: issued.userAgent,
    });
    assert.deepEqual(
      [refused.action, refused.actor, refused.target, refused.userAgent, refused.at],
      ['recovery-code-refused', null, target, 'Phone/1.0', '2026-01-01T00:02:00.000Z'],
    );
    assert.deepEqual([redeemed.action, redeemed.actor, redeemed.target], ['recovery-code-redeemed', null, target]);
    assert.ok(redeemed.id > refused.id && refused.id > issued.id);
  });

  test('`limit` is 1 to 500, 50 by default', async () => {
    await start();
    const support = await agent();
    for (let i = 0; i < 60; i++) await server.client().post('/support/lookup', { identifier: 'x' });
    assert.equal((await support.request('GET', '/api/auth/support/audit')).json.entries.length, 50);
    // The 60 refusals, and the read just before, which is itself in the log.
    assert.equal((await support.request('GET', '/api/auth/support/audit?limit=500')).json.entries.length, 61);
    for (const limit of ['0', '501', 'ten', '1.5', '-1', '']) {
      assertProblem(await support.request('GET', `/api/auth/support/audit?limit=${limit}`), 400, 'bad-request');
    }
  });

  test('is append-only in the database itself', async () => {
    const database = join(dir, 'audit.db');
    await start({ database });
    await account('ada');
    const support = await agent();
    await issue(support, 'ada');
    const raw = new Database(database);
    try {
      assert.throws(() => raw.prepare("UPDATE audit_log SET action = 'nothing'").run(), /append-only/);
      assert.throws(() => raw.prepare("UPDATE audit_log SET actor_name = 'someone else'").run(), /append-only/);
      assert.throws(() => raw.prepare('DELETE FROM audit_log').run(), /append-only/);
      const count = raw.prepare('SELECT count(*) FROM audit_log').pluck().get();
      assert.equal(count, 1);
      // Deleting the account leaves its entries as they were.
      raw.prepare("DELETE FROM users WHERE name = 'ada'").run();
      assert.deepEqual(raw.prepare('SELECT target_name FROM audit_log').pluck().all(), ['ada']);
    } finally {
      raw.close();
    }
  });
});
