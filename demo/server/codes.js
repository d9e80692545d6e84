// @ts-check
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { signInResult } from './account.js';
import { clientKey } from './client-address.js';
import {
  accountKey,
  fakeDestination,
  maskEmail,
  maskPhone,
  parseIdentifier,
} from './contact.js';
import { Problem, retryAfter } from './problems.js';

/** @typedef {import('./store.js').Store} Store */
/** @typedef {import('./sessions.js').Sessions} Sessions */
/** @typedef {import('./app.js').Handler} Handler */
/** @typedef {import('./limits.js').FailureLimitOptions} FailureLimitOptions */
/** @typedef {import('./limits.js').RateLimitOptions} RateLimitOptions */
/** @typedef {import('./outbox.js').Delivery} Delivery */
/** @typedef {import('./contact.js').DestinationMix} DestinationMix */

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

// Stand-ins draw on the domains and country codes real accounts have, but only those several
// accounts share, and the tally is refreshed now and then rather than on every send.
const MIX_MIN_ACCOUNTS = 3;
const MIX_REFRESH_MS = 10 * 60_000;

/**
 * The `codeSend` and `codeVerify` operations.
 *
 * @param {CodeOptions} options
 * @returns {Record<'codeSend' | 'codeVerify', Handler>}
 */
export function createCodeHandlers(options) {
  const { store, sessions, now, keyedHash, delivery, limits } = options;
  // Which secret keyed a code: after a restart with another secret (the default is random per
  // process) a pending code is reported expired, not wrong.
  const secretId = createHmac('sha256', options.secret).update('secret-id').digest('hex').slice(0, 16);
  /** @type {{ mix: DestinationMix, at: number } | null} */
  let mixCache = null;

  /**
   * Keyed by the session too, so a code hash copied out of the database is useless even to
   * someone holding the secret but not that browser's cookie.
   * @param {string} sessionIdHash
   * @param {string} code
   */
  const codeHash = (sessionIdHash, code) =>
    createHmac('sha256', options.secret).update(`code\0${sessionIdHash}\0${code}`).digest('hex');

  async function destinationMix() {
    const time = Date.now();
    if (!mixCache || time - mixCache.at > MIX_REFRESH_MS) {
      mixCache = { mix: await store.destinationMix(MIX_MIN_ACCOUNTS), at: time };
    }
    return mixCache.mix;
  }

  return {
    async codeSend({ req, res, body }) {
      const name = parseIdentifier(body.identifier);
      const { channel, purpose } = body;
      if (channel !== 'email' && channel !== 'sms') throw new Problem('bad-request');
      if (purpose !== 'sign-in' && purpose !== 'recovery') throw new Problem('bad-request');
      const key = accountKey(name);
      const time = now();
      const mix = await destinationMix();
      // Every step below runs whether or not the account exists or has this channel, so
      // neither the answer nor its timing says which; only delivery differs, and it is not
      // awaited. A support account never signs in by code (a weaker way in than its own), so
      // it is answered like an account without the channel. One transaction: one commit for the
      // limits, the session and the code, and a refusal leaves none of them half done.
      const failures = `code failures ${key}`;
      const cooldownKey = `code cooldown ${key} ${channel}`;
      const clientSends = `code sends client ${clientKey(req)}`;
      const accountSends = `code sends account ${key}`;
      const { to, code } = await store.transaction(async (tx) => {
        // This browser's pending code first, then the limits, as codeVerify takes them: a send
        // and a verify of one browser at once queue on the code's row rather than each holding
        // a row the other waits for (on PostgreSQL, a deadlock broken only after a second).
        const idHash = sessions.tokenHash(req);
        if (idHash) await tx.findCode(idHash);
        await tx.limits.lock([failures, cooldownKey, clientSends, accountSends]);
        const locked = await tx.limits.lockedFor(failures, time);
        if (locked > 0) throw new Problem('account-locked', { headers: retryAfter(locked) });
        const cooldown = await tx.limits.cooldownLeft(cooldownKey, time);
        if (cooldown > 0) throw new Problem('resend-too-soon', { headers: retryAfter(cooldown) });
        await tx.limits.hit(clientSends, limits.sendsPerClient, time);
        await tx.limits.hit(accountSends, limits.sendsPerAccount, time);
        const user = await tx.findUserByName(name);
        const address = (user?.role === 'user' ? (channel === 'email' ? user.email : user.phone) : null) ?? null;
        const session = await sessions.ensure(req, res, tx);
        const secretCode = String(randomInt(0, 10 ** LENGTH)).padStart(LENGTH, '0');
        await tx.replaceCode({
          sessionIdHash: session.idHash,
          userId: user && address ? user.id : null,
          accountKey: key,
          purpose,
          channel,
          codeHash: codeHash(session.idHash, secretCode),
          secretId,
          createdAt: time,
          expiresAt: time + limits.ttlMs,
        });
        await tx.limits.startCooldown(cooldownKey, time + limits.resendCooldownMs);
        return { to: address, code: secretCode };
      });
      const fake = fakeDestination(keyedHash('destination', key), channel, name, mix);
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
      const typed = body.code.replace(/\s/g, '');
      const session = await sessions.current(req);
      // A code asked for by another browser is not looked for: this session has none.
      if (!session) throw new Problem('code-invalid', { reason: 'no-pending-code', extensions: { triesLeft: 0 } });
      // One transaction, the code's row and the account's failure count locked: two guesses at
      // once are counted one after the other. Refusals are returned, not thrown, so what they
      // counted commits.
      const outcome = await store.transaction(async (tx) => {
        const pending = await tx.findCode(session.idHash);
        if (!pending) {
          return { problem: new Problem('code-invalid', { reason: 'no-pending-code', extensions: { triesLeft: 0 } }) };
        }
        const failures = `code failures ${pending.accountKey}`;
        const time = now();
        const locked = await tx.limits.lockedFor(failures, time);
        if (locked > 0) return { problem: new Problem('account-locked', { headers: retryAfter(locked) }) };
        if (pending.expiresAt <= time || pending.secretId !== secretId) {
          await tx.deleteCode(pending.id);
          return { problem: new Problem('code-expired', { reason: pending.secretId === secretId ? 'time' : 'other-secret' }) };
        }
        // Hashed and compared for a stand-in code too, which can never match: the same work either way.
        const correct =
          /^\d+$/.test(typed) &&
          timingSafeEqual(Buffer.from(codeHash(session.idHash, typed)), Buffer.from(pending.codeHash));
        const found = correct && pending.userId !== null ? await tx.findUserById(pending.userId) : null;
        const user = found?.role === 'user' ? found : null;
        if (!user) {
          const tries = await tx.countCodeFailure(pending.id);
          const lockMs = await tx.limits.fail(failures, limits.accountFailures, time);
          if (lockMs > 0) {
            await tx.deleteCode(pending.id);
            return { problem: new Problem('account-locked', { headers: retryAfter(lockMs) }) };
          }
          if (tries >= limits.maxTries) {
            await tx.deleteCode(pending.id);
            return { problem: new Problem('too-many-tries') };
          }
          return { problem: new Problem('code-invalid', { extensions: { triesLeft: limits.maxTries - tries } }) };
        }
        await tx.deleteCode(pending.id);
        await tx.limits.reset(failures);
        // The email or phone given at sign-up is proven now: what was set up before that proof
        // (a password, passkeys, sessions: possibly by someone else) goes.
        await tx.proveContact(user.id, session.idHash);
        const recovery = pending.purpose === 'recovery';
        await sessions.signIn(res, session, user.id, recovery ? time + limits.recoveryMs : null, tx);
        return { user: await tx.findUserById(user.id) ?? user, recovery };
      });
      if (outcome.problem) throw outcome.problem;
      const { user, recovery } = /** @type {{ user: import('./store.js').User, recovery: boolean }} */ (outcome);
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
