// @ts-check
import { randomBytes } from 'node:crypto';
import { signInResult } from './account.js';
import { clientKey } from './client-address.js';
import { accountKey, parseIdentifier } from './contact.js';
import { Problem } from './problems.js';
import { BITS_PER_CHARACTER, normalizeReadableCode, randomReadableCode } from './readable-code.js';
import { describeUserAgent } from './user-agent.js';

/** @typedef {import('./store.js').Store} Store */
/** @typedef {import('./store.js').User} User */
/** @typedef {import('./store.js').DeviceRequest} DeviceRequest */
/** @typedef {import('./sessions.js').Sessions} Sessions */
/** @typedef {import('./notices.js').Notify} Notify */
/** @typedef {import('./audit.js').Audit} Audit */
/** @typedef {import('./app.js').Handler} Handler */
/** @typedef {import('fastify').FastifyRequest} Request */
/** @typedef {import('./limits.js').FailureLimitOptions} FailureLimitOptions */
/** @typedef {import('./limits.js').RateLimitOptions} RateLimitOptions */

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
 * @property {Audit} audit
 * @property {() => number} now
 * @property {string} appName
 * @property {DeviceLimits} limits
 * @property {string} [countryHeader] a header a trusted proxy sets to the client's country
 * @property {string} [redirectAfterSignIn]
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
const MAX_REQUESTS = 100_000;
const REQUEST_ID = /^[A-Za-z0-9_-]{22}$/;

/**
 * "Approve from a device where you're signed in": a new browser asks, shows a short binding
 * code, and polls; a signed-in device types the code, sees what is asking (browser, OS, when,
 * roughly where) and approves or denies.
 *
 * Requests live in the database like every other pending secret, so any server process can
 * answer the poll, the lookup or the decision, and a restart loses none. A support account
 * never approves one: the requester would get a support session by a weaker way in than the
 * support account's own.
 *
 * @param {DeviceOptions} options
 * @returns {Record<DeviceOperation, Handler>}
 */
export function createDeviceHandlers(options) {
  const { store, sessions, audit, notify, now, limits } = options;

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
   * @returns {Promise<User>}
   */
  async function signedInUser(req) {
    const user = (await sessions.currentWithUser(req))?.user ?? null;
    if (!user) throw new Problem('unauthenticated');
    return user;
  }

  /**
   * The pending request this signed-in account may answer, by the code typed. A code that
   * matches no request and one for another account are the same wrong code, and both count
   * towards the guessing limits, before the lookup.
   * @param {Request} req
   * @param {User} approver
   * @param {unknown} typed
   * @returns {Promise<DeviceRequest>}
   */
  async function requestFor(req, approver, typed) {
    if (typeof typed !== 'string') throw new Problem('bad-request');
    const keys = [
      { key: `device guesses client ${clientKey(req)}`, options: limits.deviceCodeFailuresPerClient },
      { key: `device guesses account ${approver.id}`, options: limits.deviceCodeFailuresPerAccount },
    ];
    const refused = await store.limits.attempt(keys, now(), 'rate-limited');
    if (refused) throw refused;
    const code = normalizeReadableCode(typed, GROUPS, GROUP_LENGTH);
    const request = code === null ? null : await store.findDeviceRequestByCode(code);
    if (!request || (request.accountKey !== null && request.accountKey !== accountKey(approver.name))) {
      throw new Problem('device-code-invalid');
    }
    // A right code is not a guess.
    for (const { key } of keys) await store.limits.giveBack(key);
    if (request.status !== 'pending') throw new Problem('device-request-used');
    if (request.expiresAt <= now()) throw new Problem('device-request-expired');
    return request;
  }

  /**
   * @param {Request} req
   * @param {User} approver
   * @param {'lookup' | 'approve' | 'deny'} what
   */
  async function refusePrivileged(req, approver, what) {
    if (approver.role === 'user') return;
    await audit.record(req, { action: 'device-approval-refused', actor: approver, target: approver, detail: `${what}: support account` });
    throw new Problem('forbidden', { reason: 'support-account' });
  }

  return {
    async deviceRequest({ req, res, body }) {
      const name = body.identifier === undefined || body.identifier === null ? null : parseIdentifier(body.identifier);
      const key = name === null ? null : accountKey(name);
      const time = now();
      await store.limits.hit(`device requests client ${clientKey(req)}`, limits.deviceRequestsPerClient, time);
      // Whether or not the identifier has an account: the answer must not tell.
      if (key !== null) await store.limits.hit(`device requests account ${key}`, limits.deviceRequestsPerAccount, time);
      if ((await store.countDeviceRequests(time)) >= MAX_REQUESTS) {
        throw new Problem('rate-limited', { reason: 'device-requests-full' });
      }
      const session = await sessions.ensure(req, res);
      const code = randomReadableCode(GROUPS, GROUP_LENGTH);
      const expiresAt = time + limits.deviceRequestTtlMs;
      /** @type {DeviceRequest} */
      const request = {
        id: randomBytes(16).toString('base64url'),
        code,
        sessionIdHash: session.idHash,
        accountKey: key,
        ...describeUserAgent(req.headers['user-agent']),
        place: placeOf(req),
        createdAt: time,
        expiresAt,
        status: 'pending',
        userId: null,
        pickUpBy: 0,
        forgetAt: expiresAt + FORGET_AFTER_MS,
      };
      // 40 bits among the few live requests: a clash is all but impossible, and the unique index
      // refuses it if it happens, as a failed request the person simply repeats.
      await store.saveDeviceRequest(request);
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
      const session = await sessions.current(req);
      if (!session || !REQUEST_ID.test(params.id)) throw new Problem('device-request-unknown');
      const outcome = await store.transaction(async (tx) => {
        const request = await tx.findDeviceRequest(params.id);
        // Another browser's request is as unknown here as one that never was.
        if (!request || request.sessionIdHash !== session.idHash) return { problem: new Problem('device-request-unknown') };
        const time = now();
        if (request.status === 'pending') {
          if (request.expiresAt <= time) return { body: { status: 'expired' } };
          return { body: { status: 'pending', pollAfter: POLL_AFTER_SECONDS } };
        }
        if (request.status !== 'approved') return { body: { status: request.status } };
        const user = request.userId === null ? null : await tx.findUserById(request.userId);
        if (!user || user.role !== 'user' || request.pickUpBy <= time) return { body: { status: 'expired' } };
        // Used up before the session is made, so two polls racing cannot both sign in.
        if (!(await tx.moveDeviceRequest(request.id, 'approved', { status: 'used' }))) return { body: { status: 'used' } };
        // The browser's new session may still ask, and is told 'used' (the request moves with it).
        await sessions.signIn(res, session, user.id, null, tx);
        return { body: { status: 'approved', ...signInResult(user, options.redirectAfterSignIn) } };
      });
      if (outcome.problem) throw outcome.problem;
      return { status: 200, body: outcome.body };
    },

    async deviceLookup({ req, body }) {
      const approver = await signedInUser(req);
      await refusePrivileged(req, approver, 'lookup');
      const request = await requestFor(req, approver, body.code);
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
      const approver = await signedInUser(req);
      const { decision } = body;
      if (decision !== 'approve' && decision !== 'deny') throw new Problem('bad-request');
      await refusePrivileged(req, approver, decision);
      const request = await requestFor(req, approver, body.code);
      const device = [request.browser ?? 'A browser', request.os ? `on ${request.os}` : ''].filter(Boolean).join(' ');
      const time = now();
      const moved =
        decision === 'deny'
          ? await store.moveDeviceRequest(request.id, 'pending', { status: 'denied' })
          : await store.moveDeviceRequest(request.id, 'pending', { status: 'approved', userId: approver.id, pickUpBy: time + PICK_UP_MS, forgetAt: Math.max(request.forgetAt, time + PICK_UP_MS + FORGET_AFTER_MS) });
      // Another decision on the same code got there first.
      if (!moved) throw new Problem('device-request-used');
      await audit.record(req, {
        action: decision === 'deny' ? 'device-denied' : 'device-approved',
        actor: approver,
        target: approver,
        detail: `${device}${request.place ? ` from ${request.place}` : ''}, requested ${new Date(request.createdAt).toISOString()}`,
      });
      if (decision === 'deny') return { status: 200, body: { status: 'denied' } };
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
