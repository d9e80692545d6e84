#!/usr/bin/env node
// A throwaway PostgreSQL server from the machine's own installation (Debian's `postgresql`
// package, or any `initdb` on PATH), for the server tests and the benchmark: a fresh cluster in a
// temporary folder, on a free loopback port, with its socket in that folder too, so it touches
// nothing of a PostgreSQL the machine may already run. Stopped by the PID in its postmaster.pid.
//
// As a command (`node scripts/postgres.mjs`) it prints a DATABASE_URL and runs until Ctrl-C.
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/** @returns {string | null} the folder holding initdb and postgres */
export function postgresBinDir() {
  if (process.env.PG_BIN && existsSync(join(process.env.PG_BIN, 'initdb'))) return process.env.PG_BIN;
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((name) => existsSync(join(debian, name, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length > 0) return join(debian, versions[0], 'bin');
  }
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres'))) return dir;
  }
  return null;
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * initdb and postgres refuse to run as root: as root they run as the `postgres` user the Debian
 * package creates, on folders that user owns.
 * @param {string} bin
 * @param {string[]} args
 */
function asServerUser(bin, args) {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
}

/**
 * @typedef {object} Postgres
 * @property {string} url a superuser connection URL to the `postgres` database
 * @property {number} pid the postmaster
 * @property {() => Promise<void>} stop fast shutdown, then the folder is removed
 */

/**
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {Promise<Postgres>}
 * @throws {Error} saying why, when there is no PostgreSQL or it does not start
 */
export async function startPostgres({ log = () => {} } = {}) {
  const bin = postgresBinDir();
  if (!bin) throw new Error('no PostgreSQL installation found (Debian: apt-get install postgresql; or set PG_BIN)');
  const root = mkdtempSync(join(tmpdir(), 'passkey-login-pg-'));
  const data = join(root, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { uid, gid } = userIds('postgres');
    chownSync(root, uid, gid);
  }
  const cleanup = () => rmSync(root, { recursive: true, force: true });
  try {
    const [initCommand, initArgs] = asServerUser(join(bin, 'initdb'), [
      '-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync',
    ]);
    execFileSync(initCommand, initArgs, { stdio: 'pipe' });
  } catch (error) {
    cleanup();
    const detail = /** @type {any} */ (error).stderr?.toString().trim() || String(error);
    throw new Error(`initdb failed: ${detail}`, { cause: error });
  }
  const port = await freePort();
  // Durability off: a test cluster is thrown away, and fsyncs would only slow the tests down.
  const [command, args] = asServerUser(join(bin, 'postgres'), [
    '-D', data, '-p', String(port), '-k', root, '-c', 'listen_addresses=127.0.0.1',
    '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off',
    '-c', 'max_connections=300',
  ]);
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) {
      cleanup();
      throw new Error(`postgres exited at start: ${stderr.trim()}`);
    }
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      break;
    } catch {
      await client.end().catch(() => {});
      if (Date.now() - started > 30_000) {
        child.kill('SIGKILL');
        cleanup();
        throw new Error(`postgres did not accept connections within 30 s: ${stderr.trim()}`);
      }
      await sleep(100);
    }
  }
  const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  log(`PostgreSQL ${bin} on port ${port}, pid ${pid}`);
  return {
    url,
    pid,
    async stop() {
      try {
        process.kill(pid, 'SIGINT');
      } catch {
        // Already gone.
      }
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline && alive(pid)) await sleep(50);
      if (alive(pid)) process.kill(pid, 'SIGKILL');
      cleanup();
    },
  };
}

/** @param {number} pid */
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** @param {string} name */
function userIds(name) {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith(`${name}:`));
  if (!line) throw new Error(`no ${name} user to run PostgreSQL as (it comes with Debian's postgresql package)`);
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const server = await startPostgres({ log: (line) => console.error(line) });
  console.log(`DATABASE_URL=${server.url}`);
  const stop = () => server.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Keep running until told to stop.
  setInterval(() => {}, 1 << 30);
}
