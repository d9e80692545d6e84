// @ts-check
import { randomBytes } from 'node:crypto';
import { accountKey, parseEmail, parseIdentifier, parsePhone } from './contact.js';
import { Problem } from './problems.js';
import { hashPassword, parsePassword } from './passwords.js';

/** @typedef {import('./store.js').Store} Store */
/** @typedef {import('./store.js').User} User */
/** @typedef {import('./sessions.js').Sessions} Sessions */
/** @typedef {import('./app.js').Handler} Handler */
/** @typedef {import('./passwords.js').ScryptCost} ScryptCost */

/** @typedef {'passkey' | 'email-code' | 'sms-code' | 'password'} Method */

/** In the order the widget should offer them. */
const METHODS = /** @type {const} */ (['passkey', 'email-code', 'sms-code', 'password']);

/**
 * What an identifier without an account is told it could use: any of the sets a real account
 * can have, picked by a keyed hash so it is stable. No answer is then one only a real account
 * could give.
 * @param {Buffer} hash
 * @returns {Method[]}
 */
function standInMethods(hash) {
  const mask = 1 + (hash.readUInt32BE(0) % (2 ** METHODS.length - 1));
  return METHODS.filter((_, bit) => mask & (1 << bit));
}

/**
 * The ways an account can sign in, in the order the widget should offer them.
 * @param {Store} store
 * @param {User} user
 * @returns {Promise<Method[]>}
 */
export async function methodsOf(store, user) {
  /** @type {Record<Method, boolean>} */
  const has = {
    passkey: (await store.countCredentials(user.id)) > 0,
    'email-code': user.email !== null,
    'sms-code': user.phone !== null,
    password: user.passwordHash !== null,
  };
  return METHODS.filter((method) => has[method]);
}

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
 * @typedef {object} AccountOptions
 * @property {Store} store
 * @property {Sessions} sessions
 * @property {() => number} now
 * @property {ScryptCost} scryptCost
 * @property {(label: string, value: string) => Buffer} keyedHash
 * @property {string} [redirectAfterSignIn]
 */

/**
 * The `session`, `signOut`, `createAccount` and `methods` operations.
 *
 * @param {AccountOptions} options
 * @returns {Record<'session' | 'signOut' | 'createAccount' | 'methods', Handler>}
 */
export function createAccountHandlers({ store, sessions, now, scryptCost, keyedHash, redirectAfterSignIn }) {
  return {
    async session({ req }) {
      const user = (await sessions.currentWithUser(req))?.user ?? null;
      // Signed out is an ordinary answer, not an error: a 401 would put a red line in every
      // signed-out visitor's console.
      if (!user) return { status: 200, body: { user: null } };
      return { status: 200, body: signInResult(user) };
    },

    async signOut({ req, res }) {
      await sessions.signOut(req, res);
      return { status: 204 };
    },

    async createAccount({ req, res, body }) {
      const name = parseIdentifier(body.identifier);
      const email = parseEmail(body.email);
      const phone = parsePhone(body.phone);
      const password = body.password === undefined || body.password === null ? null : parsePassword(body.password);
      // Sign-up cannot avoid telling that a name is taken; checking before hashing saves the
      // work when it is.
      if (await store.findUserByName(name)) throw new Problem('identifier-taken');
      const passwordHash = password === null ? null : await hashPassword(password, scryptCost);
      const created = await store.createUser(
        {
          handle: randomBytes(32).toString('base64url'),
          name,
          displayName: name,
          email,
          phone,
          passwordHash,
        },
        now(),
      );
      // Someone else took the name while the password was hashing.
      if (!created.ok) throw new Problem('identifier-taken');
      await sessions.signIn(res, await sessions.current(req), created.user.id);
      return { status: 201, body: signInResult(created.user, redirectAfterSignIn) };
    },

    async methods({ body }) {
      const name = parseIdentifier(body.identifier);
      const user = await store.findUserByName(name);
      let methods = user ? await methodsOf(store, user) : [];
      // An account with no way in yet (a sign-up that never enrolled its passkey) is answered
      // like no account at all: an empty list is something a stand-in never says.
      if (methods.length === 0) methods = standInMethods(keyedHash('methods', accountKey(name)));
      return { status: 200, body: { methods } };
    },
  };
}
