// Generates custom-elements.json from the elements' JSDoc (the single source of truth for the
// public API), and from it the editor data and framework typings in frameworks/. `npm test`
// regenerates all of them and fails when a committed file differs.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { customElementJetBrainsPlugin } from 'custom-element-jet-brains-integration';
import { customElementSveltePlugin } from 'custom-element-svelte-integration';
import { customElementVsCodePlugin } from 'custom-element-vs-code-integration';
import { customElementVuejsPlugin } from 'custom-element-vuejs-integration';
import { jsxTypesPlugin } from '@wc-toolkit/jsx-types';

/**
 * What ships: each built module and the source modules whose declarations it carries. The
 * manifest names these `dist/` files, the ones an app imports, never `src/*.ts`. `reexports`: the
 * built modules whose declarations this one exports too (`passkey-login` re-exports the approval
 * element and its event).
 */
const SHIPPED = [
  { path: 'dist/index.js', sources: ['src/passkey-login.ts', /^src\/events\/[\w-]+\.ts$/], reexports: ['dist/approval.js'] },
  { path: 'dist/define.js', sources: ['src/define.ts'] },
  { path: 'dist/approval.js', sources: ['src/approval/passkey-login-approval.ts', 'src/approval/events.ts'] },
  { path: 'dist/approval/define.js', sources: ['src/approval/define.ts'] },
];


/**
 * Where the generated files go: frameworks/ next to the manifest. The freshness check runs the
 * analyzer with `--outdir` elsewhere, and the typings must follow it there.
 */
const outdirFlag = process.argv.indexOf('--outdir');
const outdir = join(outdirFlag === -1 ? '.' : process.argv[outdirFlag + 1], 'frameworks');

/** A default written as code (`15_000`, `DEFAULT_ENDPOINT`) becomes the literal value it stands for. */
function literalDefault(value, sourcePath) {
  if (/^-?\d[\d_]*(\.\d+)?$/.test(value)) return value.replace(/_/g, '');
  if (!/^[A-Z][A-Z0-9_]*$/.test(value)) return value;
  const source = readFileSync(sourcePath, 'utf8');
  const local = new RegExp(`\\bconst ${value}\\b[^=]*=\\s*([^;\\n]+);`).exec(source);
  if (local) return literalDefault(local[1].trim().replace(/ as const$/, ''), sourcePath);
  const imported = new RegExp(`import\\s*(?:type\\s*)?\\{[^}]*\\b${value}\\b[^}]*\\}\\s*from\\s*'(\\.[^']+)\\.js'`).exec(source);
  if (!imported) throw new Error(`${sourcePath}: cannot resolve the default ${value}`);
  return literalDefault(value, join(dirname(sourcePath), `${imported[1]}.ts`));
}

/** Rewrites the analyzed source modules into the built modules listed in SHIPPED. */
function describeShippedModules() {
  return {
    name: 'describe-shipped-modules',
    packageLinkPhase({ customElementsManifest: manifest }) {
      const matches = (source, path) => (typeof source === 'string' ? source === path : source.test(path));
      const shippedFrom = (path) => SHIPPED.find((module) => module.sources.some((source) => matches(source, path)));
      /** Class name → the built module that declares it. */
      const declaredIn = new Map();
      const modules = SHIPPED.map((shipped) => ({ kind: 'javascript-module', path: shipped.path, declarations: [], exports: [] }));
      const byPath = new Map(modules.map((module) => [module.path, module]));
      for (const source of manifest.modules) {
        const shipped = shippedFrom(source.path);
        if (!shipped) throw new Error(`custom-elements-manifest.config.mjs: ${source.path} ships in no module of SHIPPED`);
        const target = byPath.get(shipped.path);
        for (const declaration of source.declarations ?? []) {
          // Only the public API: no private fields or methods.
          if (declaration.members) declaration.members = declaration.members.filter((m) => m.privacy !== 'private' && !m.name.startsWith('#'));
          for (const item of [...(declaration.members ?? []), ...(declaration.attributes ?? [])]) {
            if (item.default !== undefined) item.default = literalDefault(item.default, source.path);
          }
          target.declarations.push(declaration);
          declaredIn.set(declaration.name, shipped.path);
        }
        // Custom element definitions stay; the rest of the exports are rebuilt below.
        for (const exported of source.exports ?? []) if (exported.kind === 'custom-element-definition') target.exports.push(exported);
      }
      for (const shipped of SHIPPED) {
        const module = byPath.get(shipped.path);
        const exported = [...module.declarations, ...(shipped.reexports ?? []).flatMap((path) => byPath.get(path).declarations)];
        for (const { name } of exported) module.exports.push({ kind: 'js', name, declaration: { name, module: declaredIn.get(name) } });
        // A define module exports the class it registers.
        for (const definition of module.exports.filter((e) => e.kind === 'custom-element-definition')) {
          const { name } = definition.declaration;
          if (!module.exports.some((e) => e.kind === 'js' && e.name === name)) module.exports.push({ kind: 'js', name, declaration: { name, module: declaredIn.get(name) } });
        }
      }
      // Every reference to a declaration names the built module that declares it; references to
      // what the manifest does not declare (types, constants) are dropped.
      const relink = (node) => {
        if (Array.isArray(node)) return node.forEach(relink);
        if (!node || typeof node !== 'object') return;
        if (Array.isArray(node.references)) {
          node.references = node.references.filter((reference) => reference.package || declaredIn.has(reference.name));
          if (node.references.length === 0) delete node.references;
        }
        if (typeof node.module === 'string' && !node.package) {
          const module = declaredIn.get(node.name);
          // A platform class, such as the events' CustomEvent.
          if (!module && node.name in globalThis) {
            delete node.module;
            node.package = 'global:';
            return;
          }
          if (!module) throw new Error(`custom-elements.json: ${node.name} (${node.module}) is declared in no shipped module`);
          node.module = module;
          delete node.start;
          delete node.end;
        }
        for (const value of Object.values(node)) relink(value);
      };
      relink(modules);
      for (const module of modules) if (module.declarations.length === 0) delete module.declarations;
      manifest.modules = modules;
    },
  };
}

/**
 * Corrects what the Vue and Svelte generators get wrong for this package, after they ran:
 * - each event's type is its class (`PasskeyLoginSuccessEvent`, a CustomEvent with its detail),
 *   which they wrap in `CustomEvent<…>` again, typing `detail` as the event;
 * - `svelteHTML` must be augmented globally from a module (the file imports the element types);
 * - Svelte 5 listens with `onpasskey-login-success` attributes, Svelte 4 with `on:…`: both;
 * - a property with no attribute (`fetch`, `adapter`) is typed only as `bind:fetch`, but Svelte
 *   sets `fetch={…}` as the element's property, which is how it is passed: both;
 * - vue-tsc checks a template's `:request-timeout` as the prop `requestTimeout` and
 *   `@passkey-login-success` as `onPasskeyLoginSuccess`, so Vue's prop names are camelCase.
 */
function correctGeneratedTypings() {
  const rewrite = (file, change) => writeFileSync(join(outdir, file), change(readFileSync(join(outdir, file), 'utf8')));
  const eventClass = (text) => text.replace(/\bCustomEvent<(PasskeyLogin\w*Event)>/g, '$1');
  return {
    name: 'correct-generated-typings',
    packageLinkPhase() {
      const camel = (name) => name.replace(/-(\w)/g, (_, letter) => letter.toUpperCase());
      rewrite('vue.d.ts', (text) =>
        eventClass(text).replace(/^( *)"([\w-]+)"\?:/gm, (_, indent, name) =>
          `${indent}${name.startsWith('on') ? `on${camel(`-${name.slice(2)}`)}` : camel(name)}?:`,
        ),
      );
      rewrite('svelte.d.ts', (text) => {
        const global = text.replace(/^declare namespace svelteHTML \{\n([\s\S]*?)^\}\n/m, (_, body) => `declare global {\n  namespace svelteHTML {\n${body.replace(/^(?=.)/gm, '  ')}  }\n}\n`);
        if (global === text) throw new Error('svelte.d.ts: no svelteHTML namespace to make global');
        return eventClass(global)
          .replace(/^( *)"on:([\w-]+)"(\?: .*)$/gm, '$1"on:$2"$3\n$1"on$2"$3')
          .replace(/^( *)"bind:(\w+)"(\?: .*)$/gm, '$1"bind:$2"$3\n$1$2$3');
      });
    },
  };
}

const typings = { outdir, // The package's main entry exports both elements and every event class.
  componentTypePath: () => 'passkey-login', hideLogs: true };

export default {
  globs: [
    'src/passkey-login.ts',
    'src/events/*.ts',
    'src/define.ts',
    'src/approval/passkey-login-approval.ts',
    'src/approval/events.ts',
    'src/approval/define.ts',
  ],
  exclude: ['src/**/*.test.ts', 'src/events/details.ts'],
  outdir: '.',
  litelement: true,
  dev: false,
  packagejson: false,
  plugins: [
    describeShippedModules(),
    jsxTypesPlugin({ ...typings, fileName: 'jsx.d.ts', stronglyTypedEvents: true, debug: false }),
    customElementVuejsPlugin({ ...typings, fileName: 'vue.d.ts' }),
    customElementSveltePlugin({ ...typings, fileName: 'svelte.d.ts' }),
    correctGeneratedTypings(),
    customElementVsCodePlugin({ outdir, htmlFileName: 'vscode.html-custom-data.json', cssFileName: 'vscode.css-custom-data.json', hideLogs: true }),
    customElementJetBrainsPlugin({ outdir, webTypesFileName: 'web-types.json', packageJson: false, hideLogs: true }),
  ],
};
