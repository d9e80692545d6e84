// @ts-check
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { assertProblem, startServer } from './harness.js';

/** @typedef {Awaited<ReturnType<typeof startServer>>} Server */

const MINUTE = 60_000;

/** @type {Server} */
let server;
afterEach(() => server.close());

async function start(options = {}) {
  const clock = { time: Date.UTC(2026, 0, 1) };
  server = await startServer({ now: () => clock.time, ...options });
  return clock;
}

describe('password sign-in', () => {
  test('the right password signs in on a regenerated session', async () => {
    await start();
    const client = server.client();
    const created = await client.post('/account', { identifier: 'ada', password: 'correct horse' });
    await client.post('/sign-out');
    await client.post('/passkey/authentication/options');
    const preAuth = client.cookies.get('pl_session');
    const reply = await client.post('/password/sign-in', { identifier: 'ADA', password: 'correct horse' });
    assert.equal(reply.status, 200);
    assert.deepEqual(reply.json, created.json);
    assert.notEqual(client.cookies.get('pl_session'), preAuth);
  });

  test('wrong password, unknown account and an account without a password look alike', async () => {
    await start();
    const client = server.client();
    await client.post('/account', { identifier: 'ada', password: 'correct horse' });
    await client.post('/account', { identifier: 'keyless' });
    const replies = [
      await client.post('/password/sign-in', { identifier: 'ada', password: 'wrong horse' }),
      await client.post('/password/sign-in', { identifier: 'nobody', password: 'correct horse' }),
      await client.post('/password/sign-in', { identifier: 'keyless', password: 'correct horse' }),
    ];
    for (const reply of replies) assertProblem(reply, 400, 'invalid-credentials');
    assert.deepEqual(
      replies.map((reply) => reply.text),
      replies.map(() => replies[0].text),
    );
  });

  test('NFKC: the same password typed as composed or decomposed characters matches', async () => {
    await start();
    const client = server.client();
    await client.post('/account', { identifier: 'zoe', password: 'Zo\u00eb-password' });
    const reply = await client.post('/password/sign-in', { identifier: 'zoe', password: 'Zoe\u0308-password' });
    assert.equal(reply.status, 200);
  });

  test('10 wrong passwords lock the account for 15 minutes, whoever tries next', async () => {
    const clock = await start();
    await server.client().post('/account', { identifier: 'ada', password: 'correct horse' });
    const attacker = server.client();
    for (let i = 0; i < 10; i++) {
      assertProblem(await attacker.post('/password/sign-in', { identifier: 'ada', password: `guess ${i}x` }), 400, 'invalid-credentials');
    }
    const locked = await server.client().post('/password/sign-in', { identifier: 'ada', password: 'correct horse' });
    assertProblem(locked, 429, 'rate-limited');
    assert.equal(locked.headers.get('retry-after'), '900');
    // Unknown accounts lock the same way.
    for (let i = 0; i < 10; i++) await attacker.post('/password/sign-in', { identifier: 'ghost', password: 'guessing' });
    assertProblem(await attacker.post('/password/sign-in', { identifier: 'ghost', password: 'guessing' }), 429, 'rate-limited');
    clock.time += 15 * MINUTE;
    assert.equal((await server.client().post('/password/sign-in', { identifier: 'ada', password: 'correct horse' })).status, 200);
  });

  test('50 wrong passwords from one client address pause it across accounts', async () => {
    await start();
    const client = server.client();
    for (let i = 0; i < 50; i++) {
      await client.post('/password/sign-in', { identifier: `user-${i % 5}-${Math.floor(i / 5)}`, password: 'guessing' });
    }
    const refused = await client.post('/password/sign-in', { identifier: 'someone', password: 'guessing' });
    assertProblem(refused, 429, 'rate-limited');
    assert.equal(refused.headers.get('retry-after'), '900');
  });

  test('passwords never reach the request log', async () => {
    await start();
    const client = server.client();
    await client.post('/account', { identifier: 'ada', password: 'correct horse' });
    await client.post('/password/sign-in', { identifier: 'ada', password: 'wrong horse' });
    await client.post('/password/sign-in', { identifier: 'ada', password: 'correct horse' });
    const log = server.logs.join('\n');
    assert.match(log, /POST \/api\/auth\/password\/sign-in 400 \d+ms invalid-credentials/);
    assert.ok(!log.includes('horse'));
  });
});

describe('setting a password', () => {
  /** Signs `client` in with a code for `purpose` and returns the verify reply. */
  async function signInWithCode(/** @type {import('./harness.js').Client} */ client, /** @type {'sign-in' | 'recovery'} */ purpose) {
    await client.sendCode('ada', 'email', purpose);
    const code = /\d{6}/.exec(server.app.outbox?.list()[0].text ?? '')?.[0] ?? '';
    return client.verifyCode(code);
  }

  test('works for 10 minutes after a recovery code, once', async () => {
    await start();
    const client = server.client();
    await client.post('/account', { identifier: 'ada', email: 'ada@example.com', password: 'old password' });
    await client.post('/sign-out');
    assert.equal((await signInWithCode(client, 'recovery')).json.recovery, true);
    const set = await client.post('/password/set', { password: 'new password' });
    assert.equal(set.status, 204);
    assert.equal(set.text, '');
    assertProblem(await client.post('/password/set', { password: 'third password' }), 403, 'forbidden');

    const other = server.client();
    assertProblem(await other.post('/password/sign-in', { identifier: 'ada', password: 'old password' }), 400, 'invalid-credentials');
    assert.equal((await other.post('/password/sign-in', { identifier: 'ada', password: 'new password' })).status, 200);
  });

  test('signs the account out everywhere else', async () => {
    await start();
    const elsewhere = server.client();
    const created = await elsewhere.post('/account', { identifier: 'ada', email: 'ada@example.com', password: 'old password' });
    const client = server.client();
    await signInWithCode(client, 'recovery');
    assert.equal((await client.post('/password/set', { password: 'new password' })).status, 204);
    assert.deepEqual((await elsewhere.session()).json, { user: null });
    assert.deepEqual((await client.session()).json, created.json);
  });

  test('is refused without a session, after a plain sign-in, and once recovery has expired', async () => {
    const clock = await start();
    const client = server.client();
    assertProblem(await client.post('/password/set', { password: 'new password' }), 403, 'forbidden');
    await client.post('/account', { identifier: 'ada', email: 'ada@example.com', password: 'old password' });
    assertProblem(await client.post('/password/set', { password: 'new password' }), 403, 'forbidden');
    await client.post('/sign-out');
    await signInWithCode(client, 'sign-in');
    assertProblem(await client.post('/password/set', { password: 'new password' }), 403, 'forbidden');
    await client.post('/sign-out');
    clock.time += 30_000;
    await signInWithCode(client, 'recovery');
    clock.time += 10 * MINUTE;
    assertProblem(await client.post('/password/set', { password: 'new password' }), 403, 'forbidden');
  });

  test('checks the new password like sign-up does', async () => {
    await start();
    const client = server.client();
    await client.post('/account', { identifier: 'ada', email: 'ada@example.com' });
    await client.post('/sign-out');
    await signInWithCode(client, 'recovery');
    assertProblem(await client.post('/password/set', { password: 'short' }), 400, 'invalid-password');
    assert.equal((await client.post('/password/set', { password: 'long enough now' })).status, 204);
  });
});
