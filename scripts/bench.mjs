#!/usr/bin/env node
// Prints how fast the script-tag build gets a person to a usable passkey prompt, measured in
// headless Chromium against the reference server on loopback. Figures, not pass/fail: each is the
// median (and spread) of several fresh browser contexts with empty caches.
//
//   connected → autofill armed    element connected → conditional navigator.credentials.get() called,
//                                 how many backend requests were made before it, and in how many
//                                 round trips (requests in flight together share one)
//   connected → first render      element connected → its first Lit update completed
//   failure → failure view        modal get() rejected (user cancel) → failure notice in the DOM
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { createApp } from '../demo/server/app.js';
import { addVirtualAuthenticator, chromiumArgs, chromiumPath } from './chromium.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const chromium = chromiumPath();
if (!existsSync('dist/passkey-login.min.js')) {
  console.error('dist/ is missing: run `npm run build` first (npm run bench does).');
  process.exit(1);
}

let origin = '';
const app = createApp({ database: ':memory:', origins: () => [origin], rpID: 'localhost', staticRoot: process.cwd() });
const server = createServer(app.handle);
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
origin = `http://localhost:${server.address().port}`;

const browser = await puppeteer.launch({ executablePath: chromium, headless: true, args: chromiumArgs });

/** Instruments the page before any script runs; timings land on window.__bench. */
function instrument() {
  const bench = { connected: 0, rendered: 0, armed: 0, requestsBeforeArmed: 0, roundTripsBeforeArmed: 0, rejected: 0, failureShown: 0 };
  window.__bench = bench;
  const requests = [];
  const realFetch = window.fetch;
  window.fetch = (...args) => {
    const request = { start: performance.now(), end: Infinity };
    requests.push(request);
    const pending = realFetch(...args);
    pending.then(
      () => (request.end = performance.now()),
      () => (request.end = performance.now()),
    );
    return pending;
  };
  // Requests that start before an earlier one has answered share its round trip.
  const roundTrips = (list) => {
    let trips = 0;
    let firstAnswer = -Infinity;
    for (const { start, end } of [...list].sort((a, b) => a.start - b.start)) {
      if (start >= firstAnswer) {
        trips += 1;
        firstAnswer = end;
      } else firstAnswer = Math.min(firstAnswer, end);
    }
    return trips;
  };
  // The failure view is measured from a modal request the person cancels. Immediate mode would go
  // straight to the other ways in instead (no passkey here), so the page is told it has none.
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
    if (options?.mediation === 'conditional' && !bench.armed) {
      bench.armed = started;
      const before = requests.filter((r) => r.start >= bench.connected && r.start <= started);
      bench.requestsBeforeArmed = before.length;
      bench.roundTripsBeforeArmed = roundTrips(before);
    }
    const pending = realGet(options);
    if (options?.mediation !== 'conditional') {
      pending.catch(() => {
        bench.rejected = performance.now();
      });
    }
    return pending;
  };
  const define = customElements.define.bind(customElements);
  customElements.define = (name, constructor, options) => {
    if (name === 'passkey-login' && !customElements.get(name)) {
      const connected = constructor.prototype.connectedCallback;
      constructor.prototype.connectedCallback = function () {
        if (!bench.connected) {
          bench.connected = performance.now();
          this.updateComplete.then(() => {
            bench.rendered = performance.now();
          });
          const watch = () => {
            if (!bench.failureShown && this.shadowRoot?.querySelector('[part~="failure-notice"]')) {
              bench.failureShown = performance.now();
            }
          };
          queueMicrotask(() => new MutationObserver(watch).observe(this.shadowRoot, { childList: true, subtree: true }));
        }
        return connected.call(this);
      };
    }
    return define(name, constructor, options);
  };
}

async function measure() {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.evaluateOnNewDocument(instrument);
  const cdp = await page.createCDPSession();
  // No credential: the conditional request stays pending, as for a person who has not picked one.
  const authenticatorId = await addVirtualAuthenticator(cdp, { isUserVerified: false, automaticPresenceSimulation: false });
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => window.__bench.armed > 0 && window.__bench.rendered > 0, { timeout: 10_000 });
  // The failure view lives in the lazy chunk; a real visitor has it long before a failure.
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((entry) => entry.name.includes('secondary')));
  await new Promise((resolve) => setTimeout(resolve, 100));
  await cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId, enabled: true });
  // A person's cancel: user verification refused, so get() rejects NotAllowedError.
  await page.$$eval('passkey-login >>> button', (buttons) => buttons.find((b) => b.textContent.trim() === 'Sign in with a passkey').click());
  await page.waitForFunction(() => window.__bench.failureShown > 0 && window.__bench.rejected > 0, { timeout: 10_000 });
  const bench = await page.evaluate(() => window.__bench);
  await context.close();
  return {
    armed: bench.armed - bench.connected,
    requests: bench.requestsBeforeArmed,
    roundTrips: bench.roundTripsBeforeArmed,
    rendered: bench.rendered - bench.connected,
    failure: bench.failureShown - bench.rejected,
  };
}

const runs = [];
try {
  await measure(); // warm the server and the browser process, not counted
  for (let i = 0; i < RUNS; i += 1) runs.push(await measure());
} finally {
  await browser.close();
  server.close();
  app.close();
}

const stats = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), min: sorted[0], p90: at(0.9) };
};
const line = (label, values, unit = 'ms') => {
  const { median, min, p90 } = stats(values);
  console.log(`${label.padEnd(36)} median ${median.toFixed(1).padStart(6)} ${unit}   min ${min.toFixed(1).padStart(6)}   p90 ${p90.toFixed(1).padStart(6)}`);
};
console.log(`passkey-login bench: ${RUNS} fresh contexts, demo page (check-session) on ${origin}, ${chromium}`);
line('connected → autofill armed', runs.map((r) => r.armed));
line('  backend requests before armed', runs.map((r) => r.requests), 'req');
line('  network round trips before armed', runs.map((r) => r.roundTrips), 'rtt');
line('connected → first render', runs.map((r) => r.rendered));
line('failure → failure view rendered', runs.map((r) => r.failure));
