// @ts-check
// The schema, one list per database. Each entry upgrades it by one version, in one transaction;
// append, never edit, once shipped. SQLite counts versions in `user_version`, PostgreSQL in the
// `schema_version` table.
import { accountKey } from './contact.js';

/** @typedef {import('better-sqlite3').Database} SqliteDatabase */

/**
 * @type {readonly (string | ((db: SqliteDatabase) => void))[]}
 */
export const SQLITE_MIGRATIONS = [
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
  // Everything that limits or proves something moves into the database, so several processes
  // can share it and a restart forgets nothing: rate limits and locks, device requests, which
  // challenges were for a conditional create, and which server secret keyed a code. Identifiers
  // get one normalised key (NFKC and case folded, see contact.js) under a unique index, instead of
  // `COLLATE NOCASE`, which folds ASCII only.
  (db) => {
    db.exec(`
      ALTER TABLE users ADD COLUMN name_key TEXT;
      ALTER TABLE users ADD COLUMN contact_verified INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE challenges ADD COLUMN conditional INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE codes ADD COLUMN secret_id TEXT NOT NULL DEFAULT '';
      CREATE TABLE limits (
        key TEXT PRIMARY KEY,
        count INTEGER NOT NULL,
        reset_at INTEGER NOT NULL,
        locked_until INTEGER NOT NULL DEFAULT 0,
        trips INTEGER NOT NULL DEFAULT 0,
        forget_at INTEGER NOT NULL DEFAULT 0,
        expires_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX limits_by_expiry ON limits(expires_at);
      CREATE TABLE device_requests (
        id TEXT PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        session_id_hash TEXT NOT NULL,
        account_key TEXT,
        browser TEXT,
        os TEXT,
        place TEXT,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'denied', 'used')),
        user_id INTEGER REFERENCES users(id) ON DELETE CASCADE,
        pick_up_by INTEGER NOT NULL DEFAULT 0,
        forget_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX device_requests_by_session ON device_requests(session_id_hash);
      CREATE INDEX device_requests_by_forget ON device_requests(forget_at);
      CREATE INDEX challenges_by_expiry ON challenges(expires_at);
      CREATE INDEX codes_by_expiry ON codes(expires_at);
      CREATE INDEX recovery_codes_by_expiry ON recovery_codes(expires_at);
      CREATE INDEX sessions_by_user ON sessions(user_id);
    `);
    // A password set together with an address nobody has proven yet is dropped once the owner of
    // that address proves it (pre-hijacking), so accounts that never did are treated as such.
    db.exec(`UPDATE users SET contact_verified = 0
      WHERE role = 'user' AND (email IS NOT NULL OR phone IS NOT NULL)`);
    const rows = /** @type {{ id: number, name: string }[]} */ (db.prepare('SELECT id, name FROM users').all());
    /** @type {Map<string, string>} */
    const seen = new Map();
    const setKey = db.prepare('UPDATE users SET name_key = ? WHERE id = ?');
    for (const { id, name } of rows) {
      const key = accountKey(name);
      const other = seen.get(key);
      if (other !== undefined) {
        throw new Error(
          `accounts ${JSON.stringify(other)} and ${JSON.stringify(name)} are one identifier once ` +
            'normalised (Unicode NFKC and case folding): rename one of them, then start again',
        );
      }
      seen.set(key, name);
      setKey.run(key, id);
    }
    db.exec('CREATE UNIQUE INDEX users_by_name_key ON users(name_key)');
  },
];

/**
 * PostgreSQL started at the schema SQLite reached in version 5; its later entries are its own.
 * @type {readonly string[]}
 */
export const POSTGRES_MIGRATIONS = [
  `
  CREATE TABLE users (
    id BIGSERIAL PRIMARY KEY,
    handle TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    email TEXT,
    phone TEXT,
    password_hash TEXT,
    role TEXT NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'support')),
    contact_verified INTEGER NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL
  );
  CREATE TABLE credentials (
    id TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    public_key BYTEA NOT NULL,
    counter BIGINT NOT NULL,
    transports TEXT NOT NULL DEFAULT '[]',
    device_type TEXT NOT NULL,
    backed_up INTEGER NOT NULL,
    aaguid TEXT,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT
  );
  CREATE INDEX credentials_by_user ON credentials(user_id);
  CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    user_id BIGINT REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    recovery_until BIGINT
  );
  CREATE INDEX sessions_by_expiry ON sessions(expires_at);
  CREATE INDEX sessions_by_user ON sessions(user_id);
  CREATE TABLE challenges (
    id BIGSERIAL PRIMARY KEY,
    session_id_hash TEXT NOT NULL REFERENCES sessions(id_hash) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('authentication', 'registration')),
    challenge TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    user_handle TEXT,
    user_name TEXT,
    conditional INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    UNIQUE (session_id_hash, kind, challenge),
    CHECK ((kind = 'registration') = (user_handle IS NOT NULL AND user_name IS NOT NULL))
  );
  CREATE INDEX challenges_by_expiry ON challenges(expires_at);
  CREATE TABLE codes (
    id BIGSERIAL PRIMARY KEY,
    session_id_hash TEXT NOT NULL UNIQUE REFERENCES sessions(id_hash) ON DELETE CASCADE,
    user_id BIGINT REFERENCES users(id) ON DELETE CASCADE,
    account_key TEXT NOT NULL,
    purpose TEXT NOT NULL CHECK (purpose IN ('sign-in', 'recovery')),
    channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    code_hash TEXT NOT NULL,
    secret_id TEXT NOT NULL,
    tries INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
  );
  CREATE INDEX codes_by_expiry ON codes(expires_at);
  CREATE TABLE recovery_codes (
    user_id BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    issued_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
  );
  CREATE INDEX recovery_codes_by_expiry ON recovery_codes(expires_at);
  CREATE TABLE audit_log (
    id BIGSERIAL PRIMARY KEY,
    at BIGINT NOT NULL,
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
  );
  CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'audit_log is append-only'; END
  $$;
  CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
  CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
  CREATE TABLE limits (
    key TEXT PRIMARY KEY,
    count INTEGER NOT NULL,
    reset_at BIGINT NOT NULL,
    locked_until BIGINT NOT NULL DEFAULT 0,
    trips INTEGER NOT NULL DEFAULT 0,
    forget_at BIGINT NOT NULL DEFAULT 0,
    expires_at BIGINT NOT NULL
  );
  CREATE INDEX limits_by_expiry ON limits(expires_at);
  CREATE TABLE device_requests (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    session_id_hash TEXT NOT NULL,
    account_key TEXT,
    browser TEXT,
    os TEXT,
    place TEXT,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'denied', 'used')),
    user_id BIGINT REFERENCES users(id) ON DELETE CASCADE,
    pick_up_by BIGINT NOT NULL DEFAULT 0,
    forget_at BIGINT NOT NULL
  );
  CREATE INDEX device_requests_by_session ON device_requests(session_id_hash);
  CREATE INDEX device_requests_by_forget ON device_requests(forget_at);
  `,
  // What an authentication options request writes, in one statement (Store.openCeremony says
  // why): the statements store.js and limits.js run for it, in the same order. Unqualified
  // names, so it works on the tables of whichever schema the connection's search_path names.
  `
  CREATE FUNCTION open_ceremony(
    p_id_hash TEXT, p_new_hash TEXT, p_now BIGINT, p_session_expires_at BIGINT,
    p_kind TEXT, p_challenge TEXT, p_challenge_expires_at BIGINT, p_user_handle TEXT,
    p_user_name TEXT, p_conditional INTEGER, p_keep INTEGER,
    p_limit_key TEXT, p_limit_max INTEGER, p_limit_end BIGINT)
  RETURNS TABLE (o_count INTEGER, o_reset_at BIGINT, o_id_hash TEXT, o_user_id BIGINT,
    o_created_at BIGINT, o_expires_at BIGINT, o_recovery_until BIGINT, o_fresh BOOLEAN)
  LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO limits AS l (key, count, reset_at, expires_at)
      VALUES (p_limit_key, 1, p_limit_end, p_limit_end)
      ON CONFLICT (key) DO UPDATE SET
        count = CASE WHEN l.reset_at <= p_now THEN 1 ELSE l.count + 1 END,
        reset_at = CASE WHEN l.reset_at <= p_now THEN p_limit_end ELSE l.reset_at END,
        expires_at = CASE WHEN l.reset_at <= p_now THEN p_limit_end ELSE l.expires_at END
      RETURNING l.count, l.reset_at INTO o_count, o_reset_at;
    o_fresh := false;
    -- Refused (the caller answers 429): the count is all it leaves behind.
    IF o_count > p_limit_max THEN
      RETURN NEXT;
      RETURN;
    END IF;
    IF p_id_hash IS NOT NULL THEN
      UPDATE sessions AS s
        SET expires_at = CASE WHEN s.user_id IS NULL THEN p_session_expires_at ELSE s.expires_at END
        WHERE s.id_hash = p_id_hash AND s.expires_at > p_now
        RETURNING s.id_hash, s.user_id, s.created_at, s.expires_at, s.recovery_until
        INTO o_id_hash, o_user_id, o_created_at, o_expires_at, o_recovery_until;
    END IF;
    IF o_id_hash IS NULL THEN
      INSERT INTO sessions (id_hash, user_id, created_at, expires_at, recovery_until)
        VALUES (p_new_hash, NULL, p_now, p_session_expires_at, NULL);
      o_id_hash := p_new_hash;
      o_created_at := p_now;
      o_expires_at := p_session_expires_at;
      o_fresh := true;
    END IF;
    INSERT INTO challenges
        (session_id_hash, kind, challenge, expires_at, user_handle, user_name, conditional, created_at)
      VALUES (o_id_hash, p_kind, p_challenge, p_challenge_expires_at, p_user_handle, p_user_name,
        p_conditional, p_now);
    IF NOT o_fresh THEN
      DELETE FROM challenges AS c
        WHERE c.session_id_hash = o_id_hash AND (c.expires_at <= p_now OR (c.kind = p_kind AND c.id NOT IN (
          SELECT k.id FROM challenges AS k
            WHERE k.session_id_hash = o_id_hash AND k.kind = p_kind AND k.expires_at > p_now
            ORDER BY k.id DESC LIMIT p_keep)));
    END IF;
    RETURN NEXT;
  END
  $$;
  `,
];
