// @ts-check
// Two server processes (main.js, as deployed) sharing one PostgreSQL database, as behind a load
// balancer: a ceremony started on one finishes on the other, a code sent by one is verified by
// the other, and the password lockout holds across both under concurrent guesses. Runs in the
// PostgreSQL pass of `npm test` (TEST_DATABASE_URL); skipped, saying why, without one.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { Client, POSTGRES_URL, freshDatabase, startServer } from './harness.js';
import { SoftAuthenticator } from './soft-authenticator.js';

const main = join(dirname(fileURLToPath(import.meta.url)), 'main.js');
// What a proxy in front of both would be: the origin the browser sees.
const ORIGIN = 'http://localhost:8787';
const SUPPORT_PASSWORD = 'scale-out support password';

/**
 * @param {string} database
 * @returns {Promise<{ base: string, child: import('node:child_process').ChildProcess, output: () => string }>}
 */
async function instance(database) {
  const child = spawn(process.execPath, [main, '--dev'], {
    env: {
      ...process.env,
      PORT: '0',
      ORIGIN,
      DATABASE_URL: database,
      SECRET: 'one secret for every instance',
      DEMO_SUPPORT_PASSWORD: SUPPORT_PASSWORD,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk) => (output += chunk));
  for (;;) {
    const match = /listening on ([\d.]+):(\d+)/.exec(output);
    if (match) return { base: `http://127.0.0.1:${match[2]}`, child, output: () => output };
    const [chunk] = await Promise.race([once(child.stdout, 'data'), once(child, 'exit')]);
    if (typeof chunk !== 'string' && child.exitCode !== null) throw new Error(`main.js exited: ${output}`);
  }
}

/**
 * @param {string} base
 * @param {string} to
 */
async function codeFor(base, to) {
  const { messages } = await (await fetch(`${base}/api/auth/dev/outbox`)).json();
  const message = messages.find((/** @type {any} */ m) => m.to === to);
  return /\b(\d{6})\b/.exec(message?.text ?? '')?.[1] ?? '';
}

describe('two server processes on one PostgreSQL database', { skip: !POSTGRES_URL && 'no TEST_DATABASE_URL: runs in the PostgreSQL pass of npm test' }, () => {
  /** @type {Awaited<ReturnType<typeof instance>>[]} */
  let instances = [];

  before(async () => {
    const database = await freshDatabase();
    // The first migrates; the second finds the schema in place (or waits on the migration lock).
    instances = await Promise.all([instance(database), instance(database)]);
  });
  after(async () => {
    for (const { child } of instances) {
      if (child.exitCode === null) {
        const exited = once(child, 'exit');
        child.kill('SIGTERM');
        await exited;
      }
    }
  });

  /** A browser whose requests go to one instance or the other, as a load balancer sends them. */
  const browser = () => new Client(instances[0].base, ORIGIN);

  test('instances starting together with the same support account both start, each time', async () => {
    // Each syncs the account at start: both may find it missing and insert it at once.
    const supportAccounts = [{ identifier: 'support-agent', password: SUPPORT_PASSWORD }];
    for (let round = 0; round < 6; round++) {
      const database = await freshDatabase();
      const started = await Promise.allSettled([startServer({ database, supportAccounts }), startServer({ database, supportAccounts })]);
      // Closed either way, so a refused start fails this test instead of keeping the run open.
      for (const result of started) if (result.status === 'fulfilled') await result.value.close();
      assert.deepEqual(started.map((result) => result.status), ['fulfilled', 'fulfilled'], `round ${round}`);
    }
  });

  test('passkey options from one instance, verify on the other, and the session is seen by both', async () => {
    const [a, b] = instances;
    const authenticator = new SoftAuthenticator({ origin: ORIGIN, rpID: 'localhost' });
    const client = browser();
    client.base = a.base;
    const options = await client.post('/passkey/registration/options', { identifier: 'spread' });
    assert.equal(options.status, 200);
    client.base = b.base;
    const verify = await client.post('/passkey/registration/verify', authenticator.create(options.json));
    assert.equal(verify.status, 200, verify.text);
    client.base = a.base;
    assert.equal((await client.session()).json.user.name, 'spread');
    await client.post('/sign-out');
    const signIn = await client.post('/passkey/authentication/options');
    client.base = b.base;
    const done = await client.post('/passkey/authentication/verify', authenticator.get(signIn.json));
    assert.equal(done.status, 200);
    // The challenge is used up on both.
    client.base = a.base;
    assert.equal((await client.post('/passkey/authentication/verify', authenticator.get(signIn.json))).json.code, 'challenge-expired');
  });

  test('a code sent by one instance is verified by the other', async () => {
    const [a, b] = instances;
    const client = browser();
    client.base = a.base;
    assert.equal((await client.post('/account', { identifier: 'coded', email: 'coded@example.com' })).status, 201);
    await client.post('/sign-out');
    assert.equal((await client.sendCode('coded')).status, 200);
    client.base = b.base;
    const code = await codeFor(a.base, 'coded@example.com');
    assert.match(code, /^\d{6}$/);
    const verify = await client.verifyCode(code);
    assert.equal(verify.status, 200, verify.text);
    assert.equal(verify.json.user.name, 'coded');
  });

  test('the password lockout holds across both under concurrent guesses', async () => {
    const [a, b] = instances;
    const owner = browser();
    await owner.post('/account', { identifier: 'locked', password: 'correct horse' });
    const guesses = Array.from({ length: 60 }, (_, i) => {
      const guesser = browser();
      guesser.base = i % 2 ? a.base : b.base;
      return guesser.post('/password/sign-in', { identifier: 'locked', password: `guess number ${i}` });
    });
    const replies = await Promise.all(guesses);
    const checked = replies.filter((reply) => reply.status === 400);
    assert.equal(checked.length, 10, 'ten guesses checked in all, whichever instance got them');
    for (const base of [a.base, b.base]) {
      const right = browser();
      right.base = base;
      assert.equal((await right.post('/password/sign-in', { identifier: 'locked', password: 'correct horse' })).status, 429);
    }
  });
});
