// @ts-check
// What both test backends serve besides their auth API, as a site owner's server would: sign-in
// pages under a strict CSP with the element from the script-tag build, and the built files from
// dist/ on the same origin. Plus the development outbox, where the tests read the codes the
// backend "sent".
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The README's strict policy: no inline script or style, Trusted Types with Lit's policy only. */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; require-trusted-types-for 'script'; trusted-types lit-html";

/**
 * @typedef {{ channel: 'email' | 'sms', to: string, code: string, at: number }} Sent
 * @typedef {{ element: string, module?: string }} Page the element's tag, and the page's own module script (served at `<path>.js`)
 * @typedef {{ dist: string, origin: () => string, pages: Record<string, Page>, outbox: Sent[] }} SiteOptions
 */

/**
 * A node:http-style handler; answers false for what is not the site's, so the auth API can.
 * @param {SiteOptions} options
 * @returns {(request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse) => boolean}
 */
export function site({ dist, origin, pages, outbox }) {
  const scriptOf = (/** @type {string} */ path) => (path === '/' ? '/index.js' : `${path}.js`);
  const html = (/** @type {string} */ path, /** @type {Page} */ { element, module }) => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Sign in</title><script type="module" src="/passkey-login.min.js"></script>${
    module ? `<script type="module" src="${scriptOf(path)}"></script>` : ''
  }</head>
<body>${element}</body>
</html>`;
  return (request, response) => {
    const url = new URL(request.url ?? '/', origin());
    const page = pages[url.pathname];
    if (page) {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': CSP, 'Cache-Control': 'no-store' });
      response.end(html(url.pathname, page));
      return true;
    }
    const script = Object.entries(pages).find(([path]) => scriptOf(path) === url.pathname)?.[1].module;
    if (script) {
      response.writeHead(200, { 'Content-Type': 'text/javascript' });
      response.end(script);
      return true;
    }
    // The outbox is for development only: never from another host name (SECURITY.md).
    if (url.pathname === '/dev/codes' && request.headers.host === new URL(origin()).host) {
      const to = url.searchParams.get('to');
      const latest = outbox.findLast((message) => message.to === to);
      response.writeHead(latest ? 200 : 404, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      response.end(JSON.stringify(latest ? { code: latest.code, channel: latest.channel } : { code: null }));
      return true;
    }
    const name = url.pathname.slice(1);
    if (/^passkey-login[\w.-]*\.min\.js(\.map)?$/.test(name) && existsSync(join(dist, name))) {
      response.writeHead(200, { 'Content-Type': name.endsWith('.map') ? 'application/json' : 'text/javascript' });
      response.end(readFileSync(join(dist, name)));
      return true;
    }
    return false;
  };
}
