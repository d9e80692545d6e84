// @ts-check
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, beforeEach, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { assertProblem, startServer } from './harness.js';

/** @typedef {Awaited<ReturnType<typeof startServer>>} Server */

/** @type {Server} */
let server;
afterEach(() => server.close());

/** @param {string[]} setCookies */
function sessionCookie(setCookies) {
  const line = setCookies.find((cookie) => cookie.startsWith('pl_session='));
  assert.ok(line, `no pl_session cookie in ${JSON.stringify(setCookies)}`);
  return line;
}

describe('registration and sign-in', () => {
  beforeEach(async () => {
    server = await startServer();
  });

  test('a new account signs in, then signs in again with its passkey', async () => {
    const client = server.client();
    const authenticator = server.authenticator();

    const registration = await client.register(authenticator, '  Ada Lovelace ');
    assert.equal(registration.options.status, 200);
    const preAuthCookie = sessionCookie(registration.options.setCookies);
    assert.equal(registration.verify.status, 200);
    assert.deepEqual(registration.verify.json, {
      user: {
        id: registration.options.json.user.id,
        name: 'Ada Lovelace',
        displayName: 'Ada Lovelace',
      },
    });
    const signedInCookie = sessionCookie(registration.verify.setCookies);
    assert.match(signedInCookie, /; HttpOnly/);
    assert.match(signedInCookie, /; SameSite=Lax/);
    assert.match(signedInCookie, /; Path=\//);
    assert.doesNotMatch(signedInCookie, /Secure/, 'http origins cannot use Secure cookies');
    assert.notEqual(signedInCookie.split(';')[0], preAuthCookie.split(';')[0], 'regenerated');

    const signOut = await client.post('/sign-out');
    assert.equal(signOut.status, 204);

    const signIn = await client.signIn(authenticator);
    assert.equal(signIn.verify.status, 200);
    assert.deepEqual(signIn.verify.json, registration.verify.json);
    const preAuthAgain = sessionCookie(signIn.options.setCookies);
    const signedInAgain = sessionCookie(signIn.verify.setCookies);
    assert.match(signedInAgain, /; HttpOnly; SameSite=Lax/);
    assert.notEqual(signedInAgain.split(';')[0], preAuthAgain.split(';')[0], 'regenerated');
    assert.equal((await client.session()).status, 200);
  });

  test('the pre-sign-in session cookie stops working once the session is regenerated', async () => {
    const client = server.client();
    await client.post('/passkey/authentication/options');
    const stale = new Map(client.cookies);
    await client.register(server.authenticator(), 'grace');
    const thief = server.client();
    thief.cookies = stale;
    const reply = await thief.session();
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.json, { user: null });
  });

  test('registration options ask for a discoverable, user-verified passkey', async () => {
    const reply = await server.client().post('/passkey/registration/options', {
      identifier: 'alan',
    });
    assert.equal(reply.status, 200);
    const options = reply.json;
    assert.equal(options.rp.id, 'localhost');
    assert.equal(options.user.name, 'alan');
    assert.equal(options.user.displayName, 'alan');
    assert.equal(Buffer.from(options.user.id, 'base64url').length, 32);
    assert.equal(options.timeout, 300_000);
    assert.equal(options.attestation, 'none');
    assert.deepEqual(options.excludeCredentials, []);
    assert.equal(options.authenticatorSelection.residentKey, 'required');
    assert.equal(options.authenticatorSelection.userVerification, 'required');
    assert.ok(options.pubKeyCredParams.some((/** @type {any} */ p) => p.alg === -7));
  });

  test('authentication options carry no identifier and allow any discoverable passkey', async () => {
    const reply = await server.client().post('/passkey/authentication/options');
    assert.equal(reply.status, 200);
    assert.equal(reply.json.rpId, 'localhost');
    assert.deepEqual(reply.json.allowCredentials, []);
    assert.equal(reply.json.userVerification, 'required');
    assert.equal(reply.json.timeout, 300_000);
  });

  test('challenges are at least 16 random bytes and never repeat', async () => {
    const client = server.client();
    const seen = new Set();
    for (let i = 0; i < 5; i++) {
      const auth = await client.post('/passkey/authentication/options');
      const reg = await client.post('/passkey/registration/options', { identifier: `u${i}` });
      for (const challenge of [auth.json.challenge, reg.json.challenge]) {
        assert.ok(Buffer.from(challenge, 'base64url').length >= 16);
        seen.add(challenge);
      }
    }
    assert.equal(seen.size, 10);
  });

  test('the stored passkey keeps counter, transports, device type and backup state', async () => {
    const client = server.client();
    const authenticator = server.authenticator();
    const { response } = await client.register(authenticator, 'kay');
    assert.ok(response);
    const stored = await server.app.store.findCredential(response.id);
    assert.ok(stored);
    assert.equal(stored.counter, 0);
    assert.deepEqual(stored.transports, ['internal', 'hybrid']);
    assert.equal(stored.deviceType, 'multiDevice');
    assert.equal(stored.backedUp, true);
    assert.equal(stored.lastUsedAt, null);

    await client.signIn(authenticator);
    await client.signIn(authenticator);
    const used = await server.app.store.findCredential(response.id);
    assert.equal(used?.counter, 2);
    assert.equal(typeof used?.lastUsedAt, 'number');
  });

  test('redirectAfterSignIn is added to both sign-in results', async () => {
    await server.close();
    server = await startServer({ redirectAfterSignIn: '/account' });
    const client = server.client();
    const authenticator = server.authenticator();
    const { verify } = await client.register(authenticator, 'rita');
    assert.equal(verify.json.redirect, '/account');
    assert.equal((await client.signIn(authenticator)).verify.json.redirect, '/account');
    assert.equal((await client.session()).json.redirect, undefined);
  });
});

describe('identifiers', () => {
  beforeEach(async () => {
    server = await startServer();
  });

  test('a taken identifier is refused with 409, whatever its case and spacing', async () => {
    const client = server.client();
    await client.register(server.authenticator(), 'Barbara');
    assertProblem(
      await client.post('/passkey/registration/options', { identifier: ' barbara ' }),
      409,
      'identifier-taken',
    );
  });

  test('empty, blank, too long, non-string and control-character identifiers are refused', async () => {
    const client = server.client();
    for (const identifier of ['', '   ', 'x'.repeat(65), 42, null, 'a\nb', 'evil\u202Egnp']) {
      assertProblem(
        await client.post('/passkey/registration/options', { identifier }),
        400,
        'invalid-identifier',
      );
    }
    assertProblem(await client.post('/passkey/registration/options', {}), 400, 'invalid-identifier');
    assert.equal(
      (await client.post('/passkey/registration/options', { identifier: 'é'.repeat(64) })).status,
      200,
      '64 characters is allowed',
    );
  });

  test('a name claimed during the ceremony makes the slower sign-up fail with 409', async () => {
    const slow = server.client();
    const options = await slow.post('/passkey/registration/options', { identifier: 'edsger' });
    await server.client().register(server.authenticator(), 'edsger');
    const response = server.authenticator().create(options.json);
    assertProblem(
      await slow.post('/passkey/registration/verify', response),
      409,
      'identifier-taken',
    );
  });
});

describe('challenges', () => {
  /** @type {number} */
  let time;
  beforeEach(async () => {
    time = Date.parse('2026-01-01T00:00:00Z');
    server = await startServer({ now: () => time });
  });

  test('a replayed authentication verify finds its challenge used up', async () => {
    const client = server.client();
    const authenticator = server.authenticator();
    await client.register(authenticator, 'mallory');
    const { verify, response } = await client.signIn(authenticator);
    assert.equal(verify.status, 200);
    assertProblem(
      await client.post('/passkey/authentication/verify', response),
      400,
      'challenge-expired',
    );
  });

  test('a replayed registration verify finds its challenge used up', async () => {
    const client = server.client();
    const { verify, response } = await client.register(server.authenticator(), 'trent');
    assert.equal(verify.status, 200);
    assertProblem(
      await client.post('/passkey/registration/verify', response),
      400,
      'challenge-expired',
    );
  });

  test('a failed verify also uses the challenge up', async () => {
    const client = server.client();
    const authenticator = server.authenticator();
    await client.register(authenticator, 'oscar');
    const options = await client.post('/passkey/authentication/options');
    const bad = authenticator.get(options.json, { badSignature: true });
    assertProblem(await client.post('/passkey/authentication/verify', bad), 400, 'verification-failed');
    const good = authenticator.get(options.json);
    assertProblem(await client.post('/passkey/authentication/verify', good), 400, 'challenge-expired');
  });

  test('a challenge expires after challengeTtlMs', async () => {
    const client = server.client();
    const authenticator = server.authenticator();
    await client.register(authenticator, 'victor');
    const options = await client.post('/passkey/authentication/options');
    time += 300_000;
    assertProblem(
      await client.post('/passkey/authentication/verify', authenticator.get(options.json)),
      400,
      'challenge-expired',
    );

    const registration = await client.post('/passkey/registration/options', { identifier: 'v2' });
    time += 300_001;
    assertProblem(
      await client.post(
        '/passkey/registration/verify',
        server.authenticator().create(registration.json),
      ),
      400,
      'challenge-expired',
    );
  });

  /**
   * An account with a passkey, and a browser that is signed out again, as on a sign-in page.
   * @param {string} name
   */
  async function signedOut(name) {
    const client = server.client();
    const authenticator = server.authenticator();
    assert.equal((await client.register(authenticator, name)).verify.status, 200);
    assert.equal((await client.post('/sign-out')).status, 204);
    return { client, authenticator };
  }

  test('newer options leave an older pending challenge usable', async () => {
    const { client, authenticator } = await signedOut('walter');
    const first = await client.post('/passkey/authentication/options');
    const second = await client.post('/passkey/authentication/options');
    const response = authenticator.get(first.json);
    const verify = await client.post('/passkey/authentication/verify', response);
    assert.equal(verify.status, 200);
    assert.equal(verify.json.user.name, 'walter');
    assertProblem(
      await client.post('/passkey/authentication/verify', response),
      400,
      'challenge-expired',
    );
    // Signing in regenerated the session token; the other pending challenge moved with the
    // browser (a second element on the page may still answer it), and stays single use.
    const other = authenticator.get(second.json);
    assert.equal((await client.post('/passkey/authentication/verify', other)).status, 200);
    assertProblem(await client.post('/passkey/authentication/verify', other), 400, 'challenge-expired');
  });

  test('using up one pending challenge leaves the others for the next verify', async () => {
    const { client, authenticator: alice } = await signedOut('alice');
    const { authenticator: bob } = await signedOut('bob');
    const first = await client.post('/passkey/authentication/options');
    const second = await client.post('/passkey/authentication/options');

    const refused = alice.get(first.json, { badSignature: true });
    assertProblem(await client.post('/passkey/authentication/verify', refused), 400, 'verification-failed');
    assertProblem(
      await client.post('/passkey/authentication/verify', alice.get(first.json)),
      400,
      'challenge-expired',
    );

    const response = bob.get(second.json);
    const verify = await client.post('/passkey/authentication/verify', response);
    assert.equal(verify.status, 200);
    assert.equal(verify.json.user.name, 'bob');
    assertProblem(
      await client.post('/passkey/authentication/verify', response),
      400,
      'challenge-expired',
    );
  });

  test('an answer with an unknown passkey uses up only its own challenge', async () => {
    const { client, authenticator } = await signedOut('ursula');
    const first = await client.post('/passkey/authentication/options');
    const second = await client.post('/passkey/authentication/options');
    const stranger = server.authenticator();
    const registration = await server.client().post('/passkey/registration/options', {
      identifier: 'never-verified',
    });
    stranger.create(registration.json);
    assertProblem(
      await client.post('/passkey/authentication/verify', stranger.get(first.json)),
      404,
      'unknown-credential',
    );
    assertProblem(
      await client.post('/passkey/authentication/verify', authenticator.get(first.json)),
      400,
      'challenge-expired',
    );
    const verify = await client.post('/passkey/authentication/verify', authenticator.get(second.json));
    assert.equal(verify.status, 200);
  });

  test('each pending registration creates the account it was asked for', async () => {
    const client = server.client();
    const ada = await client.post('/passkey/registration/options', { identifier: 'ada' });
    const bob = await client.post('/passkey/registration/options', { identifier: 'bob' });
    const response = server.authenticator().create(ada.json);
    const verify = await client.post('/passkey/registration/verify', response);
    assert.equal(verify.status, 200);
    assert.deepEqual(verify.json.user, { id: ada.json.user.id, name: 'ada', displayName: 'ada' });
    assertProblem(await client.post('/passkey/registration/verify', response), 400, 'challenge-expired');
    assertProblem(
      await client.post('/passkey/registration/verify', server.authenticator().create(bob.json)),
      400,
      'challenge-expired',
    );
    assert.equal((await server.app.store.findUserByName('bob')), null);
  });

  test('a failed registration leaves the other pending registration usable', async () => {
    const client = server.client();
    const ada = await client.post('/passkey/registration/options', { identifier: 'ada' });
    const bob = await client.post('/passkey/registration/options', { identifier: 'bob' });
    const refused = server.authenticator().create(ada.json, { flags: { uv: false } });
    assertProblem(await client.post('/passkey/registration/verify', refused), 400, 'verification-failed');
    assertProblem(
      await client.post('/passkey/registration/verify', server.authenticator().create(ada.json)),
      400,
      'challenge-expired',
    );
    const response = server.authenticator().create(bob.json);
    const verify = await client.post('/passkey/registration/verify', response);
    assert.equal(verify.status, 200);
    assert.deepEqual(verify.json.user, { id: bob.json.user.id, name: 'bob', displayName: 'bob' });
    assertProblem(await client.post('/passkey/registration/verify', response), 400, 'challenge-expired');
    assert.equal((await server.app.store.findUserByName('ada')), null);
  });

  test('a session keeps only its five newest pending challenges of each kind', async () => {
    const { client, authenticator } = await signedOut('zoe');
    const signIns = [];
    const signUps = [];
    for (let i = 1; i <= 6; i++) {
      signIns.push((await client.post('/passkey/authentication/options')).json);
      signUps.push((await client.post('/passkey/registration/options', { identifier: `z${i}` })).json);
    }
    // A refused answer tells a pending challenge (verification-failed) from a dropped one
    // (challenge-expired) without signing in, which would drop them all.
    const [oldestSignIn, ...newerSignIns] = signIns;
    assertProblem(
      await client.post('/passkey/authentication/verify', authenticator.get(oldestSignIn)),
      400,
      'challenge-expired',
    );
    for (const options of newerSignIns) {
      const refused = authenticator.get(options, { badSignature: true });
      assertProblem(await client.post('/passkey/authentication/verify', refused), 400, 'verification-failed');
    }
    const [oldestSignUp, ...newerSignUps] = signUps;
    assertProblem(
      await client.post('/passkey/registration/verify', server.authenticator().create(oldestSignUp)),
      400,
      'challenge-expired',
    );
    for (const options of newerSignUps) {
      const refused = server.authenticator().create(options, { flags: { uv: false } });
      assertProblem(await client.post('/passkey/registration/verify', refused), 400, 'verification-failed');
    }
  });

  test('each pending challenge expires on its own clock', async () => {
    const { client, authenticator } = await signedOut('yuri');
    const older = await client.post('/passkey/authentication/options');
    time += 200_000;
    const newer = await client.post('/passkey/authentication/options');
    time += 100_000;
    assertProblem(
      await client.post('/passkey/authentication/verify', authenticator.get(older.json)),
      400,
      'challenge-expired',
    );
    time += 199_999;
    const verify = await client.post('/passkey/authentication/verify', authenticator.get(newer.json));
    assert.equal(verify.status, 200);
  });

  test('a challenge issued to another browser is refused, and stays usable by its own', async () => {
    const { client, authenticator } = await signedOut('xena');
    const mine = await client.post('/passkey/authentication/options');
    const other = server.client();
    await other.post('/passkey/authentication/options');
    assertProblem(
      await other.post('/passkey/authentication/verify', authenticator.get(mine.json)),
      400,
      'challenge-expired',
    );
    const verify = await client.post('/passkey/authentication/verify', authenticator.get(mine.json));
    assert.equal(verify.status, 200);

    const signUp = await client.post('/passkey/registration/options', { identifier: 'xavier' });
    await other.post('/passkey/registration/options', { identifier: 'yolanda' });
    assertProblem(
      await other.post('/passkey/registration/verify', server.authenticator().create(signUp.json)),
      400,
      'challenge-expired',
    );
    assert.equal(
      (await client.post('/passkey/registration/verify', server.authenticator().create(signUp.json)))
        .status,
      200,
    );
  });

  test('an answer to a challenge that was never issued finds nothing', async () => {
    const { client, authenticator } = await signedOut('quinn');
    const options = await client.post('/passkey/authentication/options');
    const forged = authenticator.get(options.json, {
      challenge: Buffer.alloc(32, 7).toString('base64url'),
    });
    assertProblem(await client.post('/passkey/authentication/verify', forged), 400, 'challenge-expired');
    const verify = await client.post('/passkey/authentication/verify', authenticator.get(options.json));
    assert.equal(verify.status, 200, 'the forged answer did not use up the real challenge');
  });

  test('a verify from a browser that never asked for options has no challenge', async () => {
    const client = server.client();
    const authenticator = server.authenticator();
    const options = await client.post('/passkey/authentication/options');
    await client.register(authenticator, 'peggy');
    const stranger = server.client();
    assertProblem(
      await stranger.post('/passkey/authentication/verify', authenticator.get(options.json)),
      400,
      'challenge-expired',
    );
  });
});

describe('verification failures', () => {
  /** @type {ReturnType<Server['client']>} */
  let client;
  /** @type {ReturnType<Server['authenticator']>} */
  let authenticator;
  beforeEach(async () => {
    server = await startServer();
    client = server.client();
    authenticator = server.authenticator();
    assert.equal((await client.register(authenticator, 'eve')).verify.status, 200);
  });

  /** @param {import('./soft-authenticator.js').Tamper} tamper */
  async function signInWith(tamper) {
    return (await client.signIn(authenticator, tamper)).verify;
  }

  /**
   * The log's reason label shows which check refused the request, which the uniform
   * response body deliberately hides.
   * @param {string} reason
   */
  function assertRefusedFor(reason) {
    assert.match(String(server.logs.at(-1)), new RegExp(` 400 \\d+ms verification-failed \\(${reason}\\)$`));
  }

  test('an assertion made for another origin is refused', async () => {
    assertProblem(await signInWith({ origin: 'https://evil.example' }), 400, 'verification-failed');
    assertRefusedFor('origin');
  });

  test('an assertion for another rpID is refused', async () => {
    assertProblem(await signInWith({ rpID: 'evil.example' }), 400, 'verification-failed');
    assertRefusedFor('rp-id');
  });

  test('a bad signature is refused', async () => {
    assertProblem(await signInWith({ badSignature: true }), 400, 'verification-failed');
    assertRefusedFor('signature');
  });

  test('an assertion without user verification is refused', async () => {
    assertProblem(await signInWith({ flags: { uv: false } }), 400, 'verification-failed');
    assertRefusedFor('user-verification');
  });

  test('an assertion without user presence is refused', async () => {
    assertProblem(await signInWith({ flags: { up: false } }), 400, 'verification-failed');
    assertRefusedFor('user-presence');
  });

  test('a create response passed to the get verify is refused', async () => {
    assertProblem(await signInWith({ type: 'webauthn.create' }), 400, 'verification-failed');
    assertRefusedFor('type');
  });

  test('a signature counter that goes backwards is refused', async () => {
    assert.equal((await signInWith({ counter: 5 })).status, 200);
    assertProblem(await signInWith({ counter: 5 }), 400, 'verification-failed');
    assertRefusedFor('counter');
    assertProblem(await signInWith({ counter: 3 }), 400, 'verification-failed');
    assertRefusedFor('counter');
    assert.equal((await signInWith({ counter: 6 })).status, 200);
  });

  test('a user handle that does not own the credential is refused', async () => {
    const other = Buffer.alloc(32, 1).toString('base64url');
    assertProblem(await signInWith({ userHandle: other }), 400, 'verification-failed');
    assertRefusedFor('user-handle');
    assertProblem(await signInWith({ userHandle: null }), 400, 'verification-failed');
    assertRefusedFor('user-handle');
  });

  test('every failure answers with the same body', async () => {
    const bodies = new Set();
    const tampers = [{ origin: 'https://x.example' }, { badSignature: true }, { flags: { uv: false } }];
    for (const tamper of tampers) {
      bodies.add((await signInWith(tamper)).text);
    }
    assert.equal(bodies.size, 1);
  });

  test('an unknown credential ID answers 404 so the widget can signal it', async () => {
    const stranger = server.authenticator();
    const options = await client.post('/passkey/registration/options', { identifier: 'x' });
    stranger.create(options.json); // created on the device, never verified by the server
    assertProblem((await client.signIn(stranger)).verify, 404, 'unknown-credential');
  });

  test('registration without user verification is refused', async () => {
    const { verify } = await client.register(server.authenticator(), 'nouv', { flags: { uv: false } });
    assertProblem(verify, 400, 'verification-failed');
    assertRefusedFor('user-verification');
  });

  test('registration from another origin is refused', async () => {
    const { verify } = await client.register(server.authenticator(), 'faraway', {
      origin: 'http://localhost:1',
    });
    assertProblem(verify, 400, 'verification-failed');
    assertRefusedFor('origin');
  });

  test('a credential ID that is already registered cannot be registered again', async () => {
    const [existing] = authenticator.credentials.keys();
    const { verify } = await client.register(server.authenticator(), 'copycat', {
      credentialId: existing,
    });
    assertProblem(verify, 400, 'verification-failed');
    assertRefusedFor('credential-exists');
    assert.equal((await server.app.store.findUserByName('copycat')), null, 'no half-made account');
  });

  test('malformed clientDataJSON is refused as a failed verification, using nothing up', async () => {
    /** @param {string} text */
    const encode = (text) => Buffer.from(text).toString('base64url');
    const malformed = [
      undefined,
      42,
      '',
      'not base64url!',
      encode('not json'),
      encode('null'),
      encode('[]'),
      encode('"challenge"'),
      encode('{}'),
      encode('{"challenge":7}'),
      encode('{"challenge":""}'),
      `${encode('{"challenge":"a"}')}===`,
    ];
    await client.post('/sign-out');
    const signIn = await client.post('/passkey/authentication/options');
    const signUp = await client.post('/passkey/registration/options', { identifier: 'newcomer' });
    for (const clientDataJSON of malformed) {
      const assertion = authenticator.get(signIn.json);
      assertProblem(
        await client.post('/passkey/authentication/verify', {
          ...assertion,
          response: { ...assertion.response, clientDataJSON },
        }),
        400,
        'verification-failed',
      );
      assertRefusedFor('client-data');
      const attestation = server.authenticator().create(signUp.json);
      assertProblem(
        await client.post('/passkey/registration/verify', {
          ...attestation,
          response: { ...attestation.response, clientDataJSON },
        }),
        400,
        'verification-failed',
      );
      assertRefusedFor('client-data');
    }
    // Refused rather than expired: the sign-in challenge was still pending. A success here
    // would regenerate the session and take the sign-up challenge with it.
    const refused = authenticator.get(signIn.json, { badSignature: true });
    assertProblem(await client.post('/passkey/authentication/verify', refused), 400, 'verification-failed');
    assertRefusedFor('signature');
    const registered = await client.post(
      '/passkey/registration/verify',
      server.authenticator().create(signUp.json),
    );
    assert.equal(registered.status, 200);
  });

  test('a verify body that is not a credential is a bad request', async () => {
    await client.post('/passkey/authentication/options');
    assertProblem(await client.post('/passkey/authentication/verify', { id: 7 }), 400, 'bad-request');
  });
});

describe('schema upgrade', () => {
  const dir = mkdtempSync(join(tmpdir(), 'passkey-login-upgrade-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  // Schema version 1 as it shipped, when a session row held one challenge of each kind.
  const VERSION_1 = `
    CREATE TABLE users (
      id INTEGER PRIMARY KEY,
      handle TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE,
      display_name TEXT NOT NULL,
      created_at INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE credentials (
      id TEXT PRIMARY KEY,
      user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      public_key BLOB NOT NULL,
      counter INTEGER NOT NULL,
      transports TEXT NOT NULL DEFAULT '[]',
      device_type TEXT NOT NULL,
      backed_up INTEGER NOT NULL,
      created_at INTEGER NOT NULL,
      last_used_at INTEGER
    ) STRICT;
    CREATE INDEX credentials_by_user ON credentials(user_id);
    CREATE TABLE sessions (
      id_hash TEXT PRIMARY KEY,
      user_id INTEGER REFERENCES users(id) ON DELETE CASCADE,
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      reg_challenge TEXT,
      reg_expires_at INTEGER,
      reg_user_handle TEXT,
      reg_user_name TEXT,
      auth_challenge TEXT,
      auth_expires_at INTEGER
    ) STRICT;
    CREATE INDEX sessions_by_expiry ON sessions(expires_at);
  `;

  const token = () => randomBytes(32).toString('base64url');
  /** @param {string} value */
  const hash = (value) => createHash('sha256').update(value).digest('hex');
  const challenge = () => randomBytes(32).toString('base64url');

  test('a version 1 database upgrades in place, keeping sessions and pending challenges', async () => {
    let time = Date.parse('2026-01-01T00:00:00Z');
    const file = join(dir, 'version-1.db');
    const signedIn = token();
    const signingIn = token();
    const signingUp = token();
    const authChallenge = challenge();
    const regChallenge = challenge();
    const newHandle = randomBytes(32).toString('base64url');

    const old = new Database(file);
    old.exec(VERSION_1);
    old.pragma('user_version = 1');
    const { lastInsertRowid: userId } = old
      .prepare('INSERT INTO users (handle, name, display_name, created_at) VALUES (?, ?, ?, ?)')
      .run(randomBytes(32).toString('base64url'), 'veteran', 'Veteran', time - 1000);
    const insertSession = old.prepare(
      `INSERT INTO sessions (id_hash, user_id, created_at, expires_at, reg_challenge,
         reg_expires_at, reg_user_handle, reg_user_name, auth_challenge, auth_expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const live = time + 60_000;
    const started = time - 1000;
    const none = [null, null, null, null];
    insertSession.run(hash(signedIn), userId, started, time + 3_600_000, ...none, null, null);
    insertSession.run(hash(signingIn), null, started, live, ...none, authChallenge, live);
    insertSession.run(hash(signingUp), null, started, live, regChallenge, live, newHandle, 'newcomer', null, null);
    old.close();

    server = await startServer({ database: file, now: () => time });

    const upgraded = new Database(file, { readonly: true });
    try {
      assert.equal(upgraded.pragma('user_version', { simple: true }), 5);
      const columns = upgraded.prepare('SELECT name FROM pragma_table_info(?)');
      assert.deepEqual(
        columns.all('sessions').map((/** @type {any} */ row) => row.name),
        // Version 3 added recovery_until; the challenge columns of version 1 are gone.
        ['id_hash', 'user_id', 'created_at', 'expires_at', 'recovery_until'],
      );
      const pending = upgraded.prepare('SELECT kind, challenge FROM challenges ORDER BY kind');
      assert.deepEqual(pending.all(), [
        { kind: 'authentication', challenge: authChallenge },
        { kind: 'registration', challenge: regChallenge },
      ]);
    } finally {
      upgraded.close();
    }

    /** @param {string} value */
    const browser = (value) => {
      const client = server.client();
      client.cookies.set('pl_session', value);
      return client;
    };

    assert.equal((await browser(signedIn).session()).json.user.name, 'veteran');

    // A passkey registered after the upgrade answers the sign-in that was pending before it.
    const authenticator = server.authenticator();
    assert.equal((await server.client().register(authenticator, 'fresh')).verify.status, 200);
    const pendingSignIn = authenticator.get({ challenge: authChallenge, rpId: 'localhost' });
    const signIn = await browser(signingIn).post('/passkey/authentication/verify', pendingSignIn);
    assert.equal(signIn.status, 200);
    assert.equal(signIn.json.user.name, 'fresh');

    const creation = /** @type {any} */ ({ challenge: regChallenge, user: { id: newHandle } });
    const signUp = await browser(signingUp).post(
      '/passkey/registration/verify',
      server.authenticator().create(creation),
    );
    assert.equal(signUp.status, 200);
    assert.deepEqual(signUp.json.user, { id: newHandle, name: 'newcomer', displayName: 'newcomer' });

    // And the new table does its job: two pending sign-ins in one session.
    const client = server.client();
    const first = await client.post('/passkey/authentication/options');
    await client.post('/passkey/authentication/options');
    assert.equal(
      (await client.post('/passkey/authentication/verify', authenticator.get(first.json))).status,
      200,
    );
  });
});
