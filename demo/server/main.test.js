// @ts-check
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import { after, test } from 'node:test';

const main = join(dirname(fileURLToPath(import.meta.url)), 'main.js');
const dataDir = mkdtempSync(join(tmpdir(), 'passkey-login-main-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

test('main.js prints its URL and the support sign-in, serves the demo, and stops cleanly on SIGTERM', async () => {
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...process.env, PORT: '0', DATA_DIR: join(dataDir, 'data') };
  delete env.DEMO_SUPPORT_PASSWORD;
  const child = spawn(process.execPath, [main, '--dev'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  try {
    while (stdout.split('\n').length < 5) {
      const [chunk] = await Promise.race([once(child.stdout, 'data'), once(child, 'exit')]);
      if (typeof chunk !== 'string') assert.fail(`main.js exited early: ${stderr}`);
    }
    const [first, second, third, fourth] = stdout.split('\n');
    const match = /^passkey-login demo: (http:\/\/localhost:(\d+))\/$/.exec(first);
    assert.ok(match, `unexpected first output: ${JSON.stringify(stdout)}`);
    const support = new RegExp(
      `^passkey-login demo: support page ${match[1]}/support\\.html, sign in as support with ([\\w-]{16}) \\(set DEMO_SUPPORT_PASSWORD to choose one\\)$`,
    ).exec(second);
    assert.ok(support, `unexpected second line: ${JSON.stringify(second)}`);
    const supportPassword = support[1];
    assert.match(third, /^passkey-login demo: listening on 127\.0\.0\.1:\d+, SQLite in /);
    assert.match(fourth, /^passkey-login demo: DEV MODE: the dev outbox .* never run --dev in production$/, 'says so on start');

    const page = await fetch(`http://127.0.0.1:${match[2]}/`);
    assert.equal(page.status, 200);
    assert.ok(page.headers.get('content-security-policy'));
    const session = await fetch(`http://127.0.0.1:${match[2]}/api/auth/session`);
    assert.deepEqual(await session.json(), { user: null });
    assert.ok(existsSync(join(dataDir, 'data', 'passkey-login.db')), 'database created on first run');
    if (!existsSync(join(dirname(main), '..', '..', 'dist', 'passkey-login.min.js'))) {
      assert.match(stderr, /npm run build/);
    }

    const outboxPage = await fetch(`http://127.0.0.1:${match[2]}/outbox.html`);
    assert.equal(outboxPage.status, 200);
    assert.ok(outboxPage.headers.get('content-security-policy'));
    const outboxScript = await fetch(`http://127.0.0.1:${match[2]}/outbox.js`);
    assert.equal(outboxScript.headers.get('content-type'), 'text/javascript; charset=utf-8');
    const supportPage = await fetch(`http://127.0.0.1:${match[2]}/support.html`);
    assert.equal(supportPage.status, 200);
    assert.ok(supportPage.headers.get('content-security-policy'));

    // A code goes to the outbox page and to the terminal on [outbox] lines, and only there.
    /** @param {string} path @param {unknown} body */
    const post = (path, body) =>
      fetch(`http://127.0.0.1:${match[2]}/api/auth${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-requested-with': 'passkey-login' },
        body: JSON.stringify(body),
      });
    const identifier = `main-${Date.now()}`;
    assert.equal((await post('/account', { identifier, phone: '+4917012345678' })).status, 201);
    assert.equal((await post('/code/send', { identifier, channel: 'sms', purpose: 'sign-in' })).status, 200);
    const outbox = await (await fetch(`http://127.0.0.1:${match[2]}/api/auth/dev/outbox`)).json();
    const sentCode = /#(\d{6})$/.exec(outbox.messages[0].text)?.[1];
    assert.ok(sentCode, 'the outbox holds the SMS');
    while (!stdout.includes(`#${sentCode}`)) await once(child.stdout, 'data');
    const supportSignIn = await post('/password/sign-in', { identifier: 'support', password: supportPassword });
    assert.equal(supportSignIn.status, 200, 'the printed password signs in to the support account');

    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = await exited;
    assert.equal(code, 0);
    const lines = stdout.split('\n').slice(4, -1);
    const outboxLines = lines.filter((line) => line.startsWith('[outbox] '));
    const requestLines = lines.filter((line) => !line.startsWith('[outbox] '));
    assert.deepEqual(outboxLines, [
      '[outbox] sms to +4917012345678',
      `[outbox] ${sentCode} is your passkey-login demo code.`,
      '[outbox] ',
      `[outbox] @localhost #${sentCode}`,
    ]);
    assert.deepEqual(
      requestLines.map((line) => line.replace(/ \d+ms/, '')),
      [
        'GET / 200',
        'GET /api/auth/session 200',
        'GET /outbox.html 200',
        'GET /outbox.js 200',
        'GET /support.html 200',
        'POST /api/auth/account 201',
        'POST /api/auth/code/send 200',
        'GET /api/auth/dev/outbox 200',
        'POST /api/auth/password/sign-in 200',
      ],
      'one line per request, nothing else',
    );
    assert.ok(!requestLines.join('\n').includes(sentCode), 'the request log never holds the code');
    assert.equal(stdout.split(supportPassword).length, 2, 'the support password is printed once');
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
});
