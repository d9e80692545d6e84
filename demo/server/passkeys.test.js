// @ts-check
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
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
    assertProblem(await thief.session(), 401, 'unauthenticated');
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
    const stored = server.app.store.findCredential(response.id);
    assert.ok(stored);
    assert.equal(stored.counter, 0);
    assert.deepEqual(stored.transports, ['internal', 'hybrid']);
    assert.equal(stored.deviceType, 'multiDevice');
    assert.equal(stored.backedUp, true);
    assert.equal(stored.lastUsedAt, null);

    await client.signIn(authenticator);
    await client.signIn(authenticator);
    const used = server.app.store.findCredential(response.id);
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

  test('new options replace the pending challenge of that kind only', async () => {
    const client = server.client();
    const authenticator = server.authenticator();
    await client.register(authenticator, 'walter');
    const first = await client.post('/passkey/authentication/options');
    const registration = await client.post('/passkey/registration/options', { identifier: 'w2' });
    await client.post('/passkey/authentication/options');
    assertProblem(
      await client.post('/passkey/authentication/verify', authenticator.get(first.json)),
      400,
      'verification-failed',
    );
    const other = server.authenticator();
    const verify = await client.post('/passkey/registration/verify', other.create(registration.json));
    assert.equal(verify.status, 200, 'the registration challenge survived');
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
    assert.equal(server.app.store.findUserByName('copycat'), null, 'no half-made account');
  });

  test('a verify body that is not a credential is a bad request', async () => {
    await client.post('/passkey/authentication/options');
    assertProblem(await client.post('/passkey/authentication/verify', { id: 7 }), 400, 'bad-request');
  });
});
