// @ts-check
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, afterEach, describe, test } from 'node:test';
import { CONTENT_SECURITY_POLICY } from './static.js';
import { startServer } from './harness.js';

/** @typedef {Awaited<ReturnType<typeof startServer>>} Server */

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

// A stand-in repository, so the tests do not depend on whether `npm run build` has run.
const root = mkdtempSync(join(tmpdir(), 'passkey-login-static-'));
mkdirSync(join(root, 'demo', 'public'), { recursive: true });
mkdirSync(join(root, 'dist', 'types'), { recursive: true });
writeFileSync(join(root, 'demo', 'public', 'index.html'), '<!doctype html><title>t</title>');
writeFileSync(join(root, 'demo', 'public', 'demo.css'), 'body{}');
writeFileSync(join(root, 'demo', 'public', '.secret'), 'hidden');
writeFileSync(join(root, 'dist', 'passkey-login.min.js'), 'export {};');
writeFileSync(join(root, 'dist', 'passkey-login.min.js.map'), '{"version":3}');
writeFileSync(join(root, 'dist', 'types', 'index.d.ts'), 'export {};');
writeFileSync(join(root, 'package.json'), '{"name":"secret"}');
// Big enough to be worth compressing; its precompressed siblings as the build writes them.
const lazy = `export const words = ${JSON.stringify('passkey '.repeat(400))};`;
writeFileSync(join(root, 'dist', 'passkey-login.steps.min.js'), lazy);
writeFileSync(join(root, 'dist', 'passkey-login.steps.min.js.br'), brotliCompressSync(lazy));
writeFileSync(join(root, 'dist', 'passkey-login.steps.min.js.gz'), gzipSync(lazy));
writeFileSync(join(root, 'demo', 'public', 'big.css'), `body{}\n${'.a{color:red}\n'.repeat(200)}`);
after(() => rmSync(root, { recursive: true, force: true }));

/** @type {Server} */
let server;

/**
 * node:http rather than fetch, which would normalize the dot segments away before sending.
 * @param {string} path sent byte for byte
 * @typedef {import('node:http').IncomingHttpHeaders} Headers
 * @returns {Promise<{ status: number | undefined, headers: Headers, text: string }>}
 */
function rawGet(path) {
  return new Promise((resolvePromise, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method: 'GET' }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolvePromise({ status: res.statusCode, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * @param {string} path
 * @param {Record<string, string>} headers
 * @returns {Promise<{ status: number | undefined, headers: import('node:http').IncomingHttpHeaders, body: Buffer }>}
 */
function getBytes(path, headers) {
  return new Promise((resolvePromise, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method: 'GET', headers }, (res) => {
      /** @type {Buffer[]} */
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolvePromise({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static files', () => {
  afterEach(() => server.close());

  test('the page is served with a strict CSP and safe defaults', async () => {
    server = await startServer({ staticRoot: root });
    const page = await rawGet('/');
    assert.equal(page.status, 200);
    assert.equal(page.headers['content-type'], 'text/html; charset=utf-8');
    assert.equal(
      page.headers['content-security-policy'],
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; " +
        "img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; " +
        "require-trusted-types-for 'script'; trusted-types lit-html 'allow-duplicates'",
    );
    assert.equal(page.headers['x-content-type-options'], 'nosniff');
    assert.equal(page.headers['referrer-policy'], 'same-origin');
    assert.equal(page.text, '<!doctype html><title>t</title>');
  });

  test('serves the widget, its source map and public files, with their types', async () => {
    server = await startServer({ staticRoot: root });
    const script = await rawGet('/passkey-login.min.js');
    assert.equal(script.status, 200);
    assert.equal(script.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.equal(script.text, 'export {};');
    const map = await rawGet('/passkey-login.min.js.map');
    assert.equal(map.headers['content-type'], 'application/json; charset=utf-8');
    const css = await rawGet('/demo.css');
    assert.equal(css.headers['content-type'], 'text/css; charset=utf-8');
    assert.equal(css.headers['content-security-policy'], undefined);
  });

  test('scripts go out as the build compressed them (brotli, gzip), with an ETag to revalidate; other files are compressed on the way', async () => {
    server = await startServer({ staticRoot: root });
    const brotli = await getBytes('/passkey-login.steps.min.js', { 'accept-encoding': 'gzip, deflate, br, zstd' });
    assert.equal(brotli.status, 200);
    assert.equal(brotli.headers['content-encoding'], 'br');
    assert.equal(brotli.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.match(String(brotli.headers.vary), /accept-encoding/i);
    assert.deepEqual(brotli.body, readFileSync(join(root, 'dist', 'passkey-login.steps.min.js.br')), 'the file the build wrote, byte for byte');
    const etag = String(brotli.headers.etag);
    assert.ok(etag, 'an ETag');
    const again = await getBytes('/passkey-login.steps.min.js', { 'accept-encoding': 'br', 'if-none-match': etag });
    assert.equal(again.status, 304);
    const gzip = await getBytes('/passkey-login.steps.min.js', { 'accept-encoding': 'gzip' });
    assert.equal(gzip.headers['content-encoding'], 'gzip');
    assert.deepEqual(gzip.body, readFileSync(join(root, 'dist', 'passkey-login.steps.min.js.gz')));
    const plain = await getBytes('/passkey-login.steps.min.js', {});
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.body.toString(), lazy);
    // The siblings themselves are not files of the site.
    assert.equal((await getBytes('/passkey-login.steps.min.js.br', {})).status, 404);
    const css = await getBytes('/big.css', { 'accept-encoding': 'br' });
    assert.equal(css.headers['content-encoding'], 'br');
    assert.equal(brotliDecompressSync(css.body).toString(), readFileSync(join(root, 'demo', 'public', 'big.css'), 'utf8'));
  });

  test('refuses paths that climb out, hidden files and non-script dist files', async () => {
    server = await startServer({ staticRoot: root });
    for (const path of [
      '/..%2fpackage.json',
      '/..%2f..%2fpackage.json',
      '/%2e%2e/package.json',
      '/../package.json',
      '/demo.css/../../../package.json',
      '/..%5cpackage.json',
      '/.secret',
      '/%2esecret',
      '/types/index.d.ts',
      '/%E0%A4%A',
      '/x%00.js',
    ]) {
      const reply = await rawGet(path);
      assert.equal(reply.status, 404, path);
      assert.ok(!reply.text.includes('secret') && !reply.text.includes('hidden'), path);
    }
  });

  test('a missing widget build says how to make it', async () => {
    const bare = mkdtempSync(join(tmpdir(), 'passkey-login-bare-'));
    try {
      server = await startServer({ staticRoot: bare });
      const reply = await rawGet('/passkey-login.min.js');
      assert.equal(reply.status, 404);
      assert.match(reply.text, /npm run build/);
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });

  test('without staticRoot nothing outside the API is served', async () => {
    server = await startServer();
    assert.equal((await rawGet('/')).status, 404);
  });
});

describe('the demo page', () => {
  const html = readFileSync(join(repo, 'demo', 'public', 'index.html'), 'utf8');

  test('loads the widget with one module script and uses it through attributes only', () => {
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    // The other script is the Brand menu's, which only sets the element's custom properties.
    assert.deepEqual(scripts, ['<script type="module" src="/brand-picker.js">', '<script type="module" src="/passkey-login.min.js">']);
    assert.match(html, /<script type="module" src="\/passkey-login\.min\.js"><\/script>/);
    assert.match(html, /<passkey-login endpoint="\/api\/auth" check-session\s+methods="passkey hybrid email-code sms-code password device"\s+approve-url="\/approve\.html\?code=\{code\}"\s+support-contact="mailto:[^"]+\{reference\}"><\/passkey-login>/);
  });

  test('needs nothing the CSP forbids', () => {
    assert.doesNotMatch(html, /<style\b/);
    assert.doesNotMatch(html, /\sstyle=/);
    assert.doesNotMatch(html, /\son[a-z]+=/);
    assert.doesNotMatch(html, /javascript:/);
    assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//, 'no third-party requests');
    assert.ok(CONTENT_SECURITY_POLICY.includes("script-src 'self'"));
  });

  test('sends newcomers to the account page and the outbox, now that the element offers codes', () => {
    assert.match(html, /href="\/account\.html"/);
    assert.match(html, /href="\/outbox\.html"/);
  });

  test('its stylesheet follows the colour scheme', () => {
    const css = readFileSync(join(repo, 'demo', 'public', 'demo.css'), 'utf8');
    assert.match(css, /@media \(prefers-color-scheme: dark\)/);
  });
});

describe('the Brand menu of the demo page', () => {
  const html = readFileSync(join(repo, 'demo', 'public', 'index.html'), 'utf8');
  const script = readFileSync(join(repo, 'demo', 'public', 'brand-picker.js'), 'utf8');

  test('is labelled "Brand" and offers Default and every preset of brands.js, by its name', async () => {
    const { BRANDS } = await import('../public/brands.js');
    assert.match(html, /<label for="brand-preset">Brand<\/label>\s*<select id="brand-preset"/);
    const options = [...html.matchAll(/<option value="([^"]*)">([^<]+)<\/option>/g)].map(([, value, name]) => [value, name]);
    assert.deepEqual(options, [['', 'Default'], ...Object.entries(BRANDS).map(([id, brand]) => [id, brand.name])]);
  });

  test('sets custom properties through the CSSOM, which the CSP allows, never as a style attribute', () => {
    assert.match(script, /style\.setProperty\(/);
    assert.doesNotMatch(script, /setAttribute\(\s*['"]style|cssText|innerHTML|insertAdjacentHTML/);
  });
});

describe('the dev outbox page', () => {
  const html = readFileSync(join(repo, 'demo', 'public', 'outbox.html'), 'utf8');
  const script = readFileSync(join(repo, 'demo', 'public', 'outbox.js'), 'utf8');

  test('runs under the same CSP: its own script file, no inline script or style', () => {
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.deepEqual(scripts, ['<script type="module" src="/outbox.js">']);
    assert.doesNotMatch(html, /<script>|<style\b|\sstyle=|\son[a-z]+=|javascript:/);
  });

  test('never turns message text into markup', () => {
    assert.doesNotMatch(script, /innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    assert.match(script, /textContent/);
  });
});
