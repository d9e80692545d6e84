// @ts-check
// How every tool here starts Chromium: the test runner, the node tests and the benchmark.
import { existsSync } from 'node:fs';

const candidates = [
  process.env.CHROME_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/** The browser to drive: CHROME_PATH, else Debian's Chromium, else an installed Chrome. */
export function chromiumPath() {
  return candidates.find((path) => path && existsSync(path));
}

/**
 * Flags for a headless run on a machine with no outside network: without the background-
 * networking ones Chromium keeps trying (and failing) to reach its update and sync services.
 * As root it needs --no-sandbox.
 */
export const chromiumArgs = [
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * A DevTools-Protocol virtual authenticator like a phone's or laptop's platform authenticator:
 * CTAP2, internal transport, resident keys and user verification. Returns its id.
 * @param {{ send: (method: string, params?: object) => Promise<any> }} cdp a CDP session of the page
 * @param {{ isUserVerified?: boolean, automaticPresenceSimulation?: boolean }} [overrides]
 * @returns {Promise<string>}
 */
export async function addVirtualAuthenticator(cdp, overrides = {}) {
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
      ...overrides,
    },
  });
  return authenticatorId;
}
