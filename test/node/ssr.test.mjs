// @ts-check
// Server rendering: @lit-labs/ssr renders both elements from the built npm modules, as a
// Next.js, Astro or Eleventy server would, into declarative shadow DOM with the first step's
// heading in it, without touching a browser global or starting a request.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { html } from 'lit';
import { render } from '@lit-labs/ssr';
import { collectResult } from '@lit-labs/ssr/lib/render-result.js';

const built = existsSync('dist/define.js') && existsSync('dist/approval/define.js');

describe('server rendering with @lit-labs/ssr', { skip: !built && 'dist/ missing: run npm run build' }, () => {
  /** @param {import('lit').TemplateResult} template */
  async function serverRender(template) {
    await import('../../dist/define.js');
    await import('../../dist/approval/define.js');
    const requests = [];
    const fetch = globalThis.fetch;
    globalThis.fetch = async (...args) => {
      requests.push(args[0]);
      throw new Error('no request on the server');
    };
    try {
      return { markup: await collectResult(render(template)), requests };
    } finally {
      globalThis.fetch = fetch;
    }
  }

  it('renders <passkey-login> with its sign-in heading in declarative shadow DOM', async () => {
    const { markup, requests } = await serverRender(html`<passkey-login endpoint="/x" methods="passkey"></passkey-login>`);
    assert.match(markup, /<passkey-login[^>]*endpoint="\/x"/);
    assert.match(markup, /<template shadowroot="open" shadowrootmode="open">/);
    assert.match(markup, /part="container"/);
    assert.match(markup, /part="heading"[^>]*>\s*(<!--[^>]*-->\s*)*<slot name="heading-ready">\s*(<!--[^>]*-->\s*)*Sign in/);
    assert.match(markup, /part="form"/);
    assert.deepEqual(requests, []);
  });

  it('renders <passkey-login-approval> with its code step heading', async () => {
    const { markup, requests } = await serverRender(html`<passkey-login-approval endpoint="/x"></passkey-login-approval>`);
    assert.match(markup, /<passkey-login-approval[^>]*endpoint="\/x"/);
    assert.match(markup, /<template shadowroot="open" shadowrootmode="open">/);
    assert.match(markup, /part="heading"[^>]*>\s*(<!--[^>]*-->\s*)*<slot name="heading-entering">\s*(<!--[^>]*-->\s*)*Approve a sign-in/);
    assert.match(markup, /<input part="[^"]*\bcode-input\b/);
    assert.deepEqual(requests, []);
  });
});
