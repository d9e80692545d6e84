// @ts-check
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { methodsOf, signInResult } from './account.js';
import { clientKey } from './client-address.js';
import { accountKey, parseIdentifier, revealUnusual } from './contact.js';
import { passkeyView } from './passkeys.js';
import { hashPasswordSync, parsePassword, verifyPasswordSync } from './passwords.js';
import { Problem } from './problems.js';
import { BITS_PER_CHARACTER, normalizeReadableCode, randomReadableCode } from './readable-code.js';

/** @typedef {import('./store.js').Store} Store */
/** @typedef {import('./store.js').User} User */
/** @typedef {import('./sessions.js').Sessions} Sessions */
/** @typedef {import('./audit.js').Audit} Audit */
/** @typedef {import('./notices.js').Notify} Notify */
/** @typedef {import('./app.js').Handler} Handler */
/** @typedef {import('fastify').FastifyRequest} Request */
/** @typedef {import('./limits.js').FailureLimitOptions} FailureLimitOptions */
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
 * Checks the support accounts of the app options, at start-up, before anything is opened.
 * @param {readonly { identifier: string, password: string }[]} accounts
 * @returns {{ name: string, password: string }[]}
 */
export function checkSupportAccounts(accounts) {
  return accounts.map(({ identifier, password }) => {
    try {
      return { name: parseIdentifier(identifier), password: parsePassword(password) };
    } catch {
      throw new TypeError(
        `supportAccounts: ${JSON.stringify(identifier)} needs an identifier of 1 to 64 characters and a password of at least 8 that is not a common one`,
      );
    }
  });
}

/**
 * Creates or updates the support accounts from the app options, at start-up. A password that no
 * longer matches the stored hash is a rotation: the new hash replaces it, and every session of
 * that account ends (see Store.syncSupportAccounts).
 * @param {Store} store
 * @param {{ name: string, password: string }[]} accounts from checkSupportAccounts: every
 *   support account; any other account that had the role loses it
 * @param {ScryptCost} cost
 * @param {number} now
 */
export async function applySupportAccounts(store, accounts, cost, now) {
  const hashed = [];
  for (const { name, password } of accounts) {
    const existing = await store.findUserByName(name);
    const unchanged = existing?.role === 'support' && existing.passwordHash !== null && verifyPasswordSync(password, existing.passwordHash);
    hashed.push({ name, passwordHash: unchanged ? null : hashPasswordSync(password, cost), handle: randomBytes(32).toString('base64url') });
  }
  await store.syncSupportAccounts(hashed, now);
}

/**
 * Support-assisted recovery: what a support agent can do for an account (look it up, remove a
 * passkey, issue a one-time recovery code), the audit log of it, and the account owner's
 * redemption of that code.
 *
 * @param {SupportOptions} options
 * @returns {Record<SupportOperation, Handler> & { guard: (operation: SupportOperation) => (req: Request) => Promise<void> }}
 */
export function createSupportHandlers(options) {
  const { store, sessions, audit, notify, now, limits } = options;

  /**
   * Keyed by the account too, so a hash copied from one row says nothing about another.
   * @param {number} userId
   * @param {string} code normalized
   */
  const codeHash = (userId, code) =>
    createHmac('sha256', options.secret).update(`recovery\0${userId}\0${code}`).digest('hex');

  /**
   * The signed-in support user, or a refusal that is itself written to the audit log: someone
   * probing these operations is what the log is for. Runs before the body is validated.
   * @param {SupportOperation} operation
   */
  function guard(operation) {
    /** @param {Request} req */
    return async (req) => {
      const user = (await sessions.currentWithUser(req))?.user ?? null;
      if (!user) {
        await audit.record(req, { action: 'support-refused', detail: `${operation}: not signed in` });
        throw new Problem('unauthenticated');
      }
      if (user.role !== 'support') {
        await audit.record(req, { action: 'support-refused', actor: user, detail: `${operation}: not support` });
        throw new Problem('forbidden');
      }
      // Whatever refuses the call from here on is audited as this agent's (app.js).
      /** @type {any} */ (req).supportAgent = user;
    };
  }

  /** @param {Request} req @returns {User} */
  const agentOf = (req) => /** @type {any} */ (req).supportAgent;

  /**
   * @param {unknown} identifier
   * @returns {Promise<User>}
   */
  async function findAccount(identifier) {
    const user = await store.findUserByName(parseIdentifier(identifier));
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
  async function accountView(user) {
    const pending = await store.findRecoveryCode(user.id);
    const live = pending && pending.expiresAt > now() ? pending : null;
    const revealed = revealUnusual(user.name);
    return {
      id: user.handle,
      name: user.name,
      // Look-alike letters from other scripts (Cyrillic а for Latin a) spelled out, so an agent
      // does not take `аlice` for `alice`.
      ...(revealed === null ? {} : { nameRevealed: revealed }),
      role: user.role,
      createdAt: new Date(user.createdAt).toISOString(),
      methods: await methodsOf(store, user),
      passkeys: (await store.listCredentials(user.id)).map(passkeyView),
      recoveryCode: live ? { expiresAt: new Date(live.expiresAt).toISOString() } : null,
    };
  }

  return {
    guard,

    async supportLookup({ req, body }) {
      const agent = agentOf(req);
      const user = await findAccount(body.identifier);
      await audit.record(req, { action: 'account-looked-up', actor: agent, target: user });
      return { status: 200, body: await accountView(user) };
    },

    async supportRemovePasskey({ req, body }) {
      const agent = agentOf(req);
      const user = await findAccount(body.identifier);
      if (typeof body.credentialId !== 'string') throw new Problem('bad-request');
      refuseSupportTarget(user);
      if (!(await store.removeCredential(user.id, body.credentialId))) throw new Problem('unknown-credential');
      await audit.record(req, {
        action: 'passkey-removed',
        actor: agent,
        target: user,
        detail: `passkey ${body.credentialId.slice(0, 64)}`,
      });
      return { status: 200, body: await accountView(user) };
    },

    async supportRecoveryCode({ req, body }) {
      const agent = agentOf(req);
      const user = await findAccount(body.identifier);
      refuseSupportTarget(user);
      const code = randomReadableCode(GROUPS, GROUP_LENGTH);
      const time = now();
      const expiresAt = time + limits.recoveryCodeTtlMs;
      // One per account: this replaces, and so invalidates, any earlier one.
      await store.replaceRecoveryCode({
        userId: user.id,
        codeHash: codeHash(user.id, code),
        issuedBy: agent.id,
        createdAt: time,
        expiresAt,
      });
      await audit.record(req, {
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
      const raw = query.get('limit');
      const limit = raw === null ? DEFAULT_AUDIT_LIMIT : Number(raw);
      if (!/^\d+$/.test(raw ?? '0') || limit < 1 || limit > MAX_AUDIT_LIMIT) throw new Problem('bad-request');
      const entries = (await store.latestAudit(limit)).map(({ at, detail, userAgent, ...entry }) => ({
        ...entry,
        at: new Date(at).toISOString(),
        ...(detail === null ? {} : { detail }),
        ...(userAgent === null ? {} : { userAgent }),
      }));
      // Who read the log is in the log too, after what it read.
      await audit.record(req, { action: 'audit-log-read', actor: agentOf(req), detail: `${entries.length} entries` });
      return { status: 200, body: { entries } };
    },

    async recoveryRedeem({ req, res, body }) {
      const name = parseIdentifier(body.identifier);
      if (typeof body.code !== 'string') throw new Problem('bad-request');
      const accountLimit = `recovery account ${accountKey(name)}`;
      const clientLimit = `recovery client ${clientKey(req)}`;
      // Counted before the code is checked, so that concurrent guesses cannot outrun the limit.
      const refused = await store.limits.attempt(
        [
          { key: accountLimit, options: limits.recoveryFailuresPerAccount },
          { key: clientLimit, options: limits.recoveryFailuresPerClient },
        ],
        now(),
        'rate-limited',
      );
      // The same steps for an unknown identifier, an account without a code and a wrong code,
      // so neither the answer nor its timing says which it was.
      const user = await store.findUserByName(name);
      if (refused) {
        await audit.record(req, { action: 'recovery-code-refused', target: user, detail: 'locked' });
        throw refused;
      }
      const pending = user ? await store.findRecoveryCode(user.id) : null;
      const typed = normalizeReadableCode(body.code, GROUPS, GROUP_LENGTH) ?? '';
      const hash = codeHash(user?.id ?? 0, typed);
      const matches =
        pending !== null &&
        typed !== '' &&
        timingSafeEqual(Buffer.from(hash), Buffer.from(pending.codeHash));
      const live = matches && pending.expiresAt > now() && user?.role === 'user';
      // Taken in one statement: of two redemptions racing, one wins.
      if (!user || !live || !(await store.takeRecoveryCode(user.id, hash))) {
        if (user && pending && pending.expiresAt <= now()) await store.deleteRecoveryCode(user.id);
        await audit.record(req, { action: 'recovery-code-refused', target: user });
        throw new Problem('recovery-code-invalid');
      }
      await store.limits.reset(accountLimit);
      await store.limits.giveBack(clientLimit);
      await sessions.signIn(res, await sessions.current(req), user.id, now() + limits.recoveryMs);
      await audit.record(req, { action: 'recovery-code-redeemed', target: user });
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
