// @ts-check
// The demo page as a site owner ships it: the built script-tag file (and its lazy chunk) served by
// the reference server under its strict CSP, in real Chromium with a virtual authenticator.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import puppeteer from 'puppeteer-core';
import { startServer } from '../../demo/server/harness.js';
import { addVirtualAuthenticator, chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import { click as clickIn, waitForState as waitForStateOf } from './support/shadow.mjs';

const built = existsSync('dist/passkey-login.min.js');

describe('demo page with the script-tag build', { skip: !built && 'dist/ missing: run npm run build' }, () => {
  /** @type {Awaited<ReturnType<typeof startServer>>} */
  let server;
  /** @type {import('puppeteer-core').Browser} */
  let browser;

  before(async () => {
    server = await startServer({ staticRoot: process.cwd() });
    browser = await puppeteer.launch({ executablePath: chromiumPath(), headless: true, args: chromiumArgs });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A fresh browser context and page, recording CSP violations, errors and outside requests. */
  async function open(path = '/') {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
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
      // @ts-ignore
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (event) => {
        // @ts-ignore
        window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    const cdp = await page.createCDPSession();
    await addVirtualAuthenticator(cdp);
    await page.goto(`${server.origin}${path}`);
    return { page, context, problems, requests };
  }

  /** @param {import('puppeteer-core').Page} page */
  const state = (page) => page.$eval('passkey-login', (element) => /** @type {any} */ (element).state);
  /** The demo page's element, waited for and pressed by the shared helpers. @param {import('puppeteer-core').Page} page @param {string} kind */
  const waitForState = (page, kind) => waitForStateOf(page, 'passkey-login', kind);
  /** @param {import('puppeteer-core').Page} page @param {string} label */
  const click = (page, label) => clickIn(page, 'passkey-login', label);

  it('renders under the strict CSP and Trusted Types with no violation and no outside request', async () => {
    const { page, context, problems, requests } = await open();
    await waitForState(page, 'ready');
    const csp = (await page.evaluate(async () => (await fetch('/')).headers.get('content-security-policy'))) ?? '';
    assert.match(csp, /require-trusted-types-for 'script'/);
    assert.match(csp, /script-src 'self'/);
    // Nothing more loads until someone shows intent: then the steps beyond the form, from next to
    // the entry file.
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(await page.evaluate(() => performance.getEntriesByType('resource').some((e) => e.name.includes('.steps.'))), false);
    await page.hover('passkey-login');
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.includes('.steps.')));
    assert.deepEqual(await page.evaluate(() => /** @type {any} */ (window).__violations), []);
    assert.deepEqual(problems, []);
    assert.deepEqual(requests.filter((url) => !url.startsWith(server.origin)), []);
    const input = await page.$eval('passkey-login >>> input', (el) => /** @type {HTMLInputElement} */ (el).autocomplete);
    assert.equal(input, 'username webauthn');
    await context.close();
  });

  it('the Brand menu restyles the element, under the CSP, and the choice survives a reload', async () => {
    const { page, context, problems } = await open();
    await waitForState(page, 'ready');
    // The button eases into a new colour: wait for where it ends up.
    /** @param {string} colour */
    const primaryBecomes = (colour) =>
      page.waitForFunction(
        (wanted) => {
          const button = document.querySelector('passkey-login')?.shadowRoot?.querySelector('[part~="primary-button"]');
          return button && getComputedStyle(button).backgroundColor === wanted;
        },
        { timeout: 5_000 },
        colour,
      );
    const fallback = await page.$eval('passkey-login >>> [part~="primary-button"]', (button) => getComputedStyle(button).backgroundColor);
    await page.select('#brand-preset', 'shop');
    await primaryBecomes('rgb(185, 60, 0)');
    await page.reload();
    await waitForState(page, 'ready');
    assert.equal(await page.$eval('#brand-preset', (select) => /** @type {HTMLSelectElement} */ (select).value), 'shop');
    await primaryBecomes('rgb(185, 60, 0)');
    await page.select('#brand-preset', '');
    await primaryBecomes(fallback);
    assert.deepEqual(await page.evaluate(() => /** @type {any} */ (window).__violations), []);
    assert.deepEqual(problems, []);
    await context.close();
  });

  it('nothing moves as the element loads at 360 px: cumulative layout shift under 0.05', async () => {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.setViewport({ width: 360, height: 780 });
    await page.evaluateOnNewDocument(() => {
      // @ts-ignore
      window.__shifts = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          // @ts-ignore
          if (!entry.hadRecentInput) window.__shifts.push(entry.value);
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    const cdp = await page.createCDPSession();
    await addVirtualAuthenticator(cdp);
    await page.goto(`${server.origin}/`);
    await waitForState(page, 'ready');
    // Everything a visitor sees without doing anything, autofill armed; then a pointer over the
    // element brings the steps beyond the form, and with them nothing may move either.
    await page.waitForFunction(
      () => (document.querySelector('passkey-login')?.shadowRoot?.querySelector('[part~="other-ways-button"]') ?? null) !== null,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    await page.hover('passkey-login');
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.includes('.steps.')));
    await new Promise((resolve) => setTimeout(resolve, 500));
    /** @type {number[]} */
    const shifts = await page.evaluate(() => /** @type {any} */ (window).__shifts);
    const cls = shifts.reduce((sum, value) => sum + value, 0);
    assert.ok(cls < 0.05, `CLS ${cls.toFixed(4)} (${shifts.map((value) => value.toFixed(4)).join(', ')})`);
    await context.close();
  });

  it('loading the script twice does not throw', async () => {
    const { page, context, problems } = await open();
    await waitForState(page, 'ready');
    // A second copy under another URL, as when a page includes the script twice. (A dynamic
    // import, because under Trusted Types a script element's src is a guarded sink.)
    await page.evaluate(() => import('/passkey-login.min.js?second-copy'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(problems, []);
    assert.equal(await state(page), 'ready');
    await context.close();
  });

  it('a newcomer can sign up, reload and stay signed in, sign out, and sign back in', async () => {
    const { page, context, problems } = await open();
    await waitForState(page, 'ready');
    const name = `demo-${Date.now()}@example.com`;
    const input = await page.$('passkey-login >>> input');
    await input?.type(name);
    await click(page, 'Continue');
    await waitForState(page, 'confirm-create');
    await click(page, 'Create a passkey');
    await waitForState(page, 'signed-in');

    await page.reload();
    await waitForState(page, 'signed-in');
    const text = await page.$eval('passkey-login', (element) => element.shadowRoot?.textContent ?? '');
    assert.match(text, new RegExp(`Signed in as ${name.replace(/[.]/g, '\\.')}`));

    await click(page, 'Sign out');
    // With the credential on the virtual authenticator, autofill signs straight back in.
    await waitForState(page, 'signed-in');
    assert.deepEqual(problems, []);
    assert.deepEqual(await page.evaluate(() => /** @type {any} */ (window).__violations), []);
    await context.close();
  });

  it('the account page creates an account with a password and an email, and the element then offers other ways in', async () => {
    const { page, context, problems, requests } = await open('/account.html');
    await page.waitForFunction(() => !(/** @type {HTMLButtonElement} */ (document.getElementById('create-account'))).disabled);
    const name = `pw-${Date.now()}`;

    // A password too short for the server: its answer shows in the alert, which takes focus.
    await page.type('#identifier', name);
    await page.type('#password', 'short');
    await page.type('#email', `${name}@example.com`);
    await page.click('#create-account');
    await page.waitForFunction(() => document.activeElement?.id === 'account-error');
    assert.equal(await page.$eval('#account-error', (el) => el.getAttribute('role')), 'alert');
    assert.match(await page.$eval('#account-error', (el) => el.textContent ?? ''), /at least 8 characters/);
    assert.equal(await page.$eval('#password', (el) => el.getAttribute('aria-invalid')), 'true');

    await page.type('#password', ' enough now');
    await page.click('#create-account');
    await page.waitForFunction(() => document.activeElement?.id === 'account-created');
    assert.match(await page.$eval('#account-created', (el) => el.textContent ?? ''), new RegExp(`signed in as ${name}`));

    // The same name again is taken.
    await page.reload();
    await page.waitForFunction(() => !(/** @type {HTMLButtonElement} */ (document.getElementById('create-account'))).disabled);
    await page.type('#identifier', name);
    await page.type('#password', 'another password');
    await page.click('#create-account');
    await page.waitForFunction(() => document.activeElement?.id === 'account-error');
    assert.match(await page.$eval('#account-error', (el) => el.textContent ?? ''), /already has an account/);
    assert.deepEqual(await page.evaluate(() => /** @type {any} */ (window).__violations), []);

    // Signed in on the sign-in page; signed out, it offers the other ways in.
    await page.goto(`${server.origin}/`);
    await waitForState(page, 'signed-in');
    await click(page, 'Sign out');
    await waitForState(page, 'ready');
    await page.waitForFunction(() =>
      [...(document.querySelector('passkey-login')?.shadowRoot?.querySelectorAll('button') ?? [])].some(
        (button) => button.textContent?.trim() === 'Other ways to sign in',
      ),
    );
    await click(page, 'Other ways to sign in');
    await waitForState(page, 'choosing');
    const labels = await page.$$eval('passkey-login >>> button[data-method]', (buttons) => buttons.map((b) => b.textContent?.trim()));
    for (const label of ['Email me a code', 'Text me a code', 'Use my password']) assert.ok(labels.includes(label), label);

    // Chromium logs the refused creations above (400, 409) as failed loads; nothing else may show.
    assert.deepEqual(problems.filter((problem) => !/^console: Failed to load resource: the server responded with a status of 4\d\d/.test(problem)), []);
    assert.deepEqual(requests.filter((url) => !url.startsWith(server.origin)), []);
    assert.deepEqual(await page.evaluate(() => /** @type {any} */ (window).__violations), []);
    await context.close();
  });
});
