/**
 * What every element test file shares: an msw worker standing in for the backend, the WebAuthn
 * stand-in, the logs of both, and hooks that start and stop them and fail a test that left an
 * unhandled rejection behind, or an event detail holding something it typed.
 */
import { expect, html } from '@open-wc/testing';
import { waitUntil } from './wait.js';
import type { HttpHandler } from 'msw';
import { setupWorker } from 'msw/browser';
import type { Operation } from '../../src/backend/config.js';
import { backend, type Recorded, type Scenario } from '../mocks/backend.js';
import { stubPlatform, type PlatformLog, type PlatformScenario } from '../mocks/platform.js';
import { mount, type Harness } from './harness.js';
import { noSecretsInEvents } from './privacy.js';

const worker = setupWorker();
let restorePlatform: (() => void) | undefined;

/** What reached the backend since the last `given`, in order. */
export let requests: Recorded[] = [];
/** What the element asked of WebAuthn since the last `given`. */
export let platform: PlatformLog = { calls: [], signals: [] };

/** The backend answers from `scenario` (`extra` handlers first), WebAuthn from `browser`. */
export async function given(scenario: Scenario = {}, browser: PlatformScenario = {}, extra: HttpHandler[] = []): Promise<void> {
  // Let requests the previous element still had in flight land in the previous log.
  await new Promise((resolve) => setTimeout(resolve, 30));
  restorePlatform?.();
  requests = [];
  platform = { calls: [], signals: [] };
  worker.resetHandlers(...extra, ...backend(scenario, requests));
  restorePlatform = stubPlatform(browser, platform);
}

export const operations = () => requests.map((request) => request.operation);
export const sent = (operation: Operation) => requests.filter((request) => request.operation === operation);

/** The identifier form on screen, with the views the steps chunk brings. */
export async function ready(template = html`<passkey-login></passkey-login>`, { autofill = true } = {}): Promise<Harness> {
  const harness = await mount(template);
  await harness.state('ready');
  if (autofill) await waitUntil(() => platform.calls.some((call) => call.kind === 'conditional'), 'autofill armed');
  await harness.settled();
  return harness;
}

/** Registers the file's hooks: the worker runs for the whole file, the stand-in for one test. */
export function elementTests(): void {
  noSecretsInEvents();
  const unhandled: unknown[] = [];
  const onUnhandled = (event: PromiseRejectionEvent) => unhandled.push(event.reason);
  before(async () => {
    await worker.start({ quiet: true, onUnhandledFrame: 'bypass' } as never);
    window.addEventListener('unhandledrejection', onUnhandled);
  });
  after(() => {
    worker.stop();
    window.removeEventListener('unhandledrejection', onUnhandled);
  });
  afterEach(() => {
    restorePlatform?.();
    restorePlatform = undefined;
    // Nothing the element starts may end in an unhandled rejection, whatever went wrong.
    expect(unhandled, 'unhandled rejections').to.deep.equal([]);
  });
}
