// @ts-check
// The script-tag build as site owners really serve it: with a cache-busting query (WordPress adds
// `?ver=…` to every script), under a name of their own, in a folder of their own. Its lazy files
// must find the entry that loaded them, so Lit is evaluated once, and under strict Trusted Types
// (no 'allow-duplicates') nothing is refused.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import puppeteer from 'puppeteer-core';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';

const built = existsSync('dist/passkey-login.min.js');
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; require-trusted-types-for 'script'; trusted-types lit-html";

/** Ways a site serves the entry: its path on the site, and the script tag's src. */
const layouts = [
  { name: 'as shipped', file: 'passkey-login.min.js', src: '/assets/passkey-login.min.js' },
  { name: 'with a cache-busting query', file: 'passkey-login.min.js', src: '/assets/passkey-login.min.js?ver=0.1.0' },
  { name: 'renamed, with a query and a hash', file: 'login.3f9a1c.js', src: '/assets/login.3f9a1c.js?ver=2#x' },
];

describe('script-tag files, however the entry is named or addressed', { skip: !built && 'dist/ missing: run npm run build' }, () => {
  /** @type {import('node:http').Server} */
  let server;
  /** @type {import('puppeteer-core').Browser} */
  let browser;
  let origin = '';
  const root = mkdtempSync(join(tmpdir(), 'passkey-login-site-'));
  /** The file under /assets/ that plays the entry, by request. */
  let entryFile = 'passkey-login.min.js';

  before(async () => {
    server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (url.pathname === '/') {
        const layout = layouts.find((l) => l.name === url.searchParams.get('layout'));
        response.writeHead(200, { 'Content-Type': 'text/html', 'Content-Security-Policy': CSP });
        response.end(`<!doctype html><html lang="${url.searchParams.get('lang') ?? 'en'}"><title>Sign in</title>
          <script type="module" src="${layout?.src}"></script>
          <passkey-login endpoint="${url.searchParams.get('endpoint') ?? '/nowhere'}"></passkey-login>`);
        return;
      }
      // A backend that answers the options request, for a page view where nothing fails.
      if (url.pathname === '/api/auth/passkey/authentication/options') {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify({ challenge: 'Y2hhbGxlbmdlLWZvci10aGUtdGVzdA', rpId: 'localhost', timeout: 300_000, userVerification: 'required', allowCredentials: [] }));
        return;
      }
      const name = url.pathname.replace(/^\/assets\//, '');
      const file = name === entryFile ? 'passkey-login.min.js' : name;
      if (!url.pathname.startsWith('/assets/') || !/^[\w.-]+\.js$/.test(file) || !existsSync(join(root, file))) {
        response.writeHead(404, { 'Content-Type': 'application/problem+json' });
        response.end('{"status":404}');
        return;
      }
      response.writeHead(200, { 'Content-Type': extname(file) === '.js' ? 'text/javascript' : 'text/plain' });
      response.end(readFileSync(join(root, file)));
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
    const address = server.address();
    origin = `http://localhost:${typeof address === 'object' && address ? address.port : 0}`;
    for (const name of readdirSync('dist').filter((n) => n.startsWith('passkey-login.') && n.endsWith('.js'))) {
      copyFileSync(join('dist', name), join(root, name));
    }
    browser = await puppeteer.launch({ executablePath: chromiumPath(), headless: true, args: chromiumArgs });
  });
  after(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    rmSync(root, { recursive: true, force: true });
  });

  for (const layout of layouts) {
    it(`${layout.name}: Lit is evaluated once, every lazy file comes from next to the entry, nothing is refused`, async () => {
      entryFile = layout.file;
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      /** @type {string[]} */
      const problems = [];
      /** @type {string[]} */
      const scripts = [];
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error' && !message.text().includes('404')) problems.push(`console: ${message.text()}`);
      });
      page.on('request', (request) => {
        if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname + new URL(request.url()).search);
      });
      await page.evaluateOnNewDocument(() => {
        // @ts-ignore
        window.__violations = [];
        document.addEventListener('securitypolicyviolation', (event) => {
          // @ts-ignore
          window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
        });
      });
      await page.goto(`${origin}/?layout=${encodeURIComponent(layout.name)}`);
      await page.waitForFunction(() => /** @type {any} */ (document.querySelector('passkey-login'))?.state === 'ready', { timeout: 10_000 });
      // A click on "Sign in with a passkey" whose options cannot load: the failure view is lazy.
      await page.$$eval('passkey-login >>> button', (buttons) =>
        /** @type {HTMLButtonElement} */ (buttons.find((b) => b.textContent?.trim() === 'Sign in with a passkey'))?.click(),
      );
      await page.waitForFunction(
        () => document.querySelector('passkey-login')?.shadowRoot?.querySelector('[part~="failure-notice"]') !== null,
        { timeout: 10_000 },
      );

      const entryUrl = layout.src.replace(/#.*$/, '');
      const query = new URL(layout.src, origin).search;
      assert.deepEqual(scripts.filter((s) => s === entryUrl), [entryUrl], 'the entry is fetched once');
      assert.equal(scripts.filter((s) => s.includes('passkey-login.min.js') && s !== entryUrl).length, 0, `no second copy of the entry: ${scripts}`);
      const lazy = scripts.filter((s) => s !== entryUrl);
      assert.ok(lazy.length > 0, 'a lazy file loaded');
      for (const file of lazy) {
        assert.ok(file.startsWith('/assets/passkey-login.'), `${file} is next to the entry`);
        assert.ok(file.endsWith(`.min.js${query}`), `${file} carries the entry's query (${query || 'none'}), so a new version is fetched anew`);
      }
      assert.deepEqual(await page.evaluate(() => /** @type {any} */ (window).litHtmlVersions?.length), 1, 'lit-html evaluated once');
      assert.deepEqual(await page.evaluate(() => /** @type {any} */ (window).litElementVersions?.length), 1, 'lit-element evaluated once');
      assert.deepEqual(await page.evaluate(() => /** @type {any} */ (window).__violations), []);
      assert.deepEqual(problems, []);
      await context.close();
    });
  }

  it('a German page: its words come from next to the renamed entry, with its query, before the first render', async () => {
    const layout = layouts[2];
    entryFile = layout.file;
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    /** @type {string[]} */
    const scripts = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname + new URL(request.url()).search);
    });
    // Every heading the element ever shows, from its first render on.
    await page.evaluateOnNewDocument(() => {
      // @ts-ignore
      window.__headings = [];
      new MutationObserver(() => {
        const heading = document.querySelector('passkey-login')?.shadowRoot?.querySelector('[part~="heading"]')?.textContent?.trim();
        // @ts-ignore
        if (heading && window.__headings.at(-1) !== heading) window.__headings.push(heading);
      }).observe(document, { childList: true, subtree: true, characterData: true });
      customElements.whenDefined('passkey-login').then(() => {
        const element = document.querySelector('passkey-login');
        // The shadow root's own mutations, once it exists.
        const watch = () => {
          const heading = element?.shadowRoot?.querySelector('[part~="heading"]')?.textContent?.trim();
          // @ts-ignore
          if (heading && window.__headings.at(-1) !== heading) window.__headings.push(heading);
          requestAnimationFrame(watch);
        };
        watch();
      });
    });
    await page.goto(`${origin}/?layout=${encodeURIComponent(layout.name)}&lang=de`);
    await page.waitForFunction(() => /** @type {any} */ (document.querySelector('passkey-login'))?.state === 'ready', { timeout: 10_000 });
    await page.waitForFunction(() => document.querySelector('passkey-login')?.shadowRoot?.querySelector('[part~="container"]')?.getAttribute('lang') === 'de', {
      timeout: 10_000,
    });
    assert.deepEqual(await page.evaluate(() => /** @type {any} */ (window).__headings), ['Anmelden oder Konto erstellen'], 'German from the first render, no English before it');
    assert.ok(scripts.includes('/assets/passkey-login.de.min.js?ver=2'), `the German words next to the entry, with its query: ${scripts}`);
    await context.close();
  });

  it('an English page view with nobody interacting loads the entry alone; a language switch later brings the words', async () => {
    entryFile = layouts[0].file;
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    /** @type {string[]} */
    const scripts = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    await page.goto(`${origin}/?layout=${encodeURIComponent(layouts[0].name)}&endpoint=/api/auth`);
    await page.waitForFunction(() => /** @type {any} */ (document.querySelector('passkey-login'))?.state === 'ready', { timeout: 10_000 });
    // As long as `npm run bench` waits after arming: whatever waits for the page to have a moment has loaded by then.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.deepEqual(scripts, ['/assets/passkey-login.min.js']);
    await page.evaluate(() => document.documentElement.setAttribute('lang', 'de'));
    await page.waitForFunction(() => document.querySelector('passkey-login')?.shadowRoot?.querySelector('[part~="container"]')?.getAttribute('lang') === 'de', {
      timeout: 10_000,
    });
    const heading = await page.evaluate(() => document.querySelector('passkey-login')?.shadowRoot?.querySelector('[part~="heading"]')?.textContent?.trim());
    assert.equal(heading, 'Anmelden oder Konto erstellen');
    assert.deepEqual(scripts.slice(1).sort(), ['/assets/passkey-login.de.min.js', '/assets/passkey-login.localizer.min.js']);
    await context.close();
  });
});

describe('script-tag files, as bytes', { skip: !built && 'dist/ missing: run npm run build' }, () => {
  const files = readdirSync('dist').filter((name) => name.endsWith('.min.js'));
  const eager = /^passkey-login(-approval)?(\.localizer)?\.min\.js$/;

  it('the entries and their language file ask V8 to compile them while they stream in; the lazy files do not', () => {
    for (const file of files) {
      const first = readFileSync(join('dist', file), 'utf8').split('\n', 1)[0];
      assert.equal(first === '//# allFunctionsCalledOnLoad', eager.test(file), file);
    }
    assert.ok(files.filter((file) => eager.test(file)).length === 4);
  });

  it('no bundler marks left in them (@__PURE__), and each source map covers the lines its file has', () => {
    for (const file of files) {
      const code = readFileSync(join('dist', file), 'utf8');
      assert.ok(!code.includes('@__PURE__'), file);
      const { mappings } = JSON.parse(readFileSync(join('dist', `${file}.map`), 'utf8'));
      const lines = code.split('\n');
      // The last line is the sourceMappingURL comment, which the map does not cover.
      assert.match(lines.at(-1) ?? '', /^\/\/# sourceMappingURL=/, file);
      assert.equal(mappings.split(';').length, lines.length - 1, `${file}: one group of mappings per line of code`);
      // The lines the build adds at the top (the compile hint, the import helper) map to nothing.
      const added = lines.findIndex((line) => !line.startsWith('//# allFunctionsCalledOnLoad') && !/^const \$[\w$]E=/.test(line));
      assert.ok(mappings.split(';').slice(0, added).every((group) => group === ''), `${file}: added lines left unmapped`);
    }
  });
});
