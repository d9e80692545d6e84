// @ts-check
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { dictionary } from '@zxcvbn-ts/language-common';
import { signInResult } from './account.js';
import { clientKey } from './client-address.js';
import { accountKey, parseIdentifier } from './contact.js';
import { Problem } from './problems.js';

/** @typedef {import('./store.js').Store} Store */
/** @typedef {import('./sessions.js').Sessions} Sessions */
/** @typedef {import('./app.js').Handler} Handler */
/** @typedef {import('./limits.js').FailureLimitOptions} FailureLimitOptions */

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
 * NIST SP 800-63B-4 §3.1.1.2 asks for new passwords to be checked against a blocklist of
 * commonly used, expected or compromised values. This is zxcvbn-ts's list of about 49 000 of the
 * most common passwords from breach corpora (@zxcvbn-ts/language-common, `passwords-common`),
 * compared without case.
 */
const COMMON = new Set(dictionary['passwords-common'].map((password) => password.toLowerCase()));

/**
 * Expected values no list can hold all of: one character over and over (`aaaaaaaa`), or a run
 * up or down the code points (`abcdefgh`, `98765432`).
 * @param {string} password
 */
function isTrivial(password) {
  const points = [...password.toLowerCase()].map((character) => character.codePointAt(0) ?? 0);
  const steps = new Set(points.slice(1).map((point, i) => point - points[i]));
  return steps.size === 1 && [0, 1, -1].includes([...steps][0]);
}

/**
 * Node's default maxmem (32 MiB) is exactly 128·N·r at N=2^15 and scrypt needs a little more,
 * so the limit is raised to what these parameters need plus headroom.
 * @param {ScryptCost} cost
 */
function scryptOptions({ N, r, p }) {
  return { N, r, p, maxmem: 128 * N * r * p + 128 * r * (p + 2) + 1024 * 1024 };
}

/**
 * Password hashing runs on worker threads of its own (hash-worker.js), this many at once: on a
 * machine with two cores, four scrypts (libuv's default pool) would leave nothing for the event
 * loop, and every other request (a session check, a passkey sign-in) would wait behind them. Each
 * worker also runs at a lower scheduling priority, so under load the hashing yields the CPU to
 * everything else rather than sharing it. The rest queue; past `maxQueue` the request is refused
 * rather than queued without end. Both an unknown and a known account wait in the same queue,
 * so the answer time still tells them apart no better than before.
 */
// Linux niceness of the hashing threads: 5 gives them about a quarter of a core that another
// thread also wants (CFS weight 335 against 1024), and all of one that nothing else wants. Not
// lower: the slower a hash under load, the noisier the answer times that must not tell a known
// account from an unknown one.
const HASH_NICENESS = 5;

const pool = {
  limit: Math.max(1, availableParallelism() - 1),
  maxQueue: 256,
  running: 0,
  /** @type {(() => void)[]} */
  waiting: [],
  /** @type {Worker[]} idle workers */
  idle: [],
  /** @type {Set<Worker>} */
  all: new Set(),
  nextId: 1,
};

/**
 * Sets how many hashes may run at once (for the benchmark and tests); default one fewer than the
 * cores, at least one.
 * @param {number} limit
 */
export function setHashConcurrency(limit) {
  pool.limit = Math.max(1, Math.floor(limit));
}

/**
 * @template T
 * @param {() => Promise<T>} work
 * @returns {Promise<T>}
 */
async function inPool(work) {
  if (pool.running >= pool.limit) {
    if (pool.waiting.length >= pool.maxQueue) {
      throw new Problem('rate-limited', { headers: { 'Retry-After': '1' }, reason: 'hash-queue-full' });
    }
    await new Promise((resolve) => pool.waiting.push(() => resolve(undefined)));
  }
  pool.running += 1;
  try {
    return await work();
  } finally {
    pool.running -= 1;
    pool.waiting.shift()?.();
  }
}

/**
 * An idle worker, or a new one. Workers do not keep the process alive.
 * @returns {Worker}
 */
function takeWorker() {
  const idle = pool.idle.pop();
  if (idle) return idle;
  const worker = new Worker(new URL('./hash-worker.js', import.meta.url), { workerData: { niceness: HASH_NICENESS } });
  worker.unref();
  pool.all.add(worker);
  worker.on('error', () => {});
  worker.on('exit', () => {
    pool.all.delete(worker);
    pool.idle = pool.idle.filter((w) => w !== worker);
  });
  return worker;
}

/**
 * @param {string} password
 * @param {Buffer} salt
 * @param {ScryptCost} cost
 * @returns {Promise<Buffer>}
 */
function derive(password, salt, cost) {
  return inPool(
    () =>
      new Promise((resolve, reject) => {
        const worker = takeWorker();
        const id = pool.nextId++;
        /** @param {{ id: number, key?: Uint8Array, error?: string }} message */
        const onMessage = (message) => {
          if (message.id !== id) return;
          done();
          pool.idle.push(worker);
          if (message.key) resolve(Buffer.from(message.key.buffer, message.key.byteOffset, message.key.byteLength));
          else reject(new Error(message.error ?? 'scrypt failed'));
        };
        /** @param {unknown} error */
        const onExit = (error) => {
          done();
          reject(error instanceof Error ? error : new Error('password hashing worker stopped'));
        };
        const done = () => {
          worker.off('message', onMessage);
          worker.off('error', onExit);
          worker.off('exit', onExit);
        };
        worker.on('message', onMessage);
        worker.on('error', onExit);
        worker.on('exit', onExit);
        worker.postMessage({ id, password, salt, keyLength: KEY_LENGTH, options: scryptOptions(cost) }, []);
      }),
  );
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
 * NIST SP 800-63B-4 §3.1.1.2: at least 8 characters, any Unicode, no composition rules, and not
 * a common, expected or breached one; normalized (NFKC) so the same password typed on two
 * keyboards is the same password.
 * @param {unknown} value
 * @returns {string}
 */
export function parsePassword(value) {
  if (typeof value !== 'string') throw new Problem('invalid-password');
  const password = value.normalize('NFKC');
  const length = [...password].length;
  if (length < MIN_LENGTH || length > MAX_LENGTH) throw new Problem('invalid-password');
  if (COMMON.has(password.toLowerCase()) || isTrivial(password)) {
    throw new Problem('invalid-password', { reason: 'common' });
  }
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
 * @param {string} stored
 * @returns {{ salt: Buffer, key: Buffer, cost: ScryptCost } | null}
 */
function parseHash(stored) {
  const [prefix, N, r, p, salt, key] = stored.split('$');
  if (prefix !== PREFIX || !salt || !key) return null;
  return { salt: Buffer.from(salt, 'base64url'), key: Buffer.from(key, 'base64url'), cost: { N: Number(N), r: Number(r), p: Number(p) } };
}

/**
 * @param {string} password
 * @param {string} stored from hashPassword
 * @returns {Promise<boolean>}
 */
export async function verifyPassword(password, stored) {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const actual = await derive(password, parsed.salt, parsed.cost);
  return actual.length === parsed.key.length && timingSafeEqual(actual, parsed.key);
}

/**
 * verifyPassword at start-up.
 * @param {string} password
 * @param {string} stored
 */
export function verifyPasswordSync(password, stored) {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const actual = scryptSync(password, parsed.salt, KEY_LENGTH, scryptOptions(parsed.cost));
  return actual.length === parsed.key.length && timingSafeEqual(actual, parsed.key);
}

/**
 * @typedef {object} PasswordOptions
 * @property {Store} store
 * @property {Sessions} sessions
 * @property {() => number} now
 * @property {ScryptCost} scryptCost for new hashes
 * @property {FailureLimitOptions} accountFailures wrong passwords per identifier
 * @property {FailureLimitOptions} clientFailures wrong passwords per client
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
  // Compared against when there is no real hash, so an unknown identifier costs one scrypt
  // like a known one and the answer time tells nothing.
  const dummy = hashPassword(randomBytes(16).toString('hex'), scryptCost);
  dummy.catch(() => {});

  return {
    async passwordSignIn({ req, res, body }) {
      const name = parseIdentifier(body.identifier);
      // Not parsePassword: a password set before a rule changed must still be checkable, and
      // a short one is simply wrong.
      if (typeof body.password !== 'string') throw new Problem('bad-request');
      const accountLimit = `password account ${accountKey(name)}`;
      const clientLimit = `password client ${clientKey(req)}`;
      // Counted before scrypt, not after: checked-then-recorded limits let every concurrent
      // guess through before the first one is recorded.
      const refused = await store.limits.attempt(
        [
          { key: accountLimit, options: options.accountFailures },
          { key: clientLimit, options: options.clientFailures },
        ],
        now(),
        'rate-limited',
      );
      if (refused) throw refused;
      const user = await store.findUserByName(name);
      const hash = user?.passwordHash ?? (await dummy);
      const matches = await verifyPassword(body.password.normalize('NFKC'), hash);
      if (!user?.passwordHash || !matches) throw new Problem('invalid-credentials');
      await store.limits.reset(accountLimit);
      await store.limits.giveBack(clientLimit);
      await sessions.signIn(res, await sessions.current(req), user.id);
      return { status: 200, body: signInResult(user, options.redirectAfterSignIn) };
    },

    async passwordSet({ req, body }) {
      const session = await sessions.current(req);
      // Only right after proving control of the account's email or phone: a signed-in session
      // alone could be a borrowed or stolen one.
      if (!session || session.userId === null || !sessions.inRecovery(session)) {
        throw new Problem('forbidden');
      }
      const password = parsePassword(body.password);
      const hash = await hashPassword(password, scryptCost);
      // OWASP Forgot Password cheat sheet: whoever knew the old password may still hold a
      // session made with it.
      await store.setPassword(session.userId, hash, session.idHash);
      return { status: 204 };
    },
  };
}
