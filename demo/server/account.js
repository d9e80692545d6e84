// @ts-check

/** @typedef {import('./store.js').Store} Store */
/** @typedef {import('./store.js').User} User */
/** @typedef {import('./sessions.js').Sessions} Sessions */
/** @typedef {import('./http.js').Handler} Handler */

/**
 * The `SignInResult` of the backend contract. The public user id is the WebAuthn user handle:
 * random, already known to the authenticator, and what `signalCurrentUserDetails` needs.
 *
 * @param {User} user
 * @param {string} [redirect]
 */
export function signInResult(user, redirect) {
  return {
    user: { id: user.handle, name: user.name, displayName: user.displayName },
    ...(redirect === undefined ? {} : { redirect }),
  };
}

/**
 * The `session` and `signOut` operations.
 *
 * @param {{ store: Store, sessions: Sessions }} deps
 * @returns {{ session: Handler, signOut: Handler }}
 */
export function createAccountHandlers({ store, sessions }) {
  return {
    async session({ req }) {
      const session = sessions.current(req);
      const user = session?.userId === undefined || session.userId === null ? null : store.findUserById(session.userId);
      // Signed out is an ordinary answer, not an error: a 401 would put a red line in every
      // signed-out visitor's console.
      if (!user) return { status: 200, body: { user: null } };
      return { status: 200, body: signInResult(user) };
    },

    async signOut({ req, res }) {
      sessions.signOut(req, res);
      return { status: 204 };
    },
  };
}
