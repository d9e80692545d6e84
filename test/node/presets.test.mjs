// @ts-check
// The presets as a site owner uses them: `<passkey-login preset="better-auth">` and
// `<passkey-login preset="authjs">` from the built script-tag files, on a page served by a real
// better-auth or Auth.js server (test/backends/, their own packages), in Chromium with a virtual
// authenticator, under a strict CSP. Each test has a browser context and accounts of its own.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import puppeteer from 'puppeteer-core';
import { addVirtualAuthenticator, chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';

const built = existsSync('dist/passkey-login.better-auth.min.js') && existsSync('dist/passkey-login.authjs.min.js');
const installed = existsSync('test/backends/node_modules/.package-lock.json');
const skip = (!built && 'dist/ missing: run npm run build') || (!installed && 'test/backends/ not installed: npm ci --prefix test/backends');

/** Generous: a step takes well under a second, but this machine may be busy with other runs. */
const WAIT_MS = 30_000;

/** @type {import('puppeteer-core').Browser} */
let browser;
let accounts = 0;
/** An address and a name no other test uses: better-auth's rate limits count per client address. @param {string} prefix */
const unique = (prefix) => {
  accounts += 1;
  return { email: `${prefix}-${Date.now().toString(36)}-${accounts}@example.com`, ip: `10.${(process.pid >> 8) & 255}.${process.pid & 255}.${accounts}` };
};

before(async () => {
  if (!skip) browser = await puppeteer.launch({ executablePath: chromiumPath(), headless: true, args: chromiumArgs });
});
after(async () => {
  await browser?.close();
});

/**
 * A person's browser on the site: a fresh context and page with a virtual authenticator,
 * recording what must not happen (page errors, CSP violations, diagnostics) and every success and
 * failure the element announces.
 * @param {string} origin
 * @param {{ ip?: string, presence?: boolean }} [options] presence off: autofill requests wait, as while ignored
 */
async function visit(origin, { ip, presence = true } = {}) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  /** @type {string[]} */
  const problems = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${/** @type {Error} */ (error).message}`));
  page.on('console', (message) => {
    // Chromium logs every 4xx answer; the element's own errors are what counts.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(`console: ${message.text()}`);
  });
  if (ip) await page.setExtraHTTPHeaders({ 'X-Forwarded-For': ip });
  await page.evaluateOnNewDocument(() => {
    const record = /** @type {any} */ (window);
    record.__seen = { violations: [], diagnostics: [], failures: [], successes: [], autofillRequests: 0 };
    // Counted, not changed: a test waits for the autofill request before the passkey is "picked".
    const get = navigator.credentials.get.bind(navigator.credentials);
    navigator.credentials.get = (options) => {
      if (options?.mediation === 'conditional') record.__seen.autofillRequests += 1;
      return get(options);
    };
    document.addEventListener('securitypolicyviolation', (event) => record.__seen.violations.push(`${event.violatedDirective} ${event.blockedURI}`));
    document.addEventListener('passkey-login-diagnostic', (event) => record.__seen.diagnostics.push(/** @type {CustomEvent} */ (event).detail));
    document.addEventListener('passkey-login-failure', (event) => record.__seen.failures.push(/** @type {CustomEvent} */ (event).detail));
    document.addEventListener('passkey-login-success', (event) => record.__seen.successes.push(/** @type {CustomEvent} */ (event).detail));
  });
  const cdp = await page.createCDPSession();
  const authenticatorId = await addVirtualAuthenticator(/** @type {any} */ (cdp), { automaticPresenceSimulation: presence });
  await page.goto(origin);
  // The form of the page's markup shows once autofill is armed (or after 100 ms): until its
  // update is complete, there is no field to look at.
  await page.$eval('passkey-login', (element) => /** @type {any} */ (element).updateComplete);

  const visitor = {
    page,
    /** @param {boolean} enabled */
    presence: (enabled) => cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId, enabled }),
    credentials: async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials,
    /** From now on the authenticator signs with a signature no server can verify. */
    forgeSignatures: () => cdp.send('WebAuthn.setResponseOverrideBits', { authenticatorId, isBogusSignature: true }),
    state: () => page.$eval('passkey-login', (element) => /** @type {any} */ (element).state),
    /** @param {string} kind */
    until: (kind, timeout = WAIT_MS) =>
      page
        .waitForFunction((k) => /** @type {any} */ (document.querySelector('passkey-login'))?.state === k, { timeout }, kind)
        .catch(async (error) => {
          throw new Error(`state ${kind}, still ${await visitor.state()}: ${await visitor.text()} (${error.message}) ${problems.join('; ')}`);
        }),
    /** Everything the element shows, in one line. */
    text: () => page.$eval('passkey-login', (element) => (element.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim()),
    /** @param {RegExp} pattern waits until the element shows it */
    shows: (pattern, timeout = WAIT_MS) =>
      page
        .waitForFunction((source) => new RegExp(source).test(document.querySelector('passkey-login')?.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? ''), { timeout }, pattern.source)
        .catch(async () => {
          throw new Error(`never showed ${pattern}: ${await visitor.text()} ${problems.join('; ')}`);
        }),
    /**
     * Clicks the button with this text (its "Last used" badge aside), once it is there: the
     * other ways in appear when the steps file has loaded, on the first sign of intent.
     * @param {string} label
     */
    click: async (label) => {
      const button = await page
        .waitForFunction(
          (text) =>
            [...(document.querySelector('passkey-login')?.shadowRoot?.querySelectorAll('button') ?? [])].find(
              (b) =>
                [...b.childNodes]
                  .filter((n) => n.nodeType === Node.TEXT_NODE || (n instanceof Element && !n.matches('[part~="badge"]')))
                  .map((n) => n.textContent)
                  .join('')
                  .replace(/\s+/g, ' ')
                  .trim() === text,
            ),
          { timeout: WAIT_MS },
          label,
        )
        .catch(async () => {
          throw new Error(`no button "${label}": ${await visitor.text()} ${problems.join('; ')}`);
        });
      await /** @type {import('puppeteer-core').ElementHandle<HTMLButtonElement>} */ (button).evaluate((b) => b.click());
    },
    /** Types into the identifier field, as a person would. @param {string} value */
    type: async (value) => {
      await page.waitForSelector('passkey-login >>> #identifier');
      await page.type('passkey-login >>> #identifier', value);
    },
    /** Fills `#id` and submits its form. @param {string} id @param {string} value */
    submit: async (id, value) => {
      await page.waitForSelector(`passkey-login >>> #${id}`);
      await page.$eval(
        `passkey-login >>> #${id}`,
        (input, v) => {
          const field = /** @type {HTMLInputElement} */ (input);
          field.focus();
          field.value = v;
          field.form?.requestSubmit();
        },
        value,
      );
    },
    /** The form is up with its autofill request out (on a fresh page: the first one). */
    armed: async () => {
      await visitor.until('ready');
      await page.waitForFunction(() => /** @type {any} */ (window).__seen.autofillRequests > 0, { timeout: WAIT_MS });
    },
    /** @returns {Promise<{ violations: string[], diagnostics: object[], failures: any[], successes: any[], autofillRequests: number }>} */
    seen: () => page.evaluate(() => /** @type {any} */ (window).__seen),
    /** What the backend's own session route says, from the page (its cookies). @param {string} path */
    session: (path) => page.evaluate(async (p) => (await fetch(p, { headers: { Accept: 'application/json' } })).json(), path),
    /** The visit ended cleanly: nothing broke, nothing was refused, the element had nothing to warn about. */
    async close() {
      const { violations, diagnostics } = await visitor.seen();
      await context.close();
      assert.deepEqual(problems, [], 'page errors');
      assert.deepEqual(violations, [], 'CSP violations');
      assert.deepEqual(diagnostics, [], 'diagnostics');
    },
  };
  return visitor;
}

/** @typedef {Awaited<ReturnType<typeof visit>>} Visitor */

/** The newest code the backend "sent" to `to`. @param {string} origin @param {string} to */
async function codeFor(origin, to) {
  const answer = await fetch(`${origin}/dev/codes?to=${encodeURIComponent(to)}`);
  assert.equal(answer.status, 200, `a code was sent to ${to}`);
  return /** @type {{ code: string }} */ (await answer.json()).code;
}

/** Another code of the same length: certainly not the one sent. @param {string} code */
const wrong = (code) => String((Number(code) + 1) % 10 ** code.length).padStart(code.length, '0');

/** Signs up with a passkey: the identifier, Continue, "Create a passkey". @param {Visitor} visitor @param {string} email */
async function signUp(visitor, email) {
  await visitor.until('ready');
  await visitor.type(email);
  await visitor.click('Continue');
  await visitor.until('confirm-create');
  await visitor.click('Create a passkey');
  await visitor.until('signed-in');
}

/**
 * Signs out with the element's button, the authenticator no longer "present", so the autofill
 * request armed afterwards waits (a virtual authenticator would otherwise answer it at once and
 * sign straight back in).
 * @param {Visitor} visitor
 */
async function signOut(visitor) {
  await visitor.presence(false);
  const earlier = (await visitor.seen()).autofillRequests;
  await visitor.click('Sign out');
  await visitor.until('ready');
  await visitor.page.waitForFunction((n) => /** @type {any} */ (window).__seen.autofillRequests > n, { timeout: WAIT_MS }, earlier);
}

/** After a code or password sign-in: "Not now" to the passkey offer, if one comes. @param {Visitor} visitor */
async function declineOffer(visitor) {
  // After a password, the silent upgrade runs first where the browser has conditional create,
  // up to its 10 s limit: the virtual authenticator never answers a conditional create.
  await visitor.page.waitForFunction(() => ['enrol', 'signed-in'].includes(/** @type {any} */ (document.querySelector('passkey-login'))?.state), { timeout: WAIT_MS + 10_000 });
  if ((await visitor.state()) === 'enrol') {
    await visitor.shows(/Sign in faster next time/);
    await visitor.click('Not now');
  }
  await visitor.until('signed-in');
}

/** "Other ways to sign in", then `label` in the chooser, on to the code step. @param {Visitor} visitor @param {string} label */
async function chooseCode(visitor, label) {
  await visitor.click('Other ways to sign in');
  await visitor.until('choosing');
  await visitor.click(label);
  await visitor.until('code');
  await visitor.page.waitForSelector('passkey-login >>> #code-sent');
}

/** @param {Visitor} visitor */
const lastFailure = async (visitor) => (await visitor.seen()).failures.at(-1);
/** @param {Visitor} visitor */
const lastSuccess = async (visitor) => (await visitor.seen()).successes.at(-1);

/**
 * The backend's server, started before the suite's tests and stopped after them.
 * @param {{ start: () => Promise<{ origin: string, close(): Promise<void> }> }} backend
 * @returns {() => { origin: string }}
 */
function serve(backend) {
  /** @type {{ origin: string, close(): Promise<void> }} */
  let server;
  before(async () => {
    server = await backend.start();
  });
  after(async () => {
    await server?.close();
  });
  return () => server;
}

/**
 * What both backends have: passkey sign-up, sign-in by button and by autofill, the session check
 * and sign-out, email codes, passwords and "Forgot password?".
 * @param {{ sessionPath: string, codeInvalid: { status?: number }, signatureRefused: { status?: number }, codeInvalidText: RegExp, passwordRefused: { status?: number },
 *   addPasswordAccount: (origin: string, who: { email: string, ip: string }, password: string) => Promise<void>,
 *   enrolled: (visitor: Visitor) => Promise<void> }} backend
 * @param {() => { origin: string }} running
 */
function sameOnBoth(backend, running) {
  it('signs up with a passkey; the session check finds the account after a reload; sign-out ends the session', async () => {
    const who = unique('signup');
    const visitor = await visit(running().origin, { ip: who.ip });
    assert.equal(await visitor.page.$eval('passkey-login >>> #identifier', (input) => /** @type {HTMLInputElement} */ (input).autocomplete), 'username webauthn');
    await signUp(visitor, who.email);
    assert.equal((await lastSuccess(visitor)).source, 'create');
    assert.equal((await lastSuccess(visitor)).user.name, who.email);
    await visitor.shows(new RegExp(`Signed in as ${who.email.replace(/[.]/g, '\\.')}`));
    assert.equal((await visitor.credentials()).length, 1);
    assert.equal((await visitor.session(backend.sessionPath))?.user?.email, who.email);

    await visitor.page.reload();
    await visitor.until('signed-in');
    assert.equal((await lastSuccess(visitor)).source, 'session');
    await visitor.shows(new RegExp(`Signed in as ${who.email.replace(/[.]/g, '\\.')}`));

    await signOut(visitor);
    assert.equal(await visitor.session(backend.sessionPath), null);

    // The same email again is not a sign-up: the account exists.
    await visitor.type(who.email);
    await visitor.click('Continue');
    await visitor.until('returning');
    await visitor.shows(/Welcome back/);
    await visitor.close();
  });

  it('signs in with the passkey button', async () => {
    const who = unique('button');
    const visitor = await visit(running().origin, { ip: who.ip });
    await signUp(visitor, who.email);
    await signOut(visitor);
    // A fresh page: the typing above gave the page a user activation, with which the click would
    // ask in immediate mode. Then the click takes over from the waiting autofill request.
    await visitor.page.reload();
    await visitor.armed();
    await visitor.presence(true);
    await visitor.click('Sign in with a passkey');
    await visitor.until('signed-in');
    assert.equal((await lastSuccess(visitor)).source, 'passkey');
    assert.equal((await lastSuccess(visitor)).user.name, who.email);
    assert.equal((await visitor.session(backend.sessionPath))?.user?.email, who.email);
    await visitor.close();
  });

  it('signs in by autofill on load', async () => {
    const who = unique('autofill');
    const visitor = await visit(running().origin, { ip: who.ip });
    await signUp(visitor, who.email);
    await signOut(visitor);
    // A conditional request made while the authenticator is "present" is answered at once
    // (TOOLING.md): on load, as when the person picks the passkey from the field's suggestions.
    // The page is left first: the autofill request it re-armed after signing out could otherwise
    // reach the authenticator after presence is on, sign in there, and leave the next page a
    // session to find instead.
    await visitor.page.goto(new URL('/no-such-page', running().origin).href);
    await visitor.presence(true);
    await visitor.page.goto(running().origin);
    await visitor.until('signed-in');
    assert.equal((await lastSuccess(visitor)).source, 'autofill');
    assert.equal((await lastSuccess(visitor)).user.name, who.email);
    assert.equal((await visitor.session(backend.sessionPath))?.user?.email, who.email);
    await visitor.close();
  });

  it('a passkey whose signature does not verify is refused, and the element says so', async () => {
    const who = unique('forged');
    const visitor = await visit(running().origin, { ip: who.ip });
    await signUp(visitor, who.email);
    await signOut(visitor);
    await visitor.page.reload();
    await visitor.armed();
    await visitor.forgeSignatures();
    await visitor.presence(true);
    await visitor.click('Sign in with a passkey');
    await visitor.shows(/We couldn't confirm that passkey/);
    assert.deepEqual((await visitor.seen()).failures[0], { code: 'verification-failed', source: 'passkey', ...backend.signatureRefused });
    assert.equal(await visitor.session(backend.sessionPath), null);
    await visitor.close();
  });

  it('signs in with an email code after a wrong one, then adds a passkey to the account', async () => {
    const who = unique('email');
    const visitor = await visit(running().origin, { ip: who.ip, presence: false });
    await visitor.until('ready');
    await visitor.type(who.email);
    await chooseCode(visitor, 'Email me a code');
    await visitor.shows(/We emailed a 6-digit code to \S•••@example\.com/);
    const code = await codeFor(running().origin, who.email);

    await visitor.submit('code', wrong(code));
    await visitor.shows(/That code isn't right/);
    await visitor.shows(backend.codeInvalidText);
    assert.deepEqual(await lastFailure(visitor), { code: 'code-invalid', source: 'email-code', ...backend.codeInvalid });

    await visitor.submit('code', code);
    await visitor.until('enrol');
    await visitor.shows(/Sign in faster next time/);
    await visitor.presence(true);
    await visitor.click('Create a passkey');
    await visitor.until('signed-in');
    assert.equal((await lastSuccess(visitor)).source, 'email-code');
    assert.equal((await lastSuccess(visitor)).user.name, who.email);
    assert.equal((await visitor.credentials()).length, 1);
    assert.equal((await visitor.session(backend.sessionPath))?.user?.email, who.email);
    await backend.enrolled(visitor);
    await visitor.close();
  });

  it('signs in with a password after a wrong one', async () => {
    const who = unique('password');
    await backend.addPasswordAccount(running().origin, who, 'correct horse battery staple');
    const visitor = await visit(running().origin, { ip: who.ip, presence: false });
    await visitor.until('ready');
    await visitor.type(who.email);
    await visitor.click('Other ways to sign in');
    await visitor.until('choosing');
    await visitor.click('Use my password');
    await visitor.until('password');

    await visitor.submit('password', 'incorrect horse');
    await visitor.shows(/That password isn't right/);
    assert.deepEqual(await lastFailure(visitor), { code: 'invalid-credentials', source: 'password', ...backend.passwordRefused });

    await visitor.submit('password', 'correct horse battery staple');
    await declineOffer(visitor);
    assert.equal((await lastSuccess(visitor)).source, 'password');
    assert.equal((await visitor.session(backend.sessionPath))?.user?.email, who.email);
    await visitor.close();
  });

  it('"Forgot password?" signs in with an email code, then offers a passkey instead of a new password', async () => {
    const who = unique('forgot');
    await backend.addPasswordAccount(running().origin, who, 'a password long forgotten');
    const visitor = await visit(running().origin, { ip: who.ip, presence: false });
    await visitor.until('ready');
    await visitor.type(who.email);
    await visitor.click('Other ways to sign in');
    await visitor.until('choosing');
    await visitor.click('Use my password');
    await visitor.until('password');
    await visitor.click('Forgot password?');
    await visitor.until('code');
    await visitor.shows(/Confirm it's you/);
    await visitor.submit('code', await codeFor(running().origin, who.email));
    await declineOffer(visitor);
    assert.equal((await lastSuccess(visitor)).source, 'recovery');
    assert.equal((await visitor.session(backend.sessionPath))?.user?.email, who.email);
    await visitor.close();
  });
}

// The two backends' suites side by side, each test after the other within a suite: much of the
// time is spent waiting (on the silent upgrade's 10 s above all). More pages at once take focus
// from each other, and a conditional request on a page without focus fails and re-arms.
describe('presets against real backends', { skip, concurrency: 2 }, () => {
  describe('preset="better-auth" against a real better-auth server', { concurrency: 1 }, () => {
    const backend = {
      start: async () => (await import('../backends/better-auth.mjs')).startBetterAuth(),
      sessionPath: '/api/auth/get-session',
      // Error statuses; better-auth does not say how many tries are left, the preset counts them.
      codeInvalid: { status: 400 },
      signatureRefused: { status: 401 },
      codeInvalidText: /You have 2 more tries\./,
      passwordRefused: { status: 401 },
      /** A passkey added to a signed-in account: where it went is said, and no second session was made. */
      enrolled: async (/** @type {Visitor} */ visitor) => {
        await visitor.shows(/Your passkey is saved\./);
        assert.equal((await visitor.session('/api/auth/list-sessions'))?.length, 1);
      },
      /** better-auth's own sign-up route, as the site's sign-up form would call it. */
      addPasswordAccount: async (/** @type {string} */ origin, /** @type {{ email: string, ip: string }} */ who, /** @type {string} */ password) => {
        const answer = await fetch(`${origin}/api/auth/sign-up/email`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Origin: origin, 'X-Forwarded-For': who.ip },
          body: JSON.stringify({ email: who.email, password, name: '' }),
        });
        assert.equal(answer.status, 200, await answer.clone().text());
      },
    };
    const running = serve(backend);
    sameOnBoth(backend, running);

    /** A fresh visitor at the code step for `to`, by the chooser's `label`. */
    async function atCodeStep(/** @type {string} */ to, /** @type {string} */ ip, label = 'Email me a code') {
      const visitor = await visit(running().origin, { ip, presence: false });
      await visitor.until('ready');
      await visitor.type(to);
      await chooseCode(visitor, label);
      return visitor;
    }

    it('a Preset object with options, from the same file, set as the `preset` property', async () => {
      const who = unique('options');
      const visitor = await visit(`${running().origin}/with-options`, { ip: who.ip, presence: false });
      await visitor.until('ready');
      await visitor.type(who.email);
      await chooseCode(visitor, 'Email me a code');
      await visitor.shows(/It expires in 2 minutes\./);
      await visitor.shows(/Send a new code \(0:0[1-5]\)/);
      await visitor.submit('code', await codeFor(running().origin, who.email));
      await declineOffer(visitor);
      assert.equal((await visitor.session(backend.sessionPath))?.user?.email, who.email);
      await visitor.close();
    });

    it('a passkey the account no longer has is named as unknown', async () => {
      const who = unique('removed');
      const visitor = await visit(running().origin, { ip: who.ip });
      await signUp(visitor, who.email);
      // Removed on another device, through better-auth's own routes.
      const removed = await visitor.page.evaluate(async () => {
        const [passkey] = await (await fetch('/api/auth/passkey/list-user-passkeys')).json();
        const answer = await fetch('/api/auth/passkey/delete-passkey', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id: passkey.id }) });
        return answer.status;
      });
      assert.equal(removed, 200);
      await signOut(visitor);
      await visitor.page.reload();
      await visitor.armed();
      await visitor.presence(true);
      await visitor.click('Sign in with a passkey');
      await visitor.shows(/That passkey isn't recognised/);
      assert.deepEqual((await visitor.seen()).failures[0], { code: 'unknown-credential', source: 'passkey', status: 401 });
      await visitor.close();
    });

    it('signs in with an SMS code (phoneNumber plugin) after a wrong one', async () => {
      const who = unique('sms');
      const phone = `+1555${String(Date.now() % 1e7).padStart(7, '0')}`;
      const visitor = await atCodeStep(phone, who.ip, 'Text me a code');
      await visitor.shows(new RegExp(`••• ${phone.slice(-2)}`));
      const code = await codeFor(running().origin, phone);
      await visitor.submit('code', wrong(code));
      await visitor.shows(/That code isn't right.*You have 2 more tries\./);
      assert.deepEqual(await lastFailure(visitor), { code: 'code-invalid', source: 'sms-code', status: 400 });
      await visitor.submit('code', code);
      await declineOffer(visitor);
      assert.equal((await lastSuccess(visitor)).source, 'sms-code');
      // Known by the number it signed up with, not the stand-in email better-auth needs.
      assert.equal((await lastSuccess(visitor)).user.name, phone);
      assert.equal((await visitor.session(backend.sessionPath))?.user?.phoneNumber, phone);
      await visitor.close();
    });

    it('counts the tries better-auth allows: after three wrong codes the code is used up', async () => {
      const who = unique('tries');
      const visitor = await atCodeStep(who.email, who.ip);
      const code = await codeFor(running().origin, who.email);
      for (const left of [2, 1]) {
        await visitor.submit('code', wrong(code));
        await visitor.shows(left === 1 ? /You have 1 more try\./ : new RegExp(`You have ${left} more tries\\.`));
      }
      await visitor.submit('code', wrong(code));
      await visitor.shows(/No tries are left for this code\. Ask for a new one\./);
      // better-auth agrees: the right code no longer signs in (asked from another address, which
      // its rate limit of 3 code sign-ins a minute has not yet met).
      const answer = await fetch(`${running().origin}/api/auth/sign-in/email-otp`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: running().origin, 'X-Forwarded-For': unique('other').ip },
        body: JSON.stringify({ email: who.email, otp: code }),
      });
      const refused = { status: answer.status, code: (await answer.json()).code };
      assert.deepEqual(refused, { status: 403, code: 'TOO_MANY_ATTEMPTS' });
      await visitor.close();
    });

    it('an expired code says so', async () => {
      const who = unique('expired');
      const visitor = await atCodeStep(who.email, who.ip);
      const code = await codeFor(running().origin, who.email);
      assert.equal((await fetch(`${running().origin}/dev/expire-codes`, { method: 'POST' })).status, 204);
      await visitor.submit('code', code);
      await visitor.shows(/This code has expired/);
      assert.deepEqual(await lastFailure(visitor), { code: 'code-expired', source: 'email-code', status: 400 });
      await visitor.close();
    });

    it("better-auth's rate limit is shown with when to try again (X-Retry-After)", async () => {
      const who = unique('limited');
      await backend.addPasswordAccount(running().origin, who, 'correct horse battery staple');
      const visitor = await visit(running().origin, { ip: who.ip, presence: false });
      await visitor.until('ready');
      await visitor.type(who.email);
      await visitor.click('Other ways to sign in');
      await visitor.until('choosing');
      await visitor.click('Use my password');
      // better-auth allows 3 password sign-ins per 10 s from one address.
      for (let attempt = 1; attempt <= 3; attempt += 1) {
        await visitor.until('password');
        await visitor.submit('password', `wrong ${attempt}`);
        await visitor.page.waitForFunction((n) => /** @type {any} */ (window).__seen.failures.length === n, {}, attempt);
      }
      await visitor.submit('password', 'correct horse battery staple');
      await visitor.shows(/Too many attempts.*You can try again in \d+ seconds?\./);
      assert.deepEqual(await lastFailure(visitor), { code: 'rate-limited', source: 'password', status: 429 });
      await visitor.close();
    });
  });

  describe('preset="authjs" against a real Auth.js server', { concurrency: 1 }, () => {
    const backend = {
      start: async () => (await import('../backends/authjs.mjs')).startAuthjs(),
      sessionPath: '/auth/session',
      // Auth.js answers 200 with the failure in a URL, and counts no tries.
      codeInvalid: {},
      signatureRefused: {},
      codeInvalidText: /Check the code and try again\./,
      passwordRefused: {},
      // Auth.js says nothing about the passkey it saved.
      enrolled: async () => {},
      /** The site's own sign-up (Auth.js keeps no passwords), through the server's development route. */
      addPasswordAccount: async (/** @type {string} */ origin, /** @type {{ email: string }} */ who, /** @type {string} */ password) => {
        const answer = await fetch(`${origin}/dev/users`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: who.email, password }) });
        assert.equal(answer.status, 201);
      },
    };
    const running = serve(backend);
    sameOnBoth(backend, running);

    /** A fresh visitor at the email code step for `email`. */
    async function atCodeStep(/** @type {string} */ email) {
      const visitor = await visit(running().origin, { presence: false });
      await visitor.until('ready');
      await visitor.type(email);
      await chooseCode(visitor, 'Email me a code');
      return visitor;
    }

    it('an expired code reads as a wrong one: Auth.js answers both with error=Verification', async () => {
      const who = unique('expired');
      const visitor = await atCodeStep(who.email);
      const code = await codeFor(running().origin, who.email);
      assert.equal((await fetch(`${running().origin}/dev/expire-codes`, { method: 'POST' })).status, 204);
      await visitor.submit('code', code);
      await visitor.shows(/That code isn't right/);
      assert.deepEqual(await lastFailure(visitor), { code: 'code-invalid', source: 'email-code' });
      await visitor.close();
    });

    it("the site's own limit on code tries, in front of Auth.js, is shown with when to try again", async () => {
      const who = unique('guessing');
      const visitor = await atCodeStep(who.email);
      const code = await codeFor(running().origin, who.email);
      // Auth.js counts no wrong codes; the test server allows 5 tries per email in 10 minutes.
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        await visitor.submit('code', wrong(code));
        await visitor.page.waitForFunction((n) => /** @type {any} */ (window).__seen.failures.length === n, {}, attempt);
      }
      await visitor.submit('code', code);
      await visitor.shows(/Too many attempts.*You can try again in (10 minutes|\d+ seconds?)\./);
      assert.deepEqual(await lastFailure(visitor), { code: 'rate-limited', source: 'email-code', status: 429 });
      await visitor.close();
    });
  });
});
