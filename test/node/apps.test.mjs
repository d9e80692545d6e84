// @ts-check
// The demo apps (demo/apps/: React, Vue, Svelte, Angular), each as `node scripts/apps.mjs` built it from
// the packed package (the React one server-rendered at build time, then hydrated): its dist/
// served by a small static server that passes /api/ on to the reference server, in real Chromium
// with a virtual authenticator. A newcomer signs up with a passkey and later signs in with it, and
// each time the app's own signed-in view appears: its typed success handler ran. The server must
// see the header the app's `fetch` wrapper adds, and the per-operation header from its
// `endpoints`; the app's adapter must have seen the answers.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import puppeteer from 'puppeteer-core';
import { startServer } from '../../demo/server/harness.js';
import { addVirtualAuthenticator, chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import { click as clickIn, waitForState as waitForStateOf } from './support/shadow.mjs';

const APPS = ['react', 'vue', 'svelte', 'angular'];
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css', '.svg': 'image/svg+xml' };

/**
 * Serves `root` (unknown paths get index.html, as an app's routes would) and proxies /api/ to the
 * reference server, recording each API request's method, path and headers.
 * @param {string} root
 */
async function startAppServer(root) {
  /** @type {{ method: string, path: string, headers: import('node:http').IncomingHttpHeaders }[]} */
  const apiRequests = [];
  let apiBase = '';
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split(/[?#]/)[0];
    if (path.startsWith('/api/')) {
      apiRequests.push({ method: req.method ?? 'GET', path, headers: req.headers });
      const upstream = httpRequest(`${apiBase}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', () => res.writeHead(502).end());
      req.pipe(upstream);
      return;
    }
    let file = resolve(root, `.${normalize(decodeURIComponent(path))}`);
    if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[/** @type {keyof typeof TYPES} */ (extname(file))] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', () => done(undefined)));
  const address = server.address();
  if (!address || typeof address !== 'object') throw new Error('no port');
  return {
    origin: `http://localhost:${address.port}`,
    apiRequests,
    /** @param {string} base */
    setApiBase: (base) => (apiBase = base),
    close: () => {
      server.closeAllConnections();
      return new Promise((done) => server.close(() => done(undefined)));
    },
  };
}

describe('demo apps built from the packed package', () => {
  /** @type {import('puppeteer-core').Browser} */
  let browser;

  before(async () => {
    browser = await puppeteer.launch({ executablePath: chromiumPath(), headless: true, args: chromiumArgs });
  });
  after(async () => {
    await browser?.close();
  });

  for (const app of APPS) {
    const dist = resolve(`demo/apps/${app}/dist`);
    const built = existsSync(join(dist, 'index.html'));

    it(`${app}: sign up with a passkey, then sign in with it; the app routes to its own signed-in view`, { skip: !built && `demo/apps/${app}/dist missing: run node scripts/apps.mjs` }, async () => {
      const site = await startAppServer(dist);
      const server = await startServer({ origins: () => [site.origin] });
      site.setApiBase(server.base);
      const context = await browser.createBrowserContext();
      try {
        const page = await context.newPage();
        /** @type {string[]} */
        const problems = [];
        page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
        page.on('console', (message) => {
          if (message.type() === 'error') problems.push(`console: ${message.text()}`);
        });
        const cdp = await page.createCDPSession();
        await addVirtualAuthenticator(cdp);
        await page.goto(site.origin);
        /** @param {string} kind */
        const waitForState = (kind) => waitForStateOf(page, 'passkey-login', kind);
        /** @param {string} label */
        const click = (label) => clickIn(page, 'passkey-login', label);
        const account = async () => {
          await page.waitForSelector('#account', { timeout: 10_000 });
          return {
            heading: await page.$eval('#account', (el) => el.textContent ?? ''),
            source: await page.$eval('#source', (el) => el.textContent ?? ''),
            answered: await page.$eval('#answered', (el) => el.textContent ?? ''),
          };
        };

        if (app === 'react') {
          // Server-rendered at build time, then hydrated: the shell is in the HTML as served.
          const html = await (await fetch(site.origin)).text();
          assert.match(html, /<div id="root"><main><h1>Sign in to the React demo<\/h1><p id="sign-in-placeholder">/);
          await page.waitForFunction(() => document.body.dataset.rendered === 'hydrated');
        }

        // Sign up: the element's own steps, then the app's view in its place.
        await waitForState('ready');
        const name = `${app}-${Date.now()}@example.com`;
        await (await page.$('passkey-login >>> input'))?.type(name);
        await click('Continue');
        await waitForState('confirm-create');
        await click('Create a passkey');
        const first = await account();
        assert.equal(first.heading, `Welcome, ${name}`);
        assert.equal(await page.$('passkey-login'), null, 'the app routed away from the element');
        assert.match(first.answered, /registrationVerify/);
        if (app === 'react') assert.equal(await page.$eval('#session-user', (el) => el.textContent), name, 'usePasskeySession');

        // Later, with no session: the passkey on the authenticator signs straight back in.
        await cdp.send('Network.clearBrowserCookies');
        await page.reload();
        const second = await account();
        assert.equal(second.heading, `Welcome, ${name}`);
        assert.match(second.source, /^(autofill|passkey)$/);
        assert.match(second.answered, /authenticationVerify/);
        if (app === 'react') assert.equal(await page.$eval('#session-user', (el) => el.textContent), name, 'usePasskeySession');

        // Every request went through the app's fetch wrapper; its endpoints added the verify header.
        assert.ok(site.apiRequests.length >= 4, `${site.apiRequests.length} API requests`);
        for (const { method, path, headers } of site.apiRequests) assert.equal(headers['x-demo-app'], app, `${method} ${path}`);
        const verify = site.apiRequests.filter(({ path }) => path === '/api/auth/passkey/authentication/verify');
        assert.ok(verify.length >= 1);
        for (const { headers } of verify) assert.equal(headers['x-demo-step'], 'authentication-verify');
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
        await site.close();
        await server.close();
      }
    });
  }
});
