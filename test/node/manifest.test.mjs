// @ts-check
// custom-elements.json describes what ships: the built modules an app imports, exports that
// resolve, literal defaults, every event each element sends, and every `part` a template of
// either element can put on a node (from the JSDoc `@csspart` tags): a site styles what it can
// read about.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
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

const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));

/** @param {string} tag */
function documented(tag) {
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

/** @param {string} tag */
function element(tag) {
  return manifest.modules.flatMap((/** @type {any} */ m) => m.declarations ?? []).find((/** @type {any} */ d) => d.tagName === tag);
}

describe('custom-elements.json describes the built package', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  const paths = new Set(manifest.modules.map((/** @type {{path: string}} */ m) => m.path));

  it('names the built modules, each one a package export', () => {
    const exported = new Set(Object.values(pkg.exports).map((target) => (typeof target === 'string' ? target : (target.default ?? '')).replace(/^\.\//, '')));
    for (const path of paths) {
      assert.match(path, /^dist\/.+\.js$/, `${path} is a built module`);
      assert.ok(exported.has(path), `${path} is in package.json's exports`);
      if (existsSync('dist/index.js')) assert.ok(existsSync(path), `${path} is built`);
    }
    assert.doesNotMatch(JSON.stringify(manifest), /\bsrc\/|\.ts"/, 'nothing points at the TypeScript sources');
  });

  it('every export and every reference resolves to a declaration in a module of the manifest', () => {
    const declared = new Map(manifest.modules.map((/** @type {any} */ m) => [m.path, new Set((m.declarations ?? []).map((/** @type {any} */ d) => d.name))]));
    /** @param {any} node @param {string} where */
    const walk = (node, where) => {
      if (Array.isArray(node)) return node.forEach((item) => walk(item, where));
      if (!node || typeof node !== 'object') return;
      if (typeof node.module === 'string' && !node.package) {
        assert.ok(declared.has(node.module), `${where}: ${node.name} → ${node.module}, a module the manifest lacks`);
        assert.ok(declared.get(node.module)?.has(node.name), `${where}: ${node.module} declares no ${node.name}`);
      }
      for (const value of Object.values(node)) walk(value, where);
    };
    for (const module of manifest.modules) {
      for (const exported of module.exports ?? []) {
        assert.ok(exported.declaration?.module, `${module.path}: export ${exported.name} names its module`);
        walk(exported, `${module.path} export ${exported.name}`);
      }
      walk(module.declarations ?? [], module.path);
    }
    const definitions = manifest.modules.flatMap((/** @type {any} */ m) => (m.exports ?? []).filter((/** @type {any} */ e) => e.kind === 'custom-element-definition').map((/** @type {any} */ e) => [m.path, e.name]));
    assert.deepEqual(definitions, [['dist/define.js', 'passkey-login'], ['dist/approval/define.js', 'passkey-login-approval']]);
  });

  it('defaults are literal values, not the identifiers of the source', () => {
    for (const tag of ['passkey-login', 'passkey-login-approval']) {
      for (const item of [...element(tag).members, ...element(tag).attributes]) {
        if (item.default === undefined) continue;
        assert.doesNotThrow(() => JSON.parse(item.default.replace(/^'(.*)'$/, '"$1"')), `<${tag}> ${item.name} = ${item.default}`);
      }
    }
    const timeout = element('passkey-login').members.find((/** @type {any} */ m) => m.name === 'requestTimeout');
    assert.equal(timeout.default, '15000');
    const endpoint = element('passkey-login-approval').members.find((/** @type {any} */ m) => m.name === 'endpoint');
    assert.equal(endpoint.default, "'/api/auth'");
  });

  it('lists every event each element sends, with its class, and no private member', () => {
    /** Event name → class, from the classes under src/ that extend CustomEvent. */
    const classes = new Map(
      files('src').flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(/class (\w+) extends CustomEvent<.*?> \{\s*static readonly type = '([^']+)'/g)].map(([, name, type]) => [type, name]),
      ),
    );
    assert.ok(classes.size >= 7, `found only ${classes.size} event classes`);
    const sent = {
      'passkey-login': [...classes.keys()].filter((type) => type !== 'passkey-login-approval'),
      'passkey-login-approval': ['passkey-login-approval', 'passkey-login-funnel'],
    };
    for (const [tag, types] of Object.entries(sent)) {
      const events = element(tag).events.map((/** @type {any} */ e) => [e.name, e.type.text]);
      assert.deepEqual(events.toSorted(), types.map((type) => [type, classes.get(type)]).toSorted(), `<${tag}> events`);
      assert.ok(element(tag).members.every((/** @type {any} */ m) => m.privacy !== 'private' && !m.name.startsWith('#')), `<${tag}> documents no private member`);
      const slots = element(tag).slots.map((/** @type {any} */ s) => s.name);
      assert.deepEqual(slots.slice(0, 2), ['header', 'footer']);
      // Every step has its heading slot, named by the `state` it shows; help slots name real steps.
      const steps = stepsOf(tag);
      assert.deepEqual(slots.filter((slot) => slot.startsWith('heading-')).toSorted(), steps.map((step) => `heading-${step}`).toSorted(), `<${tag}> heading slots`);
      for (const help of slots.filter((slot) => slot.startsWith('help-'))) assert.ok(steps.includes(help.slice('help-'.length)), `<${tag}> ${help} names no step`);
      assert.ok(element(tag).cssProperties.some((/** @type {any} */ p) => p.name === '--passkey-login-color-primary' && p.default === '#0b57d0'));
    }
  });
});

/**
 * The steps an element shows, from its state type: every `kind: '…'`, less `checking`, which
 * shows the form (its slots are `ready`'s).
 * @param {string} tag
 */
function stepsOf(tag) {
  const source = readFileSync(tag === 'passkey-login' ? 'src/machine/types.ts' : 'src/approval/state.ts', 'utf8');
  const union = tag === 'passkey-login' ? source.slice(source.indexOf('export type State =')) : source;
  return [...new Set([...union.matchAll(/kind: '([a-z-]+)'/g)].map(([, kind]) => kind))].filter((kind) => kind !== 'checking');
}

describe('frameworks/: the typings and editor data generated from the manifest', () => {
  const tags = ['passkey-login', 'passkey-login-approval'];
  const read = (/** @type {string} */ file) => readFileSync(join('frameworks', file), 'utf8');

  it('the JSX, Vue and Svelte typings name both elements, every property and every event, typed by the package', () => {
    // How each typing names an event's listener: vue-tsc checks `@passkey-login-success` as the
    // prop `onPasskeyLoginSuccess`.
    const camel = (/** @type {string} */ name) => `on${name.replace(/(?:^|-)(\w)/g, (_, letter) => letter.toUpperCase())}`;
    /** @type {[string, (name: string) => string][]} */
    const listeners = [
      ['jsx.d.ts', (name) => `"on${name}"`],
      ['vue.d.ts', (name) => ` ${camel(name)}?:`],
      ['svelte.d.ts', (name) => `"on:${name}"`],
    ];
    for (const [file, on] of listeners) {
      const text = read(file);
      assert.match(text, /from "passkey-login";/, `${file} takes the element and event types from the package`);
      assert.doesNotMatch(text, /\bCustomEvent<PasskeyLogin\w*Event>/, `${file}: an event class is not wrapped in CustomEvent again`);
      for (const tag of tags) {
        assert.ok(text.includes(`"${tag}":`), `${file}: <${tag}>`);
        for (const { name } of element(tag).events) assert.ok(text.includes(on(name)), `${file}: ${on(name)}`);
      }
      const fields = element('passkey-login').members.filter((/** @type {any} */ m) => m.kind === 'field' && !m.readonly && !m.static);
      assert.ok(fields.length > 20, `only ${fields.length} properties in the manifest`);
      for (const { name } of fields) {
        assert.match(text, new RegExp(`PasskeyLogin\\["${name}"\\]`), `${file}: ${name}`);
      }
    }
    assert.match(read('svelte.d.ts'), /declare global \{\s*namespace svelteHTML/);
    // vue-tsc checks `:request-timeout` as `requestTimeout`; Svelte sets `fetch={…}` as a property.
    assert.match(read('vue.d.ts'), /^ +requestTimeout\?: PasskeyLogin\["requestTimeout"\];$/m);
    assert.doesNotMatch(read('vue.d.ts'), /^ +"[\w-]+"\?:/m, 'vue.d.ts: no kebab-case prop names');
    assert.match(read('svelte.d.ts'), /^ +fetch\?: PasskeyLogin\["fetch"\];$/m);
  });

  it('VS Code and JetBrains data list both tags, their parts and the CSS properties', () => {
    const html = JSON.parse(read('vscode.html-custom-data.json'));
    assert.deepEqual(html.tags.map((/** @type {{name: string}} */ t) => t.name), tags);
    const css = JSON.parse(read('vscode.css-custom-data.json'));
    assert.ok(css.properties.some((/** @type {{name: string}} */ p) => p.name === '--passkey-login-color-primary'));
    const webTypes = JSON.parse(read('web-types.json'));
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    assert.equal(webTypes.name, pkg.name);
    assert.equal(webTypes.version, pkg.version, 'web-types.json carries the package version: npm run manifest after a version bump');
    assert.deepEqual(webTypes.contributions.html.elements.map((/** @type {{name: string}} */ e) => e.name), tags);
  });
});
