// @ts-check
import { randomBytes } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import Fastify from 'fastify';
import { createAccountHandlers } from './account.js';
import { createAudit } from './audit.js';
import { clientKey } from './client-address.js';
import { createCodeHandlers } from './codes.js';
import { createKeyedHash } from './contact.js';
import { checkCsrf } from './csrf.js';
import { createDeviceHandlers } from './device.js';
import { createNotices } from './notices.js';
import { requestValidators } from './openapi.js';
import { createDevOutbox } from './outbox.js';
import { createPasskeyHandlers } from './passkeys.js';
import { DEFAULT_SCRYPT_COST, createPasswordHandlers } from './passwords.js';
import { Problem, problemTitle } from './problems.js';
import { createSessions } from './sessions.js';
import { registerStatic } from './static.js';
import { openStore } from './store.js';
import { applySupportAccounts, checkSupportAccounts, createSupportHandlers } from './support.js';

/** @typedef {import('node:http').IncomingMessage} Request */
/** @typedef {import('node:http').ServerResponse} Response */
/** @typedef {import('fastify').FastifyRequest} FastifyRequest */
/** @typedef {import('fastify').FastifyReply} FastifyReply */
/** @typedef {import('./limits.js').RateLimitOptions} RateLimitOptions */
/** @typedef {import('./limits.js').FailureLimitOptions} FailureLimitOptions */
/** @typedef {import('./store.js').Store} Store */
/** @typedef {import('./outbox.js').Delivery} Delivery */
/** @typedef {import('./outbox.js').DevOutbox} DevOutbox */
/** @typedef {import('./passwords.js').ScryptCost} ScryptCost */
/** @typedef {import('./codes.js').CodeLimits} CodeLimits */
/** @typedef {import('./support.js').SupportLimits} SupportLimits */
/** @typedef {import('./device.js').DeviceLimits} DeviceLimits */
/** @typedef {import('./problems.js').ProblemCode} ProblemCode */

/**
 * @typedef {object} HandlerContext
 * @property {FastifyRequest} req
 * @property {FastifyReply} res
 * @property {Record<string, unknown>} body the parsed JSON object, valid against the operation's
 *   schema; empty for GET
 * @property {Record<string, string>} params the route's `{name}` path segments, decoded
 * @property {URLSearchParams} query
 * @property {({ key: string } & RateLimitOptions) | null} rateLimit the client's per-operation
 *   rate limit, for a route declared `rateLimit: 'in-handler'` to count the request in the step
 *   that does its work (null for the others, counted before their body is read)
 */

/**
 * @typedef {object} Reply
 * @property {number} status
 * @property {unknown} [body] sent as JSON unless the status is 204
 */

/** @typedef {(context: HandlerContext) => Promise<Reply>} Handler */

/**
 * @typedef {CodeLimits & SupportLimits & DeviceLimits & {
 *   passwordFailuresPerAccount: FailureLimitOptions,
 *   passwordFailuresPerClient: FailureLimitOptions,
 * }} Limits
 */

/**
 * @typedef {object} AppOptions
 * @property {string} database a SQLite file path (its folder is created), ':memory:', or a
 *   PostgreSQL URL (`postgres://user:password@host:5432/db`): several server processes can share
 *   one PostgreSQL database
 * @property {readonly string[] | (() => readonly string[])} origins exact origins the widget
 *   runs on, e.g. `['http://localhost:8787']`; a function is read on every request, for
 *   servers that learn their port after listening
 * @property {string} rpID WebAuthn relying party ID: the origins' host or a registrable suffix
 * @property {string} [rpName] shown by some authenticators; default 'passkey-login demo'
 * @property {string} [apiBase] path prefix of the API; default '/api/auth'
 * @property {string} [staticRoot] repository root: when set, `/` serves
 *   `demo/public/index.html`, other paths `demo/public/*` and `dist/*.js` (+ `.js.map`)
 * @property {number} [challengeTtlMs] challenge lifetime and options `timeout`; default 300 000
 * @property {() => number} [now] clock in ms, for tests; default Date.now
 * @property {RateLimitOptions} [rateLimit] per client (an IPv4 address, or an IPv6 /64) per
 *   operation; default 120 per 60 000 ms
 * @property {boolean | number | string | string[]} [trustProxy] which proxies in front of the
 *   server to believe about the client's address (X-Forwarded-For), as Fastify's `trustProxy`:
 *   addresses or CIDR ranges of the proxies (`'10.0.0.0/8'`, `['127.0.0.1', '::1']`), or how many
 *   hops. Default: none, the socket's address counts. Set it only to proxies that overwrite the
 *   header, or clients pick their own rate-limit bucket.
 * @property {number} [bodyTimeoutMs] how long a request body may take to arrive in full; a
 *   slower one is answered 408 and its connection closed. Default 10 000.
 * @property {number} [purgeIntervalMs] how often expired rows are deleted; default 60 000
 * @property {(line: string) => void} [log] receives one line per request (method, path,
 *   status, ms, error code); without it requests are not logged, and unexpected errors go
 *   to console.error
 * @property {string} [redirectAfterSignIn] a same-origin path such as '/account', added as
 *   `redirect` to every sign-in result except a recovery one
 * @property {string | Buffer} [secret] keys the one-time code hashes and the stand-in answers
 *   for unknown identifiers. Every process sharing a database needs the same one. Default random
 *   per process: pending codes then expire with it, and stand-ins change on a restart.
 * @property {Delivery} [delivery] sends one-time codes; default a dev outbox in memory
 * @property {boolean} [devOutbox] development mode only: serve `GET {apiBase}/dev/outbox` with
 *   what the dev outbox holds, and only to requests whose Host is an allowed origin's (or a
 *   loopback address), so a page on another name resolving here (DNS rebinding) cannot read it.
 *   Never in production: it hands out everyone's codes.
 * @property {ScryptCost} [scryptCost] for new password hashes; default N=2^15, r=8, p=1.
 *   Tests lower it to stay fast.
 * @property {Partial<Limits>} [limits] one-time code, password, recovery code and device
 *   approval limits
 * @property {readonly { identifier: string, password: string }[]} [supportAccounts] the
 *   accounts with the support role, created or updated (password included) at start-up; when
 *   given, every other account loses the role. Without it, roles stay as they are.
 * @property {string} [countryHeader] a request header a proxy in front of the server sets to
 *   the client's country (ISO 3166-1 alpha-2), such as Cloudflare's `CF-IPCountry`: shown as
 *   the place when another device approves a sign-in. Only name one the proxy always
 *   overwrites, or the requester picks its own place. Without it the place is unknown: the
 *   server asks no outside service.
 */

/**
 * @typedef {object} App
 * @property {(req: Request, res: Response) => Promise<void>} handle a node:http request
 *   handler, also for mounting under another framework (Express, Koa with `ctx.respond = false`);
 *   resolves when the answer is sent, never rejects
 * @property {Store} store
 * @property {DevOutbox | null} outbox the delivery, when it is a dev outbox
 * @property {{ method: string, path: string, operation: string }[]} operations what the API
 *   answers, paths below apiBase
 * @property {Promise<void>} ready resolves once the database is migrated and the support
 *   accounts are in place; `handle` waits for it by itself
 * @property {() => Promise<void>} close stops the purge timer and closes the database
 */

const BODY_LIMIT = 64 * 1024;
const PRE_AUTH_TTL_MS = 15 * 60_000;
const SIGNED_IN_TTL_MS = 12 * 60 * 60_000;
const MINUTE = 60_000;

/** @type {Limits} */
export const DEFAULT_LIMITS = {
  ttlMs: 10 * MINUTE,
  maxTries: 5,
  resendCooldownMs: 30_000,
  sendsPerAccount: { max: 5, windowMs: 15 * MINUTE },
  sendsPerClient: { max: 20, windowMs: 15 * MINUTE },
  // NIST SP 800-63B allows up to 100 failures before a lock. Doubling locks of 15 minutes to
  // 4 hours leave a patient attacker about 100 guesses a day at 10^6 codes, while a real user
  // who mistypes a few times never meets one.
  accountFailures: { max: 10, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE, maxLockMs: 4 * 60 * MINUTE },
  recoveryMs: 10 * MINUTE,
  passwordFailuresPerAccount: { max: 10, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE, maxLockMs: 4 * 60 * MINUTE },
  passwordFailuresPerClient: { max: 50, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE, maxLockMs: 4 * 60 * MINUTE },
  // Long enough for someone to get from the support call to a computer, and no longer: the
  // code is a bearer credential for the whole account.
  recoveryCodeTtlMs: 24 * 60 * MINUTE,
  // 60-bit codes make guessing hopeless anyway; these stop a client or an account being used
  // to hammer the endpoint, as for passwords.
  recoveryFailuresPerAccount: { max: 10, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE, maxLockMs: 4 * 60 * MINUTE },
  recoveryFailuresPerClient: { max: 50, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE, maxLockMs: 4 * 60 * MINUTE },
  // Like code sends: a person needs one or two tries, and an account's devices must not be
  // flooded with requests to approve (approval fatigue). Guessing a 40-bit binding code at
  // these rates, with doubling locks, gets nowhere.
  deviceRequestTtlMs: 10 * MINUTE,
  deviceRequestsPerAccount: { max: 5, windowMs: 15 * MINUTE },
  deviceRequestsPerClient: { max: 20, windowMs: 15 * MINUTE },
  deviceCodeFailuresPerAccount: { max: 10, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE, maxLockMs: 4 * 60 * MINUTE },
  deviceCodeFailuresPerClient: { max: 50, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE, maxLockMs: 4 * 60 * MINUTE },
};

// A body has this long to arrive in full: what the widget sends is small and sent at once.
const DEFAULT_BODY_TIMEOUT_MS = 10_000;
const DEFAULT_PURGE_INTERVAL_MS = 60_000;

/**
 * The headers every answer carries. COOP and CORP keep other sites' windows and pages from
 * holding or embedding these (Spectre-class leaks, window.opener tricks); Permissions-Policy
 * turns off what the pages never use and keeps what they do (WebAuthn, and WebOTP for codes by
 * text message) to this origin.
 */
const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': [
    'publickey-credentials-get=(self)',
    'publickey-credentials-create=(self)',
    'otp-credentials=(self)',
    'camera=()',
    'microphone=()',
    'geolocation=()',
    'payment=()',
    'usb=()',
    'interest-cohort=()',
    'browsing-topics=()',
  ].join(', '),
};

/**
 * @param {readonly string[]} origins
 */
function assertOrigins(origins) {
  for (const origin of origins) {
    if (URL.canParse(origin) && new URL(origin).origin === origin) continue;
    throw new TypeError(`not an exact origin: ${JSON.stringify(origin)}`);
  }
  return origins;
}

/**
 * @param {string} url the raw request target
 * @returns {string} its path, without query or fragment
 */
function pathOf(url) {
  const end = url.search(/[?#]/);
  return end < 0 ? url : url.slice(0, end);
}

/**
 * A loopback address named by its number cannot be a name an attacker points at it, so the dev
 * outbox can answer it as well as the configured origins' hosts.
 * @param {string} host a Host header
 */
function isLoopbackLiteral(host) {
  const name = host.replace(/:\d+$/, '');
  return /^127(\.\d{1,3}){3}$/.test(name) || name === '[::1]';
}

/**
 * What a body that breaks the operation's schema is answered: a field with its own problem code
 * gets it (`invalid-identifier` for `/identifier`), anything else is a `bad-request`. The log
 * gets a label of what was wrong, never the value.
 * @param {import('ajv').ErrorObject} error
 * @param {Partial<Record<string, ProblemCode>>} fields
 */
function problemForSchemaError(error, fields) {
  const path = error.keyword === 'required' ? `${error.instancePath}/${error.params.missingProperty}` : error.instancePath;
  const code = fields[path.split('/')[1] ?? ''] ?? 'bad-request';
  const reason =
    code !== 'verification-failed'
      ? `schema ${path || '/'} ${error.keyword}`
      : path.includes('clientDataJSON')
        ? 'client-data'
        : path.includes('userHandle')
          ? 'user-handle'
          : 'malformed';
  return new Problem(code, { reason });
}

/**
 * Builds the reference backend for `<passkey-login>`: a Fastify application whose `handle`
 * serves node:http requests.
 *
 * @param {AppOptions} options
 * @returns {App}
 */
export function createApp(options) {
  const apiBase = (options.apiBase ?? '/api/auth').replace(/\/+$/, '');
  const now = options.now ?? Date.now;
  const challengeTtlMs = options.challengeTtlMs ?? 300_000;
  const { log, redirectAfterSignIn } = options;
  // `//host/path` is a path to the URL parser but another site to the browser.
  if (redirectAfterSignIn !== undefined && !/^\/(?![/\\])/.test(redirectAfterSignIn)) {
    throw new TypeError(`redirectAfterSignIn must be a same-origin path, got ${redirectAfterSignIn}`);
  }
  const configured = options.origins;
  const origins =
    typeof configured === 'function'
      ? () => assertOrigins(configured())
      : ((list) => () => list)(assertOrigins([...configured]));
  const scryptCost = options.scryptCost ?? DEFAULT_SCRYPT_COST;
  // Checked before anything is opened, so a mistake fails here and not on the first request.
  const supportAccounts = options.supportAccounts ? checkSupportAccounts(options.supportAccounts) : null;

  const store = openStore(options.database);
  const sessions = createSessions({
    store,
    now,
    // Mixed lists (say, https production plus http://localhost) stay non-Secure so the http
    // origin keeps working; a deployment should list https origins only.
    secure: () => {
      const list = origins();
      return list.length > 0 && list.every((origin) => origin.startsWith('https://'));
    },
    preAuthTtlMs: Math.max(PRE_AUTH_TTL_MS, challengeTtlMs),
    signedInTtlMs: SIGNED_IN_TTL_MS,
  });
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const secret = options.secret ?? randomBytes(32);
  const keyedHash = createKeyedHash(secret);
  const delivery = options.delivery ?? createDevOutbox({ now });
  // Anything with a list, such as a dev outbox that main.js also prints from.
  const outbox =
    'list' in delivery && typeof delivery.list === 'function' ? /** @type {DevOutbox} */ (delivery) : null;
  const appName = options.rpName ?? 'passkey-login demo';
  const audit = createAudit({ store, now });
  const notify = createNotices({ delivery, reportError: log ?? console.error });
  const passkeys = createPasskeyHandlers({
    store,
    sessions,
    rpID: options.rpID,
    rpName: appName,
    origins,
    challengeTtlMs,
    now,
    redirectAfterSignIn,
  });
  const account = createAccountHandlers({ store, sessions, now, scryptCost, keyedHash, redirectAfterSignIn });
  const codes = createCodeHandlers({
    store,
    sessions,
    now,
    secret,
    keyedHash,
    delivery,
    rpID: options.rpID,
    appName,
    limits,
    reportError: log ?? console.error,
    redirectAfterSignIn,
  });
  const passwords = createPasswordHandlers({
    store,
    sessions,
    now,
    scryptCost,
    accountFailures: limits.passwordFailuresPerAccount,
    clientFailures: limits.passwordFailuresPerClient,
    redirectAfterSignIn,
  });
  const support = createSupportHandlers({ store, sessions, audit, notify, now, secret, appName, limits });
  const devices = createDeviceHandlers({
    store,
    sessions,
    audit,
    notify,
    now,
    appName,
    limits,
    countryHeader: options.countryHeader,
    redirectAfterSignIn,
  });
  const rateLimit = options.rateLimit ?? {};
  /**
   * The per-client, per-operation rate-limit bucket.
   * @param {string} operation
   * @param {FastifyRequest} request
   */
  const limitKey = (operation, request) => `rate ${operation} ${clientKey(request)}`;
  const bodyTimeoutMs = options.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS;

  /**
   * @typedef {object} Route
   * @property {'GET' | 'POST'} method
   * @property {string} path below apiBase, `{name}` for a parameter
   * @property {string} operation the contract's name, also the rate-limit bucket
   * @property {Handler} handler
   * @property {Partial<Record<string, ProblemCode>>} [fields] problem codes for fields that
   *   break the schema
   * @property {(request: FastifyRequest) => Promise<void>} [guard] runs before the body is
   *   validated: a caller who may not use the operation learns nothing about its body
   * @property {'before-body' | 'in-handler' | 'none'} [rateLimit] where the per-client limit is
   *   counted: before the body is read (the default); by the handler, in the transaction that
   *   does its work (one commit instead of two, for an operation whose handler touches the
   *   database before nothing else); or not at all (see the session check)
   */
  /** @type {Route[]} */
  const routes = [];
  /**
   * @param {Route['method']} method
   * @param {string} path
   * @param {string} operation
   * @param {Handler} handler
   * @param {Omit<Route, 'method' | 'path' | 'operation' | 'handler'>} [extra]
   */
  const route = (method, path, operation, handler, extra = {}) => routes.push({ method, path, operation, handler, ...extra });
  const identifier = { identifier: /** @type {ProblemCode} */ ('invalid-identifier') };
  // A response too broken to name its challenge is a failed verification, as the library's own
  // checks would make it; only a body that is not a credential at all is a bad request.
  const credential = { response: /** @type {ProblemCode} */ ('verification-failed') };
  route('POST', '/passkey/registration/options', 'registrationOptions', passkeys.registrationOptions, { fields: identifier });
  route('POST', '/passkey/registration/verify', 'registrationVerify', passkeys.registrationVerify, { fields: credential });
  // Its handler does nothing before its one transaction, which counts the request first.
  route('POST', '/passkey/authentication/options', 'authenticationOptions', passkeys.authenticationOptions, { rateLimit: 'in-handler' });
  route('POST', '/passkey/authentication/verify', 'authenticationVerify', passkeys.authenticationVerify, { fields: credential });
  // Not rate-limited. SECURITY.md asks for limits where a request guesses a secret or makes
  // something happen (code sends, password and code tries, device requests, recovery); the
  // session check does neither. It only reads, and what it reads by is the SHA-256 of a 256-bit
  // random cookie: guessing one is hopeless at any rate, so a count would protect nothing while
  // costing a database write on every page view. Failed guesses are also indistinguishable from
  // being signed out, which every visitor is. Whatever it costs is one indexed read.
  route('GET', '/session', 'session', account.session, { rateLimit: 'none' });
  route('POST', '/sign-out', 'signOut', account.signOut);
  route('POST', '/account', 'createAccount', account.createAccount, {
    fields: { ...identifier, password: 'invalid-password', email: 'invalid-email', phone: 'invalid-phone' },
  });
  route('POST', '/methods', 'methods', account.methods, { fields: identifier });
  route('POST', '/code/send', 'codeSend', codes.codeSend, { fields: identifier });
  route('POST', '/code/verify', 'codeVerify', codes.codeVerify);
  route('POST', '/password/sign-in', 'passwordSignIn', passwords.passwordSignIn, { fields: identifier });
  route('POST', '/password/set', 'passwordSet', passwords.passwordSet, { fields: { password: 'invalid-password' } });
  route('GET', '/passkeys', 'passkeys', passkeys.passkeys);
  route('POST', '/recovery/redeem', 'recoveryRedeem', support.recoveryRedeem, { fields: identifier });
  route('POST', '/support/lookup', 'supportLookup', support.supportLookup, { fields: identifier, guard: support.guard('supportLookup') });
  route('POST', '/support/passkey/remove', 'supportRemovePasskey', support.supportRemovePasskey, {
    fields: identifier,
    guard: support.guard('supportRemovePasskey'),
  });
  route('POST', '/support/recovery-code', 'supportRecoveryCode', support.supportRecoveryCode, {
    fields: identifier,
    guard: support.guard('supportRecoveryCode'),
  });
  route('GET', '/support/audit', 'supportAudit', support.supportAudit, { guard: support.guard('supportAudit') });
  route('POST', '/device/request', 'deviceRequest', devices.deviceRequest, { fields: identifier });
  route('GET', '/device/request/{id}', 'deviceRequestStatus', devices.deviceRequestStatus);
  route('POST', '/device/approval/lookup', 'deviceLookup', devices.deviceLookup);
  route('POST', '/device/approval/decide', 'deviceDecide', devices.deviceDecide);
  if (options.devOutbox) {
    route('GET', '/dev/outbox', 'devOutbox', async ({ req }) => {
      const host = req.headers.host ?? '';
      const allowed = origins().some((origin) => new URL(origin).host === host) || isLoopbackLiteral(host);
      // Answered as if the route did not exist: a page on another name that resolves here (DNS
      // rebinding) has no origin of ours in its Host.
      if (!allowed) throw new Problem('not-found', { reason: 'dev outbox: host not allowed' });
      return { status: 200, body: { messages: outbox ? outbox.list() : [] } };
    });
  }

  // Typed as the plain node:http flavour it is (the overloads otherwise pick HTTP/2 here).
  const fastify = /** @type {import('fastify').FastifyInstance} */ (/** @type {unknown} */ (Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT,
    trustProxy: /** @type {any} */ (options.trustProxy ?? false),
    // The widget never sends a parameter longer than a request id.
    routerOptions: { maxParamLength: 200 },
    // Everything the framework itself refuses (a malformed URL, say) is a plain 404 here.
    frameworkErrors: (error, request, reply) => {
      void error;
      finish(request, reply, new Problem('not-found', { reason: 'malformed-url' }));
    },
  })));
  fastify.register(fastifyCookie);
  fastify.decorateRequest('note', null);
  fastify.decorateRequest('startedAt', 0);

  /**
   * @param {FastifyRequest} request
   */
  const isApi = (request) => {
    const path = pathOf(request.raw.url ?? '/');
    return path === apiBase || path.startsWith(`${apiBase}/`);
  };

  /**
   * Sends a problem (RFC 9457) for the API, a plain text answer elsewhere.
   * @param {FastifyRequest} request
   * @param {FastifyReply} reply
   * @param {Problem} problem
   */
  function finish(request, reply, problem) {
    /** @type {any} */ (request).note = problem.reason ? `${problem.code} (${problem.reason})` : problem.code;
    reply.headers(SECURITY_HEADERS);
    reply.headers(problem.headers);
    if (!isApi(request)) {
      reply.code(problem.status).type('text/plain; charset=utf-8').send(problem.status === 404 ? 'Not found\n' : `${problemTitle(problem.code)}\n`);
      return;
    }
    reply
      .code(problem.status)
      .header('Cache-Control', 'no-store')
      .header('Content-Type', 'application/problem+json')
      // A Buffer, which Fastify sends as is: a string would get `; charset=utf-8` added, and the
      // media type is exactly RFC 9457's.
      .send(
        Buffer.from(
          JSON.stringify({
            type: 'about:blank',
            title: problemTitle(problem.code),
            status: problem.status,
            code: problem.code,
            ...problem.extensions,
          }),
        ),
      );
  }

  fastify.addHook('onRequest', (request, reply, done) => {
    if (log) /** @type {any} */ (request).startedAt = performance.now();
    reply.headers(SECURITY_HEADERS);
    done();
  });

  /**
   * One line per request. Written when the answer is handed over (onSend), not when it has gone
   * out: a client that already has it may send the next request first, and the log would then
   * show the two out of order. onResponse only catches what never reached onSend.
   * @param {FastifyRequest} request
   * @param {number} status
   */
  function logLine(request, status) {
    if (!log || /** @type {any} */ (request).logged) return;
    /** @type {any} */ (request).logged = true;
    const ms = Math.round(performance.now() - /** @type {any} */ (request).startedAt);
    const note = /** @type {any} */ (request).note;
    // The widget's correlation id, which "Need help?" shows: support finds the requests by it.
    const header = request.headers['x-correlation-id'];
    const ref = typeof header === 'string' && /^[\w-]{1,40}$/.test(header) ? ` ref=${header}` : '';
    log(`${request.method} ${pathOf(request.raw.url ?? '/')} ${status} ${ms}ms${note ? ` ${note}` : ''}${ref}`);
  }
  fastify.decorateRequest('logged', false);
  // Without a log there is nothing to write, and no hook to run on every request.
  if (log) {
    fastify.addHook('onSend', (request, reply, payload, done) => {
      logLine(request, reply.statusCode);
      done(null, payload);
    });
    fastify.addHook('onResponse', (request, reply, done) => {
      logLine(request, reply.statusCode);
      done();
    });
  }

  fastify.setErrorHandler(async (error, request, reply) => {
    /** @type {Problem} */
    let problem;
    const status = /** @type {any} */ (error).statusCode;
    if (error instanceof Problem) problem = error;
    else if (!isApi(request) && typeof status === 'number' && status >= 400 && status < 500) {
      // The file server's refusals (a path climbing out, a hidden file, a malformed name) say
      // no more than that there is nothing here.
      problem = new Problem('not-found', { reason: String(/** @type {any} */ (error).code ?? status) });
    } else if (/** @type {any} */ (error).code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      problem = new Problem('payload-too-large', { headers: { Connection: 'close' } });
    } else if (String(/** @type {any} */ (error).code ?? '').startsWith('FST_ERR_CTP_')) {
      problem = new Problem('bad-request', { reason: 'malformed-json' });
    } else if (/** @type {any} */ (error).statusCode === 400 && /** @type {any} */ (error).code === undefined) {
      // The JSON parser's own SyntaxError.
      problem = new Problem('bad-request', { reason: 'malformed-json' });
    } else {
      // Only failures outside verification land here (those become problems), so the stack
      // carries no challenge or assertion.
      (log ?? console.error)(`passkey-login demo: ${request.method} ${pathOf(request.raw.url ?? '/')} failed: ${error instanceof Error ? error.stack : String(error)}`);
      problem = new Problem('server-error', { reason: 'error' });
    }
    const config = /** @type {any} */ (request.routeOptions.config);
    if (config?.audited && /** @type {any} */ (request).supportAgent) {
      // README: every refused support call is written, not only those refused at the door.
      await audit
        .record(request, {
          action: 'support-refused',
          actor: /** @type {any} */ (request).supportAgent,
          detail: `${config.operation}: ${problem.code}`,
        })
        .catch(() => {});
    }
    finish(request, reply, problem);
    return reply;
  });

  fastify.setNotFoundHandler(async (request, reply) => {
    const path = pathOf(request.raw.url ?? '/');
    if (!isApi(request) && path === '/passkey-login.min.js' && options.staticRoot) {
      reply.code(404).type('text/plain; charset=utf-8').send('dist/passkey-login.min.js is missing: run `npm run build` first.\n');
      return reply;
    }
    finish(request, reply, new Problem('not-found'));
    return reply;
  });

  // Everything security-relevant runs before the body is read: the rate limit, the CSRF
  // checks, then a deadline for the body to arrive.
  fastify.register(async (api) => {
    api.addHook('onRequest', (request, _reply, done) => {
      const config = /** @type {any} */ (request.routeOptions.config);
      if (!config?.operation) return done();
      const csrf = () => {
        if (request.method !== 'GET') checkCsrf(request, origins());
      };
      if (config.rateLimit !== 'before-body') {
        try {
          csrf();
        } catch (error) {
          return done(/** @type {Error} */ (error));
        }
        return done();
      }
      store.limits.hit(limitKey(config.operation, request), rateLimit, now()).then(() => {
        csrf();
        done();
      }).catch(done);
    });
    api.addHook('preParsing', (request, reply, payload, done) => {
      const raw = request.raw;
      if (request.method === 'GET' || raw.complete) return done(null, payload);
      // A body trickled in a byte at a time would otherwise hold the request open until Node's
      // own 300 s limit. At the deadline the parser, which reads the request itself, is handed
      // the error, so the error handler answers 408 and the connection closes after it. The
      // request is not destroyed, which would close the socket before the answer. (A
      // pass-through stream in between did the same at about a quarter of a small POST's cost:
      // its construction, the pipe and nine listeners, on every request.)
      const timer = setTimeout(() => {
        if (raw.complete || raw.destroyed || reply.sent) return;
        const problem = new Problem('request-timeout', { headers: { Connection: 'close' } });
        // Nobody reading it yet (a hook still running): nothing can be answered through the
        // parser, so the connection just goes.
        if (raw.listenerCount('error') === 0) raw.destroy();
        else raw.emit('error', problem);
      }, bodyTimeoutMs);
      timer.unref();
      const clear = () => clearTimeout(timer);
      raw.once('end', clear);
      // Answered before the body ended (413, say): nothing is waiting for it any more.
      reply.raw.once('close', clear);
      done(null, payload);
    });

    for (const entry of routes) {
      const validators = requestValidators(entry.method, entry.path);
      const fields = entry.fields ?? {};
      const url = `${apiBase}${entry.path.replace(/\{(\w+)\}/g, ':$1')}`;
      // A GET with nothing to check (the session check) skips the step altogether.
      const checks = entry.guard || entry.method !== 'GET' || validators.query || validators.params;
      api.route({
        method: entry.method,
        url,
        exposeHeadRoute: false,
        config: { operation: entry.operation, audited: Boolean(entry.guard), rateLimit: entry.rateLimit ?? 'before-body' },
        preValidation: checks ? async (request) => {
          if (entry.guard) await entry.guard(request);
          if (entry.method !== 'GET') {
            const { body } = request;
            if (body === null || typeof body !== 'object' || Array.isArray(body)) {
              throw new Problem('bad-request', { reason: 'not-an-object' });
            }
            if (validators.body && !validators.body(body)) {
              const [error] = validators.body.errors ?? [];
              throw problemForSchemaError(error, fields);
            }
          }
          const query = Object.fromEntries(new URLSearchParams(request.raw.url?.split('?')[1] ?? ''));
          if (validators.query && !validators.query(query)) throw new Problem('bad-request', { reason: 'query' });
          if (validators.params && !validators.params({ ...(/** @type {object} */ (request.params)) })) {
            throw new Problem('bad-request', { reason: 'params' });
          }
        } : undefined,
        handler: async (request, reply) => {
          const result = await entry.handler({
            req: request,
            res: reply,
            body: entry.method === 'GET' ? {} : /** @type {Record<string, unknown>} */ (request.body),
            params: /** @type {Record<string, string>} */ (request.params),
            query: new URLSearchParams(request.raw.url?.split('?')[1] ?? ''),
            rateLimit: entry.rateLimit === 'in-handler' ? { key: limitKey(entry.operation, request), ...rateLimit } : null,
          });
          reply.header('Cache-Control', 'no-store');
          if (result.status === 204) return reply.code(204).send();
          return reply.code(result.status).send(result.body);
        },
      });
    }

    // A known path asked with another method: 405 and what it does take.
    /** @type {Map<string, string[]>} */
    const methodsByUrl = new Map();
    for (const entry of routes) {
      const url = `${apiBase}${entry.path.replace(/\{(\w+)\}/g, ':$1')}`;
      methodsByUrl.set(url, [...(methodsByUrl.get(url) ?? []), entry.method]);
    }
    for (const [url, allowed] of methodsByUrl) {
      api.route({
        method: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'].filter((method) => !allowed.includes(method)),
        url,
        exposeHeadRoute: false,
        handler: async () => {
          throw new Problem('method-not-allowed', { headers: { Allow: allowed.join(', ') } });
        },
      });
    }
  });

  if (options.staticRoot) registerStatic(fastify, options.staticRoot);

  /** @type {NodeJS.Timeout | undefined} */
  let purgeTimer;
  const ready = (async () => {
    await store.ready;
    if (supportAccounts) await applySupportAccounts(store, supportAccounts, scryptCost, now());
    await fastify.ready();
    purgeTimer = setInterval(() => {
      store.purgeExpired(now()).catch((error) => (log ?? console.error)(`passkey-login demo: purge failed: ${error}`));
    }, options.purgeIntervalMs ?? DEFAULT_PURGE_INTERVAL_MS);
    purgeTimer.unref();
  })();
  // A failed start surfaces on the first request (and to whoever awaits `ready`).
  ready.catch(() => {});

  /** @type {Promise<void> | undefined} */
  let closing;

  /**
   * @param {Request} req
   * @param {Response} res
   */
  async function handle(req, res) {
    try {
      await ready;
    } catch (error) {
      (log ?? console.error)(`passkey-login demo: not started: ${error instanceof Error ? error.message : error}`);
      res.statusCode = 503;
      res.end();
      return;
    }
    const done = new Promise((resolve) => {
      res.once('finish', resolve);
      res.once('close', resolve);
    });
    fastify.routing(/** @type {any} */ (req), res);
    await done;
  }

  return {
    handle,
    store,
    outbox,
    ready,
    operations: routes.map(({ method, path, operation }) => ({ method, path, operation })),
    close() {
      closing ??= (async () => {
        clearInterval(purgeTimer);
        await ready.catch(() => {});
        await fastify.close();
        await store.close();
      })();
      return closing;
    },
  };
}
