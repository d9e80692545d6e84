#!/usr/bin/env node
// The one gate: type-check, lint, build, custom-elements.json freshness, the packed package
// (publint, arethetypeswrong), every test runner, Storybook build, the demo apps built from the
// packed package and run in Chromium, and the size budget. Every step runs even after a failure,
// so one run shows everything that is wrong; the last line is the total across all of them.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { chromiumPath } from './chromium.mjs';
import { startPostgres } from './postgres.mjs';
import { join } from 'node:path';

const only = process.argv.slice(2);
const results = [];

// A fresh clone: install first, so `npm test` is the only command a newcomer needs.
if (!existsSync('node_modules/.package-lock.json')) {
  console.log('▶ node_modules missing: npm ci');
  const { code } = await run('npm', ['ci', '--no-audit', '--no-fund']);
  if (code !== 0) process.exit(code);
}
if (!chromiumPath()) {
  console.error('No Chromium or Chrome found: install one (Debian: apt-get install chromium) or set CHROME_PATH.');
  process.exit(1);
}

function run(command, args, { env = {}, quiet = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const take = (chunk) => {
      output += chunk;
      if (!quiet) process.stdout.write(chunk);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** A check that is not a test runner counts as one test: it passed or it failed. */
async function check(name, command, args, options) {
  // `typecheck` also picks `typecheck frameworks` and `typecheck server`.
  if (only.length && !only.some((step) => name === step || name.startsWith(`${step} `))) return;
  console.log(`\n▶ ${name}: ${[command, ...args].join(' ')}`);
  const { code, output } = await run(command, args, options);
  if (code !== 0 && options?.quiet) process.stdout.write(output);
  results.push({ name, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 });
  console.log(`${code === 0 ? '✔' : '✘'} ${name}`);
}

async function manifestIsFresh() {
  const name = 'manifest';
  if (only.length && !only.includes(name)) return;
  console.log(`\n▶ ${name}: custom-elements.json and frameworks/ match the JSDoc`);
  // The analyzer resolves --outdir against the working directory, so keep it inside the repo.
  // The generated typings and editor data follow it into frameworks/ there.
  const dir = join('.test-results', 'cem');
  rmSync(dir, { recursive: true, force: true });
  const { code, output } = await run('npx', ['cem', 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', dir], { quiet: true });
  const generated = ['custom-elements.json', ...(existsSync(join(dir, 'frameworks')) ? readdirSync(join(dir, 'frameworks')).map((file) => join('frameworks', file)) : [])];
  const committed = ['custom-elements.json', ...(existsSync('frameworks') ? readdirSync('frameworks').map((file) => join('frameworks', file)) : [])];
  const stale = code === 0 ? [...new Set([...generated, ...committed])].filter((file) =>
    !existsSync(join(dir, file)) || !existsSync(file) || readFileSync(join(dir, file), 'utf8') !== readFileSync(file, 'utf8')) : [];
  const fresh = code === 0 && generated.length > 1 && stale.length === 0;
  rmSync(dir, { recursive: true, force: true });
  if (!fresh) console.log(code === 0 ? `stale: ${stale.join(', ') || 'frameworks/ not generated'}: run \`npm run manifest\` and commit.` : output);
  results.push({ name, passed: fresh ? 1 : 0, failed: fresh ? 0 : 1 });
  console.log(`${fresh ? '✔' : '✘'} ${name}`);
}

async function webTestRunner() {
  const name = 'browser tests';
  if (only.length && !only.includes('browser')) return;
  console.log(`\n▶ ${name}: web-test-runner (unit, element, end-to-end in Chromium)`);
  rmSync('.test-results/web-test-runner.json', { force: true });
  const { code } = await run('npx', ['web-test-runner']);
  let counts = { passed: 0, failed: 1 };
  if (existsSync('.test-results/web-test-runner.json')) {
    counts = JSON.parse(readFileSync('.test-results/web-test-runner.json', 'utf8'));
    if (code !== 0 && counts.failed === 0) counts.failed = 1;
  }
  results.push({ name, passed: counts.passed, failed: counts.failed, failures: counts.failures });
}

/**
 * The presets' end-to-end tests run real better-auth and Auth.js servers, whose packages live in
 * a folder of their own (Auth.js needs @simplewebauthn/server 9, the package uses 14).
 */
async function installTestBackends() {
  if (existsSync('test/backends/node_modules/.package-lock.json')) return;
  console.log('▶ test/backends/node_modules missing: npm ci --prefix test/backends');
  const { code } = await run('npm', ['ci', '--prefix', 'test/backends', '--no-audit', '--no-fund']);
  if (code !== 0) results.push({ name: 'test backends install', passed: 0, failed: 1 });
}

/**
 * Runs `node --test` with a TAP copy in `.test-results/<tap>` and reads its totals, and the names
 * of the tests that failed, so the summary at the end of a long log still names them.
 */
async function nodeTestRun(tap, args, env = {}) {
  const path = join('.test-results', tap);
  rmSync(path, { force: true });
  const { code } = await run('node', ['--test', '--test-reporter=spec', '--test-reporter=tap', '--test-reporter-destination=stdout', `--test-reporter-destination=${path}`, ...args], { env });
  let passed = 0;
  let failed = code === 0 ? 0 : 1;
  const failures = [];
  if (existsSync(path)) {
    const text = readFileSync(path, 'utf8');
    passed = Number(/^# pass (\d+)/m.exec(text)?.[1] ?? 0);
    failed = Math.max(Number(/^# fail (\d+)/m.exec(text)?.[1] ?? 0), failed);
    // A suite fails with its tests, and TAP writes it after them, one level out: leave it out.
    let depth = -1;
    for (const [, indent, title] of text.matchAll(/^( *)not ok \d+ - (.*)$/gm)) {
      if (indent.length >= depth) failures.push(title);
      depth = indent.length;
    }
  }
  return { passed, failed, failures };
}

async function nodeTests() {
  const name = 'node tests';
  if (only.length && !only.includes('node')) return;
  await installTestBackends();
  console.log(`\n▶ ${name}: node --test (reference server, demo page and presets against real backends in Chromium)`);
  // The demo apps' test runs in their own step, after they are built.
  const files = readdirSync('test/node').filter((file) => file.endsWith('.test.mjs') && file !== 'apps.test.mjs').map((file) => join('test', 'node', file));
  results.push({ name, ...(await nodeTestRun('node.tap', ['demo/server/', ...files])) });
}

/**
 * The reference server's suite again, on PostgreSQL: a throwaway cluster from the machine's own
 * installation (scripts/postgres.mjs), stopped when the pass ends. Without one the pass is
 * skipped, and says so loudly: it is never skipped silently.
 */
async function serverTestsOnPostgres() {
  const name = 'server tests on PostgreSQL';
  if (only.length && !only.includes('postgres')) return;
  console.log(`\n▶ ${name}: node --test demo/server/ with TEST_DATABASE_URL`);
  let postgres;
  try {
    postgres = await startPostgres({ log: (line) => console.log(line) });
  } catch (error) {
    const banner = '!'.repeat(78);
    console.log(`\n${banner}\n!! SKIPPED: ${name}: PostgreSQL could not start.\n!! ${error instanceof Error ? error.message : error}\n!! Install it (Debian: apt-get install postgresql) or set PG_BIN; .ci/run installs it.\n${banner}\n`);
    skipped.push(`${name}: PostgreSQL could not start`);
    return;
  }
  try {
    results.push({ name, ...(await nodeTestRun('node-postgres.tap', ['demo/server/'], { TEST_DATABASE_URL: postgres.url })) });
  } finally {
    await postgres.stop();
  }
}

/**
 * The demo apps (demo/apps/), each installed from the package's `npm pack` tarball with its
 * framework's packages from the registry, type-checked and built by scripts/apps.mjs, then run in
 * Chromium against the reference server (test/node/apps.test.mjs). Skipped, loudly, only when the
 * apps' packages cannot be installed.
 */
async function demoApps() {
  const name = 'demo apps';
  if (only.length && !only.includes('apps')) return;
  console.log(`\n▶ ${name}: node scripts/apps.mjs --no-build, then node --test test/node/apps.test.mjs`);
  const built = await run('node', ['scripts/apps.mjs', '--no-build'], { quiet: true });
  if (built.code === 75) {
    const banner = '!'.repeat(78);
    console.log(`${built.output}\n${banner}\n!! SKIPPED: ${name}: their packages could not be installed (see above).\n!! They come from the npm registry: check the network, then node scripts/apps.mjs.\n${banner}\n`);
    skipped.push(`${name}: their packages could not be installed`);
    return;
  }
  if (built.code !== 0) process.stdout.write(built.output);
  results.push({ name: `${name} build`, passed: built.code === 0 ? 1 : 0, failed: built.code === 0 ? 0 : 1 });
  console.log(`${built.code === 0 ? '✔' : '✘'} ${name} build`);
  if (built.code !== 0) return;
  results.push({ name, ...(await nodeTestRun('apps.tap', ['test/node/apps.test.mjs'])) });
}

/** @type {string[]} */
const skipped = [];

// The locale modules are build output that the type-check, the tests and Storybook all import.
await check('localize', 'node', ['scripts/localize.mjs']);
await check('typecheck', 'npx', ['tsc', '--noEmit', '-p', '.']);
await check('typecheck frameworks', 'npx', ['tsc', '--noEmit', '-p', 'test/types']);
await check('typecheck server', 'npx', ['tsc', '--noEmit', '-p', 'demo']);
await check('lint', 'npm', ['run', '--silent', 'lint']);
await check('build', 'npm', ['run', '--silent', 'build'], { quiet: true });
await manifestIsFresh();
// The packed package as npm would publish it: entry points, files, types for every export.
await check('publint', 'npx', ['publint', '--strict'], { quiet: true });
await check('attw', 'npx', ['attw', '--pack', '.', '--profile', 'esm-only', '--format', 'ascii'], { quiet: true });
await webTestRunner();
await import('node:fs').then(({ mkdirSync }) => mkdirSync('.test-results', { recursive: true }));
await demoApps();
// The Storybook test among the node tests opens this build.
await check('storybook build', 'npx', ['storybook', 'build', '--quiet', '-o', '.test-results/storybook-static'], { quiet: true, env: { STORYBOOK_DISABLE_TELEMETRY: '1' } });
await nodeTests();
await serverTestsOnPostgres();
await check('size budget', 'node', ['scripts/size.mjs', '--check']);

console.log('\nsummary:');
for (const r of results) {
  console.log(`  ${r.failed ? '✘' : '✔'} ${r.name}: ${r.passed} passed, ${r.failed} failed`);
  for (const failure of r.failures ?? []) console.log(`      ✘ ${failure}`);
}
for (const line of skipped) console.log(`  ⚠ SKIPPED ${line}`);
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 && results.length > 0 ? 0 : 1;
