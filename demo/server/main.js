// @ts-check
// Runs the reference server: `node demo/server/main.js [--dev]`. Environment: PORT (8787), HOST
// (127.0.0.1), DATA_DIR (demo/.data, for the SQLite file), DATABASE_URL (a postgres:// URL: use
// PostgreSQL instead, shared by every instance), SECRET (keys code hashes and stand-ins; every
// instance needs the same one, random per process otherwise), ORIGIN (http://localhost:PORT),
// RP_ID (localhost), TRUST_PROXY (addresses or CIDR ranges of the proxies whose X-Forwarded-For
// to believe, comma-separated), DEMO_SUPPORT_PASSWORD (the support account's password; a random
// one is printed otherwise). `--dev` (or DEV=1) turns on the dev outbox page and route, which
// hand out every code sent: development only.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.js';
import { createDevOutbox } from './outbox.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * @param {string} message
 * @returns {never}
 */
function fail(message) {
  console.error(`passkey-login demo: ${message}`);
  process.exit(1);
}

const port = Number(process.env.PORT ?? 8787);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  fail(`PORT is not a port number: ${process.env.PORT}`);
}
const host = process.env.HOST ?? '127.0.0.1';
const dataDir = resolve(process.env.DATA_DIR ?? join(root, 'demo', '.data'));
const rpID = process.env.RP_ID ?? 'localhost';
const dev = process.argv.includes('--dev') || process.env.DEV === '1';
const database = process.env.DATABASE_URL || join(dataDir, 'passkey-login.db');
const trustProxy = process.env.TRUST_PROXY ? process.env.TRUST_PROXY.split(',').map((entry) => entry.trim()) : undefined;
// Known only after listening when PORT=0.
let origin = process.env.ORIGIN ?? (port === 0 ? '' : `http://localhost:${port}`);

if (origin) {
  if (!URL.canParse(origin) || new URL(origin).origin !== origin) {
    fail(`ORIGIN must be an origin such as http://localhost:8787, got ${origin}`);
  }
  const { hostname } = new URL(origin);
  // WebAuthn rejects an rpID that is not the origin's host or a registrable suffix of it.
  if (hostname !== rpID && !hostname.endsWith(`.${rpID}`)) {
    fail(`RP_ID ${rpID} does not match the host of ORIGIN ${origin}`);
  }
}

if (!existsSync(join(root, 'dist', 'passkey-login.min.js'))) {
  console.error(
    'passkey-login demo: dist/passkey-login.min.js is missing, so the page will not load the ' +
      'widget. Run `npm run build` first.',
  );
}

// The demo's stand-in for a mail and SMS provider: messages go to the outbox page and to the
// terminal, each line marked so it is never mistaken for (or filtered into) the request log.
const outbox = createDevOutbox({
  onMessage(message) {
    const lines = [
      `${message.channel} to ${message.to}`,
      ...(message.subject ? [`subject: ${message.subject}`] : []),
      ...message.text.split('\n'),
    ];
    for (const line of lines) console.log(`[outbox] ${line}`);
  },
});

// The demo's one support account, for support.html. A password chosen at random is printed
// once, at start-up, and is then the account's password until the next start; that line is the
// only place a password is ever written.
const SUPPORT_IDENTIFIER = 'support';
const supportPassword = process.env.DEMO_SUPPORT_PASSWORD || randomBytes(12).toString('base64url');

/** @type {import('./app.js').App} */
let app;
try {
  app = createApp({
    database,
    origins: () => [origin],
    rpID,
    staticRoot: root,
    log: (line) => console.log(line),
    delivery: outbox,
    devOutbox: dev,
    trustProxy,
    ...(process.env.SECRET ? { secret: process.env.SECRET } : {}),
    supportAccounts: [{ identifier: SUPPORT_IDENTIFIER, password: supportPassword }],
  });
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

const server = createServer(app.handle);

server.on('error', (error) => {
  app.close();
  fail(
    /** @type {NodeJS.ErrnoException} */ (error).code === 'EADDRINUSE'
      ? `port ${port} is in use; set PORT to another one`
      : error.message,
  );
});

server.listen(port, host, () => {
  const address = server.address();
  if (!origin && address && typeof address === 'object') {
    origin = `http://localhost:${address.port}`;
  }
  console.log(`passkey-login demo: ${origin}/`);
  console.log(
    process.env.DEMO_SUPPORT_PASSWORD
      ? `passkey-login demo: support page ${origin}/support.html, sign in as ${SUPPORT_IDENTIFIER} with DEMO_SUPPORT_PASSWORD`
      : `passkey-login demo: support page ${origin}/support.html, sign in as ${SUPPORT_IDENTIFIER} with ${supportPassword} (set DEMO_SUPPORT_PASSWORD to choose one)`,
  );
  const where = address && typeof address === 'object' ? `${address.address}:${address.port}` : String(address);
  console.log(`passkey-login demo: listening on ${where}, ${process.env.DATABASE_URL ? 'PostgreSQL' : `SQLite in ${dataDir}`}`);
  console.log(
    dev
      ? `passkey-login demo: DEV MODE: the dev outbox (${origin}/outbox.html) shows every code sent, to requests for Host ${new URL(origin).host} only; never run --dev in production`
      : 'passkey-login demo: codes go to this terminal only ([outbox] lines); --dev serves them at /outbox.html',
  );
});

let stopping = false;
function stop() {
  if (stopping) {
    // A second Ctrl-C means "now", even if a connection is still draining.
    process.exit(130);
  }
  stopping = true;
  // With the server closed and the database shut, nothing is left and the process exits 0.
  server.close(() => void app.close());
  server.closeAllConnections();
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
