// @ts-check
// Every story of the built static Storybook in real Chromium: its play function has to pass, and
// axe-core has to find nothing at WCAG 2.2 AA in what the story leaves on screen, in light and in
// dark. The play function also has to pass right to left.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it, test } from 'node:test';
import puppeteer from 'puppeteer-core';

const staticDir = fileURLToPath(new URL('../../.test-results/storybook-static/', import.meta.url));
const buildCommand = 'npx storybook build --quiet -o .test-results/storybook-static';
const chromium = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const axeTags = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'];
// Page loads are mostly CPU; past this, on two cores, each story only gets slower.
const pages = 4;
// Longer than the slowest story's own wait (25 s), so a story that hangs fails here, not the file.
const storyTimeout = 40_000;

/**
 * Storybook 10's preview channel remembers the last payload of every event it emitted, so the
 * outcome can be read after the fact instead of racing a listener against the first render.
 * `storyFinished` closes every story render, `storyErrored`, `storyMissing` and `configError`
 * end the ones that never get that far.
 */
const outcomeEvents = [
  'storyFinished',
  'storyErrored',
  'storyMissing',
  'configError',
  'storyThrewException',
  'playFunctionThrewException',
  'unhandledErrorsWhilePlaying',
  'docsRendered',
];

const contentTypes = /** @type {Record<string, string>} */ ({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
  '.map': 'application/json; charset=utf-8',
});

/**
 * @typedef {{ id: string, title: string, name: string, type: 'story' | 'docs' }} Entry
 * @typedef {{ theme?: 'dark', direction?: 'rtl' }} Globals
 */

if (!existsSync(join(staticDir, 'index.json'))) {
  // Failing rather than skipping: a skipped gate reads as green and hides every regression.
  test('Storybook static build', () => {
    assert.fail(`${staticDir} is missing: build it first with \`${buildCommand}\``);
  });
} else {
  /** @type {{ entries: Record<string, Entry> }} */
  const index = JSON.parse(readFileSync(join(staticDir, 'index.json'), 'utf8'));
  const entries = Object.values(index.entries);
  const stories = entries.filter((entry) => entry.type === 'story');
  const docs = entries.filter((entry) => entry.type === 'docs');
  const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

  describe('Storybook stories in Chromium', { concurrency: true }, () => {
    /** @type {import('node:http').Server} */
    let server;
    /** @type {import('puppeteer-core').Browser} */
    let browser;
    let origin = '';

    /** @type {Array<() => void>} */
    const waiting = [];
    let free = pages;
    /**
     * @template T
     * @param {() => Promise<T>} job
     * @returns {Promise<T>}
     */
    async function withSlot(job) {
      if (free === 0) await new Promise((wake) => waiting.push(() => wake(undefined)));
      else free -= 1;
      try {
        return await job();
      } finally {
        const next = waiting.shift();
        if (next) next();
        else free += 1;
      }
    }

    before(async () => {
      server = createServer(async (request, response) => {
        const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
        const file = resolve(staticDir, `.${path.endsWith('/') ? `${path}index.html` : path}`);
        if (!file.startsWith(staticDir.endsWith(sep) ? staticDir : staticDir + sep)) {
          response.writeHead(403).end();
          return;
        }
        try {
          const body = await readFile(file);
          response.writeHead(200, {
            'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream',
            'Cache-Control': 'no-store',
          });
          response.end(body);
        } catch {
          response.writeHead(404).end();
        }
      });
      await new Promise((listening) => server.listen(0, '127.0.0.1', () => listening(undefined)));
      const address = server.address();
      if (!address || typeof address !== 'object') throw new Error('static server has no port');
      // msw registers a service worker, which needs a secure context: localhost is one.
      origin = `http://localhost:${address.port}`;
      browser = await puppeteer.launch({
        executablePath: chromium,
        headless: true,
        args: [
          ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
    });

    after(async () => {
      await browser?.close();
      server?.closeAllConnections();
      await new Promise((closed) => (server ? server.close(() => closed(undefined)) : closed(undefined)));
    });

    /**
     * Opens one entry in a browser context of its own, so the msw worker, storage and the
     * WebAuthn stand-in cannot carry over from another story, and waits for Storybook's verdict.
     * @param {Entry} entry
     * @param {Globals} globals
     * @param {(page: import('puppeteer-core').Page) => Promise<string[]>} [inspect] more checks once the story settled
     * @returns {Promise<string[]>} what went wrong, empty when nothing did
     */
    function visit(entry, globals, inspect) {
      return withSlot(async () => {
        const context = await browser.createBrowserContext();
        /** @type {string[]} */
        const problems = [];
        try {
          const page = await context.newPage();
          page.on('pageerror', (error) => problems.push(`uncaught in page: ${error instanceof Error ? error.message : String(error)}`));
          const query = new URLSearchParams({ id: entry.id, viewMode: entry.type });
          const globalsParam = Object.entries(globals)
            .map(([key, value]) => `${key}:${value}`)
            .join(';');
          if (globalsParam) query.set('globals', globalsParam);
          const t0 = Date.now();
          await page.goto(`${origin}/iframe.html?${query}`, { waitUntil: 'load' });
          const t1 = Date.now();
          const settled = entry.type === 'docs' ? ['docsRendered', 'storyErrored', 'storyMissing', 'configError', 'storyThrewException'] : ['storyFinished', 'storyErrored', 'storyMissing', 'configError'];
          const handle = await page.waitForFunction(
            (/** @type {string[]} */ names, /** @type {string[]} */ done) => {
              const channel = /** @type {any} */ (window).__STORYBOOK_ADDONS_CHANNEL__;
              if (!channel || !done.some((name) => channel.last(name) !== undefined)) return false;
              return Object.fromEntries(names.map((name) => [name, channel.last(name) ?? null]));
            },
            { timeout: storyTimeout, polling: 100 },
            outcomeEvents,
            settled,
          );
          /** @type {Record<string, any[] | null>} */
          const outcome = await handle.jsonValue();
          await handle.dispose();
          problems.push(...verdict(outcome));
          const t2 = Date.now();
          if (!problems.length && inspect) problems.push(...(await inspect(page)));
          console.error('TIMING', entry.id, globalsParam, t1 - t0, t2 - t1, Date.now() - t2);
        } catch (error) {
          problems.push(error instanceof Error ? error.message : String(error));
        } finally {
          await context.close();
        }
        return problems;
      });
    }

    /**
     * @param {Record<string, any[] | null>} outcome last payload of each event, by event name
     * @returns {string[]}
     */
    function verdict(outcome) {
      /** @param {any} error */
      const describeError = (error) => `${error?.name ?? 'Error'}: ${error?.message ?? JSON.stringify(error)}`;
      /** @type {string[]} */
      const problems = [];
      const played = outcome.playFunctionThrewException?.[0];
      if (played) problems.push(`play function threw ${describeError(played)}`);
      const threw = outcome.storyThrewException?.[0];
      if (threw) problems.push(`story threw ${describeError(threw)}`);
      const errored = outcome.storyErrored?.[0];
      if (errored) problems.push(`story errored: ${errored.title}: ${errored.description}`);
      if (outcome.storyMissing) problems.push('story missing from the build');
      if (outcome.configError) problems.push(`preview configuration error: ${describeError(outcome.configError[0])}`);
      for (const error of outcome.unhandledErrorsWhilePlaying?.[0] ?? []) problems.push(`unhandled while playing: ${describeError(error)}`);
      const finished = outcome.storyFinished?.[0];
      if (finished?.status === 'error' && !problems.length) {
        const failed = (finished.reporters ?? []).filter((/** @type {any} */ report) => report.status === 'failed');
        problems.push(`story finished with status error${failed.length ? `: ${JSON.stringify(failed)}` : ''}`);
      }
      return problems;
    }

    /**
     * Checks the toolbar globals reached the element, so a dark or RTL run that silently fell
     * back to the defaults cannot pass for one that checked them.
     * @param {import('puppeteer-core').Page} page
     * @param {Globals} globals
     */
    async function globalsApplied(page, globals) {
      const seen = await page.evaluate(() => {
        const element = document.querySelector('#storybook-root passkey-login');
        return { theme: element?.getAttribute('theme') ?? null, direction: element?.closest('[dir]')?.getAttribute('dir') ?? null };
      });
      /** @type {string[]} */
      const problems = [];
      if (globals.theme && seen.theme !== globals.theme) problems.push(`theme global not applied: the element has theme=${seen.theme}`);
      if (globals.direction && seen.direction !== globals.direction) problems.push(`direction global not applied: the element sits in dir=${seen.direction}`);
      return problems;
    }

    /**
     * @param {import('puppeteer-core').Page} page
     * @param {string} label
     */
    async function axe(page, label) {
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async (/** @type {string[]} */ tags) => {
        const run = /** @type {any} */ (window).axe.run;
        const results = await run(document.querySelector('#storybook-root') ?? document, { runOnly: { type: 'tag', values: tags } });
        return results.violations.map((/** @type {any} */ violation) => ({
          id: violation.id,
          impact: violation.impact,
          help: violation.help,
          nodes: violation.nodes.map((/** @type {any} */ node) => ({
            // Inside a shadow root axe gives the path as a list: host first, then the node in it.
            target: node.target.map((/** @type {string | string[]} */ part) => (Array.isArray(part) ? part.join(' >>> ') : part)).join(', '),
            summary: node.failureSummary,
          })),
        }));
      }, axeTags);
      return violations.flatMap((violation) =>
        violation.nodes.map((node) => `axe (${label}) ${violation.id} [${violation.impact}] ${violation.help}: ${node.target}\n      ${String(node.summary).replaceAll('\n', '\n      ')}`),
      );
    }

    for (const entry of stories) {
      it(`${entry.title} › ${entry.name}`, async () => {
        const runs = await Promise.all([
          visit(entry, {}, (page) => axe(page, 'light')),
          visit(entry, { theme: 'dark' }, async (page) => {
            const problems = await globalsApplied(page, { theme: 'dark' });
            return problems.length ? problems : axe(page, 'dark');
          }),
          visit(entry, { direction: 'rtl' }, (page) => globalsApplied(page, { direction: 'rtl' })),
        ]);
        const [light, dark, rtl] = runs;
        const problems = [...light.map((p) => `light: ${p}`), ...dark.map((p) => `dark: ${p}`), ...rtl.map((p) => `rtl: ${p}`)];
        assert.ok(problems.length === 0, `${entry.id} (${origin}/iframe.html?id=${entry.id})\n  ${problems.join('\n  ')}`);
      });
    }

    for (const entry of docs) {
      it(`${entry.title} › ${entry.name} (docs page renders)`, async () => {
        const problems = await visit(entry, {});
        assert.ok(problems.length === 0, `${entry.id}\n  ${problems.join('\n  ')}`);
      });
    }
  });
}
