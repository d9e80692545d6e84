// @ts-check
// One small interface over the two databases the server runs on: SQLite (better-sqlite3, the
// embedded default) and PostgreSQL (pg, for several instances sharing one database). Queries are
// written once, with `?` placeholders and SQL both understand; only the migrations differ.
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS } from './migrations.js';

/**
 * @typedef {object} Queries what a transaction and the database itself can run
 * @property {(sql: string, params?: readonly unknown[]) => Promise<any[]>} all rows, including
 *   those of `RETURNING`
 * @property {(sql: string, params?: readonly unknown[]) => Promise<any>} get the first row, or
 *   undefined
 * @property {(sql: string, params?: readonly unknown[]) => Promise<number>} run rows changed
 */

/**
 * @typedef {Queries & {
 *   dialect: 'sqlite' | 'postgres',
 *   ready: Promise<void>,
 *   transaction: <T>(work: (tx: Queries) => Promise<T>) => Promise<T>,
 *   close: () => Promise<void>,
 *   sqlite?: Database.Database,
 * }} Db
 */

/**
 * @param {string} location `postgres://…` (or `postgresql://…`), a SQLite file path, or ':memory:'
 * @returns {Db}
 */
export function openDb(location) {
  return /^postgres(ql)?:\/\//.test(location) ? openPostgres(location) : openSqlite(location);
}

/**
 * better-sqlite3 runs every statement to completion on the calling thread. A transaction's work is
 * async (it awaits its own queries), so other requests' statements could land in the middle of it;
 * a queue keeps them out until it commits. Outside a transaction a statement runs at once.
 * @param {string} file
 * @returns {Db}
 */
function openSqlite(file) {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    if (file !== ':memory:') {
      db.pragma('journal_mode = WAL');
      // In WAL mode NORMAL loses no committed data on a crash of the process, only (possibly the
      // last transactions) on a power cut, and spares an fsync on every commit.
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrateSqlite(db);
  } catch (error) {
    db.close();
    throw error;
  }

  /** @type {Map<string, Database.Statement>} */
  const statements = new Map();
  /** @param {string} sql */
  const prepare = (sql) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  const rollback = db.prepare('ROLLBACK');
  /** @param {readonly unknown[]} params */
  const bind = (params) => params.map((value) => (typeof value === 'boolean' ? Number(value) : value));

  /** @type {Queries} */
  const direct = {
    async all(sql, params = []) {
      const statement = prepare(sql);
      if (statement.reader) return statement.all(...bind(params));
      statement.run(...bind(params));
      return [];
    },
    async get(sql, params = []) {
      const statement = prepare(sql);
      if (statement.reader) return statement.get(...bind(params));
      statement.run(...bind(params));
      return undefined;
    },
    async run(sql, params = []) {
      return prepare(sql).run(...bind(params)).changes;
    },
  };

  /** @type {Promise<unknown>} */
  let queue = Promise.resolve();
  let inTransaction = false;
  /**
   * @param {(queries: Queries) => Promise<any>} work
   */
  const outside = (work) => {
    if (!inTransaction) return work(direct);
    const next = queue.then(() => work(direct));
    queue = next.catch(() => {});
    return next;
  };

  return {
    dialect: 'sqlite',
    ready: Promise.resolve(),
    sqlite: db,
    all: (sql, params) => outside((q) => q.all(sql, params)),
    get: (sql, params) => outside((q) => q.get(sql, params)),
    run: (sql, params) => outside((q) => q.run(sql, params)),
    transaction(work) {
      const next = queue.then(async () => {
        inTransaction = true;
        begin.run();
        try {
          const result = await work(direct);
          commit.run();
          return result;
        } catch (error) {
          if (db.inTransaction) rollback.run();
          throw error;
        } finally {
          inTransaction = false;
        }
      });
      queue = next.catch(() => {});
      return next;
    },
    async close() {
      await queue;
      if (db.open) db.close();
    },
  };
}

/**
 * Each entry upgrades the schema by one `user_version`, in one transaction.
 * @param {Database.Database} db
 */
function migrateSqlite(db) {
  const current = /** @type {number} */ (db.pragma('user_version', { simple: true }));
  if (current > SQLITE_MIGRATIONS.length) {
    throw new Error(
      `database schema version ${current} is newer than this server knows (${SQLITE_MIGRATIONS.length})`,
    );
  }
  db.transaction(() => {
    for (let version = current; version < SQLITE_MIGRATIONS.length; version++) {
      const migration = SQLITE_MIGRATIONS[version];
      if (typeof migration === 'string') db.exec(migration);
      else migration(db);
    }
    db.pragma(`user_version = ${SQLITE_MIGRATIONS.length}`);
  }).immediate();
}

/** @param {string} sql with `?` placeholders, none inside string literals */
function numbered(sql) {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

// Transactions that lose a deadlock or a serialization race are run again from the start.
const RETRYABLE = new Set(['40001', '40P01']);

/**
 * @param {string} url
 * @returns {Db}
 */
function openPostgres(url) {
  const pool = new pg.Pool({
    connectionString: url,
    // Connections beyond about twice the cores only queue inside PostgreSQL instead of here
    // (its wiki's rule of thumb, "cores × 2 + spindles"): 5 on two cores. `?pool_max=` sets it.
    max: Number(new URL(url).searchParams.get('pool_max') ?? 2 * availableParallelism() + 1),
    // Times are milliseconds in BIGINT columns: well inside a double, so numbers, not strings.
    types: {
      getTypeParser: /** @type {any} */ (
        (/** @type {number} */ oid, /** @type {any} */ format) =>
          oid === 20 ? (/** @type {string} */ value) => Number(value) : pg.types.getTypeParser(oid, format)
      ),
    },
  });
  // An idle client that loses its connection must not take the process down with it.
  pool.on('error', () => {});

  /**
   * Every statement as a named prepared statement: each connection parses and plans it once,
   * then only binds values. The SQL texts are the fixed ones of store.js and limits.js, so the
   * names stay few.
   * @type {Map<string, { name: string, text: string }>}
   */
  const prepared = new Map();
  /**
   * @param {string} sql
   * @param {readonly unknown[]} params
   * @returns {pg.QueryConfig}
   */
  const statement = (sql, params) => {
    let named = prepared.get(sql);
    if (!named) {
      named = { name: `pl${prepared.size + 1}`, text: numbered(sql) };
      prepared.set(sql, named);
    }
    return { ...named, values: /** @type {any[]} */ (params) };
  };

  /** @type {WeakMap<pg.PoolClient, Queries>} */
  const perClient = new WeakMap();
  /**
   * The same object for a connection every time, so what the store binds to it can be reused.
   * @param {pg.PoolClient} client
   * @returns {Queries}
   */
  const queriesOf = (client) => {
    let found = perClient.get(client);
    if (!found) {
      found = queries(client);
      perClient.set(client, found);
    }
    return found;
  };

  /**
   * @param {pg.Pool | pg.PoolClient} client
   * @returns {Queries}
   */
  const queries = (client) => ({
    async all(sql, params = []) {
      return (await client.query(statement(sql, params))).rows;
    },
    async get(sql, params = []) {
      return (await client.query(statement(sql, params))).rows[0];
    },
    async run(sql, params = []) {
      return (await client.query(statement(sql, params))).rowCount ?? 0;
    },
  });

  const ready = migratePostgres(pool);
  ready.catch(() => {});
  const direct = queries(pool);

  return {
    dialect: 'postgres',
    ready,
    all: async (sql, params) => (await ready, direct.all(sql, params)),
    get: async (sql, params) => (await ready, direct.get(sql, params)),
    run: async (sql, params) => (await ready, direct.run(sql, params)),
    async transaction(work) {
      await ready;
      for (let attempt = 1; ; attempt++) {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const result = await work(queriesOf(client));
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {});
          if (attempt < 5 && RETRYABLE.has(/** @type {any} */ (error)?.code)) continue;
          throw error;
        } finally {
          client.release();
        }
      }
    },
    async close() {
      await ready.catch(() => {});
      await pool.end();
    },
  };
}

/**
 * Two instances starting together must not both migrate: an advisory lock makes the second wait,
 * then find the work done.
 * @param {pg.Pool} pool
 */
async function migratePostgres(pool) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(2065437108)');
    await client.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
    const row = (await client.query('SELECT version FROM schema_version')).rows[0];
    const current = row ? Number(row.version) : 0;
    if (current > POSTGRES_MIGRATIONS.length) {
      throw new Error(
        `database schema version ${current} is newer than this server knows (${POSTGRES_MIGRATIONS.length})`,
      );
    }
    for (let version = current; version < POSTGRES_MIGRATIONS.length; version++) {
      await client.query(POSTGRES_MIGRATIONS[version]);
    }
    if (!row) await client.query('INSERT INTO schema_version (version) VALUES ($1)', [POSTGRES_MIGRATIONS.length]);
    else await client.query('UPDATE schema_version SET version = $1', [POSTGRES_MIGRATIONS.length]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
