// @ts-check
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { sendText } from './http.js';

/** @typedef {import('./http.js').Request} Request */
/** @typedef {import('./http.js').Response} Response */

const CONTENT_TYPES = /** @type {Record<string, string>} */ ({
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
});

/**
 * The demo page runs under the same policy a careful site would use, which is what proves the
 * widget needs no inline script or style and creates DOM only through Lit's Trusted Types policy.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  // Only Lit's policy name; 'allow-duplicates' because each copy of Lit on a page (the site's
  // own, or this script loaded twice) creates a policy of that name.
  "trusted-types lit-html 'allow-duplicates'",
].join('; ');

const WIDGET = 'passkey-login.min.js';

/**
 * Maps a URL path to a file path inside `dir`, or null when it could escape it or names a
 * hidden file. Works on the decoded path, so `%2e%2e` and `%2f` tricks are caught too.
 *
 * @param {string} dir absolute
 * @param {string} relative decoded, without the leading slash
 */
function inside(dir, relative) {
  const file = resolve(dir, relative);
  return file.startsWith(dir + sep) ? file : null;
}

/**
 * Serves `demo/public/` (with `/` as its index.html) and the built scripts of `dist/`, with
 * their source maps so DevTools can show the widget's sources.
 *
 * @param {string} root the repository root, holding `demo/public/` and `dist/`
 * @returns {(req: Request, res: Response, pathname: string) => Promise<boolean>}
 *   resolves false when the request is not for a file it serves
 */
export function createStaticHandler(root) {
  const publicDir = resolve(root, 'demo', 'public');
  const distDir = resolve(root, 'dist');

  return async function serveStatic(req, res, pathname) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    let decoded;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return false;
    }
    if (decoded.includes('\0') || decoded.includes('\\')) return false;
    const segments = decoded.split('/').slice(1);
    if (segments.some((segment) => segment.startsWith('.'))) return false;
    const relative = decoded === '/' ? 'index.html' : segments.join('/');

    const candidates = [inside(publicDir, relative)];
    if (/\.js(\.map)?$/.test(relative)) candidates.push(inside(distDir, relative));
    for (const file of candidates) {
      if (!file) continue;
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) continue;
      const body = await readFile(file);
      const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
      res.statusCode = 200;
      res.setHeader('Content-Type', type);
      res.setHeader('Content-Length', body.length);
      // Always revalidate: the widget is rebuilt while the demo runs.
      res.setHeader('Cache-Control', 'no-cache');
      if (type.startsWith('text/html')) {
        res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
      }
      res.end(req.method === 'HEAD' ? undefined : body);
      return true;
    }

    if (relative === WIDGET) {
      sendText(res, 404, `${join('dist', WIDGET)} is missing: run \`npm run build\` first.\n`);
      return true;
    }
    return false;
  };
}
