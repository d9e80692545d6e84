// @ts-check
// "Approve from another device" end to end: two browser contexts in real Chromium (two people's
// worth of cookies), the demo's sign-in and approval pages as built, the reference server under
// its strict CSP. The new device asks and shows a binding code; the signed-in device types it,
// sees what is asking, and approves or denies; the new device learns the answer by polling.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import puppeteer from 'puppeteer-core';
import { startServer } from '../../demo/server/harness.js';
import { addVirtualAuthenticator, chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import { click, waitForState } from './support/shadow.mjs';

const built = ['passkey-login.min.js', 'passkey-login-approval.min.js'].every((file) => existsSync(`dist/${file}`));

/** @typedef {Awaited<ReturnType<typeof startServer>>} Server */
/** @typedef {import('puppeteer-core').Page} Page */
/**
 * @typedef {object} Tab
 * @property {Page} page
 * @property {import('puppeteer-core').BrowserContext} context
 * @property {Server} server
 * @property {string[]} problems page errors and console errors
 * @property {string[]} requests every URL the page asked for
 */

// Each test has its own accounts: the server allows 5 device requests per identifier per 15 min.
let serial = 0;
const fresh = (/** @type {string} */ prefix) => `${prefix}-${Date.now()}-${++serial}`;

describe('approve a sign-in from another device', { skip: !built && 'dist/ missing: run npm run build' }, () => {
  /** @type {Server} */
  let server;
  /** A server whose binding codes expire after 2 s, for the expiry test only. @type {Server} */
  let shortLived;
  /** @type {import('puppeteer-core').Browser} */
  let browser;
  /**
   * What every page of every flow saw, checked by the last test.
   * @type {{ url: string, violations: string[], problems: string[], outside: string[] }[]}
   */
  const observed = [];

  before(async () => {
    const options = { staticRoot: process.cwd(), devOutbox: true };
    [server, shortLived, browser] = await Promise.all([
      startServer(options),
      startServer({ ...options, limits: { deviceRequestTtlMs: 2000 } }),
      puppeteer.launch({ executablePath: chromiumPath(), headless: true, args: chromiumArgs }),
    ]);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await shortLived?.close();
  });

  /**
   * A fresh browser context (its own cookies and storage: another device, as far as the server
   * can tell) with one page, recording CSP violations, errors, outside requests and the
   * element's success events.
   * @param {Server} on
   * @param {string} path
   * @returns {Promise<Tab>}
   */
  async function open(on, path) {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    // Headless Chromium says "HeadlessChrome", which no person's browser does.
    await page.setUserAgent((await browser.userAgent()).replace('HeadlessChrome', 'Chrome'));
    /** @type {string[]} */
    const problems = [];
    /** @type {string[]} */
    const requests = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('request', (request) => requests.push(request.url()));
    await page.evaluateOnNewDocument(() => {
      const w = /** @type {any} */ (window);
      w.__violations = [];
      w.__successes = [];
      document.addEventListener('securitypolicyviolation', (event) => {
        w.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
      });
      document.addEventListener('passkey-login-success', (event) => {
        w.__successes.push(/** @type {CustomEvent} */ (event).detail);
      });
    });
    const cdp = await page.createCDPSession();
    await addVirtualAuthenticator(cdp);
    await page.goto(`${on.origin}${path}`);
    return { page, context, server: on, problems, requests };
  }

  /**
   * Records what the tab saw, asserts it was clean, and closes it. Chromium logs refused API
   * calls as failed loads; `expected` lists the statuses a flow provokes on purpose.
   * @param {Tab} tab
   * @param {number[]} [expected]
   */
  async function finish(tab, expected = []) {
    const violations = await tab.page.evaluate(() => /** @type {any} */ (window).__violations);
    const allowed = (/** @type {string} */ problem) =>
      expected.some((status) => problem.startsWith(`console: Failed to load resource: the server responded with a status of ${status} `));
    const record = {
      url: tab.page.url(),
      violations,
      problems: tab.problems.filter((problem) => !allowed(problem)),
      outside: tab.requests.filter((url) => !url.startsWith(tab.server.origin)),
    };
    observed.push(record);
    await tab.context.close();
    assert.deepEqual(record, { url: record.url, violations: [], problems: [], outside: [] });
  }

  /** @param {Page} page @param {string} selector */
  const stateOf = (page, selector) => page.$eval(selector, (element) => /** @type {any} */ (element).state);
  /** @param {Page} page @param {string} host */
  const buttonLabels = (page, host) => page.$$eval(`${host} >>> button`, (buttons) => buttons.map((b) => b.textContent?.trim()));
  /** @param {Page} page @param {string} host */
  const textOf = (page, host) => page.$eval(host, (element) => element.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '');
  /** @param {Page} page */
  const session = (page) => page.evaluate(async () => (await fetch('/api/auth/session')).json());

  /**
   * The approving device: an account made with a password and an email (so it gets the notice),
   * signed in by making it, on the approval page.
   * @param {Server} on
   */
  async function approver(on) {
    const name = fresh('approver');
    const tab = await open(on, '/approve.html');
    const status = await tab.page.evaluate(
      async (identifier) =>
        (
          await fetch('/api/auth/account', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-requested-with': 'passkey-login' },
            body: JSON.stringify({ identifier, password: 'a long enough password', email: `${identifier}@example.com` }),
          })
        ).status,
      name,
    );
    assert.equal(status, 201);
    await tab.page.reload();
    await waitForState(tab.page, 'passkey-login', 'signed-in');
    await waitForState(tab.page, 'passkey-login-approval', 'entering');
    return { tab, name };
  }

  /**
   * The new device: the sign-in page, the identifier typed, "Other ways to sign in", "Approve
   * from another device". Returns the binding code it shows.
   * @param {Server} on
   * @param {string} identifier
   */
  async function requester(on, identifier) {
    const tab = await open(on, '/');
    const { page } = tab;
    await waitForState(page, 'passkey-login', 'ready');
    // "Other ways to sign in" is there from the first paint; what it opens loads on intent.
    await page.waitForFunction(() =>
      [...(document.querySelector('passkey-login')?.shadowRoot?.querySelectorAll('button') ?? [])].some(
        (button) => button.textContent?.trim() === 'Other ways to sign in',
      ),
    );
    await (await page.$('passkey-login >>> #identifier'))?.type(identifier);
    await click(page, 'passkey-login', 'Other ways to sign in');
    await waitForState(page, 'passkey-login', 'choosing');
    await click(page, 'passkey-login', 'Approve from another device');
    await waitForState(page, 'passkey-login', 'device');
    const code = await (await page.waitForSelector('passkey-login >>> [part~="device-code"]'))?.evaluate((el) => el.textContent?.trim());
    assert.match(code ?? '', /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    return { tab, code: /** @type {string} */ (code) };
  }

  /**
   * Types the code on the approving device and presses Continue.
   * @param {Page} page
   * @param {string} code
   */
  async function enterCode(page, code) {
    await (await page.$('passkey-login-approval >>> #code'))?.type(code);
    await click(page, 'passkey-login-approval', 'Continue');
  }

  /**
   * Looks the code up on the approving device and checks what it shows before anyone decides.
   * @param {Page} page
   * @param {string} code
   * @param {string} account
   */
  async function confirm(page, code, account) {
    await enterCode(page, code);
    await waitForState(page, 'passkey-login-approval', 'confirming');
    const detail = (/** @type {string} */ part) =>
      page.$eval(`passkey-login-approval >>> [part~="detail"][part~="${part}"]`, (el) => el.textContent?.trim());
    assert.equal(await detail('account'), account);
    // The requesting browser as its User-Agent names it: Chromium on this machine's OS.
    const os = { linux: 'Linux', darwin: 'macOS', win32: 'Windows' }[/** @type {string} */ (process.platform)];
    assert.equal(await detail('device'), `Chrome on ${os}`);
    assert.equal(await detail('place'), 'Location unknown');
    assert.match(await textOf(page, 'passkey-login-approval'), /If you did not start this, deny\./);
    // Deny comes first and looks like Approve: neither is the default.
    const decisions = await page.$$eval('passkey-login-approval >>> button[data-decision]', (buttons) =>
      buttons.map((b) => ({ decision: b.dataset.decision, label: b.textContent?.trim(), part: b.getAttribute('part')?.replace(/\s*\S+-button$/, '') })),
    );
    assert.deepEqual(
      decisions.map(({ decision, label }) => [decision, label]),
      [
        ['deny', 'Deny'],
        ['approve', 'Approve'],
      ],
    );
    assert.equal(decisions[0].part, decisions[1].part);
  }

  it('approved on the signed-in device, the new device is signed in to that account and the owner is told', async () => {
    const { tab: b, name } = await approver(server);
    const { tab: a, code } = await requester(server, name);

    // The QR code opens the approval page with this code filled in.
    await a.page.waitForSelector('passkey-login >>> svg[part~="qr"]');
    assert.ok(
      await a.page.$eval('passkey-login >>> svg[part~="qr"] path', (path) => (path.getAttribute('d') ?? '').length > 100),
      'the QR code has modules drawn',
    );
    assert.equal(await stateOf(a.page, 'passkey-login'), 'device');

    await confirm(b.page, code, name);
    await click(b.page, 'passkey-login-approval', 'Approve');
    await waitForState(b.page, 'passkey-login-approval', 'approved');
    assert.match(await textOf(b.page, 'passkey-login-approval'), /The new device is signed in\./);

    // The new device polls every 2 s; with a platform authenticator it offers a passkey first.
    await waitForState(a.page, 'passkey-login', 'enrol', 'signed-in');
    if ((await stateOf(a.page, 'passkey-login')) === 'enrol') {
      await a.page.waitForFunction(() =>
        [...(document.querySelector('passkey-login')?.shadowRoot?.querySelectorAll('button') ?? [])].some(
          (button) => button.textContent?.trim() === 'Not now',
        ),
      );
      await click(a.page, 'passkey-login', 'Not now');
      await waitForState(a.page, 'passkey-login', 'signed-in');
    }
    const successes = await a.page.evaluate(() => /** @type {any} */ (window).__successes);
    assert.equal(successes.length, 1);
    assert.equal(successes[0].source, 'device');
    assert.equal(successes[0].user.name, name);
    assert.equal((await session(a.page)).user?.name, name);

    // The owner hears of it, without the code: whoever reads that mail must not be able to use it.
    const { messages } = await (await fetch(`${server.base}/api/auth/dev/outbox`)).json();
    const notices = messages.filter((/** @type {any} */ m) => m.to === `${name}@example.com`);
    assert.equal(notices.length, 1);
    assert.equal(notices[0].subject, 'A new device signed in to your account');
    assert.match(notices[0].text, new RegExp(`Chrome on .+ signed in to ${name}`));
    const bare = code.replace('-', '');
    for (const message of messages) {
      assert.ok(!`${message.subject ?? ''} ${message.text}`.includes(code) && !message.text.includes(bare), 'no message carries the code');
    }

    // The code was single use.
    await b.page.reload();
    await waitForState(b.page, 'passkey-login-approval', 'entering');
    await enterCode(b.page, code);
    await waitForState(b.page, 'passkey-login-approval', 'ended');
    assert.equal(await b.page.$eval('passkey-login-approval >>> [part~="ended"]', (el) => el.getAttribute('data-code')), 'device-request-used');

    await finish(a);
    await finish(b, [409]);
  });

  it('denied on the signed-in device, the new device says so, offers to try again and stays signed out', async () => {
    const { tab: b, name } = await approver(server);
    const { tab: a, code } = await requester(server, name);

    await confirm(b.page, code, name);
    await click(b.page, 'passkey-login-approval', 'Deny');
    await waitForState(b.page, 'passkey-login-approval', 'denied');
    assert.match(await textOf(b.page, 'passkey-login-approval'), /The new device was not signed in\./);

    const notice = await a.page.waitForSelector('passkey-login >>> [part~="failure-notice"][data-code="denied"]', { timeout: 10_000 });
    assert.match((await notice?.evaluate((el) => el.textContent?.replace(/\s+/g, ' '))) ?? '', /The sign-in was denied/);
    assert.equal(await stateOf(a.page, 'passkey-login'), 'device');
    assert.ok((await buttonLabels(a.page, 'passkey-login')).includes('Try again'));
    assert.deepEqual(await a.page.evaluate(() => /** @type {any} */ (window).__successes), []);
    assert.equal((await session(a.page)).user, null);

    // Nobody was signed in, so nobody is told.
    const { messages } = await (await fetch(`${server.base}/api/auth/dev/outbox`)).json();
    assert.deepEqual(
      messages.filter((/** @type {any} */ m) => m.to === `${name}@example.com`),
      [],
    );

    // "Try again" asks for a new code.
    await click(a.page, 'passkey-login', 'Try again');
    await a.page.waitForFunction(
      (old) => {
        const shown = document.querySelector('passkey-login')?.shadowRoot?.querySelector('[part~="device-code"]');
        return shown && shown.textContent?.trim() !== old;
      },
      { timeout: 10_000 },
      code,
    );

    await finish(a);
    await finish(b);
  });

  it('a code nobody answered expires on both devices, and the new device can get a new one', async () => {
    const { tab: b, name } = await approver(shortLived);
    const { tab: a, code } = await requester(shortLived, name);

    const notice = await a.page.waitForSelector('passkey-login >>> [part~="failure-notice"][data-code="expired"]', { timeout: 10_000 });
    assert.match((await notice?.evaluate((el) => el.textContent?.replace(/\s+/g, ' '))) ?? '', /That code has expired/);
    assert.ok((await buttonLabels(a.page, 'passkey-login')).includes('Get a new code'));
    assert.equal((await session(a.page)).user, null);

    // The old code, typed late on the signed-in device, cannot be approved.
    await enterCode(b.page, code);
    await waitForState(b.page, 'passkey-login-approval', 'ended');
    assert.equal(await b.page.$eval('passkey-login-approval >>> [part~="ended"]', (el) => el.getAttribute('data-code')), 'device-request-expired');
    assert.match(await textOf(b.page, 'passkey-login-approval'), /This request has expired/);
    assert.ok((await buttonLabels(b.page, 'passkey-login-approval')).includes('Enter a new code'));

    await click(a.page, 'passkey-login', 'Get a new code');
    await a.page.waitForFunction(
      (old) => {
        const shown = document.querySelector('passkey-login')?.shadowRoot?.querySelector('[part~="device-code"]');
        return shown && shown.textContent?.trim() !== old;
      },
      { timeout: 10_000 },
      code,
    );

    await finish(a);
    await finish(b, [400]);
  });

  it('neither page met a CSP violation, an error or an outside request in any flow', async () => {
    const csp = (await fetch(`${server.base}/approve.html`)).headers.get('content-security-policy') ?? '';
    assert.match(csp, /require-trusted-types-for 'script'/);
    assert.match(csp, /script-src 'self'/);
    // Both pages of all three flows, recorded as each flow ended.
    assert.equal(observed.length, 6, 'every flow reached its end');
    assert.deepEqual(
      observed.filter(({ violations, problems, outside }) => violations.length + problems.length + outside.length > 0),
      [],
    );
  });
});
