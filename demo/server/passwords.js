// @ts-check
import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';
import { signInResult } from './account.js';
import { accountKey, parseIdentifier } from './contact.js';
import { Problem, clientAddress, createFailureLimit } from './http.js';

/** @typedef {import('./store.js').Store} Store */
/** @typedef {import('./sessions.js').Sessions} Sessions */
/** @typedef {import('./http.js').Handler} Handler */
/** @typedef {import('./http.js').FailureLimitOptions} FailureLimitOptions */

/**
 * @typedef {object} ScryptCost
 * @property {number} N CPU/memory cost, a power of two
 * @property {number} r block size
 * @property {number} p parallelism
 */

/** OWASP Password Storage cheat sheet: N=2^15, r=8, p=1 is its scrypt floor. */
export const DEFAULT_SCRYPT_COST = /** @type {const} */ ({ N: 2 ** 15, r: 8, p: 1 });
const KEY_LENGTH = 64;
const SALT_LENGTH = 16;
const MIN_LENGTH = 8;
// Long enough for any passphrase or manager-generated password, short enough that hashing it is
// not a way to burn CPU.
const MAX_LENGTH = 1024;
const PREFIX = 'scrypt';

/**
 * Node's default maxmem (32 MiB) is exactly 128·N·r at N=2^15 and scrypt needs a little more,
 * so the limit is raised to what these parameters need plus headroom.
 * @param {ScryptCost} cost
 */
function scryptOptions({ N, r, p }) {
  return { N, r, p, maxmem: 128 * N * r * p + 128 * r * (p + 2) + 1024 * 1024 };
}

/**
 * @param {string} password
 * @param {Buffer} salt
 * @param {ScryptCost} cost
 * @returns {Promise<Buffer>}
 */
function derive(password, salt, cost) {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_LENGTH, scryptOptions(cost), (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/**
 * @param {ScryptCost} cost
 * @param {Buffer} salt
 * @param {Buffer} key
 */
function format(cost, salt, key) {
  return [PREFIX, cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/**
 * NIST SP 800-63B §3.1.1.2: at least 8 characters, any Unicode, no composition rules;
 * normalized (NFKC) so the same password typed on two keyboards is the same password.
 * @param {unknown} value
 * @returns {string}
 */
export function parsePassword(value) {
  if (typeof value !== 'string') throw new Problem('invalid-password');
  const password = value.normalize('NFKC');
  const length = [...password].length;
  if (length < MIN_LENGTH || length > MAX_LENGTH) throw new Problem('invalid-password');
  return password;
}

/**
 * @param {string} password from parsePassword
 * @param {ScryptCost} cost
 * @returns {Promise<string>} `scrypt$N$r$p$salt$key`, salt and key base64url; the parameters
 *   travel with the hash so raising the cost later leaves existing passwords usable
 */
export async function hashPassword(password, cost) {
  const salt = randomBytes(SALT_LENGTH);
  return format(cost, salt, await derive(password, salt, cost));
}

/**
 * hashPassword for start-up, where a configuration mistake should fail createApp itself
 * rather than the first request.
 * @param {string} password from parsePassword
 * @param {ScryptCost} cost
 */
export function hashPasswordSync(password, cost) {
  const salt = randomBytes(SALT_LENGTH);
  return format(cost, salt, scryptSync(password, salt, KEY_LENGTH, scryptOptions(cost)));
}

/**
 * @param {string} password
 * @param {string} stored from hashPassword
 * @returns {Promise<boolean>}
 */
export async function verifyPassword(password, stored) {
  const [prefix, N, r, p, salt, key] = stored.split('$');
  if (prefix !== PREFIX || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), {
    N: Number(N),
    r: Number(r),
    p: Number(p),
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * @typedef {object} PasswordOptions
 * @property {Store} store
 * @property {Sessions} sessions
 * @property {() => number} now
 * @property {ScryptCost} scryptCost for new hashes
 * @property {FailureLimitOptions} accountFailures wrong passwords per identifier
 * @property {FailureLimitOptions} clientFailures wrong passwords per client address
 * @property {string} [redirectAfterSignIn]
 */

/**
 * The `passwordSignIn` and `passwordSet` operations.
 *
 * @param {PasswordOptions} options
 * @returns {Record<'passwordSignIn' | 'passwordSet', Handler>}
 */
export function createPasswordHandlers(options) {
  const { store, sessions, now, scryptCost } = options;
  const perAccount = createFailureLimit(options.accountFailures, now, 'rate-limited');
  const perClient = createFailureLimit(options.clientFailures, now, 'rate-limited');
  // Compared against when there is no real hash, so an unknown identifier costs one scrypt
  // like a known one and the answer time tells nothing.
  const dummy = hashPassword(randomBytes(16).toString('hex'), scryptCost);

  return {
    async passwordSignIn({ req, res, body }) {
      const name = parseIdentifier(body.identifier);
      // Not parsePassword: a password set before a rule changed must still be checkable, and
      // a short one is simply wrong.
      if (typeof body.password !== 'string') throw new Problem('bad-request');
      const key = accountKey(name);
      const client = clientAddress(req);
      perClient.check(client);
      perAccount.check(key);
      const user = store.findUserByName(name);
      const hash = user?.passwordHash ?? (await dummy);
      const matches = await verifyPassword(body.password.normalize('NFKC'), hash);
      if (!user?.passwordHash || !matches) {
        perClient.fail(client);
        perAccount.fail(key);
        throw new Problem('invalid-credentials');
      }
      perAccount.reset(key);
      sessions.signIn(res, sessions.current(req), user.id);
      return { status: 200, body: signInResult(user, options.redirectAfterSignIn) };
    },

    async passwordSet({ req, body }) {
      const session = sessions.current(req);
      // Only right after proving control of the account's email or phone: a signed-in session
      // alone could be a borrowed or stolen one.
      if (!session || session.userId === null || !sessions.inRecovery(session)) {
        throw new Problem('forbidden');
      }
      const password = parsePassword(body.password);
      store.setPasswordHash(session.userId, await hashPassword(password, scryptCost));
      // OWASP Forgot Password cheat sheet: whoever knew the old password may still hold a
      // session made with it.
      store.deleteOtherSessions(session.userId, session.idHash);
      sessions.endRecovery(session);
      return { status: 204 };
    },
  };
}
