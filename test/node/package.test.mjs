// @ts-check
// What a framework developer installs: the package.json entry points resolve to built files with
// types, the manifest describes the element, and importing in Node (SSR) touches no browser global.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const built = existsSync('dist/index.js');

describe('the npm package', { skip: !built && 'dist/ missing: run npm run build' }, () => {
  it('every export, the types and the manifest exist', () => {
    for (const [entry, target] of Object.entries(pkg.exports)) {
      const files = typeof target === 'string' ? [target] : Object.values(target);
      for (const file of files) assert.ok(existsSync(file), `${entry} → ${file}`);
    }
    assert.ok(existsSync(pkg.types));
    assert.ok(existsSync(pkg.customElements));
  });

  it('the manifest documents the tag, its attributes, events, parts and CSS properties', () => {
    const manifest = JSON.parse(readFileSync(pkg.customElements, 'utf8'));
    const element = manifest.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'passkey-login');
    assert.ok(element, 'passkey-login declared');
    const attributes = element.attributes.map((a) => a.name);
    for (const name of ['endpoint', 'credentials', 'request-headers', 'check-session', 'redirect', 'authentication-options-url']) {
      assert.ok(attributes.includes(name), `attribute ${name}`);
    }
    const events = element.events.map((e) => e.name);
    assert.deepEqual(events.toSorted(), [
      'passkey-login-diagnostic',
      'passkey-login-failure',
      'passkey-login-funnel',
      'passkey-login-signed-out',
      'passkey-login-state',
      'passkey-login-success',
    ]);
    assert.ok(element.cssParts.length >= 20);
    assert.ok(element.cssProperties.some((p) => p.name === '--passkey-login-color-primary'));
    // Nothing private leaks into the documented API.
    assert.ok(element.members.every((m) => !m.name.startsWith('#') || m.privacy === 'private'));
  });

  it('each preset ships twice, for npm and next to the script-tag files, each standing alone', async () => {
    for (const [name, factory] of [['better-auth', 'betterAuth'], ['authjs', 'authjs']]) {
      assert.equal(pkg.exports[`./presets/${name}`].default, `./dist/presets/${name}.js`);
      for (const file of [`dist/presets/${name}.js`, `dist/passkey-login.${name}.min.js`]) {
        // Nothing else to load: a site can import the file itself to pass options.
        assert.doesNotMatch(readFileSync(file, 'utf8'), /\bimport\s*\(|\bfrom\s*["']/, `${file} imports nothing`);
        const module = await import(`../../${file}`);
        assert.equal(module.default, module[factory], `${file}: the factory is the default export and ${factory}`);
        const preset = module.default();
        assert.deepEqual(Object.keys(preset).toSorted(), ['adapter', 'endpoints', 'methods']);
        assert.equal(typeof preset.adapter.call, 'function');
        assert.equal(preset.endpoints.methods, false, 'neither backend says which ways in an account has');
      }
    }
  });

  it('imports in Node without a DOM (server-side rendering)', async () => {
    const module = await import('../../dist/index.js');
    assert.equal(typeof module.PasskeyLogin, 'function');
    assert.equal(typeof module.PasskeyLoginSuccessEvent, 'function');
    await import('../../dist/define.js');
  });

  it('passkey-login/react wraps both elements for React, registering them, with React and @lit/react left to the app', async () => {
    const source = readFileSync('dist/react.js', 'utf8');
    assert.match(source, /from "react"/);
    assert.match(source, /from "@lit\/react"/);
    assert.doesNotMatch(source, /createElement\s*\(\s*\w+\s*,\s*\{\s*\.\.\./, 'React is not bundled');
    const module = await import('../../dist/react.js');
    for (const name of ['PasskeyLogin', 'PasskeyLoginApproval']) assert.equal(typeof module[name]?.render, 'function', `${name} is a forwardRef component`);
    assert.equal(typeof module.usePasskeySession, 'function');
    assert.ok(customElements.get('passkey-login') && customElements.get('passkey-login-approval'), 'importing it registers both tags');
  });
});
