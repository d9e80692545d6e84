// @ts-check
import { resolve, sep } from 'node:path';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';

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

/**
 * Serves `demo/public/` (with `/` as its index.html) and the built scripts of `dist/`, with their
 * source maps so DevTools can show the widget's sources: @fastify/static, which refuses paths that
 * climb out of its roots and hidden files, sends `ETag` and `Last-Modified` and answers
 * revalidations with 304; @fastify/compress, which sends them brotli- or gzip-compressed to
 * browsers that take it.
 *
 * @param {import('fastify').FastifyInstance} fastify
 * @param {string} root the repository root, holding `demo/public/` and `dist/`
 */
export function registerStatic(fastify, root) {
  const publicDir = resolve(root, 'demo', 'public');
  const distDir = resolve(root, 'dist');
  fastify.register(async (files) => {
    await files.register(fastifyCompress, { global: true, encodings: ['br', 'gzip'], threshold: 1024 });
    // @fastify/static names a script's type application/javascript (a precompressed one too,
    // after any header set below); RFC 9239 makes it text/javascript.
    files.addHook('onSend', async (_request, reply, payload) => {
      if (String(reply.getHeader('content-type')).startsWith('application/javascript')) reply.header('content-type', 'text/javascript; charset=utf-8');
      return payload;
    });
    await files.register(fastifyStatic, {
      root: [publicDir, distDir],
      prefix: '/',
      index: ['index.html'],
      dotfiles: 'deny',
      // The build writes each script as .br and .gz too (vite.config.ts): sent as they are, not
      // compressed again on every request. Anything without them is compressed on the way out.
      preCompressed: true,
      // Always revalidate: the widget is rebuilt while the demo runs, and a 304 costs little.
      cacheControl: false,
      // Only scripts and their source maps from dist/, not its types or anything else.
      allowedPath: (pathname, fileRoot) =>
        !pathname.includes('\\') && (resolve(fileRoot ?? '') !== distDir || /\.js(\.map)?$/.test(pathname)),
      setHeaders(/** @type {any} */ reply, /** @type {string} */ sent) {
        // A precompressed sibling stands for the file it compresses.
        const file = sent.replace(/\.(br|gz)$/, '');
        reply.header('Cache-Control', 'no-cache');
        if (file.endsWith('.html') && resolve(file).startsWith(publicDir + sep)) {
          reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
        }
      },
    });
  });
}
