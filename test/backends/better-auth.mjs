// @ts-check
// A real better-auth server (in memory) as a site would configure it for <passkey-login
// preset="better-auth">: passkeys with sign-up of new accounts, email codes (emailOTP), SMS codes
// (phoneNumber), email and password, and better-auth's own rate limits. The sign-in page and the
// built script-tag files come from the same origin.
//
//   node test/backends/better-auth.mjs [port]     (after `npm run build`)
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { betterAuth } from 'better-auth';
import { memoryAdapter } from 'better-auth/adapters/memory';
import { APIError } from 'better-auth/api';
import { toNodeHandler } from 'better-auth/node';
import { emailOTP, phoneNumber } from 'better-auth/plugins';
import { BASE_ERROR_CODES } from '@better-auth/core/error';
import { passkey } from '@better-auth/passkey';
import { site } from './site.mjs';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));

/**
 * Starts the server on `port` (0: any free one) of localhost.
 * @param {{ port?: number }} [options]
 * @returns {Promise<{ origin: string, close(): Promise<void> }>}
 */
export async function startBetterAuth({ port = 0 } = {}) {
  /** @type {import('./site.mjs').Sent[]} */
  const outbox = [];
  /** @type {Record<string, any[]>} */
  const db = { user: [], session: [], account: [], verification: [], passkey: [] };
  let origin = '';
  /** @type {(request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse) => void} */
  let handle = () => {};
  const server = createServer((request, response) => handle(request, response));
  await new Promise((resolve) => server.listen(port, 'localhost', () => resolve(undefined)));
  const address = server.address();
  origin = `http://localhost:${typeof address === 'object' && address ? address.port : port}`;

  const auth = betterAuth({
    appName: 'passkey-login presets',
    baseURL: origin,
    secret: 'test-only secret, never for production use',
    trustedOrigins: [origin],
    database: memoryAdapter(db),
    telemetry: { enabled: false },
    // better-auth's own rules (3 sign-ins per 10 s, 3 code sends a minute, ...) per client
    // address. Each test sends an X-Forwarded-For of its own, as a proxy would, so that the
    // tests do not share one budget.
    rateLimit: { enabled: true, storage: 'memory' },
    advanced: { ipAddress: { ipAddressHeaders: ['x-forwarded-for'] } },
    emailAndPassword: { enabled: true, autoSignIn: true },
    logger: { disabled: true },
    plugins: [
      emailOTP({
        otpLength: 6,
        expiresIn: 300,
        allowedAttempts: 3,
        async sendVerificationOTP({ email, otp }) {
          outbox.push({ channel: 'email', to: email, code: otp, at: Date.now() });
        },
      }),
      phoneNumber({
        otpLength: 6,
        expiresIn: 300,
        allowedAttempts: 3,
        async sendOTP({ phoneNumber: to, code }) {
          outbox.push({ channel: 'sms', to, code, at: Date.now() });
        },
        // Without it, a number with no account gets a 500 at verify: sign-up by SMS needs a
        // stand-in email and name for the new user.
        signUpOnVerification: {
          getTempEmail: (phone) => `${phone.replace(/\D/g, '')}@phone.invalid`,
          getTempName: (phone) => phone,
        },
      }),
      passkey({
        rpID: 'localhost',
        rpName: 'passkey-login presets',
        origin,
        registration: {
          // Sign-up with a passkey: no session yet. The element sends the identifier as
          // `?context=`, and these two callbacks are the app's part (better-auth creates no
          // users from passkeys by itself).
          requireSession: false,
          async resolveUser({ ctx, context }) {
            const email = String(context ?? '').trim().toLowerCase();
            if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw APIError.from('BAD_REQUEST', BASE_ERROR_CODES.INVALID_EMAIL);
            if (await ctx.context.internalAdapter.findUserByEmail(email)) {
              throw APIError.from('UNPROCESSABLE_ENTITY', BASE_ERROR_CODES.USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL);
            }
            // Provisional: the account is made once the passkey is verified.
            return { id: `pending-${crypto.randomUUID()}`, name: email, displayName: email };
          },
          async afterVerification({ ctx, user, context }) {
            // A signed-in person adding a passkey: their own account.
            if (!String(user.id).startsWith('pending-')) return undefined;
            const email = String(context).trim().toLowerCase();
            // Taken since the options were fetched.
            if (await ctx.context.internalAdapter.findUserByEmail(email)) {
              throw APIError.from('UNPROCESSABLE_ENTITY', BASE_ERROR_CODES.USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL);
            }
            // `method` names the way in for better-auth's `user.validateUserInfo`, where a site has one.
            const created = await ctx.context.internalAdapter.createUser({ email, name: email, emailVerified: false }, { method: 'passkey' });
            return { userId: created.id };
          },
        },
      }),
    ],
  });

  const api = toNodeHandler(auth);
  const pages = site({
    dist,
    origin: () => origin,
    outbox,
    pages: {
      '/': { element: '<passkey-login preset="better-auth" check-session methods="passkey hybrid email-code sms-code password"></passkey-login>' },
      // A site whose better-auth differs from the defaults sets the preset as an object, from
      // the same file the element would load.
      '/with-options': {
        element: '<passkey-login check-session methods="passkey email-code"></passkey-login>',
        module: `import betterAuth from '/passkey-login.better-auth.min.js';
document.querySelector('passkey-login').preset = betterAuth({ expiresIn: 120, resendAfter: 5 });`,
      },
    },
  });
  handle = (request, response) => {
    const url = new URL(request.url ?? '/', origin);
    if (url.pathname.startsWith('/api/auth/')) {
      void api(request, response);
      return;
    }
    // Development only: every code and challenge outlives its time, as if minutes had passed.
    if (url.pathname === '/dev/expire-codes' && request.method === 'POST' && request.headers.host === new URL(origin).host) {
      for (const row of db.verification) row.expiresAt = new Date(Date.now() - 60_000);
      response.writeHead(204).end();
      return;
    }
    if (pages(request, response)) return;
    response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
  };

  return {
    origin,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { origin } = await startBetterAuth({ port: Number(process.argv[2] ?? 3100) });
  console.log(`better-auth on ${origin}`);
}
