// Every locale has every message, with the same placeholders as the English, and is actually
// translated. `LOCALES=de,fr node --test test/node/locales.test.mjs` checks only those.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const config = JSON.parse(readFileSync(`${root}lit-localize.json`, 'utf8'));
const only = process.env.LOCALES?.split(',');
const targets = config.targetLocales.filter((locale) => !only || only.includes(locale));

/** Every message id in the source: `msg(…, { id: '…' })`. */
function sourceIds() {
  const ids = new Set();
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (entry.name !== 'locales') walk(path);
      } else if (entry.name.endsWith('.ts')) {
        for (const [, id] of readFileSync(path, 'utf8').matchAll(/\bmsg\([\s\S]*?\{\s*id:\s*'([^']+)'/g)) ids.add(id);
      }
    }
  };
  walk(`${root}src`);
  return ids;
}

const decode = (text) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** The trans-units of one XLIFF file: id → { source, target }. */
export function units(xml) {
  const found = new Map();
  for (const [, id, body] of xml.matchAll(/<trans-unit id="([^"]+)">([\s\S]*?)<\/trans-unit>/g)) {
    const part = (name) => body.match(new RegExp(`<${name}>([\\s\\S]*?)</${name}>`))?.[1];
    found.set(decode(id), { source: part('source'), target: part('target') });
  }
  return found;
}

/** The placeholders of a message, sorted: `<x id="0" equiv-text="${length}"/>`. */
const placeholders = (text) => [...(text ?? '').matchAll(/<x id="(\d+)" equiv-text="([^"]*)"\s*\/>/g)].map(([, id, equiv]) => `${id}:${decode(equiv)}`).sort();
const words = (text) => (text ?? '').replace(/<x [^>]*\/>/g, '').trim();

const ids = sourceIds();

test('the source has messages, each with an explicit id', () => {
  assert.ok(ids.size > 200, `only ${ids.size} message ids found`);
});

for (const locale of targets) {
  test(`${locale}: every message, same placeholders, translated`, () => {
    const found = units(readFileSync(`${root}xliff/${locale}.xlf`, 'utf8'));
    const missing = [...ids].filter((id) => !found.has(id));
    assert.deepEqual(missing, [], `${locale} lacks these ids (run npm run localize:extract, then translate)`);
    const stale = [...found.keys()].filter((id) => !ids.has(id));
    assert.deepEqual(stale, [], `${locale} has ids the source no longer uses`);
    const problems = [];
    let same = 0;
    for (const [id, { source, target }] of found) {
      if (!words(target) && !placeholders(target).length) problems.push(`${id}: no translation`);
      else if (placeholders(target).join() !== placeholders(source).join())
        problems.push(`${id}: placeholders ${placeholders(target).join(' ') || 'none'} instead of ${placeholders(source).join(' ') || 'none'}`);
      if (words(target) === words(source)) same += 1;
    }
    assert.deepEqual(problems, []);
    // A few words stay as they are in some languages ("OK", a product name); most must not.
    assert.ok(same <= found.size * 0.1, `${locale}: ${same} of ${found.size} messages are the English unchanged`);
  });
}
