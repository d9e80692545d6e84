// @ts-check
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { assertProblem, startServer } from './harness.js';
import { hashPassword, verifyPassword } from './passwords.js';

/** @typedef {Awaited<ReturnType<typeof startServer>>} Server */

/** @type {Server} */
let server;
afterEach(() => server.close());

describe('creating an account', () => {
  beforeEach(async () => {
    server = await startServer();
  });

  test('with password, email and phone: 201, signed in on a regenerated session', async () => {
    const client = server.client();
    await client.post('/passkey/authentication/options');
    const preAuth = client.cookies.get('pl_session');
    const reply = await client.post('/account', {
      identifier: ' Ada ',
      password: 'correct horse battery staple',
      email: 'Ada@Example.COM',
      phone: '+44 (20) 7946-0018',
    });
    assert.equal(reply.status, 201);
    assert.deepEqual(Object.keys(reply.json), ['user']);
    assert.deepEqual(reply.json.user, { id: reply.json.user.id, name: 'Ada', displayName: 'Ada' });
    assert.match(reply.json.user.id, /^[A-Za-z0-9_-]{43}$/);
    assert.notEqual(client.cookies.get('pl_session'), preAuth);
    assert.deepEqual((await client.session()).json, reply.json);

    const user = await server.app.store.findUserByName('ada');
    assert.equal(user?.email, 'Ada@example.com');
    assert.equal(user?.phone, '+442079460018');
    assert.match(user?.passwordHash ?? '', /^scrypt\$1024\$8\$1\$[\w-]{22}\$[\w-]{86}$/);
    assert.ok(!(user?.passwordHash ?? '').includes('correct horse'));
  });

  test('with nothing but a name: a passkey-only account, to be enrolled next', async () => {
    const client = server.client();
    const reply = await client.post('/account', { identifier: 'solo' });
    assert.equal(reply.status, 201);
    const user = await server.app.store.findUserByName('solo');
    assert.deepEqual([user?.email, user?.phone, user?.passwordHash], [null, null, null]);
  });

  test('a taken name, whatever its case, is 409', async () => {
    await server.client().post('/account', { identifier: 'ada' });
    assertProblem(await server.client().post('/account', { identifier: 'ADA' }), 409, 'identifier-taken');
    const authenticator = server.authenticator();
    await server.client().register(authenticator, 'keyholder');
    assertProblem(await server.client().post('/account', { identifier: 'keyholder' }), 409, 'identifier-taken');
  });

  test('passwords: at least 8 characters, any Unicode, long ones welcome, no composition rules', async () => {
    const client = server.client();
    for (const password of ['1234567', 'short', '', 42, ['longenough']]) {
      assertProblem(await client.post('/account', { identifier: 'p', password }), 400, 'invalid-password');
    }
    const accepted = [
      'aaaaaaab',
      'пароль-пароль',
      '🔑🔑🔑🔑🔑🔑🔑🗝',
      'x'.repeat(63) + 'y',
      'a sentence with spaces, and more than sixty-four characters in it, is fine too',
    ];
    for (const [i, password] of accepted.entries()) {
      const reply = await server.client().post('/account', { identifier: `p${i}`, password });
      assert.equal(reply.status, 201, password);
    }
  });

  test('emails and phone numbers that are not are refused', async () => {
    const client = server.client();
    for (const email of ['nobody', 'a@b', '@example.com', 'a b@example.com', 7]) {
      assertProblem(await client.post('/account', { identifier: 'e', email }), 400, 'invalid-email');
    }
    for (const phone of ['0170 1234567', '+0123456789', '+1234', '+12345678901234567', 'phone', 5]) {
      assertProblem(await client.post('/account', { identifier: 'e', phone }), 400, 'invalid-phone');
    }
    assertProblem(await client.post('/account', { identifier: '' }), 400, 'invalid-identifier');
  });
});

describe('password hashes', () => {
  test('scrypt with the real cost, a fresh salt each time, parameters in the string', async () => {
    const cost = { N: 2 ** 15, r: 8, p: 1 };
    const [first, second] = await Promise.all([
      hashPassword('correct horse', cost),
      hashPassword('correct horse', cost),
    ]);
    assert.match(first, /^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{86}$/);
    assert.notEqual(first.split('$')[4], second.split('$')[4], 'per-password salt');
    assert.equal(await verifyPassword('correct horse', first), true);
    assert.equal(await verifyPassword('correct horsf', first), false);
    assert.equal(await verifyPassword('correct horse', 'not-a-hash'), false);
  });
});

describe('adding a passkey to the signed-in account', () => {
  beforeEach(async () => {
    server = await startServer();
  });

  test('options for {} name the current user and exclude their passkeys; verify adds it', async () => {
    const client = server.client();
    const created = await client.post('/account', { identifier: 'ada', password: 'correct horse' });
    const options = await client.post('/passkey/registration/options', {});
    assert.equal(options.status, 200);
    assert.equal(options.json.user.id, created.json.user.id);
    assert.equal(options.json.user.name, 'ada');
    assert.deepEqual(options.json.excludeCredentials, []);
    const phone = server.authenticator();
    const verify = await client.post('/passkey/registration/verify', phone.create(options.json));
    assert.equal(verify.status, 200);
    // Synced (BE and BS set), from an authenticator that names no model (all-zero AAGUID).
    assert.deepEqual(verify.json, { ...created.json, passkey: { backedUp: true, backupEligible: true } });
    assert.deepEqual((await client.session()).json, created.json, 'still signed in');

    const again = await client.post('/passkey/registration/options', {});
    assert.deepEqual(
      again.json.excludeCredentials.map((/** @type {any} */ c) => c.id),
      (await server.app.store.listCredentials((await server.app.store.findUserByName('ada'))?.id ?? 0)).map((c) => c.id),
    );
    assert.equal(again.json.excludeCredentials.length, 1);

    // The new passkey signs in to the same account.
    await client.post('/sign-out');
    const signIn = await client.signIn(phone);
    assert.equal(signIn.verify.status, 200);
    assert.deepEqual(signIn.verify.json, created.json);
  });

  test('the verify answer says where the passkey went and whether it can be synced; a sign-up’s does not', async () => {
    const client = server.client();
    await client.post('/account', { identifier: 'ada', password: 'correct horse' });
    /** @param {import('./soft-authenticator.js').SoftAuthenticator} authenticator */
    const add = async (authenticator) => {
      const options = await client.post('/passkey/registration/options', {});
      return (await client.post('/passkey/registration/verify', authenticator.create(options.json))).json.passkey;
    };
    assert.deepEqual(await add(server.authenticator({ aaguid: 'EA9B8D66-4D01-1D21-3CE4-B6B48CB575D4' })), {
      provider: 'Google Password Manager',
      backedUp: true,
      backupEligible: true,
    });
    assert.deepEqual(await add(server.authenticator({ aaguid: 'bada5566-a7aa-401f-bd96-45619a55120d', flags: { bs: false } })), {
      provider: '1Password',
      backedUp: false,
      backupEligible: true,
    });
    // A security key: bound to itself, nothing to sync, and a model this server does not name.
    assert.deepEqual(await add(server.authenticator({ aaguid: 'cb69481e-8ff7-4039-93ec-0a2729a154a8', flags: { be: false, bs: false } })), {
      backedUp: false,
      backupEligible: false,
    });
    const signUp = await server.client().register(server.authenticator({ aaguid: 'ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4' }), 'newcomer');
    assert.deepEqual(Object.keys(signUp.verify.json), ['user']);
  });

  test('a conditional create (silent upgrade) may skip presence and verification, and only for its own challenge', async () => {
    const client = server.client();
    await client.post('/account', { identifier: 'ada', password: 'correct horse' });
    const silent = await client.post('/passkey/registration/options', { mediation: 'conditional' });
    assert.equal(silent.status, 200);
    assert.equal(silent.json.authenticatorSelection.userVerification, 'preferred');
    const manager = server.authenticator();
    const quiet = { flags: { up: false, uv: false } };
    assert.equal((await client.post('/passkey/registration/verify', manager.create(silent.json, quiet))).status, 200);

    // A modal registration still needs both: presence is relaxed for conditional create alone.
    const modal = await client.post('/passkey/registration/options', {});
    assert.equal(modal.json.authenticatorSelection.userVerification, 'required');
    assertProblem(await client.post('/passkey/registration/verify', server.authenticator().create(modal.json, quiet)), 400, 'verification-failed');
  });

  test('a conditional create needs a signed-in account, and mediation takes no other value', async () => {
    assertProblem(await server.client().post('/passkey/registration/options', { mediation: 'conditional' }), 403, 'forbidden');
    const client = server.client();
    await client.post('/account', { identifier: 'ada' });
    assertProblem(await client.post('/passkey/registration/options', { mediation: 'required' }), 400, 'bad-request');
  });

  test('without a session, {} is still an invalid identifier', async () => {
    assertProblem(await server.client().post('/passkey/registration/options', {}), 400, 'invalid-identifier');
  });

  test('only the session signed in to the account can finish adding to it', async () => {
    const owner = server.client();
    await owner.post('/account', { identifier: 'ada' });
    const options = await owner.post('/passkey/registration/options', {});
    await owner.post('/sign-out');
    const response = server.authenticator().create(options.json);
    assertProblem(await owner.post('/passkey/registration/verify', response), 400, 'challenge-expired');
    assert.equal((await server.app.store.listCredentials((await server.app.store.findUserByName('ada'))?.id ?? 0)).length, 0);
  });

  test('with an identifier, a signed-in session still signs up a new account', async () => {
    const client = server.client();
    await client.post('/account', { identifier: 'ada' });
    const { verify } = await client.register(server.authenticator(), 'newcomer');
    assert.equal(verify.status, 200);
    assert.equal(verify.json.user.name, 'newcomer');
  });
});

describe('methods', () => {
  beforeEach(async () => {
    server = await startServer();
  });

  test('lists what the account can use, in a fixed order', async () => {
    const client = server.client();
    await client.post('/account', { identifier: 'all', password: 'long enough', email: 'a@example.com', phone: '+4917012345' });
    await client.register(server.authenticator(), 'keyonly');
    await server.client().post('/account', { identifier: 'mail', email: 'm@example.com' });
    /** @param {string} identifier */
    const methods = async (identifier) => (await client.post('/methods', { identifier })).json.methods;
    assert.deepEqual(await methods('keyonly'), ['passkey']);
    assert.deepEqual(await methods('mail'), ['email-code']);
    assert.deepEqual(await methods('ALL'), ['email-code', 'sms-code', 'password']);
  });

  test('an account with no way in yet is answered like an unknown identifier', async () => {
    const client = server.client();
    await client.post('/account', { identifier: 'unenrolled' });
    const reply = await client.post('/methods', { identifier: 'unenrolled' });
    assert.ok(reply.json.methods.length > 0);
  });

  test('an unknown identifier gets a plausible set, the same every time', async () => {
    const client = server.client();
    const seen = new Set();
    for (let i = 0; i < 30; i++) {
      const reply = await client.post('/methods', { identifier: `ghost-${i}` });
      assert.equal(reply.status, 200);
      assert.deepEqual(Object.keys(reply.json), ['methods']);
      assert.ok(reply.json.methods.length > 0);
      seen.add(reply.json.methods.join());
    }
    assert.ok(seen.size > 4, 'not one fixed set that would mark unknown identifiers');
    const once = await client.post('/methods', { identifier: 'ghost-1' });
    const twice = await client.post('/methods', { identifier: 'Ghost-1' });
    assert.deepEqual(once.json, twice.json);
  });

  test('the stand-in answer depends on the server secret', async () => {
    /** @param {string} secret */
    const answers = async (secret) => {
      const other = await startServer({ secret });
      try {
        const list = [];
        for (let i = 0; i < 12; i++) {
          list.push((await other.client().post('/methods', { identifier: `ghost-${i}` })).json.methods.join());
        }
        return list;
      } finally {
        await other.close();
      }
    };
    assert.deepEqual(await answers('one'), await answers('one'));
    assert.notDeepEqual(await answers('one'), await answers('two'));
  });
});

describe('the signed-in account’s passkeys', () => {
  beforeEach(async () => {
    server = await startServer();
  });

  test('lists its own passkeys, oldest first, with what the widget needs to suggest another', async () => {
    let time = Date.UTC(2026, 0, 1);
    await server.close();
    server = await startServer({ now: () => time });
    const client = server.client();
    const synced = server.authenticator({ aaguid: 'fbfc3007-154e-4ecc-8c0b-6e020557d7bd' });
    await client.register(synced, 'ada');
    time += 60_000;
    const key = server.authenticator({ flags: { be: false, bs: false } });
    const options = await client.post('/passkey/registration/options', {});
    await client.post('/passkey/registration/verify', key.create(options.json));
    await server.client().register(server.authenticator(), 'someone-else');
    time += 60_000;
    await client.post('/sign-out');
    await client.signIn(key);

    const reply = await client.request('GET', '/api/auth/passkeys');
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.json, {
      passkeys: [
        {
          id: [...synced.credentials.keys()][0],
          createdAt: '2026-01-01T00:00:00.000Z',
          lastUsedAt: null,
          deviceType: 'multiDevice',
          backedUp: true,
          provider: 'iCloud Keychain',
        },
        {
          id: [...key.credentials.keys()][0],
          createdAt: '2026-01-01T00:01:00.000Z',
          lastUsedAt: '2026-01-01T00:02:00.000Z',
          deviceType: 'singleDevice',
          backedUp: false,
        },
      ],
    });
  });

  test('an account without passkeys has an empty list; signed out is 401', async () => {
    const client = server.client();
    await client.post('/account', { identifier: 'ada', password: 'correct horse' });
    assert.deepEqual((await client.request('GET', '/api/auth/passkeys')).json, { passkeys: [] });
    assertProblem(await server.client().request('GET', '/api/auth/passkeys'), 401, 'unauthenticated');
  });
});
