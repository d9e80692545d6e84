#!/usr/bin/env node
// `npm run bench:server`: throughput and latency of the reference server's hot operations
// (authentication options for a new and a returning visitor, the session check signed in and
// signed out, a code send) at concurrency 1, 16 and 64, each as a ratio to a bare node:http
// server answering a fixed JSON body in the same run; on SQLite and on PostgreSQL, one instance
// and two. First, Fastify alone with that body, the ceiling any row can reach; last, whether
// password hashing starves other requests. Prints figures; asserts nothing. Loopback only,
// bounded runs.
//
// BENCH_SECONDS (3) sets each run's length. The load generator (autocannon) runs in this process,
// on the same machine: on a 2-core machine it competes with the servers for CPU. The bare server
// runs in a child process of its own, as the reference server does, so neither shares a thread
// with the load generator; and it is measured again right before each run it is compared with,
// so a machine whose load changes during the benchmark skews the ratios less.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { startPostgres } from './postgres.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
// Each operation first runs this long unmeasured, so the JIT has compiled its path and the
// database's caches hold its pages before any figure is taken.
const WARM_UP_SECONDS = Math.min(1, SECONDS);
// Clock ticks per second in /proc/<pid>/stat: 100 on Linux.
const TICKS = 100;
const CONCURRENCY = [1, 16, 64];
const ORIGIN = 'http://localhost:8787';
const HEADERS = { 'content-type': 'application/json', 'x-requested-with': 'passkey-login', origin: ORIGIN };
const self = fileURLToPath(import.meta.url);

if (process.argv[2] === '--bare') {
  // The yardstick: node:http answering a fixed JSON body, nothing else.
  const bare = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.end('{"user":null}');
    });
  });
  bare.keepAliveTimeout = 60_000;
  bare.listen(0, '127.0.0.1', () => {
    const address = bare.address();
    console.log(`port ${typeof address === 'object' && address ? address.port : 0}`);
  });
  process.on('SIGTERM', () => bare.close(() => process.exit(0)));
} else if (process.argv[2] === '--fastify') {
  // The framework's own ceiling: Fastify answering the same fixed body from one route, through
  // the same node:http server, with nothing of ours. How close the reference server can get to
  // bare node:http is bounded by this.
  const { default: Fastify } = await import('fastify');
  const fastify = Fastify({ logger: false });
  fastify.get('/', async (_request, reply) => reply.type('application/json; charset=utf-8').send('{"user":null}'));
  await fastify.ready();
  const server = createServer((req, res) => fastify.routing(req, res));
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    console.log(`port ${typeof address === 'object' && address ? address.port : 0}`);
  });
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
} else if (process.argv[2] === '--serve') {
  // One server instance, as a child process: limits opened wide so the benchmark measures the
  // work, not the refusals; real scrypt cost.
  const { createApp } = await import('../demo/server/app.js');
  const unlimited = { max: 1e9, windowMs: 60_000 };
  const app = createApp({
    database: process.env.DATABASE,
    origins: [ORIGIN],
    rpID: 'localhost',
    secret: 'bench secret',
    rateLimit: unlimited,
    limits: {
      resendCooldownMs: 0,
      sendsPerAccount: unlimited,
      sendsPerClient: unlimited,
      passwordFailuresPerAccount: { ...unlimited, lockMs: 1 },
      passwordFailuresPerClient: { ...unlimited, lockMs: 1 },
    },
    delivery: { send() {} },
  });
  await app.ready;
  const server = createServer(app.handle);
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    console.log(`port ${typeof address === 'object' && address ? address.port : 0}`);
  });
  process.on('SIGTERM', () => server.close(() => void app.close().then(() => process.exit(0))));
} else {
  await main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
}

/**
 * @param {string} database
 * @param {'--serve' | '--bare' | '--fastify'} [mode]
 */
async function startInstance(database, mode = '--serve') {
  const child = spawn(process.execPath, [self, mode], { env: { ...process.env, DATABASE: database }, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => (output += chunk));
  while (!/port (\d+)/.test(output)) {
    const [chunk] = await Promise.race([once(child.stdout, 'data'), once(child, 'exit')]);
    if (typeof chunk !== 'string') throw new Error('bench server exited');
  }
  return { base: `http://127.0.0.1:${/port (\d+)/.exec(output)?.[1]}`, child };
}

/** @param {{ child: import('node:child_process').ChildProcess }} instance */
async function stopInstance({ child }) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

/**
 * CPU time (user + system, all threads) a process has used so far, in µs; null where /proc is
 * not there to say.
 * @param {number | undefined} pid
 */
function cpuMicros(pid) {
  try {
    // Fields 14 and 15 of /proc/<pid>/stat, counted after the parenthesised command name.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / TICKS;
  } catch {
    return null;
  }
}

/**
 * @param {{ base: string, child: import('node:child_process').ChildProcess }[]} instances
 *   connections are split between them
 * @param {number} connections
 * @param {{ method: 'GET' | 'POST', path: string, headers?: Record<string, string>, body?: string }} request
 * @param {number} [seconds]
 */
async function load(instances, connections, request, seconds = SECONDS) {
  const before = instances.map(({ child }) => cpuMicros(child.pid));
  const results = await Promise.all(
    instances.map(({ base }) =>
      autocannon({
        url: base + request.path,
        method: request.method,
        headers: request.headers,
        body: request.body,
        connections: Math.max(1, Math.round(connections / instances.length)),
        duration: seconds,
      }),
    ),
  );
  const after = instances.map(({ child }) => cpuMicros(child.pid));
  const total = results.reduce((sum, r) => sum + r.requests.total, 0);
  const non2xx = results.reduce((sum, r) => sum + r.non2xx + r.errors, 0);
  const used = before.every((b) => b !== null) && after.every((a) => a !== null)
    ? after.reduce((sum, a, i) => sum + /** @type {number} */ (a) - /** @type {number} */ (before[i]), 0)
    : null;
  return {
    rps: total / seconds,
    p50: Math.max(...results.map((r) => r.latency.p50)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    failed: non2xx,
    // The servers' own CPU per request: steadier than req/s on a machine whose other load comes
    // and goes, since the time a process waits for a core is not counted.
    cpu: used === null || total === 0 ? null : used / total,
  };
}

/**
 * @param {string} base
 * @param {string} path
 * @param {unknown} body
 * @param {string} [cookie]
 */
async function post(base, path, body, cookie) {
  const res = await fetch(base + path, { method: 'POST', headers: { ...HEADERS, ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) });
  const set = res.headers.getSetCookie()[0]?.split(';')[0];
  await res.text();
  return { status: res.status, cookie: set };
}

async function main() {
  console.log(`passkey-login reference server benchmark: ${SECONDS} s a run, concurrency ${CONCURRENCY.join('/')}, node ${process.version}, ${os()} `);
  // The yardstick, in a child process like the servers it is compared with.
  const bare = await startInstance('', '--bare');
  const bareRequest = /** @type {const} */ ({ method: 'GET', path: '/' });
  await load([bare], 16, bareRequest, WARM_UP_SECONDS);
  /** @type {Record<number, Awaited<ReturnType<typeof load>>>} */
  const yardstick = {};
  for (const c of CONCURRENCY) yardstick[c] = await load([bare], c, bareRequest);
  console.log('\nbare node:http (measured again before each run below; ratios are to that one):');
  for (const c of CONCURRENCY) console.log(`  c=${String(c).padEnd(3)} ${fmt(yardstick[c])}`);
  // What the framework alone allows, interleaved with bare like the rows below.
  const framework = await startInstance('', '--fastify');
  await load([framework], 16, bareRequest, WARM_UP_SECONDS);
  console.log('\nFastify alone, one route, the same body (the ceiling for every row below):');
  for (const c of CONCURRENCY) {
    const yard = await load([bare], c, bareRequest);
    const result = await load([framework], c, bareRequest);
    console.log(`  c=${String(c).padEnd(3)} ${fmt(result)}  ${(result.rps / yard.rps).toFixed(2)}× bare${result.cpu && yard.cpu ? `, cpu ${(yard.cpu / result.cpu).toFixed(2)}×` : ''}`);
  }
  await stopInstance(framework);

  const dir = mkdtempSync(join(tmpdir(), 'passkey-login-bench-'));
  /** @type {Awaited<ReturnType<typeof startPostgres>> | null} */
  let postgres = null;
  try {
    postgres = await startPostgres();
  } catch (error) {
    console.log(`\nPostgreSQL could not start, so its rows are missing: ${error instanceof Error ? error.message : error}`);
  }
  const rows = [];
  try {
    for (const db of ['SQLite', 'PostgreSQL']) {
      if (db === 'PostgreSQL' && !postgres) continue;
      for (const count of [1, 2]) {
        const database = db === 'SQLite' ? join(dir, `bench-${count}.db`) : await createDatabase(/** @type {any} */ (postgres).url, `bench_${count}`);
        const instances = [];
        for (let i = 0; i < count; i++) instances.push(await startInstance(database));
        const base = instances[0].base;
        const account = await post(base, '/api/auth/account', { identifier: 'bench', email: 'bench@example.com', password: 'a bench password' });
        const preAuth = await post(base, '/api/auth/passkey/authentication/options', {});
        /** @type {[string, { method: 'GET' | 'POST', path: string, headers?: Record<string, string>, body?: string }][]} */
        const operations = [
          ['options, new visitor', { method: 'POST', path: '/api/auth/passkey/authentication/options', headers: HEADERS, body: '{}' }],
          ['options, returning', { method: 'POST', path: '/api/auth/passkey/authentication/options', headers: { ...HEADERS, cookie: String(preAuth.cookie) }, body: '{}' }],
          ['session check', { method: 'GET', path: '/api/auth/session', headers: { cookie: String(account.cookie) } }],
          // What most page views of a sign-in page ask: no cookie yet, so no database read; the
          // same answer as the bare server's.
          ['session, signed out', { method: 'GET', path: '/api/auth/session' }],
          ['code send', { method: 'POST', path: '/api/auth/code/send', headers: { ...HEADERS, cookie: String(preAuth.cookie) }, body: JSON.stringify({ identifier: 'bench', channel: 'email', purpose: 'sign-in' }) }],
        ];
        console.log(`\n${db}, ${count} instance${count > 1 ? 's' : ''}:`);
        for (const [name, request] of operations) {
          await load(instances, 16, request, WARM_UP_SECONDS);
          for (const c of CONCURRENCY) {
            const yard = await load([bare], c, bareRequest);
            const result = await load(instances, c, request);
            const ratio = result.rps / yard.rps;
            // Work per request compared, where req/s compares what the machine let through.
            const cpuRatio = result.cpu && yard.cpu ? yard.cpu / result.cpu : null;
            rows.push({ db, count, name, c, ...result, ratio, cpuRatio, bare: yard.rps, bareCpu: yard.cpu });
            console.log(`  ${name.padEnd(21)} c=${String(c).padEnd(3)} ${fmt(result)}  ${ratio.toFixed(2)}× bare (${Math.round(yard.rps)}${cpuNote(yard)})${cpuRatio === null ? '' : `, cpu ${cpuRatio.toFixed(2)}×`}`);
          }
        }
        if (count === 1) await starvation(instances[0], account.cookie ?? '');
        for (const instance of instances) await stopInstance(instance);
      }
    }
  } finally {
    await stopInstance(bare);
    await postgres?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log('\nmarkdown (cpu: the server\'s CPU µs per request; cpu × bare: bare\'s CPU per request over it):\n| database | instances | operation | c | req/s | p50 ms | p99 ms | bare req/s | × bare | cpu µs | bare cpu µs | cpu × bare |\n|---|---|---|---|---|---|---|---|---|---|---|---|');
  const µs = (/** @type {number | null} */ value) => (value === null ? '–' : String(Math.round(value)));
  for (const r of rows) console.log(`| ${r.db} | ${r.count} | ${r.name} | ${r.c} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${Math.round(r.bare)} | ${r.ratio.toFixed(2)} | ${µs(r.cpu)} | ${µs(r.bareCpu)} | ${r.cpuRatio === null ? '–' : r.cpuRatio.toFixed(2)} |`);
}

/**
 * The session check at concurrency 16, alone and while 4 password sign-ins (real scrypt) run
 * back to back: the hashing pool must leave the event loop its share.
 * @param {{ base: string, child: import('node:child_process').ChildProcess }} instance
 * @param {string} cookie
 */
async function starvation(instance, cookie) {
  const { base } = instance;
  const request = { method: /** @type {const} */ ('GET'), path: '/api/auth/session', headers: { cookie } };
  const alone = await load([instance], 16, request);
  const state = { running: true };
  let signIns = 0;
  const signers = Array.from({ length: 4 }, async () => {
    while (state.running) {
      await post(base, '/api/auth/password/sign-in', { identifier: 'bench', password: 'a bench password' });
      signIns += 1;
    }
  });
  const during = await load([instance], 16, request);
  state.running = false;
  await Promise.all(signers);
  console.log(`  session check c=16 while 4 password sign-ins run: ${Math.round(during.rps)} req/s, p99 ${during.p99} ms (alone ${Math.round(alone.rps)} req/s, p99 ${alone.p99} ms): ${(during.rps / alone.rps).toFixed(2)}× ; ${(signIns / SECONDS).toFixed(1)} sign-ins/s`);
}

/**
 * @param {string} url
 * @param {string} name
 */
async function createDatabase(url, name) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}

/** @param {{ rps: number, p50: number, p99: number, failed: number, cpu: number | null }} r */
function fmt(r) {
  return `${String(Math.round(r.rps)).padStart(6)} req/s  p50 ${String(r.p50).padStart(3)} ms  p99 ${String(r.p99).padStart(4)} ms${cpuNote(r)}${r.failed ? `  (${r.failed} not 2xx)` : ''}`;
}

/** @param {{ cpu: number | null }} r */
function cpuNote(r) {
  return r.cpu === null ? '' : `  ${Math.round(r.cpu)} µs cpu/req`;
}

function os() {
  return `${process.platform} ${process.arch}`;
}
