// @ts-check
// Every story of the built static Storybook in real Chromium: its play function has to pass,
// axe-core has to find nothing at WCAG 2.2 AA in what the story leaves on screen, in light and in
// dark, and what it looks like at 360 and 1280 px has to match the committed screenshots. The
// play function also has to pass right to left, and the docs page has to render.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it, test } from 'node:test';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import puppeteer, { TimeoutError } from 'puppeteer-core';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';

const staticDir = fileURLToPath(new URL('../../.test-results/storybook-static/', import.meta.url));
const buildCommand = 'npx storybook build --quiet -o .test-results/storybook-static';
const axeTags = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'];
// Beyond four pages at once the two cores only make each story slower.
const pages = 4;
// Above the slowest story's own wait (25 s), so a hung story fails alone, with its name on it.
const settleTimeout = 40_000;

/**
 * Screenshots of every story, compared with the baselines committed in test/screenshots/:
 * a phone (360 px) and a desktop (1280 px) viewport, light and left to right, dark and right to
 * left. `npm run screenshots:update` writes new baselines (a deliberate step: look at the diff).
 */
const baselines = fileURLToPath(new URL('../screenshots/', import.meta.url));
const actuals = fileURLToPath(new URL('../../.test-results/screenshots/', import.meta.url));
const update = process.env.UPDATE_SCREENSHOTS === '1';
const widths = [360, 1280];
/** Per pixel: how far apart two colours may be (pixelmatch's YIQ threshold, 0 to 1). */
const colourTolerance = 0.1;
/** Per screenshot: the share of pixels that may differ beyond that (anti-aliasing, a caret). */
const areaTolerance = 0.002;
/** What changes from run to run by design, blanked in both images before comparing. */
const volatile = ['[part~="reference"]', '[part~="resend-button"]', '[part~="summary"]', '[part~="detail"][part~="when"]'];

/**
 * What Storybook's preview says on its channel about a render. The play function's verdict is
 * `playFunctionThrewException`: Storybook's own component-testing annotations set
 * `throwPlayFunctionExceptions: false`, so a failing play still ends in a `storyFinished` whose
 * status is "success".
 */
const recordedEvents = [
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
});

/**
 * @typedef {{ id: string, title: string, name: string, type: 'story' | 'docs', tags?: string[] }} Entry
 * @typedef {{ theme?: 'dark', direction?: 'rtl' }} Globals
 * @typedef {{ name: string, args: any[] }} ChannelEvent
 * @typedef {import('puppeteer-core').Page} Page
 */

if (!existsSync(join(staticDir, 'index.json'))) {
  // A failure, not a skip: a skipped gate looks green and hides every regression behind it.
  test('Storybook static build', () => {
    assert.fail(`${staticDir} is missing: build it first with \`${buildCommand}\``);
  });
} else {
  /** @type {{ entries: Record<string, Entry> }} */
  const index = JSON.parse(readFileSync(join(staticDir, 'index.json'), 'utf8'));
  const entries = Object.values(index.entries);
  const stories = entries.filter((entry) => entry.type === 'story');
  const docsPages = entries.filter((entry) => entry.type === 'docs');
  const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

  // Tests start together; the page limit below decides how many browser pages run at once.
  describe('Storybook stories in Chromium', { concurrency: true }, () => {
    /** @type {import('node:http').Server} */
    let server;
    /** @type {import('puppeteer-core').Browser} */
    let browser;
    let origin = '';

    /** @type {Array<() => void>} */
    const queue = [];
    let free = pages;
    /**
     * @template T
     * @param {() => Promise<T>} job
     * @returns {Promise<T>}
     */
    async function withPage(job) {
      if (free > 0) free -= 1;
      else await new Promise((wake) => queue.push(() => wake(undefined)));
      try {
        return await job();
      } finally {
        const next = queue.shift();
        if (next) next();
        else free += 1;
      }
    }

    before(async () => {
      const root = staticDir.endsWith(sep) ? staticDir : staticDir + sep;
      server = createServer(async (request, response) => {
        try {
          const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
          const file = resolve(root, `.${path.endsWith('/') ? `${path}index.html` : path}`);
          if (!file.startsWith(root)) throw new Error('outside the build');
          const body = await readFile(file);
          response.writeHead(200, { 'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream' });
          response.end(body);
        } catch {
          response.writeHead(404).end();
        }
      });
      await new Promise((listening) => server.listen(0, '127.0.0.1', () => listening(undefined)));
      const address = server.address();
      if (!address || typeof address !== 'object') throw new Error('static server has no port');
      // msw's service worker needs a secure context, and http://localhost is one.
      origin = `http://localhost:${address.port}`;
      browser = await puppeteer.launch({ executablePath: chromiumPath(), headless: true, args: chromiumArgs });
    });

    after(async () => {
      await browser?.close();
      if (server) {
        server.closeAllConnections();
        await new Promise((closed) => server.close(() => closed(undefined)));
      }
    });

    /**
     * Opens one entry in a browser context of its own, so the msw worker, storage and the
     * WebAuthn stand-in cannot carry over from another story, and waits for Storybook's verdict.
     * @param {Entry} entry
     * @param {Globals} globals
     * @param {(page: Page) => Promise<string[]>} [inspect] further checks once the story passed
     * @returns {Promise<string[]>} what went wrong; empty when nothing did
     */
    function visit(entry, globals, inspect) {
      return withPage(async () => {
        const context = await browser.createBrowserContext();
        /** @type {string[]} */
        const problems = [];
        try {
          const page = await context.newPage();
          page.on('pageerror', (error) => problems.push(`uncaught in the page: ${error instanceof Error ? error.message : String(error)}`));
          await page.evaluateOnNewDocument(recordChannel, recordedEvents);
          // Still frames: no transition or spinner caught halfway in a screenshot.
          await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
          const query = new URLSearchParams({ id: entry.id, viewMode: entry.type });
          const globalsParam = Object.entries(globals).map(([key, value]) => `${key}:${value}`).join(';');
          if (globalsParam) query.set('globals', globalsParam);
          await page.goto(`${origin}/iframe.html?${query}`, { waitUntil: 'load' });
          const embedded = entry.type === 'docs' ? embeddedStories(entry) : [];
          const handle = await page.waitForFunction(settled, { timeout: settleTimeout, polling: 100 }, entry.id, entry.type, embedded);
          /** @type {ChannelEvent[]} */
          const events = await handle.jsonValue();
          await handle.dispose();
          problems.push(...verdict(entry, events));
          if (!problems.length && inspect) problems.push(...(await inspect(page)));
        } catch (error) {
          if (error instanceof TimeoutError) problems.push(`no verdict from Storybook within ${settleTimeout / 1000} s: the play function may be stuck`);
          else problems.push(error instanceof Error ? error.message : String(error));
        } finally {
          await context.close();
        }
        return problems;
      });
    }

    /**
     * Runs in the page before Storybook: taps the preview channel as Storybook installs it on
     * `window`, so no event can fire before anyone listens.
     * @param {string[]} names
     */
    function recordChannel(names) {
      /** @type {ChannelEvent[]} */
      const log = [];
      const tapped = new WeakSet();
      /** @type {any} */
      let current;
      Object.defineProperty(window, '__recordedStorybookEvents', { value: log });
      Object.defineProperty(window, '__STORYBOOK_ADDONS_CHANNEL__', {
        configurable: true,
        get: () => current,
        set(channel) {
          current = channel;
          if (!channel || tapped.has(channel)) return;
          tapped.add(channel);
          for (const name of names) channel.on(name, (/** @type {any[]} */ ...args) => log.push({ name, args }));
        },
      });
    }

    /**
     * Runs in the page: the recorded events once the render is over, else false. A story is over
     * at its `storyFinished`; a docs page once it rendered and so did each story it embeds.
     * @param {string} id
     * @param {'story' | 'docs'} type
     * @param {string[]} embedded
     */
    function settled(id, type, embedded) {
      /** @type {ChannelEvent[]} */
      const log = /** @type {any} */ (window).__recordedStorybookEvents ?? [];
      const seen = (/** @type {string} */ name) => log.some((event) => event.name === name);
      const finished = (/** @type {string} */ storyId) => log.some((event) => event.name === 'storyFinished' && event.args[0]?.storyId === storyId);
      const broken = seen('storyErrored') || seen('storyMissing') || seen('configError');
      const over = type === 'docs' ? seen('docsRendered') && embedded.every(finished) : finished(id);
      return broken || over ? JSON.parse(JSON.stringify(log)) : false;
    }

    /** The stories an autodocs page shows: its component's stories tagged for docs. */
    function embeddedStories(/** @type {Entry} */ docsEntry) {
      if (!docsEntry.tags?.includes('autodocs')) return [];
      return stories.filter((story) => story.title === docsEntry.title && story.tags?.includes('autodocs')).map((story) => story.id);
    }

    /**
     * @param {Entry} entry
     * @param {ChannelEvent[]} events
     * @returns {string[]}
     */
    function verdict(entry, events) {
      /** @type {string[]} */
      const problems = [];
      for (const { name, args } of events) {
        const [payload] = args;
        if (name === 'playFunctionThrewException') problems.push(`play function threw ${describeError(payload)}`);
        else if (name === 'storyThrewException') problems.push(`story threw while rendering: ${describeError(payload)}`);
        else if (name === 'storyErrored') problems.push(`story errored: ${payload?.title}: ${payload?.description}`);
        else if (name === 'storyMissing') problems.push(`${entry.id} is not in this build`);
        else if (name === 'configError') problems.push(`preview configuration failed: ${describeError(payload)}`);
        else if (name === 'unhandledErrorsWhilePlaying') for (const error of payload ?? []) problems.push(`unhandled while playing: ${describeError(error)}`);
      }
      for (const { name, args } of events) {
        const failed = (args[0]?.reporters ?? []).filter((/** @type {any} */ report) => report.status === 'failed');
        if (name === 'storyFinished' && args[0]?.status === 'error' && !problems.length) {
          const which = args[0].storyId === entry.id ? 'the story' : `${args[0].storyId}, shown on this page,`;
          problems.push(`${which} finished with status "error"${failed.length ? `: ${JSON.stringify(failed)}` : ''}`);
        }
      }
      return problems;
    }

    /**
     * Short enough to read in a test report: Testing Library appends the whole shadow DOM to
     * its messages, and the test already says which story to open to see it.
     * @param {any} error
     */
    function describeError(error) {
      const message = String(error?.message ?? JSON.stringify(error)).split('\n\nIgnored nodes:')[0];
      const lines = message.split('\n');
      return `${error?.name ?? 'Error'}: ${lines.slice(0, 12).join('\n')}${lines.length > 12 ? '\n…' : ''}`;
    }

    /**
     * Fails a run whose toolbar globals did not reach the element, which would otherwise pass
     * as a dark or right-to-left check while showing the defaults.
     * @param {Page} page
     * @param {Globals} globals
     */
    async function globalsApplied(page, globals) {
      const seen = await page.evaluate(() => {
        const element = document.querySelector('#storybook-root :is(passkey-login, passkey-login-approval)');
        return { theme: element?.getAttribute('theme') ?? null, direction: element?.closest('[dir]')?.getAttribute('dir') ?? null };
      });
      /** @type {string[]} */
      const problems = [];
      if (globals.theme && seen.theme !== globals.theme) problems.push(`the theme global did not reach the element: theme=${seen.theme}`);
      if (globals.direction && seen.direction !== globals.direction) problems.push(`the direction global did not reach the element: dir=${seen.direction}`);
      return problems;
    }

    /**
     * @param {Page} page
     * @param {string} label
     */
    async function axe(page, label) {
      await page.addScriptTag({ content: axeSource });
      /** @type {Array<{ id: string, impact: string, help: string, nodes: Array<{ target: string, summary: string }> }>} */
      const violations = await page.evaluate(async (/** @type {string[]} */ tags) => {
        const results = await /** @type {any} */ (window).axe.run(document.querySelector('#storybook-root') ?? document, {
          runOnly: { type: 'tag', values: tags },
        });
        return results.violations.map((/** @type {any} */ violation) => ({
          id: violation.id,
          impact: violation.impact,
          help: violation.help,
          nodes: violation.nodes.map((/** @type {any} */ node) => ({
            // In a shadow root axe gives a list: the host's selector, then the node's inside it.
            target: node.target.map((/** @type {string | string[]} */ part) => (Array.isArray(part) ? part.join(' >>> ') : part)).join(', '),
            summary: String(node.failureSummary ?? ''),
          })),
        }));
      }, axeTags);
      return violations.flatMap((violation) =>
        violation.nodes.map(
          (node) => `axe (${label}) ${violation.id} [${violation.impact}] ${violation.help}: ${node.target}\n      ${node.summary.replaceAll('\n', '\n      ')}`,
        ),
      );
    }

    /**
     * The story's element at each width, compared with its baselines (or written, when updating).
     * @param {Page} page
     * @param {Entry} entry
     * @param {string} variant
     * @returns {Promise<string[]>}
     */
    async function screenshots(page, entry, variant) {
      /** @type {string[]} */
      const problems = [];
      for (const width of widths) {
        await page.setViewport({ width, height: 900 });
        const frame = await page.evaluate(async (/** @type {string[]} */ selectors) => {
          await new Promise((painted) => requestAnimationFrame(() => requestAnimationFrame(painted)));
          const element = document.querySelector('#storybook-root :is(passkey-login, passkey-login-approval)');
          if (!element) return undefined;
          const box = element.getBoundingClientRect();
          const masks = [...(element.shadowRoot?.querySelectorAll(selectors.join(',')) ?? [])].map((node) => {
            const rect = node.getBoundingClientRect();
            return { x: rect.x - box.x, y: rect.y - box.y, width: rect.width, height: rect.height };
          });
          return { x: box.x + scrollX, y: box.y + scrollY, width: box.width, height: box.height, masks };
        }, volatile);
        if (!frame) return [`no element to take a picture of at ${width} px`];
        const shot = PNG.sync.read(
          Buffer.from(
            await page.screenshot({
              clip: { x: Math.floor(frame.x), y: Math.floor(frame.y), width: Math.ceil(frame.width), height: Math.ceil(frame.height) },
              captureBeyondViewport: true,
            }),
          ),
        );
        blank(shot, frame.masks);
        const name = `${entry.id}.${variant}-${width}.png`;
        if (update) {
          mkdirSync(baselines, { recursive: true });
          writeFileSync(join(baselines, name), PNG.sync.write(shot));
          continue;
        }
        if (!existsSync(join(baselines, name))) {
          problems.push(`no baseline ${name}: run \`npm run screenshots:update\` and look at what it wrote`);
          continue;
        }
        const baseline = PNG.sync.read(readFileSync(join(baselines, name)));
        blank(baseline, frame.masks);
        const keep = () => {
          mkdirSync(actuals, { recursive: true });
          writeFileSync(join(actuals, name), PNG.sync.write(shot));
        };
        if (baseline.width !== shot.width || baseline.height !== shot.height) {
          keep();
          problems.push(`${name}: ${shot.width}×${shot.height} px, the baseline is ${baseline.width}×${baseline.height} (the new one is in .test-results/screenshots)`);
          continue;
        }
        const diff = new PNG({ width: shot.width, height: shot.height });
        const changed = pixelmatch(baseline.data, shot.data, diff.data, shot.width, shot.height, { threshold: colourTolerance });
        if (changed > shot.width * shot.height * areaTolerance) {
          keep();
          writeFileSync(join(actuals, name.replace(/\.png$/, '.diff.png')), PNG.sync.write(diff));
          problems.push(`${name}: ${changed} pixels differ (more than ${areaTolerance * 100} %); see .test-results/screenshots`);
        }
      }
      await page.setViewport({ width: 800, height: 600 });
      return problems;
    }

    /**
     * Paints what changes by design (a random reference, a ticking countdown) one flat colour.
     * @param {PNG} png
     * @param {Array<{ x: number, y: number, width: number, height: number }>} masks
     */
    function blank(png, masks) {
      for (const mask of masks) {
        for (let y = Math.max(0, Math.floor(mask.y)); y < Math.min(png.height, Math.ceil(mask.y + mask.height)); y++) {
          for (let x = Math.max(0, Math.floor(mask.x)); x < Math.min(png.width, Math.ceil(mask.x + mask.width)); x++) {
            const at = (y * png.width + x) * 4;
            png.data[at] = 255;
            png.data[at + 1] = 0;
            png.data[at + 2] = 255;
            png.data[at + 3] = 255;
          }
        }
      }
    }

    /**
     * The story's state in another language, in place: the element follows a `lang` change
     * without leaving its step. Then at 320 px, axe again, and nothing may stick out of the
     * element (WCAG 1.4.10): the pseudo-locale's longer, accented words find clipping and
     * overflow before a translation does; Arabic checks real right-to-left text.
     * @param {Page} page
     * @param {string} lang
     * @param {string} label
     */
    async function inLanguage(page, lang, label) {
      const switched = await page.evaluate(async (/** @type {string} */ wanted) => {
        const element = document.querySelector('#storybook-root :is(passkey-login, passkey-login-approval)');
        if (!element) return false;
        (element.closest('[lang]') ?? element).setAttribute('lang', wanted);
        const container = () => element.shadowRoot?.querySelector('[part~="container"]');
        for (let tries = 0; tries < 100 && container()?.getAttribute('lang') !== wanted; tries++) await new Promise((wait) => setTimeout(wait, 20));
        await new Promise((painted) => requestAnimationFrame(() => requestAnimationFrame(painted)));
        return container()?.getAttribute('lang') === wanted;
      }, lang);
      if (!switched) return [`${label}: the element did not switch to ${lang}`];
      await page.setViewport({ width: 320, height: 900 });
      const sticking = await page.evaluate(() => {
        const element = document.querySelector('#storybook-root :is(passkey-login, passkey-login-approval)');
        if (!element?.shadowRoot) return [];
        const box = element.getBoundingClientRect();
        return [...element.shadowRoot.querySelectorAll('*')]
          .filter((node) => {
            // Not drawn: a closed <details>'s content keeps the layout of an earlier width, and
            // text for screen readers only is clipped to a pixel on purpose.
            if (!node.checkVisibility() || node.closest('.visually-hidden')) return false;
            const rect = node.getBoundingClientRect();
            return rect.width > 1 && rect.height > 1 && (rect.right > box.right + 1 || rect.left < box.left - 1);
          })
          .map((node) => `${node.localName}[part="${node.getAttribute('part') ?? ''}"] "${(node.textContent ?? '').trim().slice(0, 40)}"`);
      });
      const problems = [...sticking.map((node) => `${label}: sticks out of the element at 320 px: ${node}`), ...(await axe(page, label))];
      await page.setViewport({ width: 800, height: 600 });
      return problems;
    }

    for (const entry of stories) {
      it(`${entry.title} › ${entry.name}`, async () => {
        // Dark and right to left share a page load: direction changes no colour, and a third
        // load of every story would take this file past a minute on two cores.
        const [light, darkRtl] = await Promise.all([
          visit(entry, {}, async (page) => [
            ...(await axe(page, 'light')),
            ...(await screenshots(page, entry, 'light')),
            ...(await inLanguage(page, 'en-XA', 'pseudo-locale')),
          ]),
          visit(entry, { theme: 'dark', direction: 'rtl' }, async (page) => {
            const problems = await globalsApplied(page, { theme: 'dark', direction: 'rtl' });
            return problems.length
              ? problems
              : [...(await axe(page, 'dark, rtl')), ...(await screenshots(page, entry, 'dark-rtl')), ...(await inLanguage(page, 'ar', 'Arabic'))];
          }),
        ]);
        const problems = [...light.map((problem) => `light: ${problem}`), ...darkRtl.map((problem) => `dark, rtl: ${problem}`)];
        assert.ok(problems.length === 0, `story ${entry.id}:\n  ${problems.join('\n  ')}`);
      });
    }

    for (const entry of docsPages) {
      it(`${entry.title} › ${entry.name} (docs page)`, async () => {
        const problems = await visit(entry, {});
        assert.ok(problems.length === 0, `docs ${entry.id}:\n  ${problems.join('\n  ')}`);
      });
    }
  });
}
