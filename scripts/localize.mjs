#!/usr/bin/env node
// `npm run localize`: writes the locale modules the element loads (`src/locales/*.ts`, build
// output) from the XLIFF files, after writing the pseudo-locale `en-XA` from the English: every
// letter accented and each message about 40 % longer, in brackets, so clipped or overflowing text
// and words that skipped translation show at a glance (in Storybook and in tests).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const ACCENTS = { a: 'á', e: 'é', i: 'í', o: 'ö', u: 'ü', c: 'ç', n: 'ñ', y: 'ý', A: 'Å', E: 'É', I: 'Î', O: 'Ø', U: 'Û', C: 'Ç', N: 'Ñ', Y: 'Ý' };

/** The pseudo text of one XLIFF source: placeholders and entities kept, letters accented, padded. */
export function pseudo(source) {
  const parts = source.split(/(<x [^>]*\/>|&[a-z]+;)/);
  const letters = parts.filter((_, i) => i % 2 === 0).join('').length;
  const text = parts.map((part, i) => (i % 2 ? part : part.replace(/[a-zA-Z]/g, (c) => ACCENTS[c] ?? c))).join('');
  return `[${text} ${'·'.repeat(Math.max(1, Math.round(letters * 0.4)))}]`;
}

const english = readFileSync(`${root}xliff/de.xlf`, 'utf8');
const units = [...english.matchAll(/<trans-unit id="([^"]+)">\s*<source>([\s\S]*?)<\/source>/g)];
const body = units.map(([, id, source]) => `<trans-unit id="${id}">\n  <source>${source}</source>\n  <target>${pseudo(source)}</target>\n</trans-unit>`);
writeFileSync(
  `${root}xliff/en-XA.xlf`,
  `<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n<file target-language="en-XA" source-language="en" original="lit-localize-inputs" datatype="plaintext">\n<body>\n${body.join('\n')}\n</body>\n</file>\n</xliff>\n`,
);
const result = spawnSync('npx', ['lit-localize', 'build'], { cwd: root, encoding: 'utf8' });
// lit-localize names each untranslated message; a count per locale is what a reader needs.
const missing = {};
for (const [, locale] of result.stderr.matchAll(/^(\S+) message \S+ is missing/gm)) missing[locale] = (missing[locale] ?? 0) + 1;
const other = result.stderr.split('\n').filter((line) => line && !/ is missing, using canonical text/.test(line));
if (other.length) console.error(other.join('\n'));
for (const [locale, count] of Object.entries(missing)) console.warn(`${locale}: ${count} messages not translated yet (English shown)`);
if (result.status !== 0) process.exit(result.status ?? 1);

// Neither build ships @lit/localize (see src/l10n/msg.ts for why the element does not use its
// runtime): each module makes its `str` templates itself, the same shape, so that loading one
// language is one file.
const STR = 'const str = (strings: TemplateStringsArray, ...values: number[]) => ({ strTag: true as const, strings, values });';
for (const file of readdirSync(`${root}src/locales`)) {
  const path = `${root}src/locales/${file}`;
  writeFileSync(path, readFileSync(path, 'utf8').replace(`import {str} from '@lit/localize';`, STR));
}
