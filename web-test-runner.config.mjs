// @ts-check
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { createApp } from './demo/server/app.js';
import { addVirtualAuthenticator, chromiumArgs, chromiumPath } from './scripts/chromium.mjs';

const API_BASE = '/api/auth';
const mswWorker = fileURLToPath(new URL('./node_modules/msw/lib/mockServiceWorker.js', import.meta.url));

/**
 * The real reference server (in-memory database), mounted under /api/auth on the test runner's
 * own origin: end-to-end pages talk to it same-origin, as a site would, and the server checks the
 * exact origin the browser reports. Mounted as middleware, ahead of the runner's file server.
 */
function referenceServer() {
  let origin = '';
  const app = createApp({
    database: ':memory:',
    origins: () => [origin],
    rpID: 'localhost',
    // End-to-end tests read the codes the server "sends" from its dev outbox.
    devOutbox: true,
    // Real rules, shorter clocks: a resend cooldown and a send limit a test can reach in seconds.
    limits: { resendCooldownMs: 1_500, sendsPerAccount: { max: 3, windowMs: 15 * 60_000 } },
    scryptCost: { N: 2 ** 12, r: 8, p: 1 },
    // The support desk's end-to-end tests sign in as this agent.
    supportAccounts: [{ identifier: 'support-agent', password: 'support desk test password' }],
  });
  /** @type {import('@web/test-runner').TestRunnerPlugin} */
  const plugin = {
    name: 'reference-server',
    serverStart({ config }) {
      origin = `http://localhost:${config.port}`;
    },
    serverStop() {
      app.close();
    },
  };
  /** @type {import('koa').Middleware} */
  const middleware = async (ctx, next) => {
    if (!ctx.path.startsWith(`${API_BASE}/`)) return next();
    ctx.respond = false;
    await app.handle(ctx.req, ctx.res);
  };
  return { plugin, middleware };
}

const reference = referenceServer();

/**
 * DevTools-Protocol WebAuthn for end-to-end tests: a virtual authenticator per test page.
 * @returns {import('@web/test-runner').TestRunnerPlugin}
 */
function virtualAuthenticator() {
  /** @type {Map<string, { cdp: any, authenticatorId: string }>} */
  const bySession = new Map();
  return {
    name: 'virtual-authenticator',
    async executeCommand({ command, payload, session }) {
      if (!command.startsWith('webauthn:')) return undefined;
      const p = /** @type {any} */ (payload ?? {});
      const browser = /** @type {any} */ (session.browser);
      const page = browser.getPage(session.id);
      if (command === 'webauthn:add') {
        const cdp = await page.createCDPSession();
        const authenticatorId = await addVirtualAuthenticator(cdp, {
          automaticPresenceSimulation: p.automaticPresenceSimulation ?? true,
        });
        bySession.set(session.id, { cdp, authenticatorId });
        return true;
      }
      const entry = bySession.get(session.id);
      if (!entry) throw new Error('webauthn:add first');
      const { cdp, authenticatorId } = entry;
      switch (command) {
        case 'webauthn:set-user-verified':
          await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: p.value });
          return true;
        case 'webauthn:set-response-override-bits':
          await cdp.send('WebAuthn.setResponseOverrideBits', { authenticatorId, ...p });
          return true;
        case 'webauthn:set-presence':
          await cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId, enabled: p.value });
          return true;
        case 'webauthn:credentials': {
          const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
          return credentials.map((/** @type {any} */ c) => ({ credentialId: c.credentialId, signCount: c.signCount, userHandle: c.userHandle }));
        }
        case 'webauthn:clear':
          await cdp.send('WebAuthn.clearCredentials', { authenticatorId });
          return true;
        case 'webauthn:remove':
          await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId });
          await cdp.detach();
          bySession.delete(session.id);
          return true;
        default:
          throw new Error(`unknown command ${command}`);
      }
    },
  };
}

/**
 * Counts every test for the one-line total `npm test` prints.
 * @returns {import('@web/test-runner').Reporter}
 */
function countingReporter() {
  return {
    onTestRunFinished({ sessions }) {
      let passed = 0;
      let failed = 0;
      let skipped = 0;
      /** Which tests failed, so the summary at the end of a long log still names them. */
      const failures = [];
      /** @param {any} suite @param {string} file @param {string[]} path */
      const walk = (suite, file, path) => {
        for (const test of suite?.tests ?? []) {
          if (test.skipped) skipped += 1;
          else if (test.passed) passed += 1;
          else {
            failed += 1;
            failures.push(`${file}: ${[...path, test.name].join(' › ')}: ${test.error?.message?.split('\n')[0] ?? 'failed'}`);
          }
        }
        for (const child of suite?.suites ?? []) walk(child, file, [...path, child.name]);
      };
      for (const session of sessions) {
        const file = session.testFile.replace(`${process.cwd()}/`, '');
        walk(session.testResults, file, []);
        // A file that failed to load counts as a failure even though it ran no test.
        if (!session.passed && (session.errors?.length ?? 0) > 0) {
          failed += 1;
          failures.push(`${file}: ${session.errors[0]?.message?.split('\n')[0] ?? 'did not load'}`);
        }
      }
      mkdirSync('.test-results', { recursive: true });
      writeFileSync('.test-results/web-test-runner.json', JSON.stringify({ passed, failed, skipped, failures }));
    },
  };
}

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  // test/backends/ is the presets' backend servers with their own node_modules (and its packages' tests).
  files: ['test/**/*.test.ts', '!test/backends/**'],
  middleware: [reference.middleware],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  concurrency: 2,
  testFramework: { config: { timeout: 15000 } },
  testsFinishTimeout: 180000,
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: chromiumPath(),
        headless: true,
        args: chromiumArgs,
      },
      // A page per browser context: WebAuthn needs a focused page, and pages sharing a context
      // take focus from each other when files run concurrently.
      createPage: async ({ browser }) => (await browser.createBrowserContext()).newPage(),
    }),
  ],
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }),
    {
      name: 'msw-worker',
      serve(context) {
        if (context.path === '/mockServiceWorker.js') {
          return { body: readFileSync(mswWorker, 'utf8'), type: 'js' };
        }
        return undefined;
      },
    },
    reference.plugin,
    virtualAuthenticator(),
  ],
  reporters: [defaultReporter(), countingReporter()],
};
