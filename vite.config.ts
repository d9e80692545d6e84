import { defineConfig, type Plugin, type UserConfig } from 'vite';

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
          .trim();
        return `css\`${squeezed}\``;
      });
      // Only whitespace inside literals changes; line mappings stay close enough for debugging.
      return { code: out, map: null };
    },
  };
}

/** The approval element's script-tag file: built after the other two, into the same `dist/`. */
const approvalStandalone = {
  publicDir: false,
  plugins: [minifyCssLiterals()],
  build: {
    target: 'es2022',
    emptyOutDir: false,
    sourcemap: true,
    lib: { entry: 'src/approval/define.ts', formats: ['es'], fileName: () => 'passkey-login-approval.min.js' },
    rolldownOptions: { output: { minify: true, codeSplitting: false } },
  },
} satisfies UserConfig;

/**
 * Three builds from one config:
 * - `vite build`: the npm ES modules (`dist/index.js`, `dist/define.js`, `dist/approval.js`,
 *   `dist/approval/define.js`), dependencies external so an app bundles one copy of Lit.
 * - `vite build --mode standalone`: `dist/passkey-login.min.js`, one self-contained file for a
 *   site owner's single `<script type="module">` tag. Views few sign-ins reach load on their own
 *   from `dist/passkey-login.secondary.min.js` next to it, after the first render.
 * - `vite build --mode standalone-approval`: `dist/passkey-login-approval.min.js`, the same for
 *   `<passkey-login-approval>` on the site's approval page: one file, nothing loaded later, and
 *   nothing of it in the sign-in element's entry.
 */
export default defineConfig(({ mode }) => {
  if (mode === 'standalone-approval') return approvalStandalone;
  const standalone = mode === 'standalone';
  return {
    publicDir: false,
    plugins: [minifyCssLiterals()],
    build: {
      target: 'es2022',
      emptyOutDir: !standalone,
      sourcemap: true,
      lib: standalone
        ? { entry: 'src/define.ts', formats: ['es'], fileName: () => 'passkey-login.min.js' }
        : {
            entry: {
              index: 'src/index.ts',
              define: 'src/define.ts',
              approval: 'src/approval/index.ts',
              'approval/define': 'src/approval/define.ts',
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
            // passkey-login.secondary.min.js (after the first render) and passkey-login.qr.min.js
            // (only when a QR code is drawn), next to the entry.
            output: { minify: true, chunkFileNames: 'passkey-login.[name].min.js' },
          }
        : {
            external: [/^lit($|\/)/, /^@lit\//, /^@simplewebauthn\//, /^qrcode-generator$/],
            output: { minify: false, chunkFileNames: '[name].js' },
          },
    },
  };
});
