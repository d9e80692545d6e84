// @ts-check
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { methodsOf, signInResult } from './account.js';
import { accountKey, parseIdentifier } from './contact.js';
import { Problem, clientAddress, createFailureLimit } from './http.js';
import { passkeyView } from './passkeys.js';
import { hashPasswordSync, parsePassword } from './passwords.js';
import { BITS_PER_CHARACTER, normalizeReadableCode, randomReadableCode } from './readable-code.js';

/** @typedef {import('./store.js').Store} Store */
/** @typedef {import('./store.js').User} User */
/** @typedef {import('./sessions.js').Sessions} Sessions */
/** @typedef {import('./audit.js').Audit} Audit */
/** @typedef {import('./notices.js').Notify} Notify */
/** @typedef {import('./http.js').Handler} Handler */
/** @typedef {import('./http.js').Request} Request */
/** @typedef {import('./http.js').FailureLimitOptions} FailureLimitOptions */
/** @typedef {import('./passwords.js').ScryptCost} ScryptCost */

/**
 * @typedef {object} SupportLimits
 * @property {number} recoveryCodeTtlMs how long a recovery code from support stays valid
 * @property {FailureLimitOptions} recoveryFailuresPerAccount wrong recovery codes per identifier
 * @property {FailureLimitOptions} recoveryFailuresPerClient wrong recovery codes per client
 *   address
 * @property {number} recoveryMs how long a recovery sign-in may set a password
 */

/**
 * @typedef {object} SupportOptions
 * @property {Store} store
 * @property {Sessions} sessions
 * @property {Audit} audit
 * @property {Notify} notify
 * @property {() => number} now
 * @property {string | Buffer} secret keys the recovery code HMAC
 * @property {string} appName
 * @property {SupportLimits} limits
 */

/**
 * @typedef {'supportLookup' | 'supportRemovePasskey' | 'supportRecoveryCode' | 'supportAudit'
 *   | 'recoveryRedeem'} SupportOperation
 */

// 3 groups of 4 from a 32-character alphabet: 60 bits, read out as `7KQ2-M9XD-4TNB`.
const GROUPS = 3;
const GROUP_LENGTH = 4;
export const RECOVERY_CODE_BITS = GROUPS * GROUP_LENGTH * BITS_PER_CHARACTER;
const DEFAULT_AUDIT_LIMIT = 50;
const MAX_AUDIT_LIMIT = 500;

/**
 * Creates or updates the support accounts from the app options, at start-up.
 * @param {Store} store
 * @param {readonly { identifier: string, password: string }[]} accounts every support
 *   account: any other account that had the role loses it
 * @param {ScryptCost} cost
 * @param {number} now
 */
export function applySupportAccounts(store, accounts, cost, now) {
  const hashed = accounts.map(({ identifier, password }) => {
    let name;
    let checked;
    try {
      name = parseIdentifier(identifier);
      checked = parsePassword(password);
    } catch {
      throw new TypeError(`supportAccounts: ${JSON.stringify(identifier)} needs an identifier of 1 to 64 characters and a password of at least 8`);
    }
    return { name, passwordHash: hashPasswordSync(checked, cost), handle: randomBytes(32).toString('base64url') };
  });
  store.syncSupportAccounts(hashed, now);
}

/**
 * Support-assisted recovery: what a support agent can do for an account (look it up, remove a
 * passkey, issue a one-time recovery code), the audit log of it, and the account owner's
 * redemption of that code.
 *
 * @param {SupportOptions} options
 * @returns {Record<SupportOperation, Handler>}
 */
export function createSupportHandlers(options) {
  const { store, sessions, audit, notify, now, limits } = options;
  const perAccount = createFailureLimit(limits.recoveryFailuresPerAccount, now, 'rate-limited');
  const perClient = createFailureLimit(limits.recoveryFailuresPerClient, now, 'rate-limited');

  /**
   * Keyed by the account too, so a hash copied from one row says nothing about another.
   * @param {number} userId
   * @param {string} code normalized
   */
  const codeHash = (userId, code) =>
    createHmac('sha256', options.secret).update(`recovery\0${userId}\0${code}`).digest('hex');

  /**
   * The signed-in support user, or a refusal that is itself written to the audit log: someone
   * probing these operations is what the log is for.
   * @param {Request} req
   * @param {SupportOperation} operation
   * @returns {User}
   */
  function requireSupport(req, operation) {
    const session = sessions.current(req);
    const user = session?.userId === undefined || session.userId === null ? null : store.findUserById(session.userId);
    if (!user) {
      audit.record(req, { action: 'support-refused', detail: `${operation}: not signed in` });
      throw new Problem('unauthenticated');
    }
    if (user.role !== 'support') {
      audit.record(req, { action: 'support-refused', actor: user, detail: `${operation}: not support` });
      throw new Problem('forbidden');
    }
    return user;
  }

  /**
   * @param {unknown} identifier
   * @returns {User}
   */
  function findAccount(identifier) {
    const user = store.findUserByName(parseIdentifier(identifier));
    if (!user) throw new Problem('unknown-account');
    return user;
  }

  /**
   * One agent must not take over another's account (or act on their own through the back
   * door): support accounts are managed in the server's configuration only.
   * @param {User} target
   */
  function refuseSupportTarget(target) {
    if (target.role === 'support') throw new Problem('forbidden', { reason: 'support-target' });
  }

  /** @param {User} user */
  function accountView(user) {
    const pending = store.findRecoveryCode(user.id);
    const live = pending && pending.expiresAt > now() ? pending : null;
    return {
      id: user.handle,
      name: user.name,
      role: user.role,
      createdAt: new Date(user.createdAt).toISOString(),
      methods: methodsOf(store, user),
      passkeys: store.listCredentials(user.id).map(passkeyView),
      recoveryCode: live ? { expiresAt: new Date(live.expiresAt).toISOString() } : null,
    };
  }

  return {
    async supportLookup({ req, body }) {
      const agent = requireSupport(req, 'supportLookup');
      const user = findAccount(body.identifier);
      audit.record(req, { action: 'account-looked-up', actor: agent, target: user });
      return { status: 200, body: accountView(user) };
    },

    async supportRemovePasskey({ req, body }) {
      const agent = requireSupport(req, 'supportRemovePasskey');
      const user = findAccount(body.identifier);
      if (typeof body.credentialId !== 'string') throw new Problem('bad-request');
      refuseSupportTarget(user);
      if (!store.removeCredential(user.id, body.credentialId)) throw new Problem('unknown-credential');
      audit.record(req, {
        action: 'passkey-removed',
        actor: agent,
        target: user,
        detail: `passkey ${body.credentialId.slice(0, 64)}`,
      });
      return { status: 200, body: accountView(user) };
    },

    async supportRecoveryCode({ req, body }) {
      const agent = requireSupport(req, 'supportRecoveryCode');
      const user = findAccount(body.identifier);
      refuseSupportTarget(user);
      const code = randomReadableCode(GROUPS, GROUP_LENGTH);
      const time = now();
      const expiresAt = time + limits.recoveryCodeTtlMs;
      // One per account: this replaces, and so invalidates, any earlier one.
      store.replaceRecoveryCode({
        userId: user.id,
        codeHash: codeHash(user.id, code),
        issuedBy: agent.id,
        createdAt: time,
        expiresAt,
      });
      audit.record(req, {
        action: 'recovery-code-issued',
        actor: agent,
        target: user,
        detail: `valid until ${new Date(expiresAt).toISOString()}`,
      });
      // The only place the code ever appears: not in the database, the log or any message.
      return {
        status: 201,
        body: {
          code,
          expiresAt: new Date(expiresAt).toISOString(),
          expiresIn: Math.round(limits.recoveryCodeTtlMs / 1000),
        },
      };
    },

    async supportAudit({ req, query }) {
      requireSupport(req, 'supportAudit');
      const raw = query.get('limit');
      const limit = raw === null ? DEFAULT_AUDIT_LIMIT : Number(raw);
      if (!/^\d+$/.test(raw ?? '0') || limit < 1 || limit > MAX_AUDIT_LIMIT) throw new Problem('bad-request');
      const entries = store.latestAudit(limit).map(({ at, detail, userAgent, ...entry }) => ({
        ...entry,
        at: new Date(at).toISOString(),
        ...(detail === null ? {} : { detail }),
        ...(userAgent === null ? {} : { userAgent }),
      }));
      return { status: 200, body: { entries } };
    },

    async recoveryRedeem({ req, res, body }) {
      const name = parseIdentifier(body.identifier);
      if (typeof body.code !== 'string') throw new Problem('bad-request');
      const key = accountKey(name);
      const client = clientAddress(req);
      perClient.check(client);
      perAccount.check(key);
      // The same steps for an unknown identifier, an account without a code and a wrong code,
      // so neither the answer nor its timing says which it was.
      const user = store.findUserByName(name);
      const pending = user ? store.findRecoveryCode(user.id) : null;
      const typed = normalizeReadableCode(body.code, GROUPS, GROUP_LENGTH) ?? '';
      const hash = codeHash(user?.id ?? 0, typed);
      const matches =
        pending !== null &&
        typed !== '' &&
        timingSafeEqual(Buffer.from(hash), Buffer.from(pending.codeHash));
      const live = matches && pending.expiresAt > now() && user?.role === 'user';
      // Taken in one statement: of two redemptions racing, one wins.
      if (!user || !live || !store.takeRecoveryCode(user.id, hash)) {
        if (user && pending && pending.expiresAt <= now()) store.deleteRecoveryCode(user.id);
        perClient.fail(client);
        perAccount.fail(key);
        audit.record(req, { action: 'recovery-code-refused', target: user });
        throw new Problem('recovery-code-invalid');
      }
      perAccount.reset(key);
      sessions.signIn(res, sessions.current(req), user.id, now() + limits.recoveryMs);
      audit.record(req, { action: 'recovery-code-redeemed', target: user });
      notify(
        user,
        `Your ${options.appName} account was recovered`,
        `Someone signed in to ${user.name} just now with a recovery code from support. If that ` +
          'was not you, contact support straight away.',
      );
      return { status: 200, body: { ...signInResult(user), recovery: true } };
    },
  };
}
