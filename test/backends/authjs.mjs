// @ts-check
// A real Auth.js server (@auth/core through @auth/express, data in memory) as a site would
// configure it for <passkey-login preset="authjs" endpoint="/auth">: the Passkey provider (sign-up
// included), an email provider sending a 6-digit code instead of a link, a Credentials provider
// for passwords, JWT sessions. The sign-in page and the built script-tag files come from the same
// origin.
//
//   node test/backends/authjs.mjs [port]     (after `npm run build`)
import { randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import express from 'express';
import { ExpressAuth } from '@auth/express';
import Credentials from '@auth/core/providers/credentials';
import Passkey from '@auth/core/providers/passkey';
import { UnstorageAdapter } from '@auth/unstorage-adapter';
import { createStorage } from 'unstorage';
import { site } from './site.mjs';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
const hash = /** @type {(password: string, salt: Buffer, length: number) => Promise<Buffer>} */ (promisify(scrypt));

/** Seconds a code is valid: Auth.js's default for email providers is a day, far too long for six digits. */
export const CODE_MAX_AGE = 600;
/** Tries at the code callback per email and window, since Auth.js itself counts none. */
const CODE_TRIES = 5;

/**
 * Starts the server on `port` (0: any free one) of localhost.
 * @param {{ port?: number }} [options]
 * @returns {Promise<{ origin: string, close(): Promise<void> }>}
 */
export async function startAuthjs({ port = 0 } = {}) {
  /** @type {import('./site.mjs').Sent[]} */
  const outbox = [];
  const storage = createStorage();
  const adapter = UnstorageAdapter(storage);
  // Auth.js keeps no passwords: the app does (here scrypt hashes in memory, by user id).
  /** @type {Map<string, { salt: Buffer, hash: Buffer }>} */
  const passwords = new Map();
  /** @type {Map<string, { count: number, since: number }>} */
  const codeTries = new Map();

  const app = express();
  const server = await new Promise((resolve) => {
    const listening = app.listen(port, 'localhost', () => resolve(listening));
  });
  const address = /** @type {import('node:http').Server} */ (server).address();
  const origin = `http://localhost:${typeof address === 'object' && address ? address.port : port}`;

  /** @type {import('@auth/core').AuthConfig} */
  const config = {
    secret: 'test-only secret, never for production use',
    trustHost: true,
    basePath: '/auth',
    adapter,
    // The Credentials provider only ever issues a JWT: a site that mixes in passwords has JWT sessions.
    session: { strategy: 'jwt' },
    experimental: { enableWebAuthn: true },
    // The tests provoke Auth.js' errors on purpose, and the WebAuthn warning is known.
    logger: { warn: () => {}, error: () => {} },
    providers: [
      Passkey({ relayingParty: { id: 'localhost', name: 'passkey-login presets', origin } }),
      // Auth.js sends magic links; a code is the same email provider with a short token.
      {
        id: 'email',
        type: 'email',
        name: 'Email code',
        maxAge: CODE_MAX_AGE,
        async generateVerificationToken() {
          return String(randomInt(0, 1_000_000)).padStart(6, '0');
        },
        async sendVerificationRequest({ identifier, token }) {
          outbox.push({ channel: 'email', to: identifier, code: token, at: Date.now() });
        },
      },
      Credentials({
        credentials: { email: {}, password: {} },
        async authorize({ email, password }) {
          if (typeof email !== 'string' || typeof password !== 'string') return null;
          const user = await adapter.getUserByEmail?.(email.trim().toLowerCase());
          const stored = user && passwords.get(user.id);
          // Hashed even without an account, so the answer takes as long either way.
          const tried = await hash(password, stored?.salt ?? randomBytes(16), 32);
          return stored && timingSafeEqual(tried, stored.hash) ? user : null;
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user?.id) token.sub = user.id;
        return token;
      },
      // Auth.js's session answer has no user id by default.
      session({ session, token }) {
        if (session.user && token.sub) session.user.id = token.sub;
        return session;
      },
    },
  };

  const isDev = (/** @type {express.Request} */ request) => request.headers.host === new URL(origin).host;

  // Auth.js counts no wrong codes: without a limit in front of it, six digits fall to guessing.
  app.get('/auth/callback/email', (request, response, next) => {
    const email = String(request.query.email ?? '').toLowerCase();
    const now = Date.now();
    const tries = codeTries.get(email);
    const current = tries && now - tries.since < CODE_MAX_AGE * 1000 ? tries : { count: 0, since: now };
    current.count += 1;
    codeTries.set(email, current);
    if (current.count <= CODE_TRIES) return next();
    response.set('Retry-After', String(Math.ceil((current.since + CODE_MAX_AGE * 1000 - now) / 1000)));
    response.status(429).type('application/problem+json').json({ status: 429, code: 'rate-limited' });
  });
  app.use('/auth', ExpressAuth(config));

  // Development only: an account with a password, as the site's own sign-up form would make it.
  app.post('/dev/users', express.json(), async (request, response) => {
    if (!isDev(request)) return void response.status(404).end();
    const email = String(request.body?.email ?? '').toLowerCase();
    const user = await adapter.createUser?.({ id: crypto.randomUUID(), email, emailVerified: null });
    if (!user) return void response.status(500).end();
    const salt = randomBytes(16);
    passwords.set(user.id, { salt, hash: await hash(String(request.body?.password ?? ''), salt, 32) });
    response.status(201).json({ id: user.id });
  });
  // Development only: every code outlives its time, as if minutes had passed.
  app.post('/dev/expire-codes', async (request, response) => {
    if (!isDev(request)) return void response.status(404).end();
    for (const key of await storage.getKeys('user:token:')) {
      const token = /** @type {any} */ (await storage.getItem(key));
      await storage.setItem(key, { ...token, expires: new Date(Date.now() - 60_000).toISOString() });
    }
    response.status(204).end();
  });

  const pages = site({
    dist,
    origin: () => origin,
    outbox,
    pages: { '/': { element: '<passkey-login preset="authjs" endpoint="/auth" check-session methods="passkey hybrid email-code password"></passkey-login>' } },
  });
  app.use((request, response, next) => {
    if (!pages(request, response)) next();
  });

  const http = /** @type {import('node:http').Server} */ (server);
  return {
    origin,
    close: () =>
      new Promise((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { origin } = await startAuthjs({ port: Number(process.argv[2] ?? 3200) });
  console.log(`Auth.js on ${origin}`);
}
