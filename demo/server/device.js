// @ts-check
import { randomBytes } from 'node:crypto';
import { signInResult } from './account.js';
import { accountKey, parseIdentifier } from './contact.js';
import { Problem, clientAddress, createFailureLimit, createRateLimiter } from './http.js';
import { BITS_PER_CHARACTER, normalizeReadableCode, randomReadableCode } from './readable-code.js';
import { describeUserAgent } from './user-agent.js';

/** @typedef {import('./store.js').Store} Store */
/** @typedef {import('./store.js').User} User */
/** @typedef {import('./sessions.js').Sessions} Sessions */
/** @typedef {import('./notices.js').Notify} Notify */
/** @typedef {import('./http.js').Handler} Handler */
/** @typedef {import('./http.js').Request} Request */
/** @typedef {import('./http.js').FailureLimitOptions} FailureLimitOptions */
/** @typedef {import('./http.js').RateLimitOptions} RateLimitOptions */

/**
 * @typedef {object} DeviceLimits
 * @property {number} deviceRequestTtlMs how long a binding code can be approved
 * @property {Required<RateLimitOptions>} deviceRequestsPerAccount requests naming one identifier
 * @property {Required<RateLimitOptions>} deviceRequestsPerClient requests from one client address
 * @property {FailureLimitOptions} deviceCodeFailuresPerAccount wrong binding codes typed by one
 *   signed-in account
 * @property {FailureLimitOptions} deviceCodeFailuresPerClient wrong binding codes from one
 *   client address
 */

/**
 * @typedef {object} DeviceOptions
 * @property {Store} store
 * @property {Sessions} sessions
 * @property {Notify} notify
 * @property {() => number} now
 * @property {string} appName
 * @property {DeviceLimits} limits
 * @property {string} [countryHeader] a header a trusted proxy sets to the client's country
 * @property {string} [redirectAfterSignIn]
 */

/**
 * @typedef {object} DeviceRequest
 * @property {string} id what the requesting browser polls with
 * @property {string} code what the person types on the approving device
 * @property {string} sessionIdHash the requesting browser's session: only it may poll
 * @property {string | null} accountKey the identifier it was asked for, case-folded; null
 *   binds it to whoever approves
 * @property {string | null} browser
 * @property {string | null} os
 * @property {string | null} place ISO 3166-1 alpha-2 country, from `countryHeader`
 * @property {number} createdAt
 * @property {number} expiresAt
 * @property {'pending' | 'approved' | 'denied' | 'used'} status
 * @property {number | null} userId the approving account
 * @property {number} pickUpBy once approved: the requesting browser must poll before then
 */

/** @typedef {'deviceRequest' | 'deviceRequestStatus' | 'deviceLookup' | 'deviceDecide'} DeviceOperation */

// 2 groups of 4 from a 32-character alphabet: 40 bits, typed as `7KQ2-M9XD`. Guessing one means
// hitting one of the few live requests meant for the guesser's own account (or for nobody in
// particular), against the failure limits below.
const GROUPS = 2;
const GROUP_LENGTH = 4;
export const DEVICE_CODE_BITS = GROUPS * GROUP_LENGTH * BITS_PER_CHARACTER;
const POLL_AFTER_SECONDS = 2;
// The requesting browser polls every 2 s; once approved it has this long to collect the session.
const PICK_UP_MS = 2 * 60_000;
// An expired or answered request still answers its poll for a while, then is forgotten.
const FORGET_AFTER_MS = 10 * 60_000;
const MAX_REQUESTS = 10_000;
const REQUEST_ID = /^[A-Za-z0-9_-]{22}$/;

/**
 * "Approve from a device where you're signed in": a new browser asks, shows a short binding
 * code, and polls; a signed-in device types the code, sees what is asking (browser, OS, when,
 * roughly where) and approves or denies.
 *
 * Requests live in memory, not in the database: they last minutes, are polled every 2 s, and
 * hold a secret that need not outlive the process. A restart loses them, and the person asks
 * again. A deployment with several server processes would need them in shared storage.
 *
 * @param {DeviceOptions} options
 * @returns {Record<DeviceOperation, Handler>}
 */
export function createDeviceHandlers(options) {
  const { store, sessions, notify, now, limits } = options;
  const perAccount = createRateLimiter(limits.deviceRequestsPerAccount, now);
  const perClient = createRateLimiter(limits.deviceRequestsPerClient, now);
  const guessesPerAccount = createFailureLimit(limits.deviceCodeFailuresPerAccount, now, 'rate-limited');
  const guessesPerClient = createFailureLimit(limits.deviceCodeFailuresPerClient, now, 'rate-limited');
  /** @type {Map<string, DeviceRequest>} */
  const byId = new Map();
  /** @type {Map<string, DeviceRequest>} */
  const byCode = new Map();
  /** One request per browser session: asking again replaces it. @type {Map<string, DeviceRequest>} */
  const bySession = new Map();

  /** @param {DeviceRequest} request */
  function forget(request) {
    byId.delete(request.id);
    byCode.delete(request.code);
    if (bySession.get(request.sessionIdHash) === request) bySession.delete(request.sessionIdHash);
  }

  function prune() {
    const time = now();
    for (const request of byId.values()) {
      if (Math.max(request.expiresAt, request.pickUpBy) + FORGET_AFTER_MS <= time) forget(request);
    }
  }

  /**
   * @param {Request} req
   * @returns {string | null}
   */
  function placeOf(req) {
    if (!options.countryHeader) return null;
    const value = req.headers[options.countryHeader.toLowerCase()];
    // 'XX' is how proxies say they do not know.
    return typeof value === 'string' && /^[A-Z][A-Z0-9]$/.test(value) && value !== 'XX' ? value : null;
  }

  /**
   * @param {Request} req
   * @returns {User}
   */
  function signedInUser(req) {
    const session = sessions.current(req);
    const user = session?.userId === undefined || session.userId === null ? null : store.findUserById(session.userId);
    if (!user) throw new Problem('unauthenticated');
    return user;
  }

  /**
   * The pending request this signed-in account may answer, by the code typed. A code that
   * matches no request and one for another account are the same wrong code, and both count
   * towards the guessing limits.
   * @param {Request} req
   * @param {User} approver
   * @param {unknown} typed
   */
  function requestFor(req, approver, typed) {
    if (typeof typed !== 'string') throw new Problem('bad-request');
    const client = clientAddress(req);
    const key = `account ${approver.id}`;
    guessesPerClient.check(client);
    guessesPerAccount.check(key);
    const code = normalizeReadableCode(typed, GROUPS, GROUP_LENGTH);
    const request = code === null ? undefined : byCode.get(code);
    if (!request || (request.accountKey !== null && request.accountKey !== accountKey(approver.name))) {
      guessesPerClient.fail(client);
      guessesPerAccount.fail(key);
      throw new Problem('device-code-invalid');
    }
    if (request.status !== 'pending') throw new Problem('device-request-used');
    if (request.expiresAt <= now()) throw new Problem('device-request-expired');
    return request;
  }

  return {
    async deviceRequest({ req, res, body }) {
      const name = body.identifier === undefined || body.identifier === null ? null : parseIdentifier(body.identifier);
      const key = name === null ? null : accountKey(name);
      perClient.hit(clientAddress(req));
      // Whether or not the identifier has an account: the answer must not tell.
      if (key !== null) perAccount.hit(key);
      prune();
      if (byId.size >= MAX_REQUESTS) throw new Problem('rate-limited', { reason: 'device-requests-full' });
      const session = sessions.ensure(req, res);
      const earlier = bySession.get(session.idHash);
      if (earlier) forget(earlier);
      let code = randomReadableCode(GROUPS, GROUP_LENGTH);
      while (byCode.has(code)) code = randomReadableCode(GROUPS, GROUP_LENGTH);
      const time = now();
      /** @type {DeviceRequest} */
      const request = {
        id: randomBytes(16).toString('base64url'),
        code,
        sessionIdHash: session.idHash,
        accountKey: key,
        ...describeUserAgent(req.headers['user-agent']),
        place: placeOf(req),
        createdAt: time,
        expiresAt: time + limits.deviceRequestTtlMs,
        status: 'pending',
        userId: null,
        pickUpBy: 0,
      };
      byId.set(request.id, request);
      byCode.set(code, request);
      bySession.set(session.idHash, request);
      return {
        status: 201,
        body: {
          id: request.id,
          code,
          expiresIn: Math.round(limits.deviceRequestTtlMs / 1000),
          pollAfter: POLL_AFTER_SECONDS,
        },
      };
    },

    async deviceRequestStatus({ req, res, params }) {
      const session = sessions.current(req);
      const request = REQUEST_ID.test(params.id) ? byId.get(params.id) : undefined;
      // Another browser's request is as unknown here as one that never was.
      if (!session || !request || request.sessionIdHash !== session.idHash) {
        throw new Problem('device-request-unknown');
      }
      const time = now();
      if (request.status === 'pending') {
        if (request.expiresAt <= time) return { status: 200, body: { status: 'expired' } };
        return { status: 200, body: { status: 'pending', pollAfter: POLL_AFTER_SECONDS } };
      }
      if (request.status !== 'approved') return { status: 200, body: { status: request.status } };
      const user = request.userId === null ? null : store.findUserById(request.userId);
      if (!user || request.pickUpBy <= time) return { status: 200, body: { status: 'expired' } };
      // Used up before the session is made, so two polls racing cannot both sign in.
      request.status = 'used';
      const next = sessions.signIn(res, session, user.id);
      // The browser's new session may still ask, and is told 'used'.
      bySession.delete(request.sessionIdHash);
      request.sessionIdHash = next.idHash;
      bySession.set(next.idHash, request);
      return {
        status: 200,
        body: { status: 'approved', ...signInResult(user, options.redirectAfterSignIn) },
      };
    },

    async deviceLookup({ req, body }) {
      const approver = signedInUser(req);
      const request = requestFor(req, approver, body.code);
      return {
        status: 200,
        body: {
          account: { name: approver.name },
          browser: request.browser,
          os: request.os,
          requestedAt: new Date(request.createdAt).toISOString(),
          place: request.place,
          expiresIn: Math.max(1, Math.ceil((request.expiresAt - now()) / 1000)),
        },
      };
    },

    async deviceDecide({ req, body }) {
      const approver = signedInUser(req);
      const { decision } = body;
      if (decision !== 'approve' && decision !== 'deny') throw new Problem('bad-request');
      const request = requestFor(req, approver, body.code);
      if (decision === 'deny') {
        request.status = 'denied';
        return { status: 200, body: { status: 'denied' } };
      }
      const time = now();
      request.status = 'approved';
      request.userId = approver.id;
      request.pickUpBy = time + PICK_UP_MS;
      const device = [request.browser ?? 'A browser', request.os ? `on ${request.os}` : ''].filter(Boolean).join(' ');
      // Never the binding code: whoever reads this mail could otherwise approve with it.
      notify(
        approver,
        'A new device signed in to your account',
        `${device} signed in to ${approver.name} on ${options.appName} at ` +
          `${new Date(time).toUTCString()}, approved from a device where you were already signed in. ` +
          'If that was not you, contact support.',
      );
      return { status: 200, body: { status: 'approved' } };
    },
  };
}
