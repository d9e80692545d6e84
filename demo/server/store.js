// @ts-check
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

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
 * Each entry upgrades the schema by one `user_version`; append, never edit, once shipped.
 * Exported for the migration test only.
 * @type {readonly string[]}
 */
export const MIGRATIONS = [
  `
  CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    handle TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name TEXT NOT NULL,
    created_at INTEGER NOT NULL
  ) STRICT;
  CREATE TABLE credentials (
    id TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    public_key BLOB NOT NULL,
    counter INTEGER NOT NULL,
    transports TEXT NOT NULL DEFAULT '[]',
    device_type TEXT NOT NULL,
    backed_up INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER
  ) STRICT;
  CREATE INDEX credentials_by_user ON credentials(user_id);
  CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    user_id INTEGER REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    reg_challenge TEXT,
    reg_expires_at INTEGER,
    reg_user_handle TEXT,
    reg_user_name TEXT,
    auth_challenge TEXT,
    auth_expires_at INTEGER
  ) STRICT;
  CREATE INDEX sessions_by_expiry ON sessions(expires_at);
  `,
  // Pending challenges get their own rows: one browser session can run several ceremonies at
  // once (two widgets on a page, or autofill re-armed while an older request is answered).
  `
  CREATE TABLE challenges (
    id INTEGER PRIMARY KEY,
    session_id_hash TEXT NOT NULL REFERENCES sessions(id_hash) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('authentication', 'registration')),
    challenge TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    user_handle TEXT,
    user_name TEXT,
    created_at INTEGER NOT NULL,
    UNIQUE (session_id_hash, kind, challenge),
    CHECK ((kind = 'registration') = (user_handle IS NOT NULL AND user_name IS NOT NULL))
  ) STRICT;
  -- The old columns never recorded when a challenge was issued; the session's start is the
  -- nearest time known to be no later. Carrying them over keeps ceremonies that are in flight
  -- during the upgrade working.
  INSERT INTO challenges
      (session_id_hash, kind, challenge, expires_at, user_handle, user_name, created_at)
    SELECT id_hash, 'registration', reg_challenge, reg_expires_at, reg_user_handle,
        reg_user_name, created_at
      FROM sessions
      WHERE reg_challenge IS NOT NULL AND reg_expires_at IS NOT NULL
        AND reg_user_handle IS NOT NULL AND reg_user_name IS NOT NULL;
  INSERT INTO challenges (session_id_hash, kind, challenge, expires_at, created_at)
    SELECT id_hash, 'authentication', auth_challenge, auth_expires_at, created_at
      FROM sessions
      WHERE auth_challenge IS NOT NULL AND auth_expires_at IS NOT NULL;
  ALTER TABLE sessions DROP COLUMN reg_challenge;
  ALTER TABLE sessions DROP COLUMN reg_expires_at;
  ALTER TABLE sessions DROP COLUMN reg_user_handle;
  ALTER TABLE sessions DROP COLUMN reg_user_name;
  ALTER TABLE sessions DROP COLUMN auth_challenge;
  ALTER TABLE sessions DROP COLUMN auth_expires_at;
  `,
  // Fallback sign-in methods. A pending one-time code belongs to the pre-auth session that
  // asked for it (one per session: a resend replaces it), and only its HMAC is kept.
  `
  ALTER TABLE users ADD COLUMN email TEXT;
  ALTER TABLE users ADD COLUMN phone TEXT;
  ALTER TABLE users ADD COLUMN password_hash TEXT;
  ALTER TABLE sessions ADD COLUMN recovery_until INTEGER;
  CREATE TABLE codes (
    id INTEGER PRIMARY KEY,
    session_id_hash TEXT NOT NULL UNIQUE REFERENCES sessions(id_hash) ON DELETE CASCADE,
    user_id INTEGER REFERENCES users(id) ON DELETE CASCADE,
    account_key TEXT NOT NULL,
    purpose TEXT NOT NULL CHECK (purpose IN ('sign-in', 'recovery')),
    channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    code_hash TEXT NOT NULL,
    tries INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  ) STRICT;
  `,
  // Support: a role per account, one recovery code per account (issuing another replaces it,
  // and only its HMAC is kept), the authenticator model of each passkey (to name its
  // provider), and the audit log. The log copies names and public ids rather than referencing
  // users, so deleting an account can neither cascade into it nor be refused because of it; the
  // triggers make it append-only for everyone who goes through SQL.
  `
  ALTER TABLE users ADD COLUMN role TEXT NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'support'));
  ALTER TABLE credentials ADD COLUMN aaguid TEXT;
  CREATE TABLE recovery_codes (
    user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    issued_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  ) STRICT;
  CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    action TEXT NOT NULL,
    actor_id TEXT,
    actor_name TEXT,
    target_id TEXT,
    target_name TEXT,
    detail TEXT,
    address TEXT NOT NULL,
    user_agent TEXT,
    CHECK ((actor_id IS NULL) = (actor_name IS NULL)),
    CHECK ((target_id IS NULL) = (target_name IS NULL))
  ) STRICT;
  CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
  CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
  `,
];

/**
 * @param {Database.Database} db
 */
function migrate(db) {
  const current = /** @type {number} */ (db.pragma('user_version', { simple: true }));
  if (current > MIGRATIONS.length) {
    throw new Error(
      `database schema version ${current} is newer than this server knows (${MIGRATIONS.length})`,
    );
  }
  db.transaction(() => {
    for (let version = current; version < MIGRATIONS.length; version++) {
      db.exec(MIGRATIONS[version]);
    }
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  }).immediate();
}

/**
 * @param {any} row
 * @returns {User}
 */
function toUser(row) {
  return {
    id: row.id,
    handle: row.handle,
    name: row.name,
    displayName: row.display_name,
    email: row.email,
    phone: row.phone,
    passwordHash: row.password_hash,
    role: row.role,
    createdAt: row.created_at,
  };
}

/**
 * @param {any} row
 * @returns {StoredCredential}
 */
function toCredential(row) {
  return {
    id: row.id,
    userId: row.user_id,
    // A fresh copy: better-sqlite3 hands out Buffers over a shared pool.
    publicKey: new Uint8Array(row.public_key),
    counter: row.counter,
    transports: JSON.parse(row.transports),
    deviceType: row.device_type,
    backedUp: row.backed_up === 1,
    aaguid: row.aaguid,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
  };
}

/**
 * Opens (creating if needed) the SQLite database that holds users, passkeys and sessions.
 *
 * All methods are synchronous: better-sqlite3 runs each statement to completion, so a
 * read-then-write inside one method cannot interleave with another request.
 *
 * @param {string} file a path, or ':memory:'
 */
export function openStore(file) {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    if (file !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }

  const sql = {
    userByName: db.prepare('SELECT * FROM users WHERE name = ?'),
    userById: db.prepare('SELECT * FROM users WHERE id = ?'),
    userByHandle: db.prepare('SELECT * FROM users WHERE handle = ?'),
    insertUser: db.prepare(
      `INSERT INTO users (handle, name, display_name, email, phone, password_hash, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    setPasswordHash: db.prepare('UPDATE users SET password_hash = ? WHERE id = ?'),
    deleteOtherSessions: db.prepare('DELETE FROM sessions WHERE user_id = ? AND id_hash != ?'),
    credentialById: db.prepare('SELECT * FROM credentials WHERE id = ?'),
    credentialsByUser: db.prepare('SELECT * FROM credentials WHERE user_id = ? ORDER BY created_at'),
    insertCredential: db.prepare(
      `INSERT INTO credentials
         (id, user_id, public_key, counter, transports, device_type, backed_up, aaguid, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    deleteCredential: db.prepare('DELETE FROM credentials WHERE id = ? AND user_id = ?'),
    promoteToSupport: db.prepare("UPDATE users SET role = 'support', password_hash = ? WHERE id = ?"),
    insertSupportUser: db.prepare(
      `INSERT INTO users (handle, name, display_name, password_hash, role, created_at)
       VALUES (?, ?, ?, ?, 'support', ?)`,
    ),
    demoteSupport: db.prepare(
      "UPDATE users SET role = 'user' WHERE role = 'support' AND id NOT IN (SELECT value FROM json_each(?))",
    ),
    deleteSessionsOfUser: db.prepare('DELETE FROM sessions WHERE user_id = ?'),
    recoveryCodeByUser: db.prepare('SELECT * FROM recovery_codes WHERE user_id = ?'),
    replaceRecoveryCode: db.prepare(
      `INSERT OR REPLACE INTO recovery_codes (user_id, code_hash, issued_by, created_at, expires_at)
       VALUES (:userId, :codeHash, :issuedBy, :createdAt, :expiresAt)`,
    ),
    takeRecoveryCode: db.prepare('DELETE FROM recovery_codes WHERE user_id = ? AND code_hash = ?'),
    deleteRecoveryCode: db.prepare('DELETE FROM recovery_codes WHERE user_id = ?'),
    insertAudit: db.prepare(
      `INSERT INTO audit_log
         (at, action, actor_id, actor_name, target_id, target_name, detail, address, user_agent)
       VALUES (:at, :action, :actorId, :actorName, :targetId, :targetName, :detail, :address,
         :userAgent)`,
    ),
    latestAudit: db.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?'),
    // The counter guard makes two concurrent sign-ins with the same authenticator unable to
    // move the counter backwards (a zero counter means the authenticator does not count).
    recordUse: db.prepare(
      `UPDATE credentials
         SET counter = :counter, backed_up = :backedUp, device_type = :deviceType,
             last_used_at = :now
       WHERE id = :id AND (:counter = 0 AND counter = 0 OR counter < :counter)`,
    ),
    sessionByHash: db.prepare('SELECT * FROM sessions WHERE id_hash = ?'),
    insertSession: db.prepare(
      `INSERT INTO sessions (id_hash, user_id, created_at, expires_at, recovery_until)
       VALUES (?, ?, ?, ?, ?)`,
    ),
    setRecoveryUntil: db.prepare('UPDATE sessions SET recovery_until = ? WHERE id_hash = ?'),
    codeBySession: db.prepare('SELECT * FROM codes WHERE session_id_hash = ?'),
    deleteCode: db.prepare('DELETE FROM codes WHERE id = ?'),
    deleteCodeOfSession: db.prepare('DELETE FROM codes WHERE session_id_hash = ?'),
    insertCode: db.prepare(
      `INSERT INTO codes (session_id_hash, user_id, account_key, purpose, channel, code_hash,
         tries, created_at, expires_at)
       VALUES (:sessionIdHash, :userId, :accountKey, :purpose, :channel, :codeHash, :tries,
         :createdAt, :expiresAt)`,
    ),
    countCodeFailure: db.prepare('UPDATE codes SET tries = tries + 1 WHERE id = ? RETURNING tries'),
    deleteSession: db.prepare('DELETE FROM sessions WHERE id_hash = ?'),
    moveChallenges: db.prepare(
      "UPDATE challenges SET session_id_hash = ? WHERE session_id_hash = ? AND kind = 'authentication'",
    ),
    extendSession: db.prepare('UPDATE sessions SET expires_at = ? WHERE id_hash = ?'),
    purgeSessions: db.prepare('DELETE FROM sessions WHERE expires_at <= ?'),
    insertChallenge: db.prepare(
      `INSERT INTO challenges
         (session_id_hash, kind, challenge, expires_at, user_handle, user_name, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    deleteExpiredChallenges: db.prepare(
      'DELETE FROM challenges WHERE session_id_hash = ? AND expires_at <= ?',
    ),
    // By id rather than created_at: ids only grow, while the wall clock can step backwards.
    trimChallenges: db.prepare(
      `DELETE FROM challenges
       WHERE session_id_hash = :idHash AND kind = :kind AND id NOT IN (
         SELECT id FROM challenges WHERE session_id_hash = :idHash AND kind = :kind
         ORDER BY id DESC LIMIT :keep)`,
    ),
    challengeByValue: db.prepare(
      'SELECT * FROM challenges WHERE session_id_hash = ? AND kind = ? AND challenge = ?',
    ),
    deleteChallenge: db.prepare('DELETE FROM challenges WHERE id = ?'),
  };

  /** @param {any} row @returns {SessionRow} */
  const toSession = (row) => ({
    idHash: row.id_hash,
    userId: row.user_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    recoveryUntil: row.recovery_until,
  });

  /** @param {any} row @returns {PendingCode} */
  const toCode = (row) => ({
    id: row.id,
    sessionIdHash: row.session_id_hash,
    userId: row.user_id,
    accountKey: row.account_key,
    purpose: row.purpose,
    channel: row.channel,
    codeHash: row.code_hash,
    tries: row.tries,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  });

  const replaceCode = db.transaction(
    /** @param {Omit<PendingCode, 'id' | 'tries'>} code */
    (code) => {
      const previous = /** @type {any} */ (sql.codeBySession.get(code.sessionIdHash));
      // A resend must not hand out fresh guesses: the new code inherits the tries already used
      // on the one it replaces, if that one was still live.
      const tries = previous && previous.expires_at > code.createdAt ? previous.tries : 0;
      sql.deleteCodeOfSession.run(code.sessionIdHash);
      sql.insertCode.run({ ...code, tries });
    },
  );

  const createUser = db.transaction(
    /**
     * @param {NewUser} user
     * @param {number} now
     * @returns {{ ok: true, user: User } | { ok: false, reason: 'name-taken' }}
     */
    (user, now) => {
      if (sql.userByName.get(user.name)) return { ok: false, reason: 'name-taken' };
      const { lastInsertRowid } = sql.insertUser.run(
        user.handle,
        user.name,
        user.displayName,
        user.email ?? null,
        user.phone ?? null,
        user.passwordHash ?? null,
        now,
      );
      return { ok: true, user: toUser(sql.userById.get(lastInsertRowid)) };
    },
  );

  const addCredential = db.transaction(
    /**
     * @param {number} userId
     * @param {NewCredential} credential
     * @param {number} now
     */
    (userId, credential, now) => {
      if (sql.credentialById.get(credential.id)) return false;
      insertCredential(userId, credential, now);
      return true;
    },
  );

  /**
   * @param {number | bigint} userId
   * @param {NewCredential} credential
   * @param {number} now
   */
  function insertCredential(userId, credential, now) {
    sql.insertCredential.run(
      credential.id,
      userId,
      Buffer.from(credential.publicKey),
      credential.counter,
      JSON.stringify(credential.transports),
      credential.deviceType,
      credential.backedUp ? 1 : 0,
      credential.aaguid ?? null,
      now,
    );
  }

  const addChallenge = db.transaction(
    /**
     * @param {string} idHash
     * @param {ChallengeKind} kind
     * @param {PendingChallenge} pending
     * @param {number} keep
     */
    (idHash, kind, pending, keep) => {
      sql.deleteExpiredChallenges.run(idHash, pending.createdAt);
      sql.insertChallenge.run(
        idHash,
        kind,
        pending.challenge,
        pending.expiresAt,
        pending.userHandle ?? null,
        pending.userName ?? null,
        pending.createdAt,
      );
      sql.trimChallenges.run({ idHash, kind, keep });
    },
  );

  const takeChallenge = db.transaction(
    /**
     * @param {string} idHash
     * @param {ChallengeKind} kind
     * @param {string} challenge
     * @returns {PendingChallenge | null}
     */
    (idHash, kind, challenge) => {
      const row = /** @type {any} */ (sql.challengeByValue.get(idHash, kind, challenge));
      if (!row) return null;
      sql.deleteChallenge.run(row.id);
      return {
        challenge: row.challenge,
        createdAt: row.created_at,
        expiresAt: row.expires_at,
        ...(row.user_handle === null ? {} : { userHandle: row.user_handle }),
        ...(row.user_name === null ? {} : { userName: row.user_name }),
      };
    },
  );

  const createAccount = db.transaction(
    /**
     * @param {{ handle: string, name: string, displayName: string }} user
     * @param {NewCredential} credential
     * @param {number} now
     * @returns {{ ok: true, user: User } | { ok: false, reason: 'credential-exists' | 'name-taken' }}
     */
    (user, credential, now) => {
      if (sql.credentialById.get(credential.id)) return { ok: false, reason: 'credential-exists' };
      if (sql.userByName.get(user.name)) return { ok: false, reason: 'name-taken' };
      const { lastInsertRowid } = sql.insertUser.run(
        user.handle,
        user.name,
        user.displayName,
        null,
        null,
        null,
        now,
      );
      insertCredential(lastInsertRowid, credential, now);
      return { ok: true, user: toUser(sql.userById.get(lastInsertRowid)) };
    },
  );

  const syncSupportAccounts = db.transaction(
    /**
     * @param {{ name: string, passwordHash: string, handle: string }[]} accounts
     * @param {number} now
     */
    (accounts, now) => {
      /** @type {number[]} */
      const ids = [];
      for (const account of accounts) {
        const existing = /** @type {any} */ (sql.userByName.get(account.name));
        if (existing) {
          sql.promoteToSupport.run(account.passwordHash, existing.id);
          ids.push(existing.id);
        } else {
          const { lastInsertRowid } = sql.insertSupportUser.run(
            account.handle,
            account.name,
            account.name,
            account.passwordHash,
            now,
          );
          ids.push(Number(lastInsertRowid));
        }
        // A support account is not recovered through support: see support.js.
        sql.deleteRecoveryCode.run(ids.at(-1));
      }
      sql.demoteSupport.run(JSON.stringify(ids));
    },
  );

  const removeCredential = db.transaction(
    /**
     * @param {number} userId
     * @param {string} credentialId
     */
    (userId, credentialId) => {
      if (sql.deleteCredential.run(credentialId, userId).changes === 0) return false;
      sql.deleteSessionsOfUser.run(userId);
      return true;
    },
  );

  /** @param {any} row @returns {AuditEntry} */
  const toAuditEntry = (row) => ({
    id: row.id,
    at: row.at,
    action: row.action,
    actor: row.actor_id === null ? null : { id: row.actor_id, name: row.actor_name },
    target: row.target_id === null ? null : { id: row.target_id, name: row.target_name },
    detail: row.detail,
    address: row.address,
    userAgent: row.user_agent,
  });

  return {
    /** @param {string} name @returns {User | null} */
    findUserByName(name) {
      const row = sql.userByName.get(name);
      return row ? toUser(row) : null;
    },

    /** @param {number} id @returns {User | null} */
    findUserById(id) {
      const row = sql.userById.get(id);
      return row ? toUser(row) : null;
    },

    /** @param {string} handle @returns {User | null} */
    findUserByHandle(handle) {
      const row = sql.userByHandle.get(handle);
      return row ? toUser(row) : null;
    },

    /**
     * An account without a passkey yet (one may be added once it is signed in).
     * @param {NewUser} user
     * @param {number} now
     */
    createUser(user, now) {
      return createUser.immediate(user, now);
    },

    /**
     * @param {number} userId
     * @param {NewCredential} credential
     * @param {number} now
     * @returns {boolean} false when that credential ID is already registered to anyone
     */
    addCredential(userId, credential, now) {
      return addCredential.immediate(userId, credential, now);
    },

    /**
     * Makes exactly these accounts the support accounts: each is created, or promoted, with
     * this password; every other support account goes back to being a user.
     * @param {{ name: string, passwordHash: string, handle: string }[]} accounts `handle` is
     *   used only for an account that does not exist yet
     * @param {number} now
     */
    syncSupportAccounts(accounts, now) {
      syncSupportAccounts.immediate(accounts, now);
    },

    /**
     * Removes one passkey of the user, and signs the user out everywhere: a device that was
     * lost or stolen may still hold a session.
     * @param {number} userId
     * @param {string} credentialId
     * @returns {boolean} false when the user has no such passkey
     */
    removeCredential(userId, credentialId) {
      return removeCredential.immediate(userId, credentialId);
    },

    /** @param {number} userId @param {string} hash */
    setPasswordHash(userId, hash) {
      sql.setPasswordHash.run(hash, userId);
    },

    /**
     * Signs the user out everywhere but here.
     * @param {number} userId
     * @param {string} keepIdHash
     */
    deleteOtherSessions(userId, keepIdHash) {
      sql.deleteOtherSessions.run(userId, keepIdHash);
    },

    /** @param {string} id @returns {StoredCredential | null} */
    findCredential(id) {
      const row = sql.credentialById.get(id);
      return row ? toCredential(row) : null;
    },

    /** @param {number} userId @returns {StoredCredential[]} */
    listCredentials(userId) {
      return sql.credentialsByUser.all(userId).map(toCredential);
    },

    /**
     * Creates the user and their first passkey together, or neither.
     * @param {{ handle: string, name: string, displayName: string }} user
     * @param {NewCredential} credential
     * @param {number} now
     */
    createAccount(user, credential, now) {
      return createAccount.immediate(user, credential, now);
    },

    /**
     * @param {string} id
     * @param {{ counter: number, backedUp: boolean, deviceType: string, now: number }} use
     * @returns {boolean} false when the stored counter had already reached `counter`
     */
    recordCredentialUse(id, use) {
      const result = sql.recordUse.run({
        id,
        counter: use.counter,
        backedUp: use.backedUp ? 1 : 0,
        deviceType: use.deviceType,
        now: use.now,
      });
      return result.changes === 1;
    },

    /** @param {string} idHash @returns {SessionRow | null} */
    findSession(idHash) {
      const row = sql.sessionByHash.get(idHash);
      return row ? toSession(row) : null;
    },

    /** @param {SessionRow} session */
    insertSession(session) {
      sql.insertSession.run(
        session.idHash,
        session.userId,
        session.createdAt,
        session.expiresAt,
        session.recoveryUntil ?? null,
      );
    },

    /** @param {string} idHash @param {number | null} until */
    setRecoveryUntil(idHash, until) {
      sql.setRecoveryUntil.run(until, idHash);
    },

    /**
     * Stores the session's pending code, replacing (and so invalidating) any earlier one.
     * @param {Omit<PendingCode, 'id' | 'tries'>} code
     */
    replaceCode(code) {
      replaceCode.immediate(code);
    },

    /** @param {string} sessionIdHash @returns {PendingCode | null} */
    findCode(sessionIdHash) {
      const row = sql.codeBySession.get(sessionIdHash);
      return row ? toCode(row) : null;
    },

    /** @param {number} id @returns {number} the tries used, this one included */
    countCodeFailure(id) {
      const row = /** @type {{ tries: number } | undefined} */ (sql.countCodeFailure.get(id));
      return row?.tries ?? Number.POSITIVE_INFINITY;
    },

    /** @param {number} id */
    deleteCode(id) {
      sql.deleteCode.run(id);
    },

    /** @param {number} userId @returns {RecoveryCode | null} */
    findRecoveryCode(userId) {
      const row = /** @type {any} */ (sql.recoveryCodeByUser.get(userId));
      return row
        ? {
            userId: row.user_id,
            codeHash: row.code_hash,
            issuedBy: row.issued_by,
            createdAt: row.created_at,
            expiresAt: row.expires_at,
          }
        : null;
    },

    /**
     * Stores the account's recovery code, replacing (and so invalidating) any earlier one.
     * @param {RecoveryCode} code
     */
    replaceRecoveryCode(code) {
      sql.replaceRecoveryCode.run(code);
    },

    /**
     * Deletes the account's recovery code if it is still the one with this hash.
     * @param {number} userId
     * @param {string} codeHash
     * @returns {boolean} false when it was already used or replaced meanwhile
     */
    takeRecoveryCode(userId, codeHash) {
      return sql.takeRecoveryCode.run(userId, codeHash).changes === 1;
    },

    /** @param {number} userId */
    deleteRecoveryCode(userId) {
      sql.deleteRecoveryCode.run(userId);
    },

    /** @param {NewAuditEntry} entry */
    appendAudit(entry) {
      sql.insertAudit.run({
        at: entry.at,
        action: entry.action,
        actorId: entry.actor?.id ?? null,
        actorName: entry.actor?.name ?? null,
        targetId: entry.target?.id ?? null,
        targetName: entry.target?.name ?? null,
        detail: entry.detail,
        address: entry.address,
        userAgent: entry.userAgent,
      });
    },

    /** @param {number} limit @returns {AuditEntry[]} newest first */
    latestAudit(limit) {
      return sql.latestAudit.all(limit).map(toAuditEntry);
    },

    /**
     * Hands a session's pending sign-in challenges to its successor (after sign-in regenerates the
     * token). Pending sign-ups are not carried into a signed-in session.
     * @param {string} fromIdHash @param {string} toIdHash
     */
    moveChallenges(fromIdHash, toIdHash) {
      sql.moveChallenges.run(toIdHash, fromIdHash);
    },

    /** Its pending challenges go with it. @param {string} idHash */
    deleteSession(idHash) {
      sql.deleteSession.run(idHash);
    },

    /** @param {string} idHash @param {number} expiresAt */
    extendSession(idHash, expiresAt) {
      sql.extendSession.run(expiresAt, idHash);
    },

    /** @param {number} now */
    purgeExpiredSessions(now) {
      sql.purgeSessions.run(now);
    },

    /**
     * Adds a pending challenge to the session, which then keeps only the `keep` newest of that
     * kind: each may still be answered, while the bound stops one session from piling them up.
     * Expired ones of either kind are dropped as of `pending.createdAt`.
     * @param {string} idHash
     * @param {ChallengeKind} kind
     * @param {PendingChallenge} pending
     * @param {number} keep
     */
    addChallenge(idHash, kind, pending, keep) {
      addChallenge.immediate(idHash, kind, pending, keep);
    },

    /**
     * Finds and deletes that exact pending challenge in one transaction, so it can be used
     * only once. Expired ones are returned too: telling expired from live is the caller's job.
     * @param {string} idHash
     * @param {ChallengeKind} kind
     * @param {string} challenge
     * @returns {PendingChallenge | null}
     */
    takeChallenge(idHash, kind, challenge) {
      return takeChallenge.immediate(idHash, kind, challenge);
    },

    close() {
      if (db.open) db.close();
    },
  };
}

/** @typedef {ReturnType<typeof openStore>} Store */
