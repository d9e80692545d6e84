import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin, type Rolldown, type UserConfig } from 'vite';

/**
 * Lit's css`` literals keep their indentation; squeezing it out is about 200 bytes gzip off the
 * script-tag entry. Only whitespace and comments are touched.
 */
function minifyCssLiterals(): Plugin {
  return {
    name: 'minify-css-literals',
    transform(code, id) {
      if (!id.endsWith('.styles.ts') && !id.endsWith('/styles.ts')) return undefined;
      const out = code.replace(/css`([^`]*)`/g, (_, body: string) => {
        const squeezed = body
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\s+/g, ' ')
          .replace(/\s*([{}:;,>])\s*/g, '$1')
          .replace(/;}/g, '}')
          // `0.5rem` is `.5rem`; `calc(a * 0.5)` needs no spaces around `*` (only `+` and `-` do).
          .replace(/([\s:(,])0\.(?=\d)/g, '$1.')
          .replace(/ \* (?=[\d.])/g, '*')
          .replace(/ !important/g, '!important')
          .trim();
        return `css\`${squeezed}\``;
      });
      // Only whitespace inside literals changes; line mappings stay close enough for debugging.
      return { code: out, map: null };
    },
  };
}

/**
 * Lit's html`` literals keep the line breaks and indentation of the source; in HTML a run of
 * whitespace with a line break reads as one space, so it becomes one (about 100 bytes gzip off the
 * script-tag entry). Only the literal text between `${…}` changes, never an expression. (Not
 * none: a literal's leading space may separate inline content, e.g. a label and its badge.)
 */
function squeezeHtmlLiterals(): Plugin {
  return {
    name: 'squeeze-html-literals',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || !code.includes('html`')) return undefined;
      return { code: squeezeHtml(code), map: null };
    },
  };
}

function squeezeHtml(code: string): string {
  let out = '';
  let at = 0;
  for (let start = code.indexOf('html`'); start !== -1; start = code.indexOf('html`', at)) {
    out += code.slice(at, start + 5);
    at = literal(code, start + 5, (text) => (out += text.replace(/\s*\n\s*/g, ' ')), (expression) => (out += squeezeHtml(expression)));
  }
  return out + code.slice(at);
}

/**
 * Walks one template literal from just after its opening backtick: its text goes to `text`, each
 * `${…}` (strings, nested literals and braces balanced) to `expression` unchanged. Returns the
 * index after the closing backtick.
 */
function literal(code: string, from: number, text: (part: string) => void, expression: (part: string) => void): number {
  let i = from;
  let part = from;
  while (i < code.length) {
    const char = code[i];
    if (char === '\\') i += 2;
    else if (char === '`') {
      text(code.slice(part, i + 1));
      return i + 1;
    } else if (char === '$' && code[i + 1] === '{') {
      text(code.slice(part, i));
      const end = skipExpression(code, i + 2);
      expression(code.slice(i, end));
      i = part = end;
    } else i += 1;
  }
  text(code.slice(part));
  return code.length;
}

/** The index after the `}` that closes an expression starting at `from`. */
function skipExpression(code: string, from: number): number {
  let depth = 1;
  let i = from;
  while (i < code.length) {
    const char = code[i];
    if (char === '`') i = literal(code, i + 1, () => {}, () => {});
    else if (char === "'" || char === '"') {
      i += 1;
      while (i < code.length && code[i] !== char) i += code[i] === '\\' ? 2 : 1;
      i += 1;
    } else {
      if (char === '{') depth += 1;
      else if (char === '}' && --depth === 0) return i + 1;
      i += 1;
    }
  }
  return i;
}

/**
 * Moves `chunk`'s source map down by `lines` lines added at its top. The map is already in the
 * bundle as its own file by `generateBundle`: that file is what browsers read.
 */
function shiftMap(bundle: Rolldown.OutputBundle, chunk: Rolldown.OutputChunk, lines: number): void {
  const asset = bundle[`${chunk.fileName}.map`];
  if (asset?.type !== 'asset') return;
  const map = JSON.parse(typeof asset.source === 'string' ? asset.source : new TextDecoder().decode(asset.source)) as { mappings: string };
  map.mappings = ';'.repeat(lines) + map.mappings;
  asset.source = JSON.stringify(map);
}

/**
 * The script-tag files find each other from wherever the entry was loaded, however it is named
 * or addressed: `passkey-login.min.js?ver=0.1.0` (WordPress adds the query to every script), a
 * hashed name, a folder of the site's choosing. A lazy file never imports the entry by name:
 * that import would resolve without the query (or to a name that no longer exists) and evaluate
 * the entry, and Lit with it, a second time, which Trusted Types refuses without
 * 'allow-duplicates'. Instead every file is imported with the entry's own URL in its fragment,
 * and imports the entry (and any other lazy file) from that URL, carrying the entry's query so
 * a new version's cache-busting reaches every file.
 *
 * Done on the final code, keeping the source maps exact: the rewritten imports of a file's first
 * statements move to a line of their own (columns padded), and each `import(`./x.js`)` becomes a
 * tagged template of the same length.
 */
function lazyFilesFindTheirEntry(): Plugin {
  const STATIC_IMPORT = /^\s*import\s*(?:\{([^}]*)\}\s*from\s*)?(["'])\.\/([\w.-]+\.js)\2\s*;?/;
  const DYNAMIC_IMPORT = /\bimport\(`\.\/([\w.-]+\.js)`\)/g;
  return {
    name: 'lazy-files-find-their-entry',
    generateBundle(_, bundle) {
      const chunks = Object.values(bundle).filter((file) => file.type === 'chunk');
      const entry = chunks.find((chunk) => chunk.isEntry);
      if (!entry) throw new Error('no entry chunk');
      const names = new Set(chunks.map((chunk) => chunk.fileName));
      for (const chunk of chunks) {
        const code = chunk.code;
        // Two characters, like the `./` a dynamic import loses: the rewrite keeps its length.
        const tag = ['$_', '_$', '$$', ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('').map((c) => `$${c}`)].find(
          (name) => !new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}E?(?![\\w$])`).test(code),
        );
        if (!tag) throw new Error(`${chunk.fileName}: no free name for the import helper`);
        // The entry knows its own URL; a lazy file reads it from its fragment.
        const entryUrl =
          chunk === entry
            ? 'import.meta.url'
            : `((h=new URL(import.meta.url).hash.slice(1))=>h?decodeURIComponent(h):new URL(${JSON.stringify(`./${entry.fileName}`)},import.meta.url).href)()`;
        const prefix = [`const ${tag}E=${entryUrl},${tag}=(s,e=new URL(${tag}E),u=new URL(s[0],e))=>(u.search=e.search,u.hash=encodeURIComponent(e.href),u.href);`];
        let rest = code;
        let consumed = 0;
        for (let match = STATIC_IMPORT.exec(rest); match; match = STATIC_IMPORT.exec(rest)) {
          if (chunk === entry) throw new Error(`${chunk.fileName}: the entry must not import another file statically`);
          const [statement, bindings, , file] = match;
          if (!names.has(file!)) throw new Error(`${chunk.fileName} imports unknown ${file}`);
          const from = file === entry.fileName ? `${tag}E` : `${tag}\`${file}\``;
          prefix.push(bindings === undefined ? `await import(${from});` : `const{${bindings.replace(/\s+as\s+/g, ':')}}=await import(${from});`);
          consumed += statement.length;
          rest = rest.slice(statement.length);
        }
        const body = rest.replace(DYNAMIC_IMPORT, (_, file: string) => {
          if (!names.has(file)) throw new Error(`${chunk.fileName} imports unknown ${file}`);
          return `import(${tag}\`${file}\`)`;
        });
        if (/\bfrom\s*["']\.\/|\bimport\s*\(\s*["'`]\.\//.test(body)) throw new Error(`${chunk.fileName}: an import the rewrite did not recognise`);
        chunk.code = `${prefix.join('')}\n${' '.repeat(consumed)}${body}`;
        // One line more at the top, and the old first line's columns kept by the padding.
        shiftMap(bundle, chunk, 1);
      }
    },
  };
}

/**
 * V8's explicit compile hint (Chrome 136+; WICG "Explicit JavaScript Compile Hints"): a file
 * whose first line is `//# allFunctionsCalledOnLoad` has all its functions compiled while it
 * streams in, on a background thread, instead of each on the main thread at its first call.
 * Nearly all of the entry runs on a page view (the element's definition, first render, the
 * first requests and arming autofill), and the language file right after it. In page traces
 * at 4× CPU the conditional request came about a tenth sooner with it; at 1× the difference
 * was within the noise. The lazy steps are left to the usual lazy compilation: much of them
 * never runs. Other engines read a comment.
 */
function compileEagerly(files: RegExp): Plugin {
  return {
    name: 'compile-eagerly',
    generateBundle(_, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== 'chunk' || !(file.isEntry || files.test(file.fileName))) continue;
        file.code = `//# allFunctionsCalledOnLoad\n${file.code}`;
        shiftMap(bundle, file, 1);
      }
    },
  };
}

/**
 * Each script-tag file also as `.br` and `.gz` next to it, compressed once at the highest
 * levels, for servers that send a precompressed sibling (the reference server, nginx's
 * `gzip_static` and `brotli_static`): compressing the entry on every request took the reference
 * server about 10 ms of CPU a page view, and the visitor that long before the script arrived.
 * Left out of the npm package, whose users have their own bundler and server.
 */
function precompressed(): Plugin {
  return {
    name: 'precompressed',
    generateBundle(_, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== 'chunk') continue;
        const source = Buffer.from(file.code);
        const brotli = brotliCompressSync(source, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: source.length } });
        this.emitFile({ type: 'asset', fileName: `${file.fileName}.br`, source: brotli });
        this.emitFile({ type: 'asset', fileName: `${file.fileName}.gz`, source: gzipSync(source, { level: 9 }) });
      }
    },
  };
}

/** What turns a build into script-tag files: the same for both elements' standalone builds. */
const scriptTagPlugins = (): Plugin[] => [
  minifyCssLiterals(),
  squeezeHtmlLiterals(),
  lazyFilesFindTheirEntry(),
  compileEagerly(/\.localizer\./),
  precompressed(),
];

/**
 * Terser first, then Rolldown's own minifier (`output.minify`), for the script-tag files only: the
 * two together make the entry 114 B gzip smaller than Rolldown's alone (18,932 B against 19,046 B
 * at the time), since Terser's compression and name choice suit gzip better. Terser alone would
 * leave imports in a shape `lazyFilesFindTheirEntry` does not rewrite. Default options only: the
 * `unsafe_*` ones saved 7 B more.
 */
const scriptTagMinify = { minify: 'terser', terserOptions: { ecma: 2022 } } as const;

/** The approval element's script-tag file: built after the other two, into the same `dist/`. */
const approvalStandalone = {
  publicDir: false,
  plugins: scriptTagPlugins(),
  build: {
    target: 'es2022',
    emptyOutDir: false,
    sourcemap: true,
    ...scriptTagMinify,
    lib: { entry: 'src/approval/define.ts', formats: ['es'], fileName: () => 'passkey-login-approval.min.js' },
    rolldownOptions: {
      preserveEntrySignatures: 'allow-extension',
      // Only the words of another language come later: passkey-login-approval.<locale>.min.js.
      output: { minify: true, comments: { annotation: false }, chunkFileNames: 'passkey-login-approval.[name].min.js' },
    },
  },
} satisfies UserConfig;

/**
 * Three builds from one config:
 * - `vite build`: the npm ES modules (`dist/index.js`, `dist/define.js`, `dist/approval.js`,
 *   `dist/approval/define.js`, `dist/presets/*.js`, `dist/react.js`), dependencies (and React) external so an app bundles one
 *   copy of Lit.
 * - `vite build --mode standalone`: `dist/passkey-login.min.js`, one self-contained file for a
 *   site owner's single `<script type="module">` tag. Views few sign-ins reach load on their own
 *   from `dist/passkey-login.steps.min.js` next to it, on intent, and a named
 *   preset from `dist/passkey-login.<name>.min.js`.
 * - `vite build --mode standalone-approval`: `dist/passkey-login-approval.min.js`, the same for
 *   `<passkey-login-approval>` on the site's approval page: one file (and, for a language other
 *   than English, its words from `passkey-login-approval.<locale>.min.js` next to it), nothing of
 *   it in the sign-in element's entry.
 */
export default defineConfig(({ mode }) => {
  if (mode === 'standalone-approval') return approvalStandalone;
  const standalone = mode === 'standalone';
  return {
    publicDir: false,
    plugins: standalone ? scriptTagPlugins() : [minifyCssLiterals(), squeezeHtmlLiterals()],
    build: {
      target: 'es2022',
      emptyOutDir: !standalone,
      sourcemap: true,
      ...(standalone ? scriptTagMinify : {}),
      lib: standalone
        ? { entry: 'src/define.ts', formats: ['es'], fileName: () => 'passkey-login.min.js' }
        : {
            entry: {
              index: 'src/index.ts',
              define: 'src/define.ts',
              approval: 'src/approval/index.ts',
              'approval/define': 'src/approval/define.ts',
              'presets/better-auth': 'src/presets/better-auth.ts',
              'presets/authjs': 'src/presets/authjs.ts',
              react: 'src/react.ts',
            },
            formats: ['es'],
          },
      rolldownOptions: standalone
        ? {
            // Lets the lazy chunk import Lit from the entry instead of splitting Lit into a third file.
            preserveEntrySignatures: 'allow-extension',
            // @simplewebauthn/browser declares no `sideEffects`, so its barrel would pull
            // startRegistration (sign-up only) into the entry; its modules have none.
            treeshake: { moduleSideEffects: (id: string) => !id.includes('@simplewebauthn/browser') },
            // passkey-login.steps.min.js (on intent, or when a step needs it) and passkey-login.qr.min.js
            // (only when a QR code is drawn), next to the entry.
            // No `@__PURE__` marks: these files are bundled by nobody after us.
            output: { minify: true, comments: { annotation: false }, chunkFileNames: 'passkey-login.[name].min.js' },
          }
        : {
            external: [/^lit($|\/)/, /^@lit\//, /^@simplewebauthn\//, /^qrcode-generator$/, /^react($|\/)/],
            // Each language's words in dist/locales/, loaded when an element first speaks it.
            output: { minify: false, chunkFileNames: (chunk) => (chunk.facadeModuleId?.includes('/src/locales/') ? 'locales/[name].js' : '[name].js') },
          },
    },
  };
});
