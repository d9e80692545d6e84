#!/usr/bin/env node
// The demo apps in demo/apps/ (React, Vue, Svelte, Angular), each built against the package as npm would
// publish it: `npm run build`, `npm pack` into demo/apps/.pack/passkey-login.tgz, then in each app
// its framework's packages from its own lockfile, the tarball on top, the framework's type check
// (which includes a file of type tests) and `vite build` into demo/apps/<name>/dist/.
//
//   node scripts/apps.mjs [--no-build] [react|vue|svelte|angular ...]
//
// Why the tarball is not in the apps' package.json and lockfiles: its integrity hash changes with
// every build of the package, and `npm ci` refuses a lockfile whose hash does not match (and
// `npm install` would rewrite the committed lockfile each time). So each app's package.json and
// package-lock.json hold only the framework's packages, which `npm ci` installs exactly as locked
// on a clean clone, and the tarball goes on top with `npm install --no-save <tgz>`, which resolves
// the package's own dependencies (lit, @simplewebauthn/browser, qrcode-generator) from the
// registry and writes neither package.json nor package-lock.json.
//
// Exit codes: 0 all built; 1 a build, pack, type check or app build failed; 75 an app's packages
// could not be installed (e.g. no registry): `npm test` then skips the apps, loudly.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const APPS = ['react', 'vue', 'svelte', 'angular'];
const appsDir = join(root, 'demo', 'apps');
const packDir = join(appsDir, '.pack');
const tarball = join(packDir, 'passkey-login.tgz');

/** @param {string} command @param {string[]} args @param {string} cwd */
function run(command, args, cwd) {
  console.log(`  $ ${[command, ...args].join(' ')}${cwd === root ? '' : `   (in ${cwd.slice(root.length + 1)})`}`);
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, { cwd, stdio: 'inherit' });
    child.on('close', (code) => resolvePromise(code ?? 1));
  });
}

/** Runs the steps for the apps named, stopping each app at its first failure. */
async function main() {
  const argv = process.argv.slice(2);
  const build = !argv.includes('--no-build');
  const names = argv.filter((arg) => !arg.startsWith('--'));
  for (const name of names) if (!APPS.includes(name)) throw new Error(`no demo app ${name}: one of ${APPS.join(', ')}`);
  const apps = names.length ? names : APPS;

  // --no-build when the package was just built (as in `npm test`), but never packing no build.
  if (build || !existsSync(join(root, 'dist', 'index.js'))) {
    console.log('▶ the package: npm run build');
    if ((await run('npm', ['run', '--silent', 'build'], root)) !== 0) return 1;
  }
  console.log('▶ the package: npm pack');
  mkdirSync(packDir, { recursive: true });
  for (const file of readdirSync(packDir)) if (file.endsWith('.tgz')) rmSync(join(packDir, file));
  if ((await run('npm', ['pack', '--silent', '--pack-destination', packDir], root)) !== 0) return 1;
  const packed = readdirSync(packDir).filter((file) => file.endsWith('.tgz'));
  if (packed.length !== 1) throw new Error(`npm pack left ${packed.length} tarballs in ${packDir}`);
  // A stable name, whatever the version.
  renameSync(join(packDir, packed[0]), tarball);

  let failed = false;
  for (const app of apps) {
    const dir = join(appsDir, app);
    console.log(`\n▶ demo app ${app}`);
    // `npm ci` only when the lockfile changed since the last one: it starts from nothing each time.
    const lockHash = createHash('sha256').update(readFileSync(join(dir, 'package-lock.json'))).digest('hex');
    const stamp = join(dir, 'node_modules', '.lockfile-hash');
    if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== lockHash) {
      if ((await run('npm', ['ci', '--no-audit', '--no-fund'], dir)) !== 0) return 75;
      writeFileSync(stamp, lockHash);
    }
    // Removed first, so npm cannot take the last build's copy (same name and version) as current.
    rmSync(join(dir, 'node_modules', 'passkey-login'), { recursive: true, force: true });
    if ((await run('npm', ['install', '--no-save', '--no-audit', '--no-fund', '../.pack/passkey-login.tgz'], dir)) !== 0) return 75;
    // No last build left to test if this one fails.
    rmSync(join(dir, 'dist'), { recursive: true, force: true });
    if ((await run('npm', ['run', '--silent', 'typecheck'], dir)) !== 0 || (await run('npm', ['run', '--silent', 'build'], dir)) !== 0) {
      console.log(`✘ demo app ${app}`);
      failed = true;
      continue;
    }
    console.log(`✔ demo app ${app}: demo/apps/${app}/dist/`);
  }
  return failed ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main();
}
