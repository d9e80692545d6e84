// @ts-check
import { randomBytes } from 'node:crypto';
import { createAccountHandlers } from './account.js';
import { createAudit } from './audit.js';
import { createCodeHandlers } from './codes.js';
import { createKeyedHash } from './contact.js';
import { createDeviceHandlers } from './device.js';
import {
  Problem,
  checkCsrf,
  clientAddress,
  createRateLimiter,
  matchPath,
  readJsonBody,
  sendJson,
  sendProblem,
  sendText,
} from './http.js';
import { createNotices } from './notices.js';
import { createDevOutbox } from './outbox.js';
import { createPasskeyHandlers } from './passkeys.js';
import { DEFAULT_SCRYPT_COST, createPasswordHandlers } from './passwords.js';
import { createSessions } from './sessions.js';
import { createStaticHandler } from './static.js';
import { openStore } from './store.js';
import { applySupportAccounts, createSupportHandlers } from './support.js';

/** @typedef {import('./http.js').Request} Request */
/** @typedef {import('./http.js').Response} Response */
/** @typedef {import('./http.js').Handler} Handler */
/** @typedef {import('./http.js').RateLimitOptions} RateLimitOptions */
/** @typedef {import('./store.js').Store} Store */
/** @typedef {import('./outbox.js').Delivery} Delivery */
/** @typedef {import('./outbox.js').DevOutbox} DevOutbox */
/** @typedef {import('./passwords.js').ScryptCost} ScryptCost */
/** @typedef {import('./codes.js').CodeLimits} CodeLimits */
/** @typedef {import('./http.js').FailureLimitOptions} FailureLimitOptions */
/** @typedef {import('./support.js').SupportLimits} SupportLimits */
/** @typedef {import('./device.js').DeviceLimits} DeviceLimits */

/**
 * @typedef {CodeLimits & SupportLimits & DeviceLimits & {
 *   passwordFailuresPerAccount: FailureLimitOptions,
 *   passwordFailuresPerClient: FailureLimitOptions,
 * }} Limits
 */

/**
 * @typedef {object} AppOptions
 * @property {string} database SQLite file path (its folder is created), or ':memory:'
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
 * @property {RateLimitOptions} [rateLimit] per client address per operation;
 *   default 120 per 60 000 ms
 * @property {(line: string) => void} [log] receives one line per request (method, path,
 *   status, ms, error code); without it requests are not logged, and unexpected errors go
 *   to console.error
 * @property {string} [redirectAfterSignIn] a same-origin path such as '/account', added as
 *   `redirect` to every sign-in result except a recovery one
 * @property {string | Buffer} [secret] keys the one-time code hashes and the stand-in answers
 *   for unknown identifiers; default random per process (pending codes then die with it)
 * @property {Delivery} [delivery] sends one-time codes; default a dev outbox in memory
 * @property {boolean} [devOutbox] serve `GET {apiBase}/dev/outbox` with what the dev outbox
 *   holds; never in production, as it hands out everyone's codes
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
 *   handler; never rejects
 * @property {Store} store
 * @property {DevOutbox | null} outbox the delivery, when it is a dev outbox
 * @property {{ method: string, path: string, operation: string }[]} operations what the API
 *   answers, paths below apiBase
 * @property {() => void} close closes the database
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
 * Builds the reference backend for `<passkey-login>`.
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
  const passkeys = createPasskeyHandlers({
    store,
    sessions,
    rpID: options.rpID,
    rpName: options.rpName ?? 'passkey-login demo',
    origins,
    challengeTtlMs,
    now,
    redirectAfterSignIn,
  });
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const secret = options.secret ?? randomBytes(32);
  const keyedHash = createKeyedHash(secret);
  const scryptCost = options.scryptCost ?? DEFAULT_SCRYPT_COST;
  const delivery = options.delivery ?? createDevOutbox({ now });
  // Anything with a list, such as a dev outbox that main.js also prints from.
  const outbox =
    'list' in delivery && typeof delivery.list === 'function' ? /** @type {DevOutbox} */ (delivery) : null;
  const account = createAccountHandlers({
    store,
    sessions,
    now,
    scryptCost,
    keyedHash,
    redirectAfterSignIn,
  });
  const codes = createCodeHandlers({
    store,
    sessions,
    now,
    secret,
    keyedHash,
    delivery,
    rpID: options.rpID,
    appName: options.rpName ?? 'passkey-login demo',
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
  if (options.supportAccounts) {
    try {
      applySupportAccounts(store, options.supportAccounts, scryptCost, now());
    } catch (error) {
      store.close();
      throw error;
    }
  }
  const audit = createAudit({ store, now });
  const notify = createNotices({ delivery, reportError: log ?? console.error });
  const support = createSupportHandlers({
    store,
    sessions,
    audit,
    notify,
    now,
    secret,
    appName: options.rpName ?? 'passkey-login demo',
    limits,
  });
  const devices = createDeviceHandlers({
    store,
    sessions,
    notify,
    now,
    appName: options.rpName ?? 'passkey-login demo',
    limits,
    countryHeader: options.countryHeader,
    redirectAfterSignIn,
  });
  const limiter = createRateLimiter(options.rateLimit ?? {}, now);
  const serveStatic = options.staticRoot ? createStaticHandler(options.staticRoot) : null;

  /**
   * @param {string} method
   * @param {string} path below apiBase
   * @param {string} operation the contract's name, also the rate-limit bucket
   * @param {Handler} handler
   */
  const route = (method, path, operation, handler) => ({ method, path, operation, handler });
  const routes = [
    route('POST', '/passkey/registration/options', 'registrationOptions', passkeys.registrationOptions),
    route('POST', '/passkey/registration/verify', 'registrationVerify', passkeys.registrationVerify),
    route('POST', '/passkey/authentication/options', 'authenticationOptions', passkeys.authenticationOptions),
    route('POST', '/passkey/authentication/verify', 'authenticationVerify', passkeys.authenticationVerify),
    route('GET', '/session', 'session', account.session),
    route('POST', '/sign-out', 'signOut', account.signOut),
    route('POST', '/account', 'createAccount', account.createAccount),
    route('POST', '/methods', 'methods', account.methods),
    route('POST', '/code/send', 'codeSend', codes.codeSend),
    route('POST', '/code/verify', 'codeVerify', codes.codeVerify),
    route('POST', '/password/sign-in', 'passwordSignIn', passwords.passwordSignIn),
    route('POST', '/password/set', 'passwordSet', passwords.passwordSet),
    route('GET', '/passkeys', 'passkeys', passkeys.passkeys),
    route('POST', '/recovery/redeem', 'recoveryRedeem', support.recoveryRedeem),
    route('POST', '/support/lookup', 'supportLookup', support.supportLookup),
    route('POST', '/support/passkey/remove', 'supportRemovePasskey', support.supportRemovePasskey),
    route('POST', '/support/recovery-code', 'supportRecoveryCode', support.supportRecoveryCode),
    route('GET', '/support/audit', 'supportAudit', support.supportAudit),
    route('POST', '/device/request', 'deviceRequest', devices.deviceRequest),
    route('GET', '/device/request/{id}', 'deviceRequestStatus', devices.deviceRequestStatus),
    route('POST', '/device/approval/lookup', 'deviceLookup', devices.deviceLookup),
    route('POST', '/device/approval/decide', 'deviceDecide', devices.deviceDecide),
  ];
  if (options.devOutbox) {
    routes.push(
      route('GET', '/dev/outbox', 'devOutbox', async () => ({
        status: 200,
        body: { messages: outbox ? outbox.list() : [] },
      })),
    );
  }

  /**
   * @param {Request} req
   * @param {Response} res
   * @param {string} subpath the path below apiBase
   * @param {URLSearchParams} query
   */
  async function handleApi(req, res, subpath, query) {
    const matches = routes.flatMap((candidate) => {
      const params = matchPath(candidate.path, subpath);
      return params ? [{ ...candidate, params }] : [];
    });
    if (matches.length === 0) throw new Problem('not-found');
    const entry = matches.find((candidate) => candidate.method === req.method);
    if (!entry) {
      const allow = matches.map((candidate) => candidate.method).join(', ');
      throw new Problem('method-not-allowed', { headers: { Allow: allow } });
    }
    limiter.hit(`${entry.operation} ${clientAddress(req)}`);
    /** @type {Record<string, unknown>} */
    let body = {};
    if (req.method !== 'GET') {
      checkCsrf(req, origins());
      body = await readJsonBody(req, BODY_LIMIT);
    }
    const reply = await entry.handler({ req, res, body, params: entry.params, query });
    if (reply.status === 204) {
      res.statusCode = 204;
      res.setHeader('Cache-Control', 'no-store');
      res.end();
    } else {
      sendJson(res, reply.status, reply.body);
    }
  }

  /**
   * @param {Request} req
   * @param {Response} res
   */
  async function handle(req, res) {
    const started = performance.now();
    const path = pathOf(req.url ?? '/');
    const isApi = path === apiBase || path.startsWith(`${apiBase}/`);
    /** @type {string | undefined} */
    let note;
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    try {
      if (isApi) {
        const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
        await handleApi(req, res, path.slice(apiBase.length), query);
      } else if (!(serveStatic && (await serveStatic(req, res, path)))) {
        sendText(res, 404, 'Not found\n');
      }
    } catch (error) {
      if (isApi && error instanceof Problem) {
        note = error.reason ? `${error.code} (${error.reason})` : error.code;
        sendProblem(res, error);
      } else {
        note = 'error';
        // Only failures outside verification land here (those become problems above), so the
        // stack carries no challenge or assertion.
        const detail = error instanceof Error ? error.stack : String(error);
        (log ?? console.error)(`passkey-login demo: ${req.method} ${path} failed: ${detail}`);
        if (res.headersSent) res.destroy();
        else if (isApi) sendProblem(res, new Problem('server-error'));
        else sendText(res, 500, 'Internal server error\n');
      }
    } finally {
      if (log) {
        const ms = Math.round(performance.now() - started);
        // The widget's correlation id, which "Need help?" shows: support finds the requests by it.
        const header = req.headers['x-correlation-id'];
        const ref = typeof header === 'string' && /^[\w-]{1,40}$/.test(header) ? ` ref=${header}` : '';
        log(`${req.method} ${path} ${res.statusCode} ${ms}ms${note ? ` ${note}` : ''}${ref}`);
      }
    }
  }

  return {
    handle,
    store,
    outbox,
    operations: routes.map(({ method, path, operation }) => ({ method, path, operation })),
    close() {
      store.close();
    },
  };
}
