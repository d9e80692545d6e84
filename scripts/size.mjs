#!/usr/bin/env node
// Prints raw, gzip and brotli sizes of what ships, and with --check fails when the script-tag
// entry, or a page view's JavaScript, is over its budget. Sizes are bytes; a KB here is 1024 bytes.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

// 18 KB until the per-step slots and `light-dom` (their hooks in the first render: 172 B) and
// loading the other steps on intent (what keeps the form from changing under a pointer: 200 B);
// 18.5 KB until the form of the page's markup waited for autofill to arm, with `state` following
// what is on screen (102 B over, after about 85 B saved elsewhere), which arms it 12–27 % sooner;
// 18.6 KB until an English page stopped loading the localizer unless a `lang` or `dir` changes
// (136 B in the entry, 1.3 KB less on every English page view).
const BUDGET_GZIP_KB = 18.7;
const ENTRY = 'dist/passkey-login.min.js';
/**
 * What an English page view with nobody interacting loads: the entry alone. Everything else
 * waits for intent (a pointer over the element, focus in it, a failure), a session found, a way
 * in this browser used last time, or a language change on the page; `npm run bench` counts what a
 * real page view transfers.
 */
const PAGE_VIEW = [ENTRY];
const PAGE_VIEW_BUDGET_GZIP_KB = 20;
/** A page in another language loads the localizer and its words before the first render (printed, not budgeted). */
const OTHER_LANGUAGE = [ENTRY, 'dist/passkey-login.localizer.min.js', 'dist/passkey-login.de.min.js'];

function measure(file) {
  const bytes = readFileSync(file);
  return {
    file,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

const kb = (n) => `${(n / 1024).toFixed(2)} KB`;
const row = (m) => `${m.file.padEnd(44)} ${kb(m.raw).padStart(10)} ${kb(m.gzip).padStart(10)} ${kb(m.brotli).padStart(10)}`;

let files;
try {
  // Folders too: dist/presets/, dist/approval/ (but not the types).
  files = readdirSync('dist', { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('.js') && !name.startsWith('types'))
    .map((name) => join('dist', name));
} catch {
  console.error('dist/ is missing: run `npm run build` first.');
  process.exit(1);
}
const standalone = files.filter((file) => file.includes('.min.')).sort();
const npm = files.filter((file) => !file.includes('.min.')).sort();

console.log(`${'file'.padEnd(44)} ${'raw'.padStart(10)} ${'gzip'.padStart(10)} ${'brotli'.padStart(10)}`);
console.log('script-tag build (what a site owner serves):');
for (const file of standalone) console.log(row(measure(file)));
console.log('npm build (lit and @simplewebauthn/browser external, before the app bundler minifies):');
const npmTotal = { file: '  total', raw: 0, gzip: 0, brotli: 0 };
for (const file of npm) {
  const m = measure(file);
  npmTotal.raw += m.raw;
  npmTotal.gzip += m.gzip;
  npmTotal.brotli += m.brotli;
  console.log(row(m));
}
console.log(row(npmTotal));
const types = readdirSync('dist/types', { recursive: true }).filter((name) => String(name).endsWith('.d.ts'));
console.log(`types: ${types.length} .d.ts files, ${kb(types.reduce((sum, name) => sum + statSync(join('dist/types', String(name))).size, 0))}`);

const entry = measure(ENTRY);
const pageView = PAGE_VIEW.map(measure).reduce((sum, m) => sum + m.gzip, 0);
let over = false;
for (const [label, size, kilobytes] of [
  [ENTRY, entry.gzip, BUDGET_GZIP_KB],
  [`English page view (${PAGE_VIEW.map((file) => file.replace('dist/', '')).join(' + ')})`, pageView, PAGE_VIEW_BUDGET_GZIP_KB],
]) {
  const budget = Math.floor(kilobytes * 1024);
  console.log(`budget: ${label} ${size} B gzip of ${budget} B (${((size / budget) * 100).toFixed(1)} %)`);
  if (size > budget) {
    console.error(`  over budget by ${size - budget} B`);
    over = true;
  }
}
const other = OTHER_LANGUAGE.map(measure).reduce((sum, m) => sum + m.gzip, 0);
console.log(`German page view (${OTHER_LANGUAGE.map((file) => file.replace('dist/', '')).join(' + ')}): ${other} B gzip`);
if (process.argv.includes('--check') && over) process.exit(1);
