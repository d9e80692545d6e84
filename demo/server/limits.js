// @ts-check
// Rate limits and failure locks, kept in the database (the `limits` table) so that every server
// process sharing it enforces the same ones, and a restart forgets none. Each change is one atomic
// statement, or runs in the caller's transaction with the row locked, so concurrent requests
// cannot both slip under a limit.
import { Problem, retryAfter } from './problems.js';

/** @typedef {import('./db.js').Queries} Queries */
/** @typedef {import('./problems.js').ProblemCode} ProblemCode */

/**
 * @typedef {object} RateLimitOptions
 * @property {number} [max] requests per window (default 120)
 * @property {number} [windowMs] window length (default 60 000)
 */

/**
 * @typedef {object} FailureLimitOptions
 * @property {number} max tries (or failures) within `windowMs` that trip the limit
 * @property {number} windowMs counting starts at the first one
 * @property {number} lockMs how long the limit holds the first time it trips
 * @property {number} [maxLockMs] each further trip within `memoryMs` doubles the lock, up to
 *   this; default `lockMs` (no back-off)
 * @property {number} [memoryMs] how long past trips count towards the back-off; default a day
 */

const DAY = 24 * 60 * 60_000;
export const DEFAULT_RATE_MAX = 120;
export const DEFAULT_RATE_WINDOW_MS = 60_000;

/**
 * @param {{ count: number }} row a rate limit's count, as `count` returns it
 * @param {RateLimitOptions} options
 * @returns {boolean} true once the window is used up
 */
export function isOver(row, { max = DEFAULT_RATE_MAX }) {
  return row.count > max;
}

/**
 * @param {{ count: number, reset_at: number }} row a rate limit's count, as `count` returns it
 * @param {RateLimitOptions} options
 * @param {number} now
 * @throws {Problem} `rate-limited` with Retry-After once the window is used up
 */
export function refuseOver(row, options, now) {
  if (isOver(row, options)) throw new Problem('rate-limited', { headers: retryAfter(row.reset_at - now) });
}

/**
 * @param {'sqlite' | 'postgres'} dialect
 */
export function createLimits(dialect) {
  // SQLite transactions here are exclusive already; PostgreSQL needs the row lock.
  const forUpdate = dialect === 'postgres' ? ' FOR UPDATE' : '';

  /**
   * @param {Queries} q
   * @param {string} key
   */
  async function lockRow(q, key) {
    await q.run('INSERT INTO limits (key, count, reset_at, expires_at) VALUES (?, 0, 0, 0) ON CONFLICT (key) DO NOTHING', [key]);
    return /** @type {{ count: number, reset_at: number, locked_until: number, trips: number, forget_at: number }} */ (
      await q.get(`SELECT count, reset_at, locked_until, trips, forget_at FROM limits WHERE key = ?${forUpdate}`, [key])
    );
  }

  /**
   * @param {Queries} q
   * @param {string} key
   * @param {{ count: number, reset_at: number, locked_until: number, trips: number, forget_at: number }} row
   */
  function save(q, key, row) {
    return q.run(
      'UPDATE limits SET count = ?, reset_at = ?, locked_until = ?, trips = ?, forget_at = ?, expires_at = ? WHERE key = ?',
      [row.count, row.reset_at, row.locked_until, row.trips, row.forget_at, Math.max(row.reset_at, row.locked_until, row.forget_at), key],
    );
  }

  /**
   * Starts a lock on `row`, twice as long as the last one if that was recent.
   * @param {{ count: number, reset_at: number, locked_until: number, trips: number, forget_at: number }} row
   * @param {FailureLimitOptions} options
   * @param {number} now
   */
  function trip(row, options, now) {
    const { lockMs, maxLockMs = lockMs, memoryMs = DAY } = options;
    row.trips = row.forget_at > now ? row.trips + 1 : 1;
    row.count = 0;
    row.locked_until = now + Math.min(lockMs * 2 ** (row.trips - 1), maxLockMs);
    row.reset_at = row.locked_until;
    row.forget_at = row.locked_until + memoryMs;
  }

  /**
   * `hit` without the refusal: the count and when its window ends, for a caller that does
   * more in the same transaction and refuses after it commits (see `refuseOver`).
   * @param {Queries} q
   * @param {string} key
   * @param {RateLimitOptions} options
   * @param {number} now
   * @returns {Promise<{ count: number, reset_at: number }>}
   */
  async function count(q, key, { windowMs = DEFAULT_RATE_WINDOW_MS }, now) {
    const end = now + windowMs;
    return q.get(
      `INSERT INTO limits (key, count, reset_at, expires_at) VALUES (?, 1, ?, ?)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN limits.reset_at <= ? THEN 1 ELSE limits.count + 1 END,
         reset_at = CASE WHEN limits.reset_at <= ? THEN ? ELSE limits.reset_at END,
         expires_at = CASE WHEN limits.reset_at <= ? THEN ? ELSE limits.expires_at END
       RETURNING count, reset_at`,
      [key, end, end, now, now, end, now, end],
    );
  }

  return {
    count,

    /**
     * Locks the rows of every key a transaction will read or change, all before any of them
     * and in one fixed order (a row that does not exist yet is created empty to be locked).
     * Without it a transaction locks a key's row only if it already exists, or when it first
     * writes it: two transactions then take the same rows in different orders and each waits
     * for the other until PostgreSQL's deadlock check (after a second) ends one. SQLite runs
     * one writing transaction at a time, so there it does nothing. Call inside a transaction.
     * @param {Queries} q
     * @param {readonly string[]} keys
     */
    async lock(q, keys) {
      if (dialect !== 'postgres') return;
      // Two statements for any number of keys. Both go through the keys in sorted order: the
      // insert's waits on another transaction's new row, and the row locks, which PostgreSQL
      // takes as the sorted rows come out.
      const sorted = [...new Set(keys)].sort();
      await q.run(
        `INSERT INTO limits (key, count, reset_at, expires_at)
           SELECT key, 0, 0, 0 FROM unnest(?::text[]) AS key ORDER BY key
         ON CONFLICT (key) DO NOTHING`,
        [sorted],
      );
      await q.all('SELECT key FROM limits WHERE key = ANY(?::text[]) ORDER BY key FOR UPDATE', [sorted]);
    },

    /**
     * Counts a request in a fixed window, in one statement.
     * @param {Queries} q
     * @param {string} key
     * @param {RateLimitOptions} options
     * @param {number} now
     * @throws {Problem} `rate-limited` with Retry-After once the window is used up
     */
    async hit(q, key, options, now) {
      refuseOver(await count(q, key, options, now), options, now);
    },

    /**
     * Counts one try of a secret (a password, a recovery or binding code) before it is checked,
     * so that however many arrive at once, at most `max` per window are ever checked. Keys are
     * taken in a fixed order, so two requests never wait on each other's rows. Call inside a
     * transaction.
     * @param {Queries} q
     * @param {{ key: string, options: FailureLimitOptions }[]} keys
     * @param {number} now
     * @param {ProblemCode} code the problem to answer while locked
     * @returns {Promise<Problem | null>} the answer when a key is locked or out of tries (no try
     *   is counted then), else null. Returned, not thrown, so that a lock it starts commits.
     */
    async attempt(q, keys, now, code) {
      const sorted = [...keys].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      const rows = [];
      for (const { key, options } of sorted) {
        const row = await lockRow(q, key);
        if (row.locked_until > now) return new Problem(code, { headers: retryAfter(row.locked_until - now) });
        if (row.reset_at <= now) {
          row.count = 0;
          row.reset_at = now + options.windowMs;
        }
        if (row.count >= options.max) {
          // The first try past the allowance starts the lock; those still arriving find it.
          trip(row, options, now);
          await save(q, key, row);
          return new Problem(code, { headers: retryAfter(row.locked_until - now) });
        }
        rows.push({ key, row });
      }
      for (const { key, row } of rows) {
        row.count += 1;
        await save(q, key, row);
      }
      return null;
    },

    /**
     * Gives a counted try back, after it turned out right.
     * @param {Queries} q
     * @param {string} key
     */
    async giveBack(q, key) {
      await q.run('UPDATE limits SET count = count - 1 WHERE key = ? AND count > 0', [key]);
    },

    /**
     * For limits on failures (wrong one-time codes): ms until the key's lock ends, 0 when it is
     * not locked. Inside a transaction the row stays locked until it ends.
     * @param {Queries} q
     * @param {string} key
     * @param {number} now
     */
    async lockedFor(q, key, now) {
      const row = await q.get(`SELECT locked_until FROM limits WHERE key = ?${forUpdate}`, [key]);
      return row ? Math.max(0, row.locked_until - now) : 0;
    },

    /**
     * Records a failure; the one that reaches `max` within the window locks the key.
     * @param {Queries} q
     * @param {string} key
     * @param {FailureLimitOptions} options
     * @param {number} now
     * @returns {Promise<number>} ms the lock this failure started lasts, 0 when it started none
     */
    async fail(q, key, options, now) {
      const row = await lockRow(q, key);
      if (row.reset_at <= now) {
        row.count = 0;
        row.reset_at = now + options.windowMs;
      }
      row.count += 1;
      if (row.count >= options.max) trip(row, options, now);
      await save(q, key, row);
      return row.locked_until > now ? row.locked_until - now : 0;
    },

    /**
     * A success: the key starts over (its back-off record too).
     * @param {Queries} q
     * @param {string} key
     */
    async reset(q, key) {
      await q.run('DELETE FROM limits WHERE key = ?', [key]);
    },

    /**
     * A cooldown (one per key, such as the wait between two code sends).
     * @param {Queries} q
     * @param {string} key
     * @param {number} now
     * @returns {Promise<number>} ms left, 0 when none
     */
    async cooldownLeft(q, key, now) {
      const row = await q.get(`SELECT locked_until FROM limits WHERE key = ?${forUpdate}`, [key]);
      return row ? Math.max(0, row.locked_until - now) : 0;
    },

    /**
     * @param {Queries} q
     * @param {string} key
     * @param {number} until
     */
    async startCooldown(q, key, until) {
      await q.run(
        `INSERT INTO limits (key, count, reset_at, locked_until, expires_at) VALUES (?, 0, 0, ?, ?)
         ON CONFLICT (key) DO UPDATE SET locked_until = excluded.locked_until, expires_at = excluded.expires_at`,
        [key, until, until],
      );
    },
  };
}

/** @typedef {ReturnType<typeof createLimits>} Limits */
