// @ts-check
import { accountKey, countryCodeOf } from './contact.js';
import { openDb } from './db.js';
import { DEFAULT_RATE_MAX, DEFAULT_RATE_WINDOW_MS, createLimits, isOver, refuseOver } from './limits.js';

/**
 * @typedef {object} User
 * @property {number} id
 * @property {string} handle WebAuthn user handle, base64url; also the public user id
 * @property {string} name
 * @property {string} displayName
 * @property {string | null} email
 * @property {string | null} phone E.164
 * @property {string | null} passwordHash scrypt, as written by passwords.js
 * @property {Role} role
 * @property {boolean} contactVerified false while the email or phone given at sign-up has not been
 *   proven by a code sent there
 * @property {number} createdAt
 */

/** @typedef {'user' | 'support'} Role */

/**
 * @typedef {object} NewUser
 * @property {string} handle
 * @property {string} name
 * @property {string} displayName
 * @property {string | null} [email]
 * @property {string | null} [phone]
 * @property {string | null} [passwordHash]
 */

/**
 * @typedef {object} StoredCredential
 * @property {string} id credential ID, base64url
 * @property {number} userId
 * @property {Uint8Array<ArrayBuffer>} publicKey COSE public key
 * @property {number} counter
 * @property {string[]} transports
 * @property {'singleDevice' | 'multiDevice'} deviceType
 * @property {boolean} backedUp
 * @property {string | null} aaguid the authenticator model, as registered; all zeros when it
 *   did not say
 * @property {number} createdAt
 * @property {number | null} lastUsedAt
 */

/**
 * @typedef {object} NewCredential
 * @property {string} id
 * @property {Uint8Array} publicKey
 * @property {number} counter
 * @property {string[]} transports
 * @property {'singleDevice' | 'multiDevice'} deviceType
 * @property {boolean} backedUp
 * @property {string | null} [aaguid]
 */

/**
 * @typedef {object} SessionRow
 * @property {string} idHash SHA-256 of the cookie value, hex
 * @property {number | null} userId null while the browser has not signed in
 * @property {number} createdAt
 * @property {number} expiresAt
 * @property {number | null} [recoveryUntil] set when the sign-in came from a recovery code:
 *   until then the session may set a new password
 * @property {boolean} [fresh] just created by this request: nothing hangs on it yet
 */

/** @typedef {'registration' | 'authentication'} ChallengeKind */

/**
 * @typedef {object} PendingCode
 * @property {number} id
 * @property {string} sessionIdHash
 * @property {number | null} userId null for a decoy: a code for no account, which never matches
 * @property {string} accountKey the identifier it was asked for, case-folded
 * @property {'sign-in' | 'recovery'} purpose
 * @property {'email' | 'sms'} channel
 * @property {string} codeHash HMAC of the code, hex
 * @property {string} secretId which server secret keyed the HMAC
 * @property {number} tries wrong answers so far
 * @property {number} createdAt
 * @property {number} expiresAt
 */

/**
 * @typedef {object} PendingChallenge
 * @property {string} challenge base64url, exactly as sent in the options
 * @property {number} createdAt
 * @property {number} expiresAt
 * @property {string} [userHandle] registration only: the account-to-be
 * @property {string} [userName] registration only
 * @property {boolean} [conditional] registration only: for a conditional create, whose answer
 *   may come without user presence or verification
 */

/**
 * @typedef {object} RecoveryCode a one-time code support issued for an account
 * @property {number} userId
 * @property {string} codeHash HMAC of the code, hex
 * @property {number | null} issuedBy the support user's id
 * @property {number} createdAt
 * @property {number} expiresAt
 */

/**
 * @typedef {object} AuditEntry
 * @property {number} id grows with every entry
 * @property {number} at
 * @property {string} action
 * @property {{ id: string, name: string } | null} actor the support user who acted (public
 *   id and identifier as they were then); null when nobody was signed in, or the account's
 *   owner acted on it without a session (a redemption)
 * @property {{ id: string, name: string } | null} target the account acted on
 * @property {string | null} detail
 * @property {string} address the client's address
 * @property {string | null} userAgent
 */

/** @typedef {Omit<AuditEntry, 'id'>} NewAuditEntry */


/**
 * @typedef {object} DeviceRequest
 * @property {string} id what the requesting browser polls with
 * @property {string} code what the person types on the approving device
 * @property {string} sessionIdHash the requesting browser's session: only it may poll
 * @property {string | null} accountKey the identifier it was asked for, normalised; null binds it
 *   to whoever approves
 * @property {string | null} browser
 * @property {string | null} os
 * @property {string | null} place ISO 3166-1 alpha-2 country, from `countryHeader`
 * @property {number} createdAt
 * @property {number} expiresAt
 * @property {'pending' | 'approved' | 'denied' | 'used'} status
 * @property {number | null} userId the approving account
 * @property {number} pickUpBy once approved: the requesting browser must poll before then
 * @property {number} forgetAt when the row is purged
 */

/** @typedef {import('./db.js').Queries} Queries */
/** @typedef {import('./limits.js').FailureLimitOptions} FailureLimitOptions */
/** @typedef {import('./limits.js').RateLimitOptions} RateLimitOptions */
/** @typedef {import('./problems.js').ProblemCode} ProblemCode */

/** @param {any} row @returns {User} */
function toUser(row) {
  return {
    id: Number(row.id),
    handle: row.handle,
    name: row.name,
    displayName: row.display_name,
    email: row.email,
    phone: row.phone,
    passwordHash: row.password_hash,
    role: row.role,
    contactVerified: Number(row.contact_verified) === 1,
    createdAt: row.created_at,
  };
}

/** @param {any} row @returns {StoredCredential} */
function toCredential(row) {
  return {
    id: row.id,
    userId: Number(row.user_id),
    // A fresh copy: better-sqlite3 hands out Buffers over a shared pool.
    publicKey: new Uint8Array(row.public_key),
    counter: row.counter,
    transports: JSON.parse(row.transports),
    deviceType: row.device_type,
    backedUp: Number(row.backed_up) === 1,
    aaguid: row.aaguid,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
  };
}

/** @param {any} row @returns {SessionRow} */
const toSession = (row) => ({
  idHash: row.id_hash,
  userId: row.user_id === null ? null : Number(row.user_id),
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  recoveryUntil: row.recovery_until,
});

/** @param {any} row @returns {PendingCode} */
const toCode = (row) => ({
  id: Number(row.id),
  sessionIdHash: row.session_id_hash,
  userId: row.user_id === null ? null : Number(row.user_id),
  accountKey: row.account_key,
  purpose: row.purpose,
  channel: row.channel,
  codeHash: row.code_hash,
  secretId: row.secret_id,
  tries: row.tries,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
});

/** @param {any} row @returns {AuditEntry} */
const toAuditEntry = (row) => ({
  id: Number(row.id),
  at: row.at,
  action: row.action,
  actor: row.actor_id === null ? null : { id: row.actor_id, name: row.actor_name },
  target: row.target_id === null ? null : { id: row.target_id, name: row.target_name },
  detail: row.detail,
  address: row.address,
  userAgent: row.user_agent,
});

/** @param {any} row @returns {DeviceRequest} */
const toDeviceRequest = (row) => ({
  id: row.id,
  code: row.code,
  sessionIdHash: row.session_id_hash,
  accountKey: row.account_key,
  browser: row.browser,
  os: row.os,
  place: row.place,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  status: row.status,
  userId: row.user_id === null ? null : Number(row.user_id),
  pickUpBy: row.pick_up_by,
  forgetAt: row.forget_at,
});

/**
 * The server's state, in SQLite or PostgreSQL: accounts, passkeys, sessions, pending challenges
 * and codes, recovery codes, device requests, limits and the audit log. Nothing a request
 * depends on for its security is kept in one process's memory, so several processes can share
 * one database and a restart loses nothing but what has expired.
 *
 * Every method is async. `transaction(work)` runs `work` with a store bound to one transaction:
 * what it reads it can rely on until it commits.
 *
 * @param {string} location a SQLite file path (its folder is created), ':memory:', or a
 *   `postgres://` URL
 */
export function openStore(location) {
  const db = openDb(location);
  const limits = createLimits(db.dialect);
  const forUpdate = db.dialect === 'postgres' ? ' FOR UPDATE' : '';
  /**
   * The store bound to each transaction's queries, made once: the queries object is the same for
   * every SQLite transaction and for every transaction on one PostgreSQL connection, and binding
   * builds some fifty closures, which options and code requests paid for every time.
   * @type {WeakMap<Queries, any>}
   */
  const inTransactions = new WeakMap();
  const store = bind(db, false);
  return Object.assign(store, {
    dialect: db.dialect,
    ready: db.ready,
    /** The raw better-sqlite3 handle on SQLite, for tests. */
    sqlite: db.sqlite,
    close: () => db.close(),
  });

  /**
   * @param {Queries & { transaction?: import('./db.js').Db['transaction'] }} q
   * @param {boolean} inTransaction
   */
  function bind(q, inTransaction) {
    /**
     * Runs `work` in one transaction (or in the one already open), with a store bound to it.
     * @template T
     * @param {(tx: any) => Promise<T>} work
     * @returns {Promise<T>}
     */
    function transaction(work) {
      if (inTransaction || !q.transaction) return work(self);
      return q.transaction((tx) => {
        let bound = inTransactions.get(tx);
        if (!bound) {
          bound = bind(tx, true);
          inTransactions.set(tx, bound);
        }
        return work(bound);
      });
    }

    /**
     * @param {number | bigint} userId
     * @param {NewCredential} credential
     * @param {number} now
     */
    function insertCredential(userId, credential, now) {
      return q.run(
        `INSERT INTO credentials
           (id, user_id, public_key, counter, transports, device_type, backed_up, aaguid, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          credential.id,
          userId,
          Buffer.from(credential.publicKey),
          credential.counter,
          JSON.stringify(credential.transports),
          credential.deviceType,
          credential.backedUp ? 1 : 0,
          credential.aaguid ?? null,
          now,
        ],
      );
    }

    /** @param {string} key */
    const userByKey = async (key) => {
      const row = await q.get('SELECT * FROM users WHERE name_key = ?', [key]);
      return row ? toUser(row) : null;
    };

    const self = {
      transaction,

      /** @param {string} name @returns {Promise<User | null>} */
      findUserByName(name) {
        return userByKey(accountKey(name));
      },

      /** @param {number} id @returns {Promise<User | null>} */
      async findUserById(id) {
        const row = await q.get('SELECT * FROM users WHERE id = ?', [id]);
        return row ? toUser(row) : null;
      },

      /** @param {string} handle @returns {Promise<User | null>} */
      async findUserByHandle(handle) {
        const row = await q.get('SELECT * FROM users WHERE handle = ?', [handle]);
        return row ? toUser(row) : null;
      },

      /**
       * An account without a passkey yet (one may be added once it is signed in). An email or
       * phone given here is unproven until a code sent there comes back.
       * @param {NewUser} user
       * @param {number} now
       * @returns {Promise<{ ok: true, user: User } | { ok: false, reason: 'name-taken' }>}
       */
      createUser(user, now) {
        return transaction(async (tx) => {
          const key = accountKey(user.name);
          if (await tx.findUserByName(user.name)) return /** @type {const} */ ({ ok: false, reason: 'name-taken' });
          const unproven = (user.email ?? user.phone ?? null) !== null;
          const row = await tx.q.get(
            `INSERT INTO users (handle, name, name_key, display_name, email, phone, password_hash,
               contact_verified, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
            [user.handle, user.name, key, user.displayName, user.email ?? null, user.phone ?? null,
              user.passwordHash ?? null, unproven ? 0 : 1, now],
          );
          return /** @type {const} */ ({ ok: true, user: toUser(row) });
        }).catch(nameTaken);
      },

      /**
       * The account's email or phone was just proven by a code sent there. The first time, what
       * whoever created the account set up without that proof goes (pre-hijacking: someone may
       * have signed up with another person's address): its password, its passkeys and its
       * other sessions.
       * @param {number} userId
       * @param {string} keepIdHash the session the proof came from
       * @returns {Promise<boolean>} true when this was the first proof
       */
      async proveContact(userId, keepIdHash) {
        const changed = await q.run('UPDATE users SET contact_verified = 1 WHERE id = ? AND contact_verified = 0', [userId]);
        if (changed === 0) return false;
        await q.run('UPDATE users SET password_hash = NULL WHERE id = ?', [userId]);
        await q.run('DELETE FROM credentials WHERE user_id = ?', [userId]);
        await q.run('DELETE FROM sessions WHERE user_id = ? AND id_hash != ?', [userId, keepIdHash]);
        return true;
      },

      /**
       * @param {number} userId
       * @param {NewCredential} credential
       * @param {number} now
       * @returns {Promise<boolean>} false when that credential ID is already registered to anyone
       */
      addCredential(userId, credential, now) {
        return transaction(async (tx) => {
          if (await tx.q.get('SELECT id FROM credentials WHERE id = ?', [credential.id])) return false;
          await tx.insertCredential(userId, credential, now);
          return true;
        }).catch((error) => {
          if (isUniqueViolation(error)) return false;
          throw error;
        });
      },

      insertCredential,

      /**
       * Makes exactly these accounts the support accounts: each is created, or promoted; a new
       * password hash replaces the old one and ends that account's sessions (whoever had the
       * old password may hold one). Every other support account goes back to being a user.
       * @param {{ name: string, passwordHash: string | null, handle: string }[]} accounts
       *   `passwordHash` null keeps the stored one (the configured password still matches it);
       *   `handle` is used only for an account that does not exist yet
       * @param {number} now
       * @returns {Promise<void>}
       */
      syncSupportAccounts(accounts, now) {
        return transaction(async (tx) => {
          // Instances starting together on one PostgreSQL database each sync the same accounts:
          // without this lock both may find an account missing and both insert it, and the one
          // refused by the unique name would not start. (SQLite's writer lock already serializes.)
          if (db.dialect === 'postgres') await tx.q.get('SELECT pg_advisory_xact_lock(2065437109)', []);
          /** @type {number[]} */
          const ids = [];
          for (const account of accounts) {
            const existing = await tx.findUserByName(account.name);
            let id;
            if (existing) {
              id = existing.id;
              await tx.q.run("UPDATE users SET role = 'support', contact_verified = 1 WHERE id = ?", [id]);
              if (account.passwordHash !== null) {
                await tx.q.run('UPDATE users SET password_hash = ? WHERE id = ?', [account.passwordHash, id]);
                await tx.q.run('DELETE FROM sessions WHERE user_id = ?', [id]);
              }
            } else {
              const row = await tx.q.get(
                `INSERT INTO users (handle, name, name_key, display_name, password_hash, role, created_at)
                 VALUES (?, ?, ?, ?, ?, 'support', ?) RETURNING id`,
                [account.handle, account.name, accountKey(account.name), account.name, account.passwordHash, now],
              );
              id = Number(row.id);
            }
            ids.push(id);
            // A support account is not recovered through support: see support.js.
            await tx.q.run('DELETE FROM recovery_codes WHERE user_id = ?', [id]);
          }
          const demoted = await tx.q.all(
            `SELECT id FROM users WHERE role = 'support'${ids.length ? ` AND id NOT IN (${ids.map(() => '?').join(', ')})` : ''}`,
            ids,
          );
          for (const { id } of demoted) {
            await tx.q.run("UPDATE users SET role = 'user' WHERE id = ?", [id]);
            // A role taken away takes the sessions that had it.
            await tx.q.run('DELETE FROM sessions WHERE user_id = ?', [id]);
          }
        });
      },

      /**
       * Removes one passkey of the user, and signs the user out everywhere: a device that was
       * lost or stolen may still hold a session.
       * @param {number} userId
       * @param {string} credentialId
       * @returns {Promise<boolean>} false when the user has no such passkey
       */
      removeCredential(userId, credentialId) {
        return transaction(async (tx) => {
          if ((await tx.q.run('DELETE FROM credentials WHERE id = ? AND user_id = ?', [credentialId, userId])) === 0) return false;
          await tx.q.run('DELETE FROM sessions WHERE user_id = ?', [userId]);
          return true;
        });
      },

      /**
       * A new password, and the account signed out everywhere but here.
       * @param {number} userId
       * @param {string} hash
       * @param {string} keepIdHash
       * @returns {Promise<void>}
       */
      setPassword(userId, hash, keepIdHash) {
        return transaction(async (tx) => {
          await tx.q.run('UPDATE users SET password_hash = ? WHERE id = ?', [hash, userId]);
          await tx.q.run('DELETE FROM sessions WHERE user_id = ? AND id_hash != ?', [userId, keepIdHash]);
          await tx.q.run('UPDATE sessions SET recovery_until = NULL WHERE id_hash = ?', [keepIdHash]);
        });
      },

      /** @param {string} id @returns {Promise<StoredCredential | null>} */
      async findCredential(id) {
        const row = await q.get('SELECT * FROM credentials WHERE id = ?', [id]);
        return row ? toCredential(row) : null;
      },

      /** @param {number} userId @returns {Promise<StoredCredential[]>} */
      async listCredentials(userId) {
        return (await q.all('SELECT * FROM credentials WHERE user_id = ? ORDER BY created_at, id', [userId])).map(toCredential);
      },

      /** @param {number} userId */
      async countCredentials(userId) {
        const row = await q.get('SELECT count(*) AS n FROM credentials WHERE user_id = ?', [userId]);
        return Number(row.n);
      },

      /**
       * Creates the user and their first passkey together, or neither.
       * @param {{ handle: string, name: string, displayName: string }} user
       * @param {NewCredential} credential
       * @param {number} now
       * @returns {Promise<{ ok: true, user: User } | { ok: false, reason: 'credential-exists' | 'name-taken' }>}
       */
      createAccount(user, credential, now) {
        return transaction(async (tx) => {
          if (await tx.q.get('SELECT id FROM credentials WHERE id = ?', [credential.id])) {
            return /** @type {const} */ ({ ok: false, reason: 'credential-exists' });
          }
          if (await tx.findUserByName(user.name)) return /** @type {const} */ ({ ok: false, reason: 'name-taken' });
          const row = await tx.q.get(
            `INSERT INTO users (handle, name, name_key, display_name, created_at)
             VALUES (?, ?, ?, ?, ?) RETURNING *`,
            [user.handle, user.name, accountKey(user.name), user.displayName, now],
          );
          await tx.insertCredential(row.id, credential, now);
          return /** @type {const} */ ({ ok: true, user: toUser(row) });
        }).catch(nameTaken);
      },

      /**
       * The counter guard makes two concurrent sign-ins with the same authenticator unable to
       * move the counter backwards (a zero counter means the authenticator does not count).
       * @param {string} id
       * @param {{ counter: number, backedUp: boolean, deviceType: string, now: number }} use
       * @returns {Promise<boolean>} false when the stored counter had already reached `counter`
       */
      async recordCredentialUse(id, use) {
        const changed = await q.run(
          `UPDATE credentials
             SET counter = ?, backed_up = ?, device_type = ?, last_used_at = ?
           WHERE id = ? AND ((? = 0 AND counter = 0) OR counter < ?)`,
          [use.counter, use.backedUp ? 1 : 0, use.deviceType, use.now, id, use.counter, use.counter],
        );
        return changed === 1;
      },

      /** @param {string} idHash @returns {Promise<SessionRow | null>} */
      async findSession(idHash) {
        const row = await q.get('SELECT * FROM sessions WHERE id_hash = ?', [idHash]);
        return row ? toSession(row) : null;
      },

      /**
       * The session and its signed-in user in one round trip: the session check runs on every
       * page view.
       * @param {string} idHash
       * @returns {Promise<{ session: SessionRow, user: User | null } | null>}
       */
      async findSessionWithUser(idHash) {
        const row = await q.get(
          `SELECT s.id_hash, s.user_id, s.created_at AS session_created_at, s.expires_at,
             s.recovery_until, u.*
           FROM sessions s LEFT JOIN users u ON u.id = s.user_id WHERE s.id_hash = ?`,
          [idHash],
        );
        if (!row) return null;
        const session = toSession({ ...row, created_at: row.session_created_at });
        return { session, user: row.handle ? toUser({ ...row, id: row.user_id }) : null };
      },

      /** @param {SessionRow} session */
      async insertSession(session) {
        await q.run(
          'INSERT INTO sessions (id_hash, user_id, created_at, expires_at, recovery_until) VALUES (?, ?, ?, ?, ?)',
          [session.idHash, session.userId, session.createdAt, session.expiresAt, session.recoveryUntil ?? null],
        );
      },

      /**
       * Hands a session's pending sign-in challenges to its successor (after sign-in regenerates
       * the token), and its device request, which the browser may still poll. Pending sign-ups
       * are not carried into a signed-in session.
       * @param {string} fromIdHash @param {string} toIdHash
       */
      async moveChallenges(fromIdHash, toIdHash) {
        await q.run("UPDATE challenges SET session_id_hash = ? WHERE session_id_hash = ? AND kind = 'authentication'", [toIdHash, fromIdHash]);
        await q.run('UPDATE device_requests SET session_id_hash = ? WHERE session_id_hash = ?', [toIdHash, fromIdHash]);
      },

      /** Its pending challenges and code go with it. @param {string} idHash */
      async deleteSession(idHash) {
        await q.run('DELETE FROM sessions WHERE id_hash = ?', [idHash]);
      },

      /**
       * The live session with this hash, in one statement; a pre-auth one now expires at
       * `expiresAt` (a signed-in one keeps its absolute lifetime).
       * @param {string} idHash @param {number} now @param {number} expiresAt
       * @returns {Promise<SessionRow | null>}
       */
      async touchSession(idHash, now, expiresAt) {
        const row = await q.get(
          `UPDATE sessions SET expires_at = CASE WHEN user_id IS NULL THEN ? ELSE expires_at END
           WHERE id_hash = ? AND expires_at > ? RETURNING *`,
          [expiresAt, idHash, now],
        );
        return row ? toSession(row) : null;
      },

      /** @param {string} idHash @param {number} expiresAt */
      async extendSession(idHash, expiresAt) {
        await q.run('UPDATE sessions SET expires_at = ? WHERE id_hash = ?', [expiresAt, idHash]);
      },

      /** @param {string} idHash @param {number | null} until */
      async setRecoveryUntil(idHash, until) {
        await q.run('UPDATE sessions SET recovery_until = ? WHERE id_hash = ?', [until, idHash]);
      },

      /**
       * Deletes every row that has expired: sessions (their challenges and codes with them),
       * challenges and codes of live sessions, recovery codes, device requests and limits.
       * @param {number} now
       */
      async purgeExpired(now) {
        await q.run('DELETE FROM sessions WHERE expires_at <= ?', [now]);
        await q.run('DELETE FROM challenges WHERE expires_at <= ?', [now]);
        await q.run('DELETE FROM codes WHERE expires_at <= ?', [now]);
        await q.run('DELETE FROM recovery_codes WHERE expires_at <= ?', [now]);
        await q.run('DELETE FROM device_requests WHERE forget_at <= ?', [now]);
        await q.run('DELETE FROM limits WHERE expires_at <= ?', [now]);
      },

      /** @param {number} now */
      purgeExpiredSessions(now) {
        return self.purgeExpired(now);
      },

      /**
       * Stores the session's pending code, replacing (and so invalidating) any earlier one. A
       * resend must not hand out fresh guesses: the new code inherits the tries already used on
       * the one it replaces, if that one was still live.
       * @param {Omit<PendingCode, 'id' | 'tries'>} code
       * @returns {Promise<void>}
       */
      replaceCode(code) {
        // One statement, so two sends racing from one browser cannot both insert.
        return q.run(
          `INSERT INTO codes (session_id_hash, user_id, account_key, purpose, channel, code_hash,
             secret_id, tries, created_at, expires_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)
           ON CONFLICT (session_id_hash) DO UPDATE SET
             user_id = excluded.user_id, account_key = excluded.account_key,
             purpose = excluded.purpose, channel = excluded.channel, code_hash = excluded.code_hash,
             secret_id = excluded.secret_id,
             tries = CASE WHEN codes.expires_at > excluded.created_at THEN codes.tries ELSE 0 END,
             created_at = excluded.created_at, expires_at = excluded.expires_at`,
          [code.sessionIdHash, code.userId, code.accountKey, code.purpose, code.channel, code.codeHash,
            code.secretId, code.createdAt, code.expiresAt],
        ).then(() => undefined);
      },

      /**
       * @param {string} sessionIdHash
       * @returns {Promise<PendingCode | null>} locked until the transaction ends, inside one
       */
      async findCode(sessionIdHash) {
        const row = await q.get(`SELECT * FROM codes WHERE session_id_hash = ?${inTransaction ? forUpdate : ''}`, [sessionIdHash]);
        return row ? toCode(row) : null;
      },

      /** @param {number} id @returns {Promise<number>} the tries used, this one included */
      async countCodeFailure(id) {
        const row = await q.get('UPDATE codes SET tries = tries + 1 WHERE id = ? RETURNING tries', [id]);
        return row?.tries ?? Number.POSITIVE_INFINITY;
      },

      /** @param {number} id */
      async deleteCode(id) {
        await q.run('DELETE FROM codes WHERE id = ?', [id]);
      },

      /** @param {number} userId @returns {Promise<RecoveryCode | null>} */
      async findRecoveryCode(userId) {
        const row = await q.get('SELECT * FROM recovery_codes WHERE user_id = ?', [userId]);
        return row
          ? {
              userId: Number(row.user_id),
              codeHash: row.code_hash,
              issuedBy: row.issued_by === null ? null : Number(row.issued_by),
              createdAt: row.created_at,
              expiresAt: row.expires_at,
            }
          : null;
      },

      /**
       * Stores the account's recovery code, replacing (and so invalidating) any earlier one.
       * @param {RecoveryCode} code
       */
      async replaceRecoveryCode(code) {
        await q.run(
          `INSERT INTO recovery_codes (user_id, code_hash, issued_by, created_at, expires_at)
           VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (user_id) DO UPDATE SET code_hash = excluded.code_hash,
             issued_by = excluded.issued_by, created_at = excluded.created_at,
             expires_at = excluded.expires_at`,
          [code.userId, code.codeHash, code.issuedBy, code.createdAt, code.expiresAt],
        );
      },

      /**
       * Deletes the account's recovery code if it is still the one with this hash.
       * @param {number} userId
       * @param {string} codeHash
       * @returns {Promise<boolean>} false when it was already used or replaced meanwhile
       */
      async takeRecoveryCode(userId, codeHash) {
        return (await q.run('DELETE FROM recovery_codes WHERE user_id = ? AND code_hash = ?', [userId, codeHash])) === 1;
      },

      /** @param {number} userId */
      async deleteRecoveryCode(userId) {
        await q.run('DELETE FROM recovery_codes WHERE user_id = ?', [userId]);
      },

      /** @param {NewAuditEntry} entry */
      async appendAudit(entry) {
        await q.run(
          `INSERT INTO audit_log
             (at, action, actor_id, actor_name, target_id, target_name, detail, address, user_agent)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [entry.at, entry.action, entry.actor?.id ?? null, entry.actor?.name ?? null, entry.target?.id ?? null,
            entry.target?.name ?? null, entry.detail, entry.address, entry.userAgent],
        );
      },

      /** @param {number} limit @returns {Promise<AuditEntry[]>} newest first */
      async latestAudit(limit) {
        return (await q.all('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?', [limit])).map(toAuditEntry);
      },

      /**
       * Adds a pending challenge to the session, which then keeps only the `keep` newest of that
       * kind: each may still be answered, while the bound stops one session from piling them up.
       * Expired ones of either kind are dropped as of `pending.createdAt`.
       * @param {string} idHash
       * @param {ChallengeKind} kind
       * @param {PendingChallenge} pending
       * @param {number} keep
       * @param {boolean} [fresh] the session was created by this request, so it has no other
       *   challenge to drop
       * @returns {Promise<void>}
       */
      addChallenge(idHash, kind, pending, keep, fresh = false) {
        return transaction(async (tx) => {
          await tx.q.run(
            `INSERT INTO challenges
               (session_id_hash, kind, challenge, expires_at, user_handle, user_name, conditional, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
            [idHash, kind, pending.challenge, pending.expiresAt, pending.userHandle ?? null, pending.userName ?? null,
              pending.conditional ? 1 : 0, pending.createdAt],
          );
          if (fresh) return;
          // The expired ones, and live ones of this kind past the `keep` newest, in one
          // statement. By id rather than created_at: ids only grow, while the wall clock can
          // step backwards.
          await tx.q.run(
            `DELETE FROM challenges
             WHERE session_id_hash = ? AND (expires_at <= ? OR (kind = ? AND id NOT IN (
               SELECT id FROM challenges WHERE session_id_hash = ? AND kind = ? AND expires_at > ?
               ORDER BY id DESC LIMIT ?)))`,
            [idHash, pending.createdAt, kind, idHash, kind, pending.createdAt, keep],
          );
        });
      },

      /**
       * An authentication options request's writes, as one: the client's request counted
       * against its rate limit; unless that refuses it, the browser's live session kept alive
       * (as `touchSession`), or `fresh` created when it has none; and the challenge added to it
       * (as `addChallenge`). A refused request leaves its count behind and nothing else.
       *
       * On PostgreSQL it is one statement, a function (see migrations.js): one round trip
       * instead of seven (BEGIN, the count, the session, the challenge, dropping the old ones,
       * COMMIT), and the count's row, which every request from that client updates, is locked
       * for that statement only rather than for a transaction's round trips.
       * @param {{ idHash: string | null, fresh: SessionRow, kind: ChallengeKind,
       *   pending: PendingChallenge, keep: number, limit: { key: string } & RateLimitOptions }} request
       *   `idHash`: this browser's token hash, null without a token; `pending.createdAt` is now
       * @returns {Promise<SessionRow>} with `fresh: true` when it is the one created
       * @throws {Problem} `rate-limited`
       */
      async openCeremony({ idHash, fresh, kind, pending, keep, limit }) {
        const now = pending.createdAt;
        if (db.dialect === 'postgres' && !inTransaction) {
          const row = await q.get(
            `SELECT o_count AS count, o_reset_at AS reset_at, o_id_hash AS id_hash, o_user_id AS user_id,
               o_created_at AS created_at, o_expires_at AS expires_at, o_recovery_until AS recovery_until,
               o_fresh AS fresh
             FROM open_ceremony(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            [idHash, fresh.idHash, now, fresh.expiresAt, kind, pending.challenge, pending.expiresAt,
              pending.userHandle ?? null, pending.userName ?? null, pending.conditional ? 1 : 0, keep,
              limit.key, limit.max ?? DEFAULT_RATE_MAX, now + (limit.windowMs ?? DEFAULT_RATE_WINDOW_MS)],
          );
          refuseOver(row, limit, now);
          return { ...toSession(row), ...(row.fresh ? { fresh: true } : {}) };
        }
        const outcome = await transaction(async (tx) => {
          const count = await limits.count(tx.q, limit.key, limit, now);
          if (isOver(count, limit)) return { count, session: null };
          let session = idHash ? await tx.touchSession(idHash, now, fresh.expiresAt) : null;
          if (!session) {
            await tx.insertSession(fresh);
            session = { ...fresh, fresh: true };
          }
          await tx.addChallenge(session.idHash, kind, pending, keep, session.fresh);
          return { count, session };
        });
        refuseOver(outcome.count, limit, now);
        return /** @type {SessionRow} */ (outcome.session);
      },

      /**
       * Finds and deletes that exact pending challenge in one statement, so it can be used only
       * once. Expired ones are returned too: telling expired from live is the caller's job.
       * @param {string} idHash
       * @param {ChallengeKind} kind
       * @param {string} challenge
       * @returns {Promise<PendingChallenge | null>}
       */
      async takeChallenge(idHash, kind, challenge) {
        const row = await q.get(
          'DELETE FROM challenges WHERE session_id_hash = ? AND kind = ? AND challenge = ? RETURNING *',
          [idHash, kind, challenge],
        );
        if (!row) return null;
        return {
          challenge: row.challenge,
          createdAt: row.created_at,
          expiresAt: row.expires_at,
          ...(row.user_handle === null ? {} : { userHandle: row.user_handle }),
          ...(row.user_name === null ? {} : { userName: row.user_name }),
          ...(Number(row.conditional) === 1 ? { conditional: true } : {}),
        };
      },

      /**
       * Stores a device request, replacing the session's earlier one.
       * @param {DeviceRequest} request
       * @returns {Promise<void>}
       */
      saveDeviceRequest(request) {
        return transaction(async (tx) => {
          await tx.q.run('DELETE FROM device_requests WHERE session_id_hash = ?', [request.sessionIdHash]);
          await tx.q.run(
            `INSERT INTO device_requests (id, code, session_id_hash, account_key, browser, os, place,
               created_at, expires_at, status, user_id, pick_up_by, forget_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            [request.id, request.code, request.sessionIdHash, request.accountKey, request.browser, request.os,
              request.place, request.createdAt, request.expiresAt, request.status, request.userId,
              request.pickUpBy, request.forgetAt],
          );
        });
      },

      /** @param {number} now */
      async countDeviceRequests(now) {
        const row = await q.get('SELECT count(*) AS n FROM device_requests WHERE forget_at > ?', [now]);
        return Number(row.n);
      },

      /** @param {string} id @returns {Promise<DeviceRequest | null>} locked until the transaction ends */
      async findDeviceRequest(id) {
        const row = await q.get(`SELECT * FROM device_requests WHERE id = ?${inTransaction ? forUpdate : ''}`, [id]);
        return row ? toDeviceRequest(row) : null;
      },

      /** @param {string} code @returns {Promise<DeviceRequest | null>} locked until the transaction ends */
      async findDeviceRequestByCode(code) {
        const row = await q.get(`SELECT * FROM device_requests WHERE code = ?${inTransaction ? forUpdate : ''}`, [code]);
        return row ? toDeviceRequest(row) : null;
      },

      /**
       * Moves a request on, if it is still in the status it was read in.
       * @param {string} id
       * @param {DeviceRequest['status']} from
       * @param {{ status: DeviceRequest['status'], userId?: number | null, pickUpBy?: number, forgetAt?: number }} to
       * @returns {Promise<boolean>} false when another request moved it first
       */
      async moveDeviceRequest(id, from, to) {
        const changed = await q.run(
          `UPDATE device_requests SET status = ?, user_id = COALESCE(?, user_id),
             pick_up_by = COALESCE(?, pick_up_by), forget_at = COALESCE(?, forget_at)
           WHERE id = ? AND status = ?`,
          [to.status, to.userId ?? null, to.pickUpBy ?? null, to.forgetAt ?? null, id, from],
        );
        return changed === 1;
      },

      /**
       * What real destinations look like here: email domains and phone country codes shared by
       * at least `atLeast` accounts, with how many use each.
       * @param {number} atLeast
       * @returns {Promise<import('./contact.js').DestinationMix>}
       */
      async destinationMix(atLeast) {
        const emails = await q.all('SELECT email FROM users WHERE email IS NOT NULL');
        const phones = await q.all('SELECT phone FROM users WHERE phone IS NOT NULL');
        /** @param {string[]} values */
        const tally = (values) => {
          /** @type {Map<string, number>} */
          const counts = new Map();
          for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
          return [...counts]
            .filter(([, count]) => count >= atLeast)
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([value, count]) => ({ value, count }));
        };
        return {
          domains: tally(emails.map((row) => String(row.email).slice(String(row.email).lastIndexOf('@') + 1))),
          countries: tally(phones.map((row) => countryCodeOf(String(row.phone)))),
        };
      },

      limits: {
        /** @param {readonly string[]} keys */
        lock: (keys) => limits.lock(q, keys),
        /** @param {string} key @param {RateLimitOptions} options @param {number} now */
        hit: (key, options, now) => limits.hit(q, key, options, now),
        /**
         * @param {{ key: string, options: FailureLimitOptions }[]} keys
         * @param {number} now
         * @param {ProblemCode} code
         */
        attempt: (keys, now, code) => transaction((tx) => limits.attempt(tx.q, keys, now, code)),
        /** @param {string} key */
        giveBack: (key) => limits.giveBack(q, key),
        /** @param {string} key @param {number} now */
        lockedFor: (key, now) => limits.lockedFor(q, key, now),
        /** @param {string} key @param {FailureLimitOptions} options @param {number} now */
        fail: (key, options, now) => limits.fail(q, key, options, now),
        /** @param {string} key */
        reset: (key) => limits.reset(q, key),
        /** @param {string} key @param {number} now */
        cooldownLeft: (key, now) => limits.cooldownLeft(q, key, now),
        /** @param {string} key @param {number} until */
        startCooldown: (key, until) => limits.startCooldown(q, key, until),
      },

      /** The queries this store runs on, for the limits above. */
      q,
    };
    return self;
  }
}

/**
 * Two sign-ups racing for one name: the unique index has the last word.
 * @param {unknown} error
 * @returns {{ ok: false, reason: 'name-taken' }}
 */
function nameTaken(error) {
  if (isUniqueViolation(error)) return { ok: false, reason: 'name-taken' };
  throw error;
}

/** @param {unknown} error */
function isUniqueViolation(error) {
  const code = /** @type {any} */ (error)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** @typedef {ReturnType<typeof openStore>} Store */
