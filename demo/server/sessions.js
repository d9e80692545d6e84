// @ts-check
import { createHash, randomBytes } from 'node:crypto';
import { appendSetCookie, parseCookies } from './http.js';

/** @typedef {import('./store.js').Store} Store */
/** @typedef {import('./store.js').SessionRow} SessionRow */
/** @typedef {import('./http.js').Request} Request */
/** @typedef {import('./http.js').Response} Response */

const COOKIE = 'pl_session';
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * Only the hash reaches the database, so a leaked database file holds no usable session.
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
export function createSessions({ store, now, secure, preAuthTtlMs, signedInTtlMs }) {
  // The __Host- prefix makes the browser refuse the cookie unless it is Secure, host-only and
  // Path=/, so a sibling subdomain cannot plant or shadow it. Browsers ignore it on http.
  const cookieName = () => (secure() ? `__Host-${COOKIE}` : COOKIE);

  /**
   * @param {string} value
   * @param {number | undefined} maxAgeSeconds undefined for a browser-session cookie
   */
  function cookie(value, maxAgeSeconds) {
    let text = `${cookieName()}=${value}; Path=/; HttpOnly; SameSite=Lax`;
    if (secure()) text += '; Secure';
    if (maxAgeSeconds !== undefined) text += `; Max-Age=${maxAgeSeconds}`;
    return text;
  }

  /**
   * @param {Response} res
   * @param {number | null} userId
   * @param {number | null} [recoveryUntil]
   */
  function create(res, userId, recoveryUntil = null) {
    const time = now();
    store.purgeExpiredSessions(time);
    const token = randomBytes(32).toString('base64url');
    const ttl = userId === null ? preAuthTtlMs : signedInTtlMs;
    /** @type {SessionRow} */
    const session = {
      idHash: hashToken(token),
      userId,
      createdAt: time,
      expiresAt: time + ttl,
      recoveryUntil,
    };
    store.insertSession(session);
    // A pre-auth cookie lives only as long as the browser session; the server row expires
    // sooner anyway, and a signed-in cookie should survive a browser restart.
    appendSetCookie(res, cookie(token, userId === null ? undefined : Math.floor(ttl / 1000)));
    return session;
  }

  /**
   * The live session for this browser, or null. Expired rows are deleted on sight.
   * @param {Request} req
   * @returns {SessionRow | null}
   */
  function current(req) {
    const token = parseCookies(req).get(cookieName());
    if (!token || !TOKEN_SHAPE.test(token)) return null;
    const idHash = hashToken(token);
    const session = store.findSession(idHash);
    if (!session) return null;
    if (session.expiresAt <= now()) {
      store.deleteSession(idHash);
      return null;
    }
    return session;
  }

  /**
   * The session to hang a challenge on: the current one, or a new pre-auth session.
   * @param {Request} req
   * @param {Response} res
   * @returns {SessionRow}
   */
  function ensure(req, res) {
    const session = current(req);
    if (!session) return create(res, null);
    if (session.userId === null) {
      // Asking for options again is activity: keep the pre-auth row alive for the ceremony.
      session.expiresAt = now() + preAuthTtlMs;
      store.extendSession(session.idHash, session.expiresAt);
    }
    return session;
  }

  /**
   * Session fixation defence: a sign-in always gets a brand-new token.
   * @param {Response} res
   * @param {SessionRow | null} previous
   * @param {number} userId
   * @param {number | null} [recoveryUntil] a sign-in by recovery code: until when this
   *   session may set a new password
   */
  function signIn(res, previous, userId, recoveryUntil = null) {
    const next = create(res, userId, recoveryUntil);
    if (previous) {
      // Another element on the page may still be waiting on a sign-in challenge issued to this
      // browser before sign-in: it stays single use and moves with the browser to the new token.
      store.moveChallenges(previous.idHash, next.idHash);
      store.deleteSession(previous.idHash);
    }
    return next;
  }

  /**
   * @param {Request} req
   * @param {Response} res
   */
  function signOut(req, res) {
    const session = current(req);
    if (session) store.deleteSession(session.idHash);
    appendSetCookie(res, cookie('', 0));
  }

  /**
   * @param {SessionRow} session
   * @returns {boolean} true while a recovery sign-in still allows setting a password
   */
  function inRecovery(session) {
    return session.userId !== null && (session.recoveryUntil ?? 0) > now();
  }

  /** @param {SessionRow} session */
  function endRecovery(session) {
    store.setRecoveryUntil(session.idHash, null);
  }

  return { current, ensure, signIn, signOut, inRecovery, endRecovery };
}

/** @typedef {ReturnType<typeof createSessions>} Sessions */
