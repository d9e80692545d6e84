#!/usr/bin/env node
// Prints what a page view with <passkey-login> costs, side by side with a hand-written floor page
// that does the least any passkey page must: fetch options, then call
// navigator.credentials.get({mediation: 'conditional'}) with the browser's own
// parseRequestOptionsFromJSON. Headless Chromium against the reference server on loopback; each
// figure is the median and p90 of fresh browser contexts with empty caches, the two pages
// interleaved in one run, at 1× and 4× CPU throttling. Figures, not pass/fail (`npm run size`
// holds the byte budgets).
//
//   navigation → conditional request   navigation start → the conditional get() call; ratio to the floor
//   navigation → form on screen        navigation start → the animation frame that first paints the form
//   JS on a page view, no interaction  scripts transferred (as the server compresses them) within 1.5 s of arming,
//                                      and the gzip -9 size of the same files
//   click → modal request              the click event → the modal get() call, and whether the click's
//                                      user activation was still active at that call
//   failure → failure view             modal get() rejected → failure notice in the DOM: warm (the
//                                      pointer was on the button, and the ceremony lasted 1 s) and
//                                      cold (a click with no pointer before it, rejected at once)
//
// Every page's scripts are sent the same way, from memory (the build's scripts and the other
// build's brotli-compressed once, the floor's as it is), so the figures compare the pages, not the
// file servers: the reference server's static files take a few milliseconds more each, on disk.
//
// BENCH_DELAY=<ms> (see DELAY below) measures against a server that far away instead of loopback.
//
// BENCH_AGAINST=<folder> adds a third page: the element from another build's script-tag files
// (say, a copy of dist/ from before a change), interleaved with the other two, its navigation →
// conditional request printed beside this build's. The machine's load moves every figure between
// runs; within one run, two builds compare fairly.
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import puppeteer from 'puppeteer-core';
import { createApp } from '../demo/server/app.js';
import { addVirtualAuthenticator, chromiumArgs, chromiumPath } from './chromium.mjs';

// 20 views of each page: with 12, the floor's median moved by 10 ms and more between runs on a
// 2-core machine, enough to move the ratio across its goal (BENCH_RUNS sets another count).
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
// Loopback answers in a millisecond or two, before the element could have built its form (which
// is why an element of the page's markup from a near page builds it only once autofill is armed);
// across a network the answer comes after. BENCH_DELAY=<ms> makes the server answer every request
// of every page (documents, scripts, the API) that much later, as a server one round trip away
// would. Not DevTools' latency emulation: it does not show in Navigation Timing, by which the
// element tells a near page from a far one.
const DELAY = Number(process.env.BENCH_DELAY ?? 0);
const AGAINST = process.env.BENCH_AGAINST;
if (AGAINST && !existsSync(join(AGAINST, 'passkey-login.min.js'))) {
  console.error(`BENCH_AGAINST: no passkey-login.min.js in ${AGAINST}`);
  process.exit(1);
}
const RATES = [1, 4];
const chromium = chromiumPath();
if (!existsSync('dist/passkey-login.min.js')) {
  console.error('dist/ is missing: run `npm run build` first (npm run bench does).');
  process.exit(1);
}

/** The element as a site owner pastes it: one script tag, one element, fallbacks listed. */
const ELEMENT_PAGE = `<!doctype html><html lang="en"><meta charset="utf-8"><title>element</title>
<script type="module" src="/passkey-login.min.js"></script>
<main><passkey-login methods="passkey hybrid email-code password"></passkey-login></main>`;

/** The floor: the same request and the same browser calls, with nothing else. */
const FLOOR_PAGE = `<!doctype html><html lang="en"><meta charset="utf-8"><title>floor</title>
<script type="module" src="/bench-floor.js"></script>
<main><label for="u">Email or username</label> <input id="u" autocomplete="username webauthn">
<button id="b" type="button">Sign in with a passkey</button><p id="f" hidden>Passkey sign-in didn't complete</p></main>`;

const FLOOR_SCRIPT = `
const answer = await fetch('/api/auth/passkey/authentication/options', {
  method: 'POST', credentials: 'same-origin', body: '{}',
  headers: { 'Content-Type': 'application/json', 'X-Requested-With': 'passkey-login' },
});
const publicKey = PublicKeyCredential.parseRequestOptionsFromJSON(await answer.json());
const autofill = new AbortController();
navigator.credentials.get({ mediation: 'conditional', publicKey, signal: autofill.signal }).catch(() => {});
document.getElementById('b').addEventListener('click', () => {
  autofill.abort();
  navigator.credentials.get({ publicKey }).catch(() => (document.getElementById('f').hidden = false));
});
`;

let origin = '';
const app = createApp({ database: ':memory:', origins: () => [origin], rpID: 'localhost', staticRoot: process.cwd() });
/** Where each page's script-tag files come from: this build's, and the other build's. */
const BUILDS = { build: 'dist', ...(AGAINST ? { against: AGAINST } : {}) };
/** Their files, brotli-compressed once, as a server with precompressed files sends them. */
const compressed = new Map();
/** @type {import('node:http').RequestListener} */
const serve = (req, res) => {
  const [, build, name] = /^\/(build|against)\/([\w.-]+\.js)$/.exec(new URL(req.url ?? '/', 'http://x').pathname) ?? [];
  const folder = build && BUILDS[/** @type {keyof typeof BUILDS} */ (build)];
  if (folder) {
    const file = join(folder, name);
    if (!existsSync(file)) return void res.writeHead(404).end();
    if (!compressed.has(file)) compressed.set(file, brotliCompressSync(readFileSync(file)));
    res.writeHead(200, { 'Content-Type': 'text/javascript', 'Content-Encoding': 'br', 'Cache-Control': 'no-cache' });
    return void res.end(compressed.get(file));
  }
  const page = {
    '/bench-element.html': ELEMENT_PAGE.replace('/passkey-login.min.js', '/build/passkey-login.min.js'),
    '/bench-against.html': ELEMENT_PAGE.replace('/passkey-login.min.js', '/against/passkey-login.min.js'),
    '/bench-floor.html': FLOOR_PAGE,
    '/bench-floor.js': FLOOR_SCRIPT,
  }[req.url ?? ''];
  if (!page) return void app.handle(req, res);
  res.writeHead(200, { 'Content-Type': req.url?.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(page);
};
const server = createServer((req, res) => (DELAY > 0 ? void setTimeout(() => serve(req, res), DELAY) : serve(req, res)));
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
origin = `http://localhost:${server.address().port}`;

const browser = await puppeteer.launch({ executablePath: chromium, headless: true, args: chromiumArgs });

/** Instruments the page before any script runs; timings land on window.__bench. */
function instrument(slowFailure) {
  const bench = { armed: 0, shown: 0, clicked: 0, modal: 0, activation: null, rejected: 0, failureShown: 0, error: null };
  window.__bench = bench;
  // The frame that first paints the form: the floor's field in the page, the element's form in its shadow root.
  const frame = () => {
    if (document.getElementById('u') ?? document.querySelector('passkey-login')?.shadowRoot?.querySelector('form')) bench.shown = performance.now();
    else requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  document.addEventListener('click', (event) => (bench.clicked ||= event.timeStamp), { capture: true });
  // Immediate mode would go straight to the other ways in (no passkey here) instead of the modal
  // request whose failure is measured: the page is told it has none.
  const capabilities = PublicKeyCredential.getClientCapabilities?.bind(PublicKeyCredential);
  if (capabilities) {
    PublicKeyCredential.getClientCapabilities = async () => {
      const { immediateGet: _, ...rest } = await capabilities();
      return rest;
    };
  }
  const realGet = navigator.credentials.get.bind(navigator.credentials);
  navigator.credentials.get = (options) => {
    const started = performance.now();
    if (options?.mediation === 'conditional') {
      bench.armed ||= started;
      return realGet(options);
    }
    bench.modal ||= started;
    bench.activation ??= navigator.userActivation?.isActive ?? null;
    // A person takes a while to cancel: the warm case rejects no earlier than 1 s after the call.
    const wait = slowFailure ? 1000 : 0;
    return realGet(options).catch(
      (error) =>
        (bench.error ??= error.name) &&
        new Promise((_, reject) =>
          setTimeout(
            () => {
              bench.rejected = performance.now();
              reject(error);
            },
            Math.max(0, wait - (performance.now() - started)),
          ),
        ),
    );
  };
  const seen = (shown) => {
    if (!bench.failureShown && shown) bench.failureShown = performance.now();
  };
  // The floor's failure line, and the element's failure notice inside its shadow root.
  new MutationObserver(() => seen(document.getElementById('f')?.hidden === false)).observe(document, { subtree: true, attributes: true, attributeFilter: ['hidden'] });
  const define = customElements.define.bind(customElements);
  customElements.define = (name, constructor, options) => {
    if (name === 'passkey-login') {
      const connected = constructor.prototype.connectedCallback;
      constructor.prototype.connectedCallback = function () {
        const result = connected.call(this);
        new MutationObserver(() => seen(this.shadowRoot.querySelector('[part~="failure-notice"]'))).observe(this.shadowRoot, { childList: true, subtree: true });
        return result;
      };
    }
    return define(name, constructor, options);
  };
}

/** One page view in a fresh context: its figures. `warm`: the pointer reaches the button before it is clicked. */
async function measure(kind, rate, warm) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.evaluateOnNewDocument(instrument, warm);
  const cdp = await page.createCDPSession();
  if (rate > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  // No credential: the conditional request stays pending, as for a person who has not picked one.
  const authenticatorId = await addVirtualAuthenticator(cdp, { isUserVerified: false, automaticPresenceSimulation: false });
  await page.goto(`${origin}/bench-${kind}.html`);
  await page.waitForFunction(() => window.__bench.armed > 0, { timeout: 20_000 });
  // Whatever a page view with nobody interacting loads comes in this long after arming.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const scripts = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((entry) => new URL(entry.name).pathname.endsWith('.js'))
      .map((entry) => ({ path: new URL(entry.name).pathname, bytes: entry.encodedBodySize })),
  );
  await cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId, enabled: true });
  const button = kind === 'floor' ? '#b' : 'passkey-login >>> [part~="passkey-button"]';
  if (warm) {
    // A person's pointer: over the element, then on the button, then the click.
    await page.hover(button);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await page.click(button);
  } else {
    await page.$eval(button, (element) => element.click());
  }
  await page.waitForFunction(() => window.__bench.failureShown > 0 && window.__bench.rejected > 0, { timeout: 20_000 });
  const bench = await page.evaluate(() => window.__bench);
  await context.close();
  return {
    armed: bench.armed,
    shown: bench.shown,
    scripts,
    click: bench.modal - bench.clicked,
    activation: bench.activation,
    failure: bench.failureShown - bench.rejected,
    error: bench.error,
  };
}

const results = { element: new Map(), floor: new Map(), against: new Map() };
const record = (kind, key, value) => (results[kind].get(key) ?? results[kind].set(key, []).get(key)).push(value);
try {
  await measure('element', 1, true); // warm the server and the browser process, not counted
  await measure('floor', 1, true);
  if (AGAINST) await measure('against', 1, true);
  for (let i = 0; i < RUNS; i += 1) {
    for (const rate of RATES) {
      // Interleaved, so a busy moment of the machine falls on both pages alike.
      for (const kind of AGAINST ? ['element', 'against', 'floor'] : ['element', 'floor']) {
        const warm = await measure(kind, rate, true);
        record(kind, `armed@${rate}`, warm.armed);
        record(kind, `shown@${rate}`, warm.shown);
        record(kind, `click@${rate}`, warm.click);
        record(kind, `activation@${rate}`, warm.activation ? 1 : 0);
        record(kind, `failure@${rate}`, warm.failure);
        record(kind, 'scripts', warm.scripts);
        record(kind, `error@${rate}`, warm.error);
      }
      const cold = await measure('element', rate, false);
      record('element', `cold@${rate}`, cold.failure);
    }
  }
} finally {
  await browser.close();
  server.close();
  app.close();
}

const stats = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p90: at(0.9) };
};
const ms = (value) => `${value.toFixed(1).padStart(7)} ms`;
const row = (label, kind, key) => {
  const { median, p90 } = stats(results[kind].get(key));
  return `${label.padEnd(44)} median ${ms(median)}   p90 ${ms(p90)}`;
};

console.log(`passkey-login bench: ${RUNS} page views of each page per CPU rate, interleaved; ${DELAY ? `every answer ${DELAY} ms late; ` : ''}${origin}; ${chromium}`);
for (const rate of RATES) {
  console.log(`\nCPU ${rate}×`);
  for (const [label, key] of [
    ['navigation → conditional request', 'armed'],
    ['click → modal request', 'click'],
  ]) {
    console.log(row(`${label}, element`, 'element', `${key}@${rate}`));
    console.log(row(`${label}, floor`, 'floor', `${key}@${rate}`));
    const ratio = stats(results.element.get(`${key}@${rate}`)).median / stats(results.floor.get(`${key}@${rate}`)).median;
    console.log(`${`  ratio to the floor (medians)`.padEnd(44)} ${ratio.toFixed(2)}×`);
  }
  // What the element's wait for arming costs the eye: the form's first frame, after the floor's.
  console.log(row('navigation → form on screen, element', 'element', `shown@${rate}`));
  console.log(row('navigation → form on screen, floor', 'floor', `shown@${rate}`));
  if (AGAINST) {
    for (const [label, key] of [
      ['navigation → conditional request', 'armed'],
      ['navigation → form on screen', 'shown'],
    ]) {
      console.log(row(`${label}, against`, 'against', `${key}@${rate}`));
      const ratio = stats(results.element.get(`${key}@${rate}`)).median / stats(results.against.get(`${key}@${rate}`)).median;
      console.log(`${`  this build to the other (medians)`.padEnd(44)} ${ratio.toFixed(2)}×`);
    }
  }
  const activation = (kind) => results[kind].get(`activation@${rate}`);
  const share = (kind) => `${Math.round((100 * activation(kind).reduce((a, b) => a + b, 0)) / activation(kind).length)} %`;
  console.log(`${'  user activation at the modal request'.padEnd(44)} element ${share('element')}, floor ${share('floor')}`);
  const errors = (kind) => [...new Set(results[kind].get(`error@${rate}`))].join(', ');
  console.log(`${'  what the modal request ended with'.padEnd(44)} element ${errors('element')}, floor ${errors('floor')}`);
  console.log(row('failure → failure view, warm (1 s ceremony)', 'element', `failure@${rate}`));
  console.log(row('failure → failure view, cold (no intent)', 'element', `cold@${rate}`));
}

// What a page view nobody interacts with transferred: the same files every time, so the first run's list.
console.log('\nJavaScript on a page view with no interaction');
for (const kind of ['element', 'floor']) {
  const [scripts] = results[kind].get('scripts');
  const wire = scripts.reduce((sum, script) => sum + script.bytes, 0);
  const gzip = scripts.reduce((sum, script) => {
    const file = kind === 'element' ? script.path.replace(/^\/build\//, 'dist/') : null;
    return sum + (file && existsSync(file) ? gzipSync(readFileSync(file), { level: 9 }).length : script.bytes);
  }, 0);
  console.log(`  ${kind.padEnd(8)} ${scripts.map((script) => script.path).join(' + ')}`);
  console.log(`  ${''.padEnd(8)} ${wire} B as served (compressed by the server), ${gzip} B gzip -9 (${(gzip / 1024).toFixed(2)} KB)`);
}
