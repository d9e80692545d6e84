// @ts-check
import { createHash, randomBytes } from 'node:crypto';

/** @typedef {import('./store.js').Store} Store */
/** @typedef {import('./store.js').SessionRow} SessionRow */
/** @typedef {import('./store.js').User} User */
/** @typedef {import('fastify').FastifyRequest} Request */
/** @typedef {import('fastify').FastifyReply} Reply */

const COOKIE = 'pl_session';
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * Only the hash reaches the database, so a leaked database holds no usable session.
 * @param {string} token
 */
function hashToken(token) {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * @typedef {object} SessionOptions
 * @property {Store} store
 * @property {() => number} now
 * @property {() => boolean} secure true when every allowed origin is https
 * @property {number} preAuthTtlMs lifetime of a session that has not signed in yet
 * @property {number} signedInTtlMs absolute lifetime of a signed-in session
 */

/**
 * Cookie sessions: an opaque random token in the cookie, its SHA-256 as the row key.
 *
 * @param {SessionOptions} options
 */
export function createSessions({ store: root, now, secure, preAuthTtlMs, signedInTtlMs }) {
  // The __Host- prefix makes the browser refuse the cookie unless it is Secure, host-only and
  // Path=/, so a sibling subdomain cannot plant or shadow it. Browsers ignore it on http.
  const cookieName = () => (secure() ? `__Host-${COOKIE}` : COOKIE);

  /**
   * @param {Reply} res
   * @param {string} value
   * @param {number | undefined} maxAgeSeconds undefined for a browser-session cookie
   */
  function setCookie(res, value, maxAgeSeconds) {
    res.setCookie(cookieName(), value, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: secure(),
      ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
    });
  }

  /** @param {Request} req */
  function tokenHash(req) {
    const token = req.cookies[cookieName()];
    return token && TOKEN_SHAPE.test(token) ? hashToken(token) : null;
  }

  /**
   * @param {Reply} res
   * @param {number | null} userId
   * @param {number | null} [recoveryUntil]
   * @param {Store} [store]
   */
  async function create(res, userId, recoveryUntil = null, store = root) {
    const time = now();
    const token = randomBytes(32).toString('base64url');
    const ttl = userId === null ? preAuthTtlMs : signedInTtlMs;
    /** @type {SessionRow} */
    const session = { idHash: hashToken(token), userId, createdAt: time, expiresAt: time + ttl, recoveryUntil };
    await store.insertSession(session);
    // A pre-auth cookie lives only as long as the browser session; the server row expires
    // sooner anyway, and a signed-in cookie should survive a browser restart.
    setCookie(res, token, userId === null ? undefined : Math.floor(ttl / 1000));
    return session;
  }

  /**
   * The live session for this browser, or null. An expired row counts as none (the purge
   * deletes it).
   * @param {Request} req
   * @param {Store} [store]
   * @returns {Promise<SessionRow | null>}
   */
  async function current(req, store = root) {
    const idHash = tokenHash(req);
    if (!idHash) return null;
    const session = await store.findSession(idHash);
    return session && session.expiresAt > now() ? session : null;
  }

  /**
   * The live session and its signed-in user (null when it has not signed in), in one query.
   * @param {Request} req
   * @param {Store} [store]
   * @returns {Promise<{ session: SessionRow, user: User | null } | null>}
   */
  async function currentWithUser(req, store = root) {
    const idHash = tokenHash(req);
    if (!idHash) return null;
    const found = await store.findSessionWithUser(idHash);
    return found && found.session.expiresAt > now() ? found : null;
  }

  /**
   * The session to hang a challenge or code on: the current one, or a new pre-auth session.
   * @param {Request} req
   * @param {Reply} res
   * @param {Store} [store]
   * @returns {Promise<SessionRow>}
   */
  async function ensure(req, res, store = root) {
    const idHash = tokenHash(req);
    // Asking for options again is activity: a live pre-auth row is kept alive for the ceremony,
    // in the same statement that finds it.
    const time = now();
    const session = idHash ? await store.touchSession(idHash, time, time + preAuthTtlMs) : null;
    if (!session) return { ...(await create(res, null, null, store)), fresh: true };
    return session;
  }

  /**
   * For a store step that finds or creates the session itself (`Store.openCeremony`): this
   * browser's token hash (null without a token), and a new pre-auth session, with its token, for
   * that step to create when it finds no live one. `adopt` hands out the cookie of one it created.
   * @param {Request} req
   */
  function propose(req) {
    const time = now();
    const token = randomBytes(32).toString('base64url');
    /** @type {SessionRow} */
    const session = { idHash: hashToken(token), userId: null, createdAt: time, expiresAt: time + preAuthTtlMs, recoveryUntil: null };
    return { idHash: tokenHash(req), token, session };
  }

  /**
   * @param {Reply} res
   * @param {ReturnType<typeof propose>} proposal its session was created
   */
  function adopt(res, proposal) {
    // As `create` sets it for a pre-auth session.
    setCookie(res, proposal.token, undefined);
  }

  /**
   * Session fixation defence: a sign-in always gets a brand-new token.
   * @param {Reply} res
   * @param {SessionRow | null} previous
   * @param {number} userId
   * @param {number | null} [recoveryUntil] a sign-in by recovery code: until when this
   *   session may set a new password
   * @param {Store} [store]
   */
  async function signIn(res, previous, userId, recoveryUntil = null, store = root) {
    return store.transaction(async (tx) => {
      const next = await create(res, userId, recoveryUntil, tx);
      if (previous) {
        // Another element on the page may still be waiting on a sign-in challenge issued to
        // this browser before sign-in: it stays single use and moves with the browser.
        await tx.moveChallenges(previous.idHash, next.idHash);
        await tx.deleteSession(previous.idHash);
      }
      return next;
    });
  }

  /**
   * @param {Request} req
   * @param {Reply} res
   */
  async function signOut(req, res) {
    const idHash = tokenHash(req);
    if (idHash) await root.deleteSession(idHash);
    setCookie(res, '', 0);
  }

  /**
   * @param {SessionRow} session
   * @returns {boolean} true while a recovery sign-in still allows setting a password
   */
  function inRecovery(session) {
    return session.userId !== null && (session.recoveryUntil ?? 0) > now();
  }

  return { tokenHash, current, currentWithUser, ensure, propose, adopt, signIn, signOut, inRecovery };
}

/** @typedef {ReturnType<typeof createSessions>} Sessions */
