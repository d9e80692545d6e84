// @ts-check
// Every `part` a template of either element can put on a node is documented in
// custom-elements.json (from the JSDoc `@csspart` tags): a site styles what it can read about.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

/** @param {string} dir @returns {string[]} */
const files = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );

/** What a part name made of a variable can be: `${method}-button`, `${decision}-button`, `done ${kind}`. */
const VARIABLES = /** @type {Record<string, string[]>} */ ({
  method: ['passkey', 'hybrid', 'email-code', 'sms-code', 'password', 'device'],
  decision: ['approve', 'deny'],
  kind: ['approved', 'denied'],
});

/**
 * Part names a source file can render: `part="…"` attributes (string literals inside their
 * `${…}` included), `part: '…'` options handed to a shared template, and the first argument of
 * `link('…', …)`, which becomes a part.
 * @param {string} source
 */
export function partsIn(source) {
  /** @type {Set<string>} */
  const parts = new Set();
  const add = (/** @type {string} */ text) => {
    for (const token of text.split(/\s+/)) if (/^[a-z][a-z-]*$/.test(token)) parts.add(token);
  };
  for (const [, value] of source.matchAll(/\bpart="([^"]*)"/g)) {
    for (const token of value.split(/\s+(?![^{]*\})/)) {
      const variable = /^\$\{(\w+)\}(.*)$/.exec(token);
      if (variable && VARIABLES[variable[1]]) for (const name of VARIABLES[variable[1]]) add(`${name}${variable[2]}`);
      else add(token.replace(/\$\{[^}]*\}/g, (expression) => [...expression.matchAll(/'([^']*)'/g)].map(([, literal]) => literal).join(' ')));
    }
  }
  for (const [, value] of source.matchAll(/\bpart: '([^']*)'/g)) add(value);
  for (const [, value] of source.matchAll(/\blink\('([^']*)'/g)) add(value);
  return parts;
}

/** @param {string} tag */
function documented(tag) {
  const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
  for (const module of manifest.modules ?? []) {
    for (const declaration of module.declarations ?? []) {
      if (declaration.tagName === tag) return new Set((declaration.cssParts ?? []).map((/** @type {{name: string}} */ part) => part.name));
    }
  }
  throw new Error(`${tag} is not in custom-elements.json`);
}

describe('parts: every part in a template is documented, and every documented part is used', () => {
  const cases = [
    { tag: 'passkey-login', sources: files('src').filter((file) => !file.includes('/approval/') && !file.endsWith('/approval')) },
    // The approval element shares the heading and progress templates.
    { tag: 'passkey-login-approval', sources: [...files('src/approval'), 'src/views/step.ts'] },
  ];
  for (const { tag, sources } of cases) {
    it(`<${tag}>`, () => {
      const used = new Set(sources.flatMap((file) => [...partsIn(readFileSync(file, 'utf8'))]));
      const missing = [...used].filter((part) => !documented(tag).has(part)).sort();
      assert.deepEqual(missing, [], `parts used in templates but not documented with @csspart: ${missing.join(', ')}`);
      const stale = [...documented(tag)].filter((part) => !used.has(part)).sort();
      assert.deepEqual(stale, [], `parts documented with @csspart that no template uses any more: ${stale.join(', ')}`);
      assert.ok(used.size > 20, `found only ${used.size} parts: the scan no longer reads the templates`);
    });
  }
});
