// @ts-check
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { signInResult } from './account.js';
import {
  accountKey,
  fakeDestination,
  maskEmail,
  maskPhone,
  parseIdentifier,
} from './contact.js';
import {
  Problem,
  clientAddress,
  createFailureLimit,
  createRateLimiter,
  retryAfter,
} from './http.js';

/** @typedef {import('./store.js').Store} Store */
/** @typedef {import('./sessions.js').Sessions} Sessions */
/** @typedef {import('./http.js').Handler} Handler */
/** @typedef {import('./http.js').FailureLimitOptions} FailureLimitOptions */
/** @typedef {import('./http.js').RateLimitOptions} RateLimitOptions */
/** @typedef {import('./outbox.js').Delivery} Delivery */

/**
 * @typedef {object} CodeLimits
 * @property {number} ttlMs how long a code is valid
 * @property {number} maxTries wrong answers that burn a code
 * @property {number} resendCooldownMs per identifier and channel
 * @property {Required<RateLimitOptions>} sendsPerAccount
 * @property {Required<RateLimitOptions>} sendsPerClient
 * @property {FailureLimitOptions} accountFailures wrong codes across resends before code
 *   sign-in is paused for the account
 * @property {number} recoveryMs how long a recovery sign-in may set a password
 */

/**
 * @typedef {object} CodeOptions
 * @property {Store} store
 * @property {Sessions} sessions
 * @property {() => number} now
 * @property {string | Buffer} secret keys the code HMAC
 * @property {(label: string, value: string) => Buffer} keyedHash
 * @property {Delivery} delivery
 * @property {string} rpID the host in the SMS's origin-bound line
 * @property {string} appName
 * @property {CodeLimits} limits
 * @property {(line: string) => void} reportError for delivery failures; never gets the message
 * @property {string} [redirectAfterSignIn]
 */

const LENGTH = 6;

/**
 * @param {string} code
 * @param {number} minutes
 * @param {string} appName
 * @param {'sign-in' | 'recovery'} purpose
 */
function emailMessage(code, minutes, appName, purpose) {
  const what = purpose === 'recovery' ? 'recover your account' : 'sign in';
  return {
    subject: `${code} is your ${appName} code`,
    text:
      `Enter ${code} to ${what}. It works for ${minutes} minutes, once.\n\n` +
      'If you did not ask for this code, you can ignore this email: nobody can use it without ' +
      'also having this inbox.',
  };
}

/**
 * The origin-bound format (WICG sms-one-time-codes): browsers offer the code only on a page of
 * that host, so a look-alike site cannot autofill it.
 * @param {string} code
 * @param {string} appName
 * @param {string} host
 */
function smsText(code, appName, host) {
  return `${code} is your ${appName} code.\n\n@${host} #${code}`;
}

/**
 * The `codeSend` and `codeVerify` operations.
 *
 * @param {CodeOptions} options
 * @returns {Record<'codeSend' | 'codeVerify', Handler>}
 */
export function createCodeHandlers(options) {
  const { store, sessions, now, keyedHash, delivery, limits } = options;
  const perAccount = createRateLimiter(limits.sendsPerAccount, now);
  const perClient = createRateLimiter(limits.sendsPerClient, now);
  const failures = createFailureLimit(limits.accountFailures, now, 'account-locked');
  /** @type {Map<string, number>} */
  const cooldowns = new Map();

  /**
   * Keyed by the session too, so a code hash copied out of the database is useless even to
   * someone holding the secret but not that browser's cookie.
   * @param {string} sessionIdHash
   * @param {string} code
   */
  const codeHash = (sessionIdHash, code) =>
    createHmac('sha256', options.secret).update(`code\0${sessionIdHash}\0${code}`).digest('hex');

  /** @param {string} key */
  function checkCooldown(key) {
    const time = now();
    if (cooldowns.size > 10_000) {
      for (const [name, until] of cooldowns) if (until <= time) cooldowns.delete(name);
    }
    const until = cooldowns.get(key) ?? 0;
    if (until > time) throw new Problem('resend-too-soon', { headers: retryAfter(until - time) });
  }

  return {
    async codeSend({ req, res, body }) {
      const name = parseIdentifier(body.identifier);
      const { channel, purpose } = body;
      if (channel !== 'email' && channel !== 'sms') throw new Problem('bad-request');
      if (purpose !== 'sign-in' && purpose !== 'recovery') throw new Problem('bad-request');
      const key = accountKey(name);
      failures.check(key);
      checkCooldown(`${key} ${channel}`);
      perClient.hit(clientAddress(req));
      perAccount.hit(key);

      // Every step below runs whether or not the account exists or has this channel, so
      // neither the answer nor its timing says which; only delivery differs, and it is not
      // awaited.
      const user = store.findUserByName(name);
      const to = (channel === 'email' ? user?.email : user?.phone) ?? null;
      const session = sessions.ensure(req, res);
      const code = String(randomInt(0, 10 ** LENGTH)).padStart(LENGTH, '0');
      const time = now();
      store.replaceCode({
        sessionIdHash: session.idHash,
        userId: user && to ? user.id : null,
        accountKey: key,
        purpose,
        channel,
        codeHash: codeHash(session.idHash, code),
        createdAt: time,
        expiresAt: time + limits.ttlMs,
      });
      cooldowns.set(`${key} ${channel}`, time + limits.resendCooldownMs);
      const fake = fakeDestination(keyedHash('destination', key), channel, name);
      if (to) {
        /** @type {import('./outbox.js').OutgoingMessage} */
        const message =
          channel === 'email'
            ? { channel, to, ...emailMessage(code, Math.round(limits.ttlMs / 60_000), options.appName, purpose) }
            : { channel, to, text: smsText(code, options.appName, options.rpID) };
        Promise.resolve()
          .then(() => delivery.send(message))
          .catch((/** @type {unknown} */ error) => {
            // The error's message could quote the text it failed to send, code included.
            const kind = error instanceof Error ? error.name : typeof error;
            options.reportError(`passkey-login demo: ${channel} delivery failed (${kind})`);
          });
      }
      return {
        status: 200,
        body: {
          channel,
          destination: to ? (channel === 'email' ? maskEmail(to) : maskPhone(to)) : fake,
          expiresIn: Math.round(limits.ttlMs / 1000),
          resendAfter: Math.ceil(limits.resendCooldownMs / 1000),
          length: LENGTH,
        },
      };
    },

    async codeVerify({ req, res, body }) {
      if (typeof body.code !== 'string') throw new Problem('bad-request');
      const session = sessions.current(req);
      const pending = session ? store.findCode(session.idHash) : null;
      // A code asked for by another browser is not looked for: this session has none.
      if (!session || !pending) {
        throw new Problem('code-invalid', { reason: 'no-pending-code', extensions: { triesLeft: 0 } });
      }
      failures.check(pending.accountKey);
      if (pending.expiresAt <= now()) {
        store.deleteCode(pending.id);
        throw new Problem('code-expired');
      }
      const typed = body.code.replace(/\s/g, '');
      // Hashed and compared for a stand-in code too, which can never match: the same work either way.
      const correct =
        /^\d+$/.test(typed) &&
        timingSafeEqual(Buffer.from(codeHash(session.idHash, typed)), Buffer.from(pending.codeHash));
      const user = correct && pending.userId !== null ? store.findUserById(pending.userId) : null;
      if (!user) {
        const tries = store.countCodeFailure(pending.id);
        if (failures.fail(pending.accountKey)) {
          store.deleteCode(pending.id);
          throw new Problem('account-locked', { headers: retryAfter(failures.lockedFor(pending.accountKey)) });
        }
        if (tries >= limits.maxTries) {
          store.deleteCode(pending.id);
          throw new Problem('too-many-tries');
        }
        throw new Problem('code-invalid', { extensions: { triesLeft: limits.maxTries - tries } });
      }
      store.deleteCode(pending.id);
      failures.reset(pending.accountKey);
      const recovery = pending.purpose === 'recovery';
      sessions.signIn(res, session, user.id, recovery ? now() + limits.recoveryMs : null);
      return {
        status: 200,
        body: {
          ...signInResult(user, recovery ? undefined : options.redirectAfterSignIn),
          ...(recovery ? { recovery: true } : {}),
        },
      };
    },
  };
}
